//! The generated tables agree with `../shared/data/oxprops.tsv` row by row
//! (so a stale `generated.rs` fails here without running the generator),
//! and every lookup finds every entry.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use ms_oxcdata::PropertyType;
use ms_oxprops::{ALL, Kind, by_id, by_lid, by_name, by_set_name, by_tag, defs, named, sets, tags};

fn data_file(name: &str) -> Option<String> {
    let p = msox_testkit::workspace_root()
        .join("../shared/data")
        .join(name);
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("{} missing (CI is set, so this is a failure)", p.display())
        }
        Err(_) => {
            eprintln!("skipping: {} not found", p.display());
            None
        }
    }
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s.trim_start_matches("0x"), 16).unwrap()
}

#[test]
fn generated_tables_match_the_data() {
    let Some(tsv) = data_file("oxprops.tsv") else {
        return;
    };
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows.len(),
        ALL.len(),
        "row count: regenerate with gen/generate.py"
    );
    for (row, def) in rows.iter().zip(ALL.iter()) {
        let name = row[col("canonical_name")];
        assert_eq!(def.canonical_name, name);
        assert_eq!(
            def.prop_type.value() as u32,
            hex(row[col("type_code")]),
            "{name}"
        );
        assert_eq!(def.type_name, row[col("type_name")], "{name}");
        assert_eq!(def.area, row[col("area")], "{name}");
        assert_eq!(
            def.defining_reference,
            row[col("defining_reference")],
            "{name}"
        );
        let alts: Vec<&str> = row[col("alternate_names")]
            .split(',')
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(def.alternate_names, alts.as_slice(), "{name}");
        match (row[col("kind")], def.kind) {
            ("tagged", Kind::Tagged { id }) => {
                assert_eq!(u32::from(id), hex(row[col("property_id")]), "{name}")
            }
            ("lid", Kind::Lid { set, lid }) => {
                assert_eq!(
                    set.to_string().to_lowercase(),
                    row[col("property_set")],
                    "{name}"
                );
                assert_eq!(lid, hex(row[col("lid")]), "{name}");
            }
            ("name", Kind::Name { set, name: n }) => {
                assert_eq!(
                    set.to_string().to_lowercase(),
                    row[col("property_set")],
                    "{name}"
                );
                assert_eq!(n, row[col("name_string")], "{name}");
            }
            (k, kind) => panic!("{name}: data kind {k}, generated {kind:?}"),
        }
    }
}

#[test]
fn property_sets_match_the_data() {
    let Some(tsv) = data_file("oxprops-property-sets.tsv") else {
        return;
    };
    let rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), sets::ALL.len());
    for (row, (name, guid)) in rows.iter().zip(sets::ALL) {
        assert_eq!(row[0], *name);
        assert_eq!(row[1], guid.to_string().to_lowercase());
    }
}

#[test]
fn counts_by_kind() {
    let tagged = ALL
        .iter()
        .filter(|d| matches!(d.kind, Kind::Tagged { .. }))
        .count();
    let lid = ALL
        .iter()
        .filter(|d| matches!(d.kind, Kind::Lid { .. }))
        .count();
    let name = ALL
        .iter()
        .filter(|d| matches!(d.kind, Kind::Name { .. }))
        .count();
    assert_eq!((tagged, lid, name, ALL.len()), (576, 365, 139, 1080));
}

#[test]
fn every_entry_is_found_by_every_lookup() {
    for def in ALL.iter() {
        assert_eq!(
            by_name(&def.canonical_name).map(|d| d.canonical_name),
            Some(def.canonical_name)
        );
        assert!(
            by_name(&def.canonical_name.to_uppercase()).is_some(),
            "{} case-insensitive",
            def.canonical_name
        );
        for alt in def.alternate_names {
            assert!(
                ms_oxprops::all_by_name(alt).any(|d| std::ptr::eq(d, def)),
                "{alt}"
            );
        }
        match def.kind {
            Kind::Tagged { id } => {
                let tag = def.tag().unwrap();
                assert_eq!(by_tag(tag).unwrap().tag(), Some(tag));
                assert!(ms_oxprops::all_by_tag(tag).any(|d| std::ptr::eq(d, def)));
                assert!(by_id(id).any(|d| std::ptr::eq(d, def)));
            }
            Kind::Lid { set, lid } => {
                assert!(std::ptr::eq(by_lid(set, lid).unwrap(), def));
                let pn = def.property_name().unwrap();
                assert!(ms_oxprops::by_property_name(&pn).is_some());
                assert!(def.named().unwrap().matches(&pn));
            }
            Kind::Name { set, name } => {
                // Two spec entries share `urn:schemas:calendar:locationurl`.
                let found = by_set_name(set, &name).unwrap();
                assert_eq!(found.kind, def.kind);
                assert!(by_set_name(set, &name.to_uppercase()).is_some());
                assert!(def.set_name().is_some());
            }
        }
    }
}

#[test]
fn known_values() {
    assert_eq!(tags::PidTagSubject.to_u32(), 0x0037_001F);
    assert_eq!(tags::PidTagRtfCompressed.to_u32(), 0x1009_0102);
    assert_eq!(tags::PidTagBody.to_u32(), 0x1000_001F);
    assert_eq!(tags::PidTagMessageClass.to_u32(), 0x001A_001F);
    assert_eq!(tags::PidTagAttachDataBinary.to_u32(), 0x3701_0102);
    assert_eq!(
        named::PidLidAppointmentStartWhole.prop_type,
        PropertyType::Time
    );
    assert_eq!(
        defs::PidTagSubject.defining_reference,
        "[MS-OXCMSG] section 2.2.1.46"
    );
    assert_eq!(
        sets::PS_PUBLIC_STRINGS.to_string().to_lowercase(),
        "00020329-0000-0000-c000-000000000046"
    );
    // Shared ID: 0x1013 is PidTagBodyHtml (binary) and PidTagHtml.
    assert!(by_id(0x1013).count() >= 2);
    // PtypString8 tag finds the PtypString entry.
    assert_eq!(
        by_tag(tags::PidTagSubject.with_type(PropertyType::String8))
            .unwrap()
            .canonical_name,
        "PidTagSubject"
    );
    assert!(by_name("no such property").is_none());
    assert_eq!(
        ms_oxprops::set_by_name("psetid_appointment"),
        Some(sets::PSETID_Appointment)
    );
    assert_eq!(
        ms_oxprops::describe_tag(tags::PidTagSubject),
        "PidTagSubject"
    );
    assert_eq!(
        ms_oxprops::describe_tag(ms_oxcdata::PropertyTag::from_u32(0x7FFF_0003)),
        "0x7FFF0003"
    );
}

/// The tables' strings behave as the `&'static str`s they stand for.
#[test]
fn static_strs_behave_as_strs() {
    use std::collections::HashSet;
    let d = &ms_oxprops::defs::PidTagSubject;
    assert_eq!(d.canonical_name, "PidTagSubject");
    assert_eq!("PidTagSubject", d.canonical_name);
    assert_eq!(
        format!("{} {:?}", d.canonical_name, d.canonical_name),
        "PidTagSubject \"PidTagSubject\""
    );
    assert!(d.canonical_name.starts_with("PidTag"));
    let s: &'static str = d.canonical_name.into();
    assert_eq!(s.len(), 13);
    assert_eq!(
        d.alternate_names[..3],
        ["PR_SUBJECT", "PR_SUBJECT_A", "ptagSubject"]
    );
    assert_eq!(
        format!("{:?}", &d.alternate_names[..2]),
        "[\"PR_SUBJECT\", \"PR_SUBJECT_A\"]"
    );
    assert_eq!(d.alternate_names[..2].join(","), "PR_SUBJECT,PR_SUBJECT_A");
    assert_eq!(
        format!("{:?}", defs::PidLidAddressCountryCode.alternate_names),
        "[\"dispidAddressCountryCode\"]"
    );
    assert_eq!(
        defs::PidLidAddressCountryCode.alternate_names,
        ["dispidAddressCountryCode"]
    );
    // Hash and Eq agree with str's (Borrow<str>).
    let set: HashSet<ms_oxprops::StaticStr> = d.alternate_names.iter().copied().collect();
    assert!(set.contains("PR_SUBJECT_W"));
    assert!(!set.contains("PR_SUBJECT_X"));
    assert!(d.other_names.is_empty() || d.other_names.iter().all(|n| !n.is_empty()));
    // Every string of every entry is in bounds (an empty one only where the
    // data has none).
    for def in &ms_oxprops::ALL {
        assert!(!def.canonical_name.is_empty());
        assert!(def.type_name.starts_with("Ptyp"), "{}", def.canonical_name);
        assert!(
            def.alternate_names
                .iter()
                .chain(def.other_names.iter())
                .all(|n| !n.is_empty())
        );
    }
}
