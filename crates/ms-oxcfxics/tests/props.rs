//! Property tests: round trips of every public structure, the GLOBSET
//! encoding against the spec's rules and a reference encoder, set
//! operations against a plain set, PCL comparison laws, and the
//! FastTransfer stream: model -> stream -> model with every value type,
//! the same events for every split.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::collections::BTreeSet;

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{
    ErrorCode, GlobalCounter, LongTermId, NameId, PropertyName, PropertyTag, PropertyType,
    PropertyValue,
};
use ms_oxcfxics::{
    Cn, Event, ExtendedErrorInfo, FolderReplicaInfo, FxParser, FxWriter, Gid, GlobCntRange,
    GlobSet, GlobSetCommand, GroupNameKind, GroupProperty, GroupPropertyName, IdSet, IdSetEntry,
    LocalId, MessageBuilder, PclRelation, PredecessorChangeList, ProgressInformation,
    PropertyGroup, PropertyGroupInfo, Root, SizedXid, Split, WriteOptions, Xid, encode_events,
    parse_pieces, write_message_content,
};
use ms_oxcmsg::{Attachment, Message, PropId, Property, PropertyBag, Recipient};
use msox_codec::{CodePage, Decode, Encode, Options, String8, Utf16String};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// generators

fn guid() -> impl Strategy<Value = Guid> {
    any::<u128>().prop_map(Guid::from_u128)
}

fn local_id() -> impl Strategy<Value = LocalId> {
    prop::collection::vec(any::<u8>(), 1..=8).prop_map(|b| LocalId::new(&b).unwrap())
}

fn xid() -> impl Strategy<Value = Xid> {
    (guid(), local_id()).prop_map(|(g, l)| Xid::new(g, l))
}

/// GLOBCNT values clustered so that they share high-order bytes.
fn globcnt() -> impl Strategy<Value = u64> {
    prop_oneof![
        (0u64..0x30),
        (0u64..0x300),
        (0x0000_0006_8900u64..0x0000_0006_8A20),
        (0u64..(1 << 24)).prop_map(|v| v << 12),
        (0u64..=ms_oxcfxics::GLOBCNT_MAX),
    ]
}

fn globset() -> impl Strategy<Value = GlobSet> {
    prop::collection::vec((globcnt(), 0u64..12), 0..24).prop_map(|v| {
        GlobSet::from_ranges(
            v.into_iter().filter_map(|(lo, n)| {
                GlobCntRange::new(lo, (lo + n).min(ms_oxcfxics::GLOBCNT_MAX))
            }),
        )
    })
}

fn gid() -> impl Strategy<Value = Gid> {
    (guid(), any::<[u8; 6]>()).prop_map(|(g, c)| Gid {
        database_guid: g,
        global_counter: GlobalCounter(c),
    })
}

fn utf16() -> impl Strategy<Value = Utf16String> {
    "[a-zA-Z0-9 äöü€漢]{0,12}".prop_map(Utf16String::new)
}

fn prop_name() -> impl Strategy<Value = PropertyName> {
    prop_oneof![
        (guid(), any::<u32>()).prop_map(|(g, l)| PropertyName::lid(g, l)),
        (guid(), "[a-zA-Z][a-zA-Z0-9]{0,10}").prop_map(|(g, n)| PropertyName::name(g, n.as_str())),
    ]
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![prop::num::f64::NORMAL, Just(0.0), Just(-1.5)]
}

fn finite_f32() -> impl Strategy<Value = f32> {
    prop_oneof![prop::num::f32::NORMAL, Just(0.0), Just(2.25)]
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

fn s8() -> impl Strategy<Value = String8> {
    "[a-zA-Z0-9 ]{0,12}".prop_map(|s| String8::new(s.into_bytes(), CodePage::WINDOWS_1252))
}

/// A value of every type a FastTransfer stream carries.
fn value() -> impl Strategy<Value = PropertyValue> {
    use PropertyValue as V;
    use prop::collection::vec;
    let fixed = prop_oneof![
        any::<i16>().prop_map(V::Integer16),
        any::<i32>().prop_map(V::Integer32),
        finite_f32().prop_map(V::Floating32),
        finite_f64().prop_map(V::Floating64),
        any::<i64>().prop_map(V::Currency),
        finite_f64().prop_map(V::FloatingTime),
        any::<u32>().prop_map(V::ErrorCode),
        any::<bool>().prop_map(V::Boolean),
        any::<i64>().prop_map(V::Integer64),
        any::<u64>().prop_map(|t| V::Time(FileTime(t))),
    ]
    .boxed();
    let var = prop_oneof![
        s8().prop_map(V::String8),
        "[a-zA-Z0-9 ]{0,8}"
            .prop_map(|s| V::String8(String8::encode_str(&s, CodePage(1250)).unwrap())),
        utf16().prop_map(V::String),
        guid().prop_map(V::Guid),
        bytes(40).prop_map(V::ServerId),
        bytes(200).prop_map(V::Binary),
        bytes(60).prop_map(V::Object),
    ]
    .boxed();
    let mv1 = prop_oneof![
        vec(any::<i16>(), 0..5).prop_map(V::MultipleInteger16),
        vec(any::<i32>(), 0..5).prop_map(V::MultipleInteger32),
        vec(finite_f32(), 0..5).prop_map(V::MultipleFloating32),
        vec(finite_f64(), 0..5).prop_map(V::MultipleFloating64),
        vec(any::<i64>(), 0..5).prop_map(V::MultipleCurrency),
        vec(finite_f64(), 0..5).prop_map(V::MultipleFloatingTime),
    ]
    .boxed();
    let mv2 = prop_oneof![
        vec(any::<i64>(), 0..5).prop_map(V::MultipleInteger64),
        vec(s8(), 0..4).prop_map(V::MultipleString8),
        vec(utf16(), 0..4).prop_map(V::MultipleString),
        vec(any::<u64>().prop_map(FileTime), 0..4).prop_map(V::MultipleTime),
        vec(guid(), 0..4).prop_map(V::MultipleGuid),
        vec(bytes(20), 0..4).prop_map(V::MultipleBinary),
    ]
    .boxed();
    prop_oneof![fixed, var, mv1, mv2]
}

fn property() -> impl Strategy<Value = Property> {
    prop_oneof![
        3 => (0x0001u16..0x7FFF, value()).prop_map(|(id, v)| Property::new(PropId::Tag(id), v)),
        1 => (prop_name(), value()).prop_map(|(n, v)| Property::new(PropId::Named(n), v)),
    ]
}

fn bag(max: usize) -> impl Strategy<Value = PropertyBag> {
    prop::collection::vec(property(), 0..max).prop_map(|props| {
        // One property per ID (what a message holds); ID 0x0E21 is the
        // attachment number, written first in attachments.
        let mut seen = BTreeSet::new();
        props
            .into_iter()
            .filter(|p| p.id != PropId::Tag(0x0E21))
            .filter(|p| seen.insert(p.id.clone()))
            .collect()
    })
}

fn with_attach_number(mut a: Attachment, n: i32) -> Attachment {
    let mut bag = PropertyBag::new();
    bag.push(Property::new(
        PropId::Tag(0x0E21),
        PropertyValue::Integer32(n),
    ));
    for p in a.properties.iter() {
        bag.push(p.clone());
    }
    a.properties = bag;
    a
}

fn leaf_message() -> impl Strategy<Value = Message> {
    (bag(8), prop::collection::vec(bag(4), 0..3)).prop_map(|(properties, recips)| Message {
        properties,
        recipients: recips
            .into_iter()
            .map(|properties| Recipient { properties })
            .collect(),
        attachments: Vec::new(),
    })
}

fn message() -> impl Strategy<Value = Message> {
    (
        leaf_message(),
        prop::collection::vec((bag(5), prop::option::of(leaf_message())), 0..3),
    )
        .prop_map(|(mut m, atts)| {
            m.attachments = atts
                .into_iter()
                .enumerate()
                .map(|(i, (properties, embedded))| {
                    with_attach_number(
                        Attachment {
                            properties,
                            embedded: embedded.map(Box::new),
                            storage: None,
                        },
                        i as i32,
                    )
                })
                .collect();
            m
        })
}

fn clear_mapped_ids(m: &mut Message) {
    fn bag(b: &mut PropertyBag) {
        for p in b.iter_mut() {
            *p.mapped_id = None;
        }
    }
    bag(&mut m.properties);
    for r in &mut m.recipients {
        bag(&mut r.properties);
    }
    for a in &mut m.attachments {
        bag(&mut a.properties);
        if let Some(e) = a.embedded.as_deref_mut() {
            clear_mapped_ids(e);
        }
    }
}

fn write_pieces(m: &Message, size: usize, split: Split) -> Vec<Vec<u8>> {
    let mut w = FxWriter::with_pieces(size, split);
    write_message_content(m, &mut w, &WriteOptions::default()).unwrap();
    let mut pieces = Vec::new();
    while let Some(p) = w.next_piece() {
        pieces.push(p);
    }
    pieces.extend(w.finish());
    pieces
}

fn read_pieces<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> Message {
    let mut p = FxParser::new(Root::MessageContent, &Options::strict());
    let mut b = MessageBuilder::new();
    for piece in pieces {
        let mut f = p.feed(piece);
        while let Some(ev) = f.next_event().unwrap() {
            b.event(ev).unwrap();
        }
    }
    for ev in p.finish().unwrap() {
        b.event(ev).unwrap();
    }
    b.finish().unwrap()
}

/// Splits `bytes` at the given cut points (any order, repeats and out of
/// range ignored).
fn split_at(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut last = 0;
    for c in cuts {
        out.push(bytes[last..c].to_vec());
        last = c;
    }
    out.push(bytes[last..].to_vec());
    out
}

// ---------------------------------------------------------------------------
// GLOBSET: the spec's rules and a reference encoder

/// Checks a command sequence against 2.2.2.6 / 3.1.5.4.3: the stack never
/// holds more than 6 bytes, Pop needs bytes, Bitmask needs exactly 5, End
/// an empty stack, Range LowValue <= HighValue; and decodes it.
fn check_commands(cmds: &[GlobSetCommand]) -> Vec<(u64, u64)> {
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let depth = |s: &Vec<Vec<u8>>| s.iter().map(Vec::len).sum::<usize>();
    let value = |s: &Vec<Vec<u8>>, low: &[u8]| {
        s.iter()
            .flatten()
            .chain(low)
            .fold(0u64, |a, &b| (a << 8) | u64::from(b))
    };
    let mut out = Vec::new();
    let mut ended = false;
    for c in cmds {
        assert!(!ended, "command after End");
        match c {
            GlobSetCommand::Push(b) => {
                assert!((1..=6).contains(&b.len()));
                assert!(
                    depth(&stack) + b.len() <= 6,
                    "more than 6 bytes on the stack"
                );
                if depth(&stack) + b.len() == 6 {
                    let v = value(&stack, b);
                    out.push((v, v));
                } else {
                    stack.push(b.clone());
                }
            }
            GlobSetCommand::Pop => {
                assert!(stack.pop().is_some(), "Pop on an empty stack");
            }
            GlobSetCommand::Bitmask {
                starting_value,
                bitmask,
            } => {
                assert_eq!(depth(&stack), 5, "Bitmask needs 5 bytes");
                let base = value(&stack, &[0]);
                let mut vals = vec![u64::from(*starting_value)];
                for bit in 0..8 {
                    if bitmask & (1 << bit) != 0 {
                        vals.push(u64::from(*starting_value) + 1 + bit);
                    }
                }
                for v in vals {
                    out.push((base + v, base + v));
                }
            }
            GlobSetCommand::Range { low, high } => {
                assert_eq!(low.len(), 6 - depth(&stack));
                let (l, h) = (value(&stack, low), value(&stack, high));
                assert!(l < h, "Range for a range of more than one value");
                out.push((l, h));
            }
            GlobSetCommand::End => {
                assert_eq!(depth(&stack), 0, "End with bytes on the stack");
                ended = true;
            }
        }
    }
    assert!(ended, "no End");
    out
}

/// A plain implementation of the encoding 3.1.5.4.3.1 describes, written
/// independently of the crate's: push what the group shares; with five
/// bytes shared, Bitmask for ranges within eight values, else Push (one
/// value) or Range.
fn reference_encode(ranges: &[(u64, u64)]) -> Vec<u8> {
    fn b6(v: u64) -> Vec<u8> {
        v.to_be_bytes()[2..].to_vec()
    }
    fn go(rs: &[(u64, u64)], d: usize, out: &mut Vec<u8>) {
        if rs.is_empty() {
            return;
        }
        if d == 5 {
            let mut i = 0;
            while i < rs.len() {
                let start = rs[i].0 & 0xFF;
                let mut j = i;
                while j + 1 < rs.len() && (rs[j + 1].1 & 0xFF) <= start + 8 {
                    j += 1;
                }
                if j == i {
                    let (lo, hi) = rs[i];
                    if lo == hi {
                        out.extend([1, lo as u8]);
                    } else {
                        out.extend([0x52, lo as u8, hi as u8]);
                    }
                } else {
                    let mut mask = 0u8;
                    for &(lo, hi) in &rs[i..=j] {
                        for v in (lo & 0xFF)..=(hi & 0xFF) {
                            if v != start {
                                mask |= 1 << (v - start - 1);
                            }
                        }
                    }
                    out.extend([0x42, start as u8, mask]);
                }
                i = j + 1;
            }
            return;
        }
        let (first, last) = (b6(rs[0].0), b6(rs[rs.len() - 1].1));
        if rs.len() == 1 && rs[0].0 == rs[0].1 {
            out.push((6 - d) as u8);
            out.extend(&first[d..]);
            return;
        }
        let c = (d..6).take_while(|&k| first[k] == last[k]).count();
        if c > 0 {
            out.push(c as u8);
            out.extend(&first[d..d + c]);
            go(rs, d + c, out);
            out.push(0x50);
            return;
        }
        let mut groups: Vec<Vec<(u64, u64)>> = Vec::new();
        for &(lo, hi) in rs {
            let (l, h) = (b6(lo), b6(hi));
            if l[d] != h[d] {
                out_flush(&mut groups, d, out);
                out.push(0x52);
                out.extend(&l[d..]);
                out.extend(&h[d..]);
                continue;
            }
            match groups.last_mut() {
                Some(g) if b6(g[0].0)[d] == l[d] => g.push((lo, hi)),
                _ => {
                    out_flush(&mut groups, d, out);
                    groups.push(vec![(lo, hi)]);
                }
            }
        }
        out_flush(&mut groups, d, out);
    }
    fn out_flush(groups: &mut Vec<Vec<(u64, u64)>>, d: usize, out: &mut Vec<u8>) {
        for g in groups.drain(..) {
            go(&g, d, out);
        }
    }
    let mut out = Vec::new();
    go(ranges, 0, &mut out);
    out.push(0);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn inserting_ranges_one_by_one_gives_their_union(
        ranges in proptest::collection::vec((0u16..4, 0u64..2000, 0u64..20), 0..60)
    ) {
        let mut built = IdSet::<u16>::new();
        let mut united = IdSet::<u16>::new();
        for &(replica, low, len) in &ranges {
            built.insert_range(replica, low, low + len).unwrap();
            let mut one = IdSet::<u16>::new();
            one.insert_range(replica, low, low + len).unwrap();
            united = united.union(&one);
        }
        prop_assert_eq!(&built, &united);
        prop_assert_eq!(built.to_vec().unwrap(), united.to_vec().unwrap());
    }

    #[test]
    fn globset_round_trips_and_follows_the_spec_rules(g in globset()) {
        prop_round_trip(&g)?;
        let bytes = g.to_vec().unwrap();
        let decoded = check_commands(&g.commands());
        let back = GlobSet::from_ranges(decoded.iter().map(|&(l, h)| GlobCntRange::new(l, h).unwrap()));
        prop_assert_eq!(&back, &g);
        let ranges: Vec<(u64, u64)> = g.ranges().iter().map(|r| (r.low, r.high)).collect();
        prop_assert_eq!(bytes, reference_encode(&ranges));
        // Decoding the canonical encoding keeps it canonical.
        prop_assert!(GlobSet::decode_exact(&g.to_vec().unwrap()).unwrap().is_canonical());
    }

    #[test]
    fn globset_operations_agree_with_a_plain_set(
        a in prop::collection::btree_set(0u64..300, 0..80),
        b in prop::collection::btree_set(0u64..300, 0..80),
        probe in 0u64..310,
    ) {
        let ga = GlobSet::from_values(a.iter().copied()).unwrap();
        let gb = GlobSet::from_values(b.iter().copied()).unwrap();
        let set = |g: &GlobSet| g.iter().collect::<BTreeSet<u64>>();
        prop_assert_eq!(set(&ga.union(&gb)), a.union(&b).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(set(&ga.intersection(&gb)), a.intersection(&b).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(set(&ga.difference(&gb)), a.difference(&b).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(ga.contains(probe), a.contains(&probe));
        prop_assert_eq!(ga.len(), a.len() as u64);
        prop_assert_eq!(ga.is_superset(&gb), a.is_superset(&b));
        let mut gi = ga.clone();
        gi.insert(probe).unwrap();
        let mut ai = a.clone();
        ai.insert(probe);
        prop_assert_eq!(set(&gi), ai);
        let mut gr = ga.clone();
        gr.remove(probe);
        let mut ar = a.clone();
        ar.remove(&probe);
        prop_assert_eq!(set(&gr), ar);
        // Results are normalized: sorted, disjoint, not adjacent.
        for w in ga.union(&gb).ranges().windows(2) {
            prop_assert!(w[0].high + 1 < w[1].low);
        }
    }

    #[test]
    fn idsets_round_trip_in_both_forms(
        e1 in prop::collection::vec((any::<u16>(), globset()), 0..4),
        e2 in prop::collection::vec((guid(), globset()), 0..4),
    ) {
        let a = IdSet::<u16>::from_entries(e1.into_iter().map(|(replica, globset)| IdSetEntry { replica, globset }));
        prop_round_trip(&a)?;
        let b = IdSet::<Guid>::from_entries(e2.into_iter().map(|(replica, globset)| IdSetEntry { replica, globset }));
        prop_round_trip(&b)?;
        // REPLGUIDs are serialized in byte order.
        let wire: Vec<[u8; 16]> = b.entries().iter().map(|e| e.replica.to_le_bytes()).collect();
        prop_assert!(wire.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn idset_operations_agree_with_a_plain_set(
        a in prop::collection::btree_set((0u16..3, 0u64..200), 0..60),
        b in prop::collection::btree_set((0u16..3, 0u64..200), 0..60),
    ) {
        let mk = |s: &BTreeSet<(u16, u64)>| {
            let mut x = IdSet::<u16>::new();
            for &(r, g) in s {
                x.insert(r, g).unwrap();
            }
            x
        };
        let (ia, ib) = (mk(&a), mk(&b));
        let set = |x: &IdSet<u16>| x.iter().collect::<BTreeSet<_>>();
        prop_assert_eq!(set(&ia), a.clone());
        prop_assert_eq!(set(&ia.union(&ib)), a.union(&b).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(set(&ia.difference(&ib)), a.difference(&b).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(set(&ia.intersection(&ib)), a.intersection(&b).copied().collect::<BTreeSet<_>>());
        for &(r, g) in &a {
            prop_assert!(ia.contains(&r, g));
        }
        prop_round_trip(&ia.union(&ib))?;
    }

    #[test]
    fn xids_cns_and_gids_round_trip(x in xid(), c in (any::<u16>(), any::<[u8; 6]>()), g in gid()) {
        prop_round_trip(&x)?;
        prop_round_trip(&SizedXid(x))?;
        prop_round_trip(&Cn::new(c.0, GlobalCounter(c.1)))?;
        prop_round_trip(&g)?;
        prop_assert_eq!(Xid::from_gid(g).to_gid(), Some(g));
        let cn = Cn::new(c.0, GlobalCounter(c.1));
        prop_assert_eq!(Cn::from_u64(cn.to_u64()), cn);
    }

    #[test]
    fn pcls_round_trip_and_merge_succeeds_both(
        a in prop::collection::vec(xid(), 0..6),
        b in prop::collection::vec(xid(), 0..6),
    ) {
        // Namespaces with LocalIds of one length (2.2.2.2), shared between the two.
        let fix = |v: Vec<Xid>| -> Vec<Xid> {
            v.into_iter().map(|x| {
                let g = Guid::from_u128(x.namespace_guid.to_u128() % 4);
                let n = (x.local_id.to_u64() % 50) as u8;
                Xid::new(g, LocalId::new(&[0, 0, 0, n]).unwrap())
            }).collect()
        };
        let pa = PredecessorChangeList::new(fix(a));
        let pb = PredecessorChangeList::new(fix(b));
        prop_round_trip(&pa)?;
        prop_assert!(pa.includes(&pa));
        let m = pa.merge(&pb);
        prop_assert!(m.includes(&pa) && m.includes(&pb));
        // X ⊆ A ∪ B
        for x in m.xids() {
            prop_assert!(pa.xids().contains(x) || pb.xids().contains(x));
        }
        prop_assert_ne!(pa.relation(&m), PclRelation::Conflict);
        prop_assert_eq!(m.relation(&pa), if pa.includes(&m) { PclRelation::OlderOrEqual } else { PclRelation::Newer });
        // The relation is antisymmetric in the spec's sense.
        match pa.relation(&pb) {
            PclRelation::Newer => prop_assert_eq!(pb.relation(&pa), PclRelation::OlderOrEqual),
            PclRelation::Conflict => prop_assert_eq!(pb.relation(&pa), PclRelation::Conflict),
            PclRelation::OlderOrEqual => prop_assert_ne!(pb.relation(&pa), PclRelation::Conflict),
        }
    }

    #[test]
    fn ics_payload_structures_round_trip(
        p in any::<(u16, u16, u32, u64, u32, u32, u64)>(),
        groups in prop::collection::vec(prop::collection::vec((any::<u16>(), prop_oneof![Just(0x0003u16), Just(0x001F), Just(0x0102)], guid(), prop_oneof![any::<u32>().prop_map(GroupNameKind::Lid), utf16().prop_map(GroupNameKind::Name)]), 1..4), 1..4),
        f in (any::<u32>(), any::<u32>(), guid(), any::<[u8; 6]>(), any::<u32>(), prop::collection::vec("[a-z=/]{0,20}", 1..4)),
        e in (any::<u32>(), gid(), gid(), any::<[u8; 24]>(), bytes(30), any::<u32>(), any::<u32>()),
    ) {
        prop_round_trip(&ProgressInformation {
            version: 0, padding1: p.1, fai_message_count: p.2, fai_message_total_size: p.3,
            normal_message_count: p.4, padding2: p.5, normal_message_total_size: p.6,
        })?;
        let info = PropertyGroupInfo {
            group_id: u32::from(p.0),
            reserved: 0,
            groups: groups.into_iter().map(|g| PropertyGroup {
                properties: g.into_iter().map(|(id, t, set, kind)| {
                    let tag = PropertyTag::new(id, PropertyType::from_value(t));
                    GroupProperty { tag, name: tag.is_named().then_some(GroupPropertyName { guid: set, kind }) }
                }).collect(),
            }).collect(),
        };
        prop_round_trip(&info)?;
        let fri = FolderReplicaInfo {
            flags: f.0, depth: f.1,
            folder_long_term_id: LongTermId { database_guid: f.2, global_counter: GlobalCounter(f.3), pad: 0 },
            cheap_server_dn_count: f.4 % (f.5.len() as u32 + 1),
            server_dns: f.5.into_iter().map(|s| String8::new(s.into_bytes(), CodePage::US_ASCII)).collect(),
        };
        prop_round_trip(&fri)?;
        let (count, offset) = if e.4.is_empty() { (0, e.5) } else { (e.4.len() as u32, 88) };
        prop_round_trip(&ExtendedErrorInfo {
            version: 0, padding1: 0, error_code: ErrorCode::from(e.0),
            folder_gid: e.1, padding2: 0, message_gid: e.2, padding3: 0, reserved: e.3,
            aux_bytes_count: count, aux_bytes_offset: offset, tail: e.4,
        })?;
    }

    #[test]
    fn markers_round_trip(v in any::<u32>()) {
        let m = ms_oxcfxics::Marker::from_value(v);
        prop_round_trip(&m)?;
        prop_assert_eq!(ms_oxcfxics::Marker::from_tag(v).is_some(), m.is_known());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn messages_round_trip_through_the_stream_in_any_pieces(
        m in message(),
        size in 1usize..80,
        atoms in any::<bool>(),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let split = if atoms { Split::Atoms } else { Split::Anywhere };
        let pieces = write_pieces(&m, size, split);
        for (i, p) in pieces.iter().enumerate() {
            if split == Split::Anywhere && i + 1 < pieces.len() {
                prop_assert_eq!(p.len(), size);
            }
        }
        let whole: Vec<u8> = pieces.concat();
        let mut back = read_pieces(pieces.iter().map(Vec::as_slice));
        clear_mapped_ids(&mut back);
        prop_assert_eq!(&back, &m);
        // Any other split gives the same model and the same events.
        let other = split_at(&whole, &cuts);
        let mut again = read_pieces(other.iter().map(Vec::as_slice));
        clear_mapped_ids(&mut again);
        prop_assert_eq!(&again, &m);
        let one = parse_pieces([&whole[..]], Root::MessageContent, &Options::strict()).unwrap().value;
        let many = parse_pieces(other.iter().map(Vec::as_slice), Root::MessageContent, &Options::strict()).unwrap().value;
        prop_assert_eq!(&one, &many);
        prop_assert_eq!(encode_events(&one).unwrap(), whole);
    }

    #[test]
    fn every_split_of_a_stream_gives_the_same_events(m in message(), cuts in prop::collection::vec(any::<usize>(), 1..20)) {
        let whole = write_pieces(&m, usize::MAX, Split::Anywhere).concat();
        let reference: Vec<Event<'static>> = parse_pieces([&whole[..]], Root::MessageContent, &Options::strict())
            .unwrap().value.into_iter().map(Event::into_owned).collect();
        for size in 1..=64 {
            let e = parse_pieces(whole.chunks(size), Root::MessageContent, &Options::strict()).unwrap().value;
            prop_assert_eq!(&e, &reference, "pieces of {}", size);
        }
        let pieces = split_at(&whole, &cuts);
        let e = parse_pieces(pieces.iter().map(Vec::as_slice), Root::MessageContent, &Options::strict()).unwrap().value;
        prop_assert_eq!(&e, &reference);
    }
}

#[test]
fn a_value_whole_in_its_piece_is_borrowed_and_a_split_one_is_owned() {
    use ms_oxcfxics::FxValue;
    use std::borrow::Cow;
    let mut m = Message::default();
    m.properties.set(
        PropertyTag::new(0x3701, PropertyType::Binary),
        PropertyValue::Binary(vec![9; 100_000]),
    );
    let whole = write_pieces(&m, usize::MAX, Split::Anywhere).concat();
    let mut p = FxParser::new(Root::MessageContent, &Options::strict());
    let mut f = p.feed(&whole);
    match f.next_event().unwrap() {
        Some(Event::Property(ms_oxcfxics::FxProperty {
            value: FxValue::Bytes(Cow::Borrowed(b)),
            ..
        })) => assert_eq!(b.len(), 100_000),
        other => panic!("{other:?}"),
    }
    drop(f);
    let mut p = FxParser::new(Root::MessageContent, &Options::strict());
    let (a, b) = whole.split_at(50_000);
    assert!(p.feed(a).next_event().unwrap().is_none());
    match p.feed(b).next_event().unwrap() {
        Some(Event::Property(ms_oxcfxics::FxProperty {
            value: FxValue::Bytes(Cow::Owned(v)),
            ..
        })) => assert_eq!(v, vec![9; 100_000]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pieces_cut_at_atoms_never_split_an_atom() {
    // A stream of markers and fixed-size properties: every atom is a tag
    // (4 bytes) or a value; with Split::Atoms no piece boundary falls
    // inside one, and pieces are at most the requested size.
    let mut m = Message::default();
    for i in 0..50u16 {
        m.properties.set(
            PropertyTag::new(0x1000 + i, PropertyType::Integer64),
            PropertyValue::Integer64(i64::from(i)),
        );
    }
    let whole = write_pieces(&m, usize::MAX, Split::Anywhere).concat();
    for size in 4..20 {
        let pieces = write_pieces(&m, size, Split::Atoms);
        let mut at = 0;
        for p in &pieces {
            assert!(p.len() <= size.max(8), "an atom alone may exceed the size");
            at += p.len();
            // tokens are 12 bytes: tag (4) + value (8)
            assert!(at % 12 == 0 || at % 12 == 4, "cut at {at} for size {size}");
        }
        assert_eq!(pieces.concat(), whole);
    }
}

#[test]
fn idset_union_of_a_million_ids() {
    let a = IdSet::<u16>::from_entries([IdSetEntry {
        replica: 1,
        globset: GlobSet::from_values((0..1_000_000u64).map(|v| v * 2)).unwrap(),
    }]);
    let b = IdSet::<u16>::from_entries([IdSetEntry {
        replica: 1,
        globset: GlobSet::from_values((0..1_000_000u64).map(|v| v * 2 + 1)).unwrap(),
    }]);
    let u = a.union(&b);
    assert_eq!(u.len(), 2_000_000);
    assert_eq!(u.entries()[0].globset.ranges().len(), 1);
    let bytes = a.to_vec().unwrap();
    assert_eq!(IdSet::<u16>::decode_exact(&bytes).unwrap(), a);
}

#[test]
fn named_properties_keep_the_ids_they_were_read_with() {
    let mut m = Message::default();
    let name = PropertyName {
        guid: Guid::from_u128(7),
        id: NameId::Lid(0x8503),
    };
    let mut p = Property::new(PropId::Named(name.clone()), PropertyValue::Boolean(true));
    p.mapped_id = Some(0x8123);
    m.properties.push(p);
    let bytes = write_pieces(&m, usize::MAX, Split::Anywhere).concat();
    assert_eq!(&bytes[..4], &[0x0B, 0x00, 0x23, 0x81]);
    let back = read_pieces([&bytes[..]]);
    assert_eq!(back, m);
}
