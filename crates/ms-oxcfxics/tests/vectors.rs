//! `test-vectors/oxcfxics`: every vector decodes to what its `# expect:`
//! line says and re-encodes to the same bytes; error vectors (`.err`)
//! give the stated error (strict) or first defect (lenient), and what
//! lenient decoding keeps is written back unchanged.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcfxics::{
    Cn, Event, ExtendedErrorInfo, FolderReplicaInfo, GlobSet, IdSet, IdSetReplGuid, IdSetReplId,
    PredecessorChangeList, ProgressInformation, PropertyGroupInfo, Replica, Root, SizedXid, Xid,
    encode_events, parse_pieces, parse_stream,
};
use msox_codec::{Decode, Encode, Options, encode_checked};
use msox_testkit::hostile::{Outcome, outcome};
use msox_testkit::{Vector, assert_round_trip, vectors};

fn root_of(v: &Vector) -> Root {
    match v.meta("root") {
        "MessageContent" => Root::MessageContent,
        "ContentsSync" => Root::ContentsSync,
        "HierarchySync" => Root::HierarchySync,
        "TopFolder" => Root::TopFolder,
        "FolderContent" => Root::FolderContent,
        "MessageList" => Root::MessageList,
        "AttachmentContent" => Root::AttachmentContent,
        "State" => Root::State,
        other => panic!("{}: unknown root {other}", v.name),
    }
}

/// The compact form `# expect:` lines use for events.
pub fn summary(events: &[Event<'_>]) -> String {
    let el = |e: &ms_oxcfxics::Element| match e {
        ms_oxcfxics::Element::Message { fai: true } => "message(fai)".to_string(),
        e => e.name().to_string(),
    };
    events
        .iter()
        .map(|e| match e {
            Event::Begin(x) => format!("B:{}", el(x)),
            Event::End(x) => format!("E:{}", el(x)),
            Event::Abort(x) => format!("A:{}", el(x)),
            Event::Marker(m) => format!("K:{m}"),
            Event::Property(p) => format!("P:{:08X}", p.tag.to_u32()),
            Event::Meta(p) => format!("M:{:08X}", p.tag.to_u32()),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ranges_summary(g: &GlobSet) -> Vec<String> {
    g.ranges()
        .iter()
        .map(|r| {
            if r.low == r.high {
                format!("{:012x}", r.low)
            } else {
                format!("{:012x}-{:012x}", r.low, r.high)
            }
        })
        .collect()
}

fn idset_summary<R: Replica>(s: &IdSet<R>, key: impl Fn(&R) -> String) -> String {
    s.entries()
        .iter()
        .flat_map(|e| {
            let k = key(&e.replica);
            ranges_summary(&e.globset)
                .into_iter()
                .map(move |r| format!("{k}:{r}"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn stream_outcome(v: &Vector) -> impl Fn(&[u8], &Options) -> Outcome + use<> {
    let root = root_of(v);
    move |b, o| outcome(parse_stream(b, root, o))
}

type Decoder = Box<dyn Fn(&[u8], &Options) -> Outcome>;

fn decoder(v: &Vector) -> Decoder {
    match v.meta("type") {
        "stream" => Box::new(stream_outcome(v)),
        "IdSetReplId" => Box::new(|b, o| outcome(IdSetReplId::decode_bytes(b, o))),
        "IdSetReplGuid" => Box::new(|b, o| outcome(IdSetReplGuid::decode_bytes(b, o))),
        "PredecessorChangeList" => {
            Box::new(|b, o| outcome(PredecessorChangeList::decode_bytes(b, o)))
        }
        "Xid" => Box::new(|b, o| outcome(Xid::decode_bytes(b, o))),
        "GlobSet" => Box::new(|b, o| outcome(GlobSet::decode_bytes(b, o))),
        other => panic!("{}: no decoder for {other}", v.name),
    }
}

/// Decodes in lenient mode and re-encodes: what lenient decoding keeps is
/// written back unchanged.
fn lenient_re_encodes(v: &Vector) {
    let o = Options::lenient();
    let b = &v.bytes;
    let out = match v.meta("type") {
        "stream" => {
            let d = parse_stream(b, root_of(v), &o).unwrap();
            encode_events(&d.value).unwrap()
        }
        "IdSetReplId" => encode_checked(&IdSetReplId::decode_bytes(b, &o).unwrap().value).unwrap(),
        "PredecessorChangeList" => {
            encode_checked(&PredecessorChangeList::decode_bytes(b, &o).unwrap().value).unwrap()
        }
        other => panic!("{}: {other}", v.name),
    };
    assert_eq!(&out, b, "{}: lenient decoding re-encodes", v.name);
}

#[test]
fn every_vector_decodes_as_stated_and_re_encodes() {
    let all = vectors("oxcfxics");
    assert!(all.len() >= 20);
    for v in &all {
        let name = &v.name;
        if let Some(exp) = &v.expected_error {
            assert!(v.check_expected_error(decoder(v)), "{name}");
            if exp.mode == "lenient" {
                lenient_re_encodes(v);
            }
            continue;
        }
        let expect = v.meta.get("expect").cloned();
        match v.meta("type") {
            "stream" => {
                let root = root_of(v);
                let d = parse_stream(&v.bytes, root, &Options::strict())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(
                    summary(&d.value),
                    expect.clone().unwrap_or_default(),
                    "{name}: events"
                );
                assert_eq!(
                    encode_events(&d.value).unwrap(),
                    v.bytes,
                    "{name}: re-encoding"
                );
                // The same events whatever the split.
                for size in 1..=64 {
                    let pieces: Vec<&[u8]> = v.bytes.chunks(size).collect();
                    let e = parse_pieces(pieces, root, &Options::strict()).unwrap();
                    assert_eq!(e.value, d.value, "{name}: pieces of {size}");
                }
            }
            "IdSetReplId" => {
                let s: IdSetReplId = assert_round_trip(&v.bytes, name);
                let got = idset_summary(&s, |r| format!("{r:04x}"));
                assert_eq!(Some(got), expect, "{name}");
            }
            "IdSetReplGuid" => {
                let s: IdSetReplGuid = assert_round_trip(&v.bytes, name);
                let got = idset_summary(&s, |g: &Guid| format!("{{{g}}}"));
                assert_eq!(Some(got), expect, "{name}");
            }
            "GlobSet" => {
                let g: GlobSet = assert_round_trip(&v.bytes, name);
                assert_eq!(Some(ranges_summary(&g).join(" ")), expect, "{name}");
                let canonical = v.meta.get("canonical").map(String::as_str) != Some("false");
                assert_eq!(g.is_canonical(), canonical, "{name}: canonical encoding");
            }
            "PredecessorChangeList" => {
                let p: PredecessorChangeList = assert_round_trip(&v.bytes, name);
                assert_eq!(Some(p.xids().len().to_string()), expect, "{name}");
            }
            "Xid" => drop(assert_round_trip::<Xid>(&v.bytes, name)),
            "SizedXid" => drop(assert_round_trip::<SizedXid>(&v.bytes, name)),
            "Cn" => drop(assert_round_trip::<Cn>(&v.bytes, name)),
            "ProgressInformation" => drop(assert_round_trip::<ProgressInformation>(&v.bytes, name)),
            "PropertyGroupInfo" => drop(assert_round_trip::<PropertyGroupInfo>(&v.bytes, name)),
            "FolderReplicaInfo" => drop(assert_round_trip::<FolderReplicaInfo>(&v.bytes, name)),
            "ExtendedErrorInfo" => drop(assert_round_trip::<ExtendedErrorInfo>(&v.bytes, name)),
            other => panic!("{name}: unknown type {other}"),
        }
    }
}

#[test]
fn the_4_4_example_is_what_the_four_message_ids_serialize_to() {
    use ms_oxcdata::{GlobalCounter, MessageId};
    let v = msox_testkit::vector("oxcfxics", "idset-4.4-example");
    let mids = [(1, 5), (1, 6), (1, 0x10), (2, 9)]
        .map(|(r, g)| MessageId::new(r, GlobalCounter::from_u64(g)));
    let set = IdSetReplId::from_ids(&mids);
    assert_eq!(set.to_vec().unwrap(), v.bytes);
    // The same set, however the IDs are ordered or repeated.
    let shuffled = [mids[3], mids[1], mids[2], mids[0], mids[1]];
    assert_eq!(IdSetReplId::from_ids(&shuffled).to_vec().unwrap(), v.bytes);
    for m in &mids {
        assert!(set.contains_id(m));
    }
}

#[test]
fn structure_vectors_hold_the_stated_values() {
    let p = assert_round_trip::<ProgressInformation>(
        &msox_testkit::vector("oxcfxics", "progressinformation").bytes,
        "progress",
    );
    assert_eq!(
        (
            p.fai_message_count,
            p.fai_message_total_size,
            p.normal_message_count,
            p.normal_message_total_size
        ),
        (1, 300, 2, 9000)
    );
    let g = assert_round_trip::<PropertyGroupInfo>(
        &msox_testkit::vector("oxcfxics", "propertygroupinfo").bytes,
        "pgi",
    );
    assert_eq!(g.groups.len(), 2);
    let names: Vec<String> = g.groups[1]
        .properties
        .iter()
        .map(|p| p.name.as_ref().unwrap().to_property_name().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "{00062008-0000-0000-C000-000000000046}:0x8503",
            "{00020329-0000-0000-C000-000000000046}:\"Keywords\""
        ]
    );
    assert_eq!(g.group_of(ms_oxprops::tags::PidTagSubject), Some(0));
    let f = assert_round_trip::<FolderReplicaInfo>(
        &msox_testkit::vector("oxcfxics", "folderreplicainfo").bytes,
        "fri",
    );
    assert_eq!(f.server_dns.len(), 2);
    assert_eq!(f.server_dns[1].to_string_lossy(), "/o=Example/cn=S2");
    let e = assert_round_trip::<ExtendedErrorInfo>(
        &msox_testkit::vector("oxcfxics", "extendederrorinfo").bytes,
        "eei",
    );
    assert_eq!(e.error_code.value(), 0x8004_010F);
    assert_eq!(e.aux_bytes(), Some(&b"diag"[..]));
    assert_eq!(e.message_gid.global_counter.to_u64(), 0x20);
}

#[test]
fn stream_vectors_carry_decodable_ics_payloads() {
    use ms_oxcfxics::tags;
    let v = msox_testkit::vector("oxcfxics", "stream-contentssync");
    let events = parse_stream(&v.bytes, Root::ContentsSync, &Options::strict())
        .unwrap()
        .value;
    let mut seen = 0;
    for ev in &events {
        let (Event::Property(p) | Event::Meta(p)) = ev else {
            continue;
        };
        let Some(b) = p.as_bytes() else { continue };
        match p.tag {
            t if t == tags::META_TAG_IDSET_GIVEN
                || t == tags::META_TAG_CNSET_SEEN
                || t == tags::META_TAG_CNSET_SEEN_FAI
                || t == tags::META_TAG_CNSET_READ =>
            {
                let s = IdSetReplGuid::decode_exact(b).unwrap();
                assert_eq!(s.to_vec().unwrap(), b);
                seen += 1;
            }
            t if t == tags::META_TAG_IDSET_DELETED || t == tags::META_TAG_IDSET_READ => {
                let s = IdSetReplId::decode_exact(b).unwrap();
                assert_eq!(s.to_vec().unwrap(), b);
                seen += 1;
            }
            t if t == ms_oxprops::tags::PidTagPredecessorChangeList => {
                PredecessorChangeList::decode_exact(b).unwrap();
                seen += 1;
            }
            t if t == ms_oxprops::tags::PidTagChangeKey => {
                Xid::decode_exact(b).unwrap();
                seen += 1;
            }
            _ => {}
        }
    }
    assert_eq!(seen, 10);
    let given = events.iter().find_map(|e| match e {
        Event::Property(p) if p.tag == tags::META_TAG_IDSET_GIVEN => Some(p.clone()),
        _ => None,
    });
    let given = IdSetReplGuid::decode_exact(given.unwrap().as_bytes().unwrap()).unwrap();
    assert_eq!(given.len(), 0x20);
}

#[test]
fn a_message_list_with_an_error_gives_the_whole_messages() {
    let v = msox_testkit::vector("oxcfxics", "stream-messagelist-errorinfo");
    let mut b = ms_oxcfxics::MessageBuilder::new();
    for ev in parse_stream(&v.bytes, Root::MessageList, &Options::strict())
        .unwrap()
        .value
    {
        b.event(ev).unwrap();
    }
    let list = b.finish_list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].subject().as_deref(), Some("fine"));
}

#[test]
fn the_hand_made_message_stream_reads_into_the_model() {
    let v = msox_testkit::vector("oxcfxics", "stream-messagecontent");
    let m = ms_oxcfxics::decode_message_content(&v.bytes, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(m.message_class().as_deref(), Some("IPM.Note"));
    assert_eq!(m.subject().as_deref(), Some("Hi"));
    assert_eq!(m.recipients.len(), 1);
    assert_eq!(m.recipients[0].display_name().as_deref(), Some("Ann"));
    assert_eq!(m.attachments.len(), 2);
    assert_eq!(m.attachments[0].data(), Some(&b"hello"[..]));
    let inner = m.attachments[1].embedded.as_deref().unwrap();
    assert_eq!(inner.subject().as_deref(), Some("Inner"));
    assert_eq!(
        m.properties
            .get_named(&ms_oxprops::named::PidLidReminderSet),
        Some(&ms_oxcdata::PropertyValue::Boolean(false))
    );
    // The code page string is a PtypString8 in windows-1252.
    let sr = m
        .properties
        .get_str(ms_oxprops::tags::PidTagSentRepresentingName);
    assert_eq!(sr.as_deref(), Some("Bob"));
    // Written back from the model, it reads the same (the model has no
    // MetaTagFXDelProp and writes terminating nulls, so the bytes differ).
    let again = ms_oxcfxics::encode_message_content(&m).unwrap();
    let back = ms_oxcfxics::decode_message_content(&again, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(back, m);
}
