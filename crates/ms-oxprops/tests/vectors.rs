//! `test-vectors/oxprops/*.hex`: property tags as they travel on the wire
//! ([MS-OXCDATA] 2.9 PropertyTag, little-endian), each named by the
//! registry both ways.
//!
//! Metadata: `name` (the canonical [MS-OXPROPS] name) and `tag` (the tag as
//! a hexadecimal number).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

use ms_oxcdata::PropertyTag;
use msox_testkit::{assert_round_trip, vectors};

#[test]
fn tags_name_both_ways() {
    let vs = vectors("oxprops");
    assert!(vs.len() >= 10, "{}", vs.len());
    for v in &vs {
        assert_eq!(v.meta("type"), "PropertyTag", "{}", v.name);
        let tag: PropertyTag = assert_round_trip(&v.bytes, &v.name);
        let want = u32::from_str_radix(v.meta("tag").trim_start_matches("0x"), 16).unwrap();
        assert_eq!(tag.to_u32(), want, "{}", v.name);
        // Tag -> definition -> name, and name -> definition -> tag.
        let def = ms_oxprops::by_tag(tag).unwrap();
        assert_eq!(def.canonical_name, v.meta("name"), "{}", v.name);
        let back = ms_oxprops::by_name(v.meta("name")).unwrap();
        assert_eq!(back.tag(), Some(tag), "{}", v.name);
        // Every alternate name finds the same property (with its ID).
        for alt in def.alternate_names {
            let d = ms_oxprops::by_name(alt).unwrap();
            assert_eq!(d.tag().map(|t| t.id), Some(tag.id), "{}: {alt}", v.name);
        }
        assert!(ms_oxprops::describe_tag(tag).contains(v.meta("name")));
    }
}
