//! Every `test-vectors/oxoab/*.hex` decodes to what its metadata says and
//! re-encodes to the same bytes; the `error-*` vectors fail as their
//! `.err` file states (kind, absolute offset, structure path).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::PropertyValue;
use ms_oxoab::{CompressedFile, FullDetails, PatchFile};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, Options};
use msox_testkit::hostile::{Outcome, outcome};
use msox_testkit::{assert_round_trip, hex_diff, vectors};

/// The entry point for a vector's `type`.
fn decode(ty: &str, b: &[u8], o: &Options) -> Outcome {
    match ty {
        "FullDetails" => outcome(FullDetails::decode_bytes(b, o)),
        "CompressedFile" => outcome(ms_oxoab::decompress(b, o)),
        "PatchFile" => outcome(PatchFile::decode_bytes(b, o)),
        "MdiFile" => outcome(ms_oxoab::decompress_mdi(b, o)),
        "BrowseFile" => outcome(ms_oxoab::BrowseFile::decode_bytes(b, o)),
        "AnrFile" => outcome(ms_oxoab::AnrFile::decode_bytes(b, o)),
        "RdnFile" => outcome(ms_oxoab::RdnFile::decode_bytes(b, o)),
        "Version7File" => outcome(ms_oxoab::Version7File::decode_bytes(b, o)),
        "TemplateFile" => outcome(ms_oxoab::TemplateFile::decode_bytes(b, o)),
        other => panic!("unknown type {other}"),
    }
}

#[test]
fn every_vector() {
    let vs = vectors("oxoab");
    assert!(vs.len() >= 6);
    let mut errors = 0;
    for v in vs {
        let ty = v.meta("type");
        if v.check_expected_error(|b, o| decode(ty, b, o)) {
            errors += 1;
            continue;
        }
        // Every other vector decodes strictly, without defects, except the
        // one that shows what lenient decoding accepts.
        if !v.meta.contains_key("defects") && !v.meta.contains_key("lzx") {
            let d = decode(ty, &v.bytes, &Options::strict())
                .unwrap_or_else(|e| panic!("{}: {e}", v.name));
            assert!(d.is_empty(), "{}: {d:?}", v.name);
        }
        match ty {
            "FullDetails" => full_details(&v),
            "CompressedFile" => {
                let f: CompressedFile = assert_round_trip(&v.bytes, &v.name);
                if v.meta.contains_key("lzx") {
                    // LZXD blocks: the container and the CRCs are ours to
                    // check; the bit streams are ms-patch's.
                    let text = format!("{} ", v.meta("expect"));
                    let chunks: Vec<&[u8]> = text
                        .as_bytes()
                        .chunks(f.header.block_max as usize)
                        .collect();
                    assert_eq!(chunks.len(), f.blocks.len());
                    for (b, c) in f.blocks.iter().zip(chunks) {
                        assert_eq!(b.flags, ms_oxoab::LzxBlock::COMPRESSED);
                        assert_eq!(b.uncompressed_size as usize, c.len());
                        assert_eq!(b.crc, ms_oxoab::crc::crc32(c), "{}", v.name);
                    }
                    // ms-patch decompresses them in the same session.
                    let d = ms_oxoab::decompress(&v.bytes, &Options::strict()).unwrap();
                    assert_eq!(
                        String::from_utf8(d.value).unwrap().trim_end(),
                        v.meta("expect")
                    );
                    continue;
                }
                let d = f.decompress(&Options::strict()).unwrap();
                assert!(d.defects.is_empty());
                assert_eq!(
                    String::from_utf8(d.value).unwrap().trim_end(),
                    v.meta("expect")
                );
            }
            "MdiFile" => {
                let f: ms_oxoab::MdiFile = assert_round_trip(&v.bytes, &v.name);
                let out = f.decompress(&Options::strict()).unwrap().value;
                assert_eq!(out.len().to_string(), v.meta("uncompressed-size"));
                let start = msox_codec::hex::decode(v.meta("uncompressed-start")).unwrap();
                assert_eq!(&out[..start.len()], &start[..]);
                // A version 2 Browse file: OAB_HDR ulVersion 0x0A, 3 B2_RECs.
                let b: ms_oxoab::BrowseFile = assert_round_trip(&out, "browse2");
                assert_eq!(b.header.version, ms_oxoab::OabHeader::VERSION_2);
                assert_eq!(b.records.len(), 3);
                assert_eq!(b.header.total_records, 3);
                assert!(b.trailing.is_empty());
                // Our compressor's output decompresses to the same bytes.
                let again = ms_oxoab::MdiFile::compress(&out, 0x8000).unwrap();
                let bytes = again.to_vec().unwrap();
                let back = ms_oxoab::MdiFile::decode_exact(&bytes).unwrap();
                assert_eq!(back.decompress(&Options::strict()).unwrap().value, out);
            }
            "BrowseFile" => {
                let b: ms_oxoab::BrowseFile = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(b.records.len().to_string(), v.meta("records"));
                assert_eq!(b.header.total_records as usize, b.records.len());
                let r = &b.records[0];
                let got = format!(
                    "oRDN {:#04x} oDetails {:#04x} cbDetails {:#04x} objtype {}",
                    r.o_rdn,
                    r.o_details,
                    r.cb_details,
                    r.obj_type()
                );
                assert_eq!(got, v.meta("first"));
                assert!(!r.receives_rich_content());
                assert_eq!(
                    ms_oxoab::guess_v2v3_kind(&v.bytes),
                    Some(ms_oxoab::V2V3Kind::Browse)
                );
                // [MS-OXOAB] 2.3.3: ulSerial is the RDN hash of the records.
                let rdns: Vec<&[u8]> = v.meta("rdn-values").split('|').map(str::as_bytes).collect();
                assert_eq!(rdns.len(), b.records.len());
                assert_eq!(ms_oxoab::rdn_hash(rdns), b.header.serial, "{}", v.name);
            }
            "AnrFile" => {
                let f: ms_oxoab::AnrFile = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(f.records.len().to_string(), v.meta("records"));
                assert_eq!(f.header.total_records as usize, f.records.len());
                assert!(f.trailing.is_empty());
                let r = &f.records[0];
                let got = format!(
                    "key {} browse {} alias {}",
                    String::from_utf8_lossy(&r.key),
                    r.browse_index().unwrap(),
                    r.is_alias()
                );
                assert_eq!(got, v.meta("first"));
                // The tree's links point at records of the file, and the
                // oPrev/oNext thread visits every record once, in key order.
                let offs = f.offsets();
                for r in &f.records {
                    for o in [r.o_lt, r.o_gt, r.o_prev, r.o_next] {
                        assert!(o == 0 || offs.contains(&o), "{}: {o:#x}", v.name);
                    }
                }
                let mut at = f.records.iter().find(|r| r.o_prev == 0).unwrap();
                let mut keys = vec![at.key.to_ascii_lowercase()];
                while at.o_next != 0 {
                    at = f.record_at(at.o_next).unwrap();
                    keys.push(at.key.to_ascii_lowercase());
                }
                assert_eq!(keys.len(), f.records.len());
                assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
                assert_eq!(
                    ms_oxoab::guess_v2v3_kind(&v.bytes),
                    Some(ms_oxoab::V2V3Kind::AnrIndex)
                );
            }
            "RdnFile" => {
                let f: ms_oxoab::RdnFile = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(f.records.len().to_string(), v.meta("records"));
                assert_eq!(f.header.total_records as usize, f.records.len());
                assert!(f.trailing.is_empty() && f.pdn_trailing.is_empty());
                assert_eq!(f.record_offsets()[0], f.header.o_root);
                for r in &f.records {
                    let p = f.parent_dn_at(r.o_parent_dn).unwrap();
                    assert_eq!(std::str::from_utf8(p).unwrap(), v.meta("parent"));
                }
                assert_eq!(
                    ms_oxoab::guess_v2v3_kind(&v.bytes),
                    Some(ms_oxoab::V2V3Kind::RdnIndex)
                );
                // ulSerial is the 2.3.3 hash of the RDN values in Browse-file
                // order; a Browse file pointing at these records agrees.
                let mut by_browse: Vec<&ms_oxoab::Rdn2Rec> = f.records.iter().collect();
                by_browse.sort_by_key(|r| r.i_browse);
                let keys = by_browse.iter().map(|r| r.key.as_slice());
                assert_eq!(ms_oxoab::rdn_hash(keys), f.header.serial);
                let offs = f.record_offsets();
                let browse = ms_oxoab::BrowseFile {
                    header: ms_oxoab::OabHeader::default(),
                    records: by_browse
                        .iter()
                        .map(|r| {
                            let i = f.records.iter().position(|x| std::ptr::eq(x, *r)).unwrap();
                            ms_oxoab::B2Rec {
                                o_rdn: offs[i],
                                ..Default::default()
                            }
                        })
                        .collect(),
                    trailing: vec![],
                };
                assert_eq!(
                    ms_oxoab::browse_rdn_hash(&browse, &f),
                    Some(f.header.serial)
                );
                for (o, r) in offs.iter().zip(&f.records) {
                    assert_eq!(f.record_at(*o), Some(r));
                }
            }
            "Version7File" => {
                let f: ms_oxoab::Version7File = assert_round_trip(&v.bytes, &v.name);
                let (o, n) = v.meta("first-record").split_once(' ').unwrap();
                let b2 = ms_oxoab::B2Rec {
                    o_details: u32::from_str_radix(o, 16).unwrap(),
                    cb_details: n.parse().unwrap(),
                    ..Default::default()
                };
                assert_eq!(f.record(&b2).unwrap().len(), usize::from(b2.cb_details));
                assert_eq!(
                    ms_oxoab::guess_v2v3_kind(&v.bytes),
                    Some(ms_oxoab::V2V3Kind::DetailsOrTemplate)
                );
            }
            "TemplateFile" => {
                use ms_oxoab::{TemplateFile, TemplateParts, TemplateSlot};
                let f: TemplateFile = assert_round_trip(&v.bytes, &v.name);
                assert!(f.looks_valid());
                let dn = f.dn(TemplateSlot::MailUser).unwrap();
                assert_eq!(std::str::from_utf8(dn).unwrap(), v.meta("dn"));
                let t = f.template_data(TemplateSlot::MailUser).unwrap();
                assert_eq!(t.len().to_string(), v.meta("template-len"));
                // The template is [MS-OXOABKT] template data: one label row.
                let tm = f
                    .template(TemplateSlot::MailUser, &Options::strict())
                    .unwrap()
                    .unwrap()
                    .value;
                let set = tm.row_set().unwrap();
                assert_eq!(set.rows.len(), 1);
                let enc = set.guess_encoding(msox_codec::CodePage::WINDOWS_1252);
                assert_eq!(
                    set.row_text(&set.rows[0], enc).unwrap().as_deref(),
                    Some("Name:")
                );
                assert!(
                    f.script(TemplateSlot::MailUser, &Options::strict())
                        .unwrap()
                        .is_ok()
                );
                for slot in &TemplateSlot::ALL[1..] {
                    assert!(f.entry(*slot).is_empty());
                    assert_eq!(f.template_data(*slot), None);
                }
                // Built from its parts, the file comes out byte for byte.
                let mut parts = [TemplateParts::default(); 7];
                parts[0] = TemplateParts {
                    dn: Some(dn),
                    template: Some(t),
                    script: f.script_data(TemplateSlot::MailUser),
                    display_name: f.display_name(TemplateSlot::MailUser),
                };
                let built = TemplateFile::build(&parts, &[]).unwrap();
                assert_eq!(built.to_vec().unwrap(), v.bytes);
                assert_eq!(
                    ms_oxoab::guess_v2v3_kind(&v.bytes),
                    Some(ms_oxoab::V2V3Kind::DetailsOrTemplate)
                );
            }
            "PatchFile" => {
                let p: PatchFile = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(p.blocks.len(), 1);
                assert_eq!(p.header.source_size, 40);
            }
            other => panic!("{}: unknown type {other}", v.name),
        }
    }
    assert!(errors >= 2, "{errors} error vectors");
}

fn full_details(v: &msox_testkit::Vector) {
    let d = FullDetails::decode_bytes(&v.bytes, &Options::default()).unwrap();
    let (book, defects) = (d.value, d.defects);
    let expected_defects: usize = v.meta.get("defects").map_or(0, |d| d.parse().unwrap());
    assert_eq!(defects.len(), expected_defects, "{}: {defects:?}", v.name);
    let out = book.to_bytes().unwrap();
    if let Some(d) = hex_diff(&v.bytes, &out) {
        panic!("{}: re-encoding differs: {d}", v.name);
    }
    if expected_defects > 0 {
        assert!(FullDetails::decode_bytes(&v.bytes, &Options::strict()).is_err());
        // The boolean byte 2 went through ms-oxcdata's PtypBoolean policy:
        // kept as read, in the OAB encoding.
        let raw = PropertyValue::Raw {
            prop_type: ms_oxcdata::PropertyType::Boolean,
            bytes: vec![2],
            encoding: ms_oxcdata::ValueEncoding::Oab,
        };
        assert!(book.records[0].values().iter().any(|(_, x)| *x == raw));
        // Changing a record drops its kept bytes: it is then written
        // canonically (the raw boolean as the caller decides).
        let mut b2 = book.clone();
        for (_, x) in b2.records[0].values_mut() {
            if *x == raw {
                *x = PropertyValue::Boolean(true);
            }
        }
        let canon = b2.finalize().unwrap();
        let d3 = FullDetails::decode_bytes(&canon, &Options::strict()).unwrap();
        assert!(d3.defects.is_empty());
        let b3 = d3.value;
        assert_eq!(b3.records[0].values(), b2.records[0].values());
        assert!(canon.len() < v.bytes.len());
    } else {
        FullDetails::verify_serial(&v.bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
    }
    if let Some(n) = v.meta.get("records") {
        assert_eq!(book.records.len(), n.parse::<usize>().unwrap());
    }
    if let Some(name) = v.meta.get("display-name-1") {
        let got = book.records[0]
            .get(tags::PidTagDisplayName)
            .and_then(|v| v.as_text())
            .unwrap();
        assert_eq!(&got, name);
        assert_eq!(
            book.records[0].get(ms_oxcdata::PropertyTag::from_u32(0x8C5E_1003)),
            Some(&PropertyValue::MultipleInteger32(vec![
                0, 0x7F, 0x80, 0xFF, 0x100, 0x10000, 0x100_0000, -1
            ]))
        );
    }
    if let Some(seq) = v.meta.get("sequence") {
        assert_eq!(
            book.header_record
                .get(tags::PidTagOfflineAddressBookSequence),
            Some(&PropertyValue::Integer32(seq.parse().unwrap()))
        );
    }
    // The convenience entry point agrees.
    let via_fn = ms_oxoab::decode_full_details(&v.bytes).unwrap();
    assert_eq!(via_fn, book);
    assert_eq!(via_fn.to_vec().unwrap(), v.bytes);
}
