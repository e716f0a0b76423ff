//! Hostile input: the testkit's hostile suite over every decoder entry
//! point (truncations, mutations, starved budgets, strict and lenient; the
//! FastTransfer stream fed in pseudo-random pieces), huge counts and
//! lengths, deep nesting.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcfxics::{
    Cn, ExtendedErrorInfo, FolderReplicaInfo, GlobSet, IdSet, PredecessorChangeList,
    ProgressInformation, PropertyGroupInfo, Root, SizedXid, Xid, decode_message_pieces,
    parse_pieces, parse_stream,
};
use msox_codec::{Decode, ErrorKind, Limits, Options};
use msox_testkit::hostile::{Suite, outcome, suite_for};
use msox_testkit::{corpus, vectors};

fn samples_of(ty: &str, root: Option<&str>) -> Vec<Vec<u8>> {
    vectors("oxcfxics")
        .into_iter()
        .filter(|v| v.meta.get("type").map(String::as_str) == Some(ty))
        .filter(|v| root.is_none() || v.meta.get("root").map(String::as_str) == root)
        .map(|v| v.bytes)
        .collect()
}

fn corpus_samples(folder: &str) -> Vec<Vec<u8>> {
    corpus::files(folder, &[".bin"])
        .iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .collect()
}

/// Cuts `b` into pieces at pseudo-random points derived from its length
/// and contents (the same cuts for the same input).
fn random_pieces(b: &[u8]) -> Vec<&[u8]> {
    let mut seed = (b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ b.iter()
            .take(64)
            .fold(0u64, |a, &x| a.rotate_left(5) ^ u64::from(x));
    let mut out = Vec::new();
    let mut rest = b;
    while !rest.is_empty() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (1 + (seed % 23) as usize).min(rest.len());
        let (a, r) = rest.split_at(n);
        out.push(a);
        rest = r;
    }
    out
}

#[test]
fn oxcfxics_stream() {
    for (root, name) in [
        (Root::MessageContent, "MessageContent"),
        (Root::ContentsSync, "ContentsSync"),
        (Root::HierarchySync, "HierarchySync"),
        (Root::TopFolder, "TopFolder"),
        (Root::FolderContent, "FolderContent"),
        (Root::MessageList, "MessageList"),
        (Root::AttachmentContent, "AttachmentContent"),
        (Root::State, "State"),
    ] {
        let samples = samples_of("stream", Some(name));
        assert!(!samples.is_empty(), "{name}");
        Suite::new(&format!("oxcfxics_stream ({name})"))
            .prefixes_may_decode()
            .run(&samples, |b, o| {
                outcome(parse_pieces(random_pieces(b), root, o))
            });
    }
}

#[test]
fn oxcfxics_message() {
    let samples = samples_of("stream", Some("MessageContent"));
    Suite::new("oxcfxics_message")
        .prefixes_may_decode()
        .run(&samples, |b, o| {
            outcome(decode_message_pieces(
                random_pieces(b),
                o,
                Default::default(),
            ))
        });
}

#[test]
fn oxcfxics_idset() {
    let mut s = samples_of("IdSetReplId", None);
    s.extend(corpus_samples("fxics/idset"));
    Suite::new("oxcfxics_idset")
        .prefixes_may_decode()
        .run(&s, |b, o| outcome(IdSet::<u16>::decode_bytes(b, o)));
    let mut s = samples_of("IdSetReplGuid", None);
    s.extend(corpus_samples("fxics/idset"));
    Suite::new("oxcfxics_idset (REPLGUID)")
        .prefixes_may_decode()
        .run(&s, |b, o| outcome(IdSet::<Guid>::decode_bytes(b, o)));
}

#[test]
fn oxcfxics_pcl() {
    let mut s = samples_of("PredecessorChangeList", None);
    s.extend(corpus_samples("fxics/pcl"));
    Suite::new("oxcfxics_pcl")
        .prefixes_may_decode()
        .run(&s, |b, o| {
            outcome(PredecessorChangeList::decode_bytes(b, o))
        });
}

#[test]
fn oxcfxics_globset() {
    suite_for::<GlobSet>("oxcfxics_globset", &samples_of("GlobSet", None));
}

#[test]
fn oxcfxics_xid() {
    let mut s = samples_of("Xid", None);
    s.extend(corpus_samples("fxics/xid"));
    Suite::new("oxcfxics_xid")
        .prefixes_may_decode()
        .run(&s, |b, o| outcome(Xid::decode_bytes(b, o)));
    suite_for::<SizedXid>("oxcfxics_sized_xid", &samples_of("SizedXid", None));
}

#[test]
fn oxcfxics_structures() {
    suite_for::<Cn>("oxcfxics_cn", &samples_of("Cn", None));
    suite_for::<ProgressInformation>(
        "oxcfxics_progress_information",
        &samples_of("ProgressInformation", None),
    );
    suite_for::<PropertyGroupInfo>(
        "oxcfxics_property_group_info",
        &samples_of("PropertyGroupInfo", None),
    );
    suite_for::<FolderReplicaInfo>(
        "oxcfxics_folder_replica_info",
        &samples_of("FolderReplicaInfo", None),
    );
    Suite::new("oxcfxics_extended_error_info")
        .prefixes_may_decode()
        .run(&samples_of("ExtendedErrorInfo", None), |b, o| {
            outcome(ExtendedErrorInfo::decode_bytes(b, o))
        });
}

#[test]
fn huge_counts_and_lengths_are_refused_without_allocating() {
    // A PtypMultipleBinary with 0xFFFFFFFF values and nothing after it: the
    // stream ends early (the parser waits for bytes, it does not allocate).
    let mv = [0x02, 0x11, 0x00, 0x68, 0xFF, 0xFF, 0xFF, 0xFF];
    let e = parse_stream(&mv, Root::MessageContent, &Options::strict()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    // A PtypMultipleInteger32 claiming 2^28 values over 64 bytes: the same.
    let mut mv32 = vec![0x03, 0x10, 0x00, 0x68, 0x00, 0x00, 0x00, 0x10];
    mv32.extend([0; 64]);
    let e = parse_stream(&mv32, Root::MessageContent, &Options::strict()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    // A PtypBinary of 4 GiB.
    let bin = [0x02, 0x01, 0x01, 0x37, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];
    let e = parse_stream(&bin, Root::MessageContent, &Options::strict()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    // A declared length larger than the allocation budget, fed in pieces.
    let mut big = vec![0x02, 0x01, 0x01, 0x37];
    big.extend(200u32.to_le_bytes());
    big.extend([0u8; 200]);
    let o = Options::strict().with_limits(Limits::DEFAULT.with_max_alloc(100));
    let e = parse_pieces(big.chunks(50), Root::MessageContent, &o).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // ...but read whole from one piece, the value is borrowed and costs nothing.
    assert!(parse_stream(&big, Root::MessageContent, &o).is_ok());
    // PropertyGroupInfo claiming 2^32-1 groups.
    let pgi = [1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0];
    let e = PropertyGroupInfo::decode_exact(&pgi).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // FolderReplicaInfo claiming 2^32-1 server DNs.
    let mut fri = vec![0u8; 32];
    fri.extend([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, b'a', 0]);
    let e = FolderReplicaInfo::decode_exact(&fri).unwrap_err();
    assert!(e.is_limit(), "{e}");
}

#[test]
fn deep_nesting_of_embedded_messages_is_limited() {
    // NewAttach, PidTagAttachNumber, StartEmbed, repeated.
    let mut s = Vec::new();
    for _ in 0..200 {
        s.extend([0x03, 0x00, 0x00, 0x40]);
        s.extend([0x03, 0x00, 0x21, 0x0E, 0, 0, 0, 0]);
        s.extend([0x03, 0x00, 0x01, 0x40]);
    }
    let e = parse_stream(&s, Root::MessageContent, &Options::lenient()).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                what: "element nesting depth",
                ..
            }
        ),
        "{e}"
    );
    assert!(e.offset().unwrap() < s.len());
    // Within the limit, the same nesting parses and closes.
    let mut ok = Vec::new();
    for _ in 0..10 {
        ok.extend([0x03, 0x00, 0x00, 0x40]);
        ok.extend([0x03, 0x00, 0x21, 0x0E, 0, 0, 0, 0]);
        ok.extend([0x03, 0x00, 0x01, 0x40]);
    }
    for _ in 0..10 {
        ok.extend([0x03, 0x00, 0x02, 0x40]);
        ok.extend([0x03, 0x00, 0x0E, 0x40]);
    }
    let m = ms_oxcfxics::decode_message_content(&ok, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(m.embedded_messages().len(), 10);
}

#[test]
fn a_name_without_terminator_fed_byte_by_byte_is_linear_and_fails_at_the_end() {
    // Named property 0x8000, kind 1 (name), then 200 KB of non-zero
    // UTF-16 units: the scanner resumes where it stopped, so feeding one
    // byte at a time stays linear.
    let mut s = vec![0x1F, 0x00, 0x00, 0x80];
    s.extend([0xAA; 16]);
    s.push(1);
    s.extend(std::iter::repeat_n(0x41, 200_000));
    let t = std::time::Instant::now();
    let e = parse_pieces(s.chunks(1), Root::MessageContent, &Options::strict()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    assert_eq!(e.offset(), Some(s.len()));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn lenient_parsing_passes_out_of_grammar_tokens_through() {
    // EndAttach where no attachment is open: strict refuses; lenient
    // reports it and keeps the token, so writing the events back gives
    // the input.
    let s = [
        0x03, 0x00, 0x07, 0x0E, 1, 0, 0, 0, // PidTagMessageFlags
        0x03, 0x00, 0x0E, 0x40, // EndAttach, out of place
        0x03, 0x00, 0x07, 0x0E, 2, 0, 0, 0,
    ];
    let e = parse_stream(&s, Root::MessageContent, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(8), "{e}");
    let d = parse_stream(&s, Root::MessageContent, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(ms_oxcfxics::encode_events(&d.value).unwrap(), s);
}

mod arbitrary_streams {
    use super::*;
    use proptest::prelude::*;

    const ROOTS: [Root; 8] = [
        Root::MessageContent,
        Root::ContentsSync,
        Root::HierarchySync,
        Root::TopFolder,
        Root::FolderContent,
        Root::MessageList,
        Root::AttachmentContent,
        Root::State,
    ];

    /// Bytes that look like a stream: markers and tags of common types
    /// mixed with noise.
    fn streamish() -> impl Strategy<Value = Vec<u8>> {
        let markers: Vec<u32> = ms_oxcfxics::Marker::KNOWN
            .iter()
            .map(|m| m.value())
            .collect();
        let atom = prop_oneof![
            prop::sample::select(markers).prop_map(|m| m.to_le_bytes().to_vec()),
            (
                any::<u16>(),
                prop::sample::select(vec![
                    0x0003u16, 0x000B, 0x001F, 0x001E, 0x0102, 0x1003, 0x101F, 0x84E4, 0x0014
                ])
            )
                .prop_map(|(id, t)| [t.to_le_bytes(), id.to_le_bytes()].concat()),
            (0u32..40).prop_map(|n| n.to_le_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 0..6),
        ];
        prop::collection::vec(atom, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn any_bytes_in_any_pieces_never_panic_and_lenient_reading_is_lossless(
            bytes in prop_oneof![streamish(), prop::collection::vec(any::<u8>(), 0..200)],
            root in 0usize..8,
            size in 1usize..40,
        ) {
            let root = ROOTS[root];
            let strict = parse_pieces(bytes.chunks(size), root, &Options::strict());
            let lenient = parse_pieces(bytes.chunks(size), root, &Options::lenient());
            let whole = parse_stream(&bytes, root, &Options::lenient());
            match (&lenient, &whole) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(&a.value, &b.value);
                    prop_assert_eq!(ms_oxcfxics::encode_events(&a.value).unwrap(), bytes.clone());
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                _ => prop_assert!(false, "split and whole disagree"),
            }
            if let Ok(s) = strict {
                prop_assert!(s.defects.is_empty());
                prop_assert_eq!(ms_oxcfxics::encode_events(&s.value).unwrap(), bytes.clone());
            }
        }
    }
}
