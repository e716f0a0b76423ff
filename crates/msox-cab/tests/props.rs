//! Round trips: cabinets written by a small test writer (one folder:
//! stored, MSZIP or LZX) extract to the files they were made of; safe
//! paths never leave their directory.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{Kind, build};
use msox_cab::CabinetSet;
use msox_cab::names::safe_path;
use msox_codec::Options;
use proptest::prelude::*;

fn files() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    proptest::collection::vec(
        (
            "[a-zA-Z0-9_ .\\\\/é-]{1,20}",
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..3000),
                (0usize..70_000, any::<u8>())
                    .prop_map(|(n, b)| (0..n).map(|i| b.wrapping_add((i % 37) as u8)).collect()),
            ],
        ),
        1..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn written_cabinets_extract_to_their_files(files in files(), kind in 0u8..4) {
        let kind = match kind {
            0 => Kind::Stored,
            1 => Kind::Mszip,
            2 => Kind::Lzx(15),
            _ => Kind::Lzx(18),
        };
        let cab = build(&files, kind);
        let set = CabinetSet::open(&[&cab], &Options::strict()).unwrap();
        prop_assert!(set.defects.is_empty());
        let set = set.value;
        prop_assert_eq!(set.files().len(), files.len());
        let d = set.extract_all(&Options::strict()).unwrap();
        for ((n, r), (name, data)) in d.value.iter().zip(&files) {
            prop_assert_eq!(&set.files()[*n].name_text(), name);
            prop_assert_eq!(r.as_ref().unwrap(), data);
        }
        let t = set.test(&Options::strict()).unwrap();
        prop_assert!(t.value.iter().all(|o| o.result.is_ok()));
    }

    #[test]
    fn safe_paths_stay_inside(name in "[./\\\\a-z:*?<>|\\x00-\\x1f]{0,30}") {
        let p = safe_path(&name, "x");
        prop_assert!(!p.is_empty());
        prop_assert!(!p.starts_with('/'));
        prop_assert!(!p.contains('\\'));
        for c in p.split('/') {
            prop_assert!(!c.is_empty() && c != "." && c != ".." && !c.starts_with('.'));
            prop_assert!(!c.chars().any(|ch| ch.is_control() || ":*?\"<>|".contains(ch)));
        }
    }
}
