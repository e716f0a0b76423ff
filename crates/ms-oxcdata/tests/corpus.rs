//! Real structures from `../shared/corpus`:
//! - MFCMAPI's SmartView vectors (`smartview/In/*.dat`, hex text): every
//!   `ENTRYID-N` decodes, re-encodes byte for byte, and is recognised as
//!   the kind MFCMAPI names in `Out/ENTRYID-out-N.dat`; every
//!   `RULECONDITION-N` / `EXTENDEDRULECONDITION-N` (a named-property block
//!   and a restriction, [MS-OXORULE] 2.2.1.3.1.9 / 2.2.4.1.10) decodes in
//!   the ROP form, the extended-rule form, or the form MFCMAPI's standard
//!   rule conditions use (16-bit restriction counts, 32-bit value counts),
//!   and re-encodes byte for byte;
//! - the EntryIDs stored in the .msg files (recipient, sender and
//!   representing EntryIDs, `__substg1.0_XXXX0102` streams).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::collections::BTreeMap;
use std::io::Read;

use ms_oxcdata::{EntryId, PropertyName, Restriction, ValueContext};
use msox_codec::{CountWidth, DecodeWith, Encode, EncodeWith, Reader};
use msox_testkit::{corpus, hex_diff};

fn smartview(prefix: &str) -> Vec<(String, Vec<u8>, String)> {
    let mut out = Vec::new();
    for e in corpus::entries("smartview") {
        let Some(stem) = e.file.strip_prefix("smartview/In/") else {
            continue;
        };
        let Some(stem) = stem.strip_suffix(".dat") else {
            continue;
        };
        let Some(n) = stem.strip_prefix(prefix).and_then(|s| s.strip_prefix('-')) else {
            continue;
        };
        let text = std::fs::read_to_string(&e.path).unwrap();
        // Some files are hex dumps with `-` between the eighth and ninth byte.
        let hex: String = text.chars().filter(char::is_ascii_hexdigit).collect();
        let bytes = msox_codec::hex::decode(&hex).unwrap();
        let out_path = e
            .path
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(format!("Out/{prefix}-out-{n}.dat"));
        let raw = std::fs::read(&out_path).unwrap_or_default();
        let rendered = if raw.starts_with(&[0xFF, 0xFE]) {
            let units: Vec<u16> = raw[2..]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            String::from_utf8_lossy(&raw).into_owned()
        };
        out.push((stem.to_string(), bytes, rendered));
    }
    out
}

/// The kind MFCMAPI reports for the outermost EntryID of `rendered`.
fn mfcmapi_kind(rendered: &str) -> Option<&'static str> {
    let markers = [
        ("MAPI Message Store Entry ID", "Store Object EntryID"),
        ("Exchange Folder Entry ID", "Folder EntryID"),
        ("Exchange Message Entry ID", "Message EntryID"),
        ("MAPI One Off Recipient Entry ID", "One-Off EntryID"),
        ("Exchange Address Entry ID", "Address Book EntryID"),
        ("Contact Address Book / PDL Entry ID", "contab"),
        ("Wrapped Entry ID", "WrappedEntryId"),
    ];
    markers
        .iter()
        .filter_map(|(m, k)| rendered.find(m).map(|at| (at, *k)))
        .min()
        .map(|(_, k)| k)
}

#[test]
fn smartview_entry_ids_round_trip_and_match_mfcmapi() {
    let all = smartview("ENTRYID");
    if all.is_empty() {
        return;
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, bytes, rendered) in &all {
        let e = EntryId::parse(bytes);
        let out = e.to_vec().unwrap();
        if let Some(d) = hex_diff(bytes, &out) {
            panic!("{name}: re-encoding differs: {d}");
        }
        assert_eq!(out.len(), e.encoded_len(), "{name}");
        *kinds.entry(e.kind_name()).or_default() += 1;
        let expected = mfcmapi_kind(rendered);
        let ours = e.kind_name();
        match expected {
            // MFCMAPI also names contab entry IDs of other types (containers).
            Some("contab") => assert!(
                matches!(
                    e,
                    EntryId::ContactAddress(_)
                        | EntryId::PersonalDistributionList(_)
                        | EntryId::Unknown(_)
                ),
                "{name}: {ours}"
            ),
            // Ephemeral (short-term) address book entry IDs use another layout.
            Some("Address Book EntryID") if rendered.contains("Ephemeral") => {}
            Some(k) => assert_eq!(ours, k, "{name}: MFCMAPI says {k}, we say {ours}\n{e:?}"),
            None => assert!(matches!(e, EntryId::Unknown(_)), "{name}: {ours}"),
        }
        // Nested EntryIDs decode too.
        match &e {
            EntryId::Wrapped(w) => drop(w.inner()),
            EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => drop(c.inner()),
            _ => {}
        }
    }
    eprintln!("{} SmartView EntryIDs: {kinds:?}", all.len());
    assert!(kinds.len() >= 7, "{kinds:?}");
}

/// [MS-OXORULE] 2.2.4.2 NamedPropertyInformation: NoOfNamedProps, the
/// property IDs, NamedPropertiesSize and the PropertyName structures.
fn skip_named_property_information(r: &mut Reader<'_>) -> usize {
    let n = usize::from(r.u16().unwrap());
    if n == 0 {
        return 0;
    }
    r.skip(2 * n).unwrap();
    let size = r.u32_usize().unwrap();
    let mut names = r.sub(size).unwrap();
    for _ in 0..n {
        let name: PropertyName = names.decode().unwrap();
        let again = name.to_vec().unwrap();
        assert!(!again.is_empty());
    }
    assert!(
        names.is_empty(),
        "NamedPropertiesSize covers exactly the names"
    );
    n
}

#[test]
fn smartview_rule_conditions_decode_in_one_form_and_round_trip() {
    let mut seen = 0;
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    for prefix in ["RULECONDITION", "EXTENDEDRULECONDITION"] {
        for (name, bytes, _) in smartview(prefix) {
            let mut r = Reader::new(&bytes);
            let named = skip_named_property_information(&mut r);
            let body = r.rest();
            let mut ok = None;
            let mixed = ValueContext {
                binary_count: CountWidth::U32,
                multi_count: CountWidth::U32,
                ..ValueContext::ROP
            };
            for (form, ctx) in [
                ("rop", ValueContext::ROP),
                ("16-bit restriction counts, 32-bit value counts", mixed),
                ("extended", ValueContext::EXTENDED_RULE),
            ] {
                if let Ok(res) = Restriction::decode_exact_with(body, ctx) {
                    let out = res.to_vec_with(ctx).unwrap();
                    if let Some(d) = hex_diff(body, &out) {
                        panic!("{name} ({form}): re-encoding differs: {d}");
                    }
                    ok = Some((form, res));
                    break;
                }
            }
            let (form, res) = ok.unwrap_or_else(|| panic!("{name}: decodes in neither form"));
            *forms.entry(form).or_default() += 1;
            eprintln!(
                "{name}: {form}, {named} named properties, depth {}, {} bytes",
                res.depth(),
                body.len()
            );
            seen += 1;
        }
    }
    if corpus::dir().is_some() {
        assert!(seen >= 8, "{seen} rule conditions");
        assert!(forms.len() >= 2, "{forms:?}");
    }
}

/// EntryID-valued properties of a message, recipient or attachment.
const ENTRYID_STREAMS: &[&str] = &[
    "0fff0102", // PidTagEntryId
    "0c190102", // PidTagSenderEntryId
    "00410102", // PidTagSentRepresentingEntryId
    "5ff70102", // PidTagRecipientEntryId
    "3ff90102", // PidTagCreatorEntryId
    "3ffb0102", // PidTagLastModifierEntryId
    "003f0102", // PidTagReceivedByEntryId
    "00430102", // PidTagReceivedRepresentingEntryId
    "0e0a0102", // PidTagSentMailEntryId
];

#[test]
fn msg_entry_ids_round_trip() {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for e in corpus::files("msg", &[".msg"]) {
        let Ok(mut file) = cfb::open(&e.path) else {
            continue;
        };
        let names: Vec<String> = file
            .walk()
            .filter(|x| x.is_stream())
            .map(|x| x.path().to_string_lossy().into_owned())
            .filter(|p| {
                let l = p.to_ascii_lowercase();
                !l.contains("__nameid_version1.0")
                    && ENTRYID_STREAMS
                        .iter()
                        .any(|s| l.ends_with(&format!("__substg1.0_{s}")))
            })
            .collect();
        for n in names {
            let mut data = Vec::new();
            let Ok(mut s) = file.open_stream(&n) else {
                continue;
            };
            if s.read_to_end(&mut data).is_err() || data.is_empty() {
                continue;
            }
            let id = EntryId::parse(&data);
            let out = id.to_vec().unwrap();
            if let Some(d) = hex_diff(&data, &out) {
                panic!("{} {n}: re-encoding differs: {d}", e.file);
            }
            *kinds.entry(id.kind_name()).or_default() += 1;
            total += 1;
        }
    }
    eprintln!("{total} EntryIDs in .msg files: {kinds:?}");
    if corpus::dir().is_some() {
        assert!(total > 100, "{total}");
        // Most are recognised.
        let unknown = kinds.get("unrecognised EntryID").copied().unwrap_or(0);
        assert!(unknown * 4 < total, "{kinds:?}");
    }
}
