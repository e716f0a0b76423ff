//! Property test: any manifest written and read back is the same model,
//! whatever its strings hold (escapes, quotes, white space inside values).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxwoab::{Attribute, FileKind, Manifest, OabFile, Oal};
use proptest::prelude::*;

/// Attribute values: printable text, XML specials, white space, non-ASCII.
fn value() -> impl Strategy<Value = String> {
    "[ -~\t\n\r\u{e9}\u{20ac}\u{1F600}]{0,24}"
}

/// Element text is trimmed on reading, so generate it trimmed.
fn file_name() -> impl Strategy<Value = String> {
    "([!-~\u{e9}]([ -~]{0,20}[!-~])?)?"
}

fn others(prefix: &'static str) -> impl Strategy<Value = Vec<Attribute>> {
    proptest::collection::vec(value(), 0..3).prop_map(move |vs| {
        vs.into_iter()
            .enumerate()
            .map(|(i, v)| Attribute::new(format!("x:{prefix}{i}"), v))
            .collect()
    })
}

fn file() -> impl Strategy<Value = OabFile> {
    (
        prop::sample::select(vec![FileKind::Full, FileKind::Diff, FileKind::Template]),
        any::<u32>(),
        any::<u32>(),
        any::<u64>(),
        any::<u64>(),
        value(),
        proptest::option::of(value()),
        proptest::option::of(value()),
        file_name(),
        others("f"),
    )
        .prop_map(
            |(
                kind,
                seq,
                ver,
                size,
                uncompressed_size,
                sha,
                langid,
                template_type,
                file_name,
                other_attributes,
            )| {
                OabFile {
                    kind,
                    seq,
                    ver,
                    size,
                    uncompressed_size,
                    sha,
                    langid,
                    template_type,
                    file_name,
                    other_attributes,
                }
            },
        )
}

fn unknown_elements() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(0u8..3, 0..3).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, k)| match k {
                0 => format!("<x:e{i}/>"),
                1 => format!("<x:e{i} a=\"1\">text &amp; more</x:e{i}>"),
                _ => format!("<x:e{i}><x:inner b='2'/><x:inner/></x:e{i}>"),
            })
            .collect()
    })
}

fn oal() -> impl Strategy<Value = Oal> {
    (
        value(),
        value(),
        value(),
        proptest::collection::vec(file(), 0..6),
        others("o"),
        unknown_elements(),
    )
        .prop_map(
            |(id, dn, name, files, other_attributes, other_elements)| Oal {
                id,
                dn,
                name,
                files,
                other_attributes,
                other_elements,
            },
        )
}

fn manifest() -> impl Strategy<Value = Manifest> {
    (
        proptest::collection::vec(oal(), 0..4),
        others("m"),
        unknown_elements(),
    )
        .prop_map(|(oals, other_attributes, other_elements)| Manifest {
            oals,
            other_attributes,
            other_elements,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn manifest_round_trips(m in manifest()) {
        let xml = m.to_xml();
        let back = Manifest::parse(xml.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_xml(), xml);
    }
}
