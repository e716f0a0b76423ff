//! # msox-fuzz-targets — what every fuzz target runs
//!
//! Each function here feeds arbitrary bytes to one decoder entry point (and,
//! where decoding succeeds, checks that re-encoding and decoding again
//! agree). `fuzz/fuzz_targets/NAME.rs` calls `NAME` from here under
//! libFuzzer on nightly; `tests/regressions.rs` replays every file under
//! `fuzz/regressions/NAME/` and the test vectors on stable, so a crash fixed
//! once stays fixed without nightly.
//!
//! Adding a target: write the function, add it to [`TARGETS`], create
//! `fuzz/fuzz_targets/NAME.rs` and its `[[bin]]` in `fuzz/Cargo.toml`
//! (the `targets_match_fuzz_folder` test checks all three agree), and name
//! the test-vector folders that seed it.
#![forbid(unsafe_code)]
// Fuzz bodies assert invariants on purpose: a panic here is a finding.
#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used
)]

use msox_codec::Limits;

/// Limits every fuzz target decodes under (small, so a hostile input can't
/// hit libFuzzer's memory limit without it being a bug).
pub const FUZZ_LIMITS: Limits = Limits::fuzzing();

/// One fuzz target: its name (= the file name under `fuzz/fuzz_targets/`),
/// the `test-vectors/` folders that seed it, and its body.
pub struct Target {
    /// Target name.
    pub name: &'static str,
    /// `test-vectors/<folder>` names whose `.hex` files seed the target.
    pub seeds: &'static [&'static str],
    /// The body.
    pub run: fn(&[u8]),
}

/// Every fuzz target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "codec_strings",
        seeds: &[],
        run: codec_strings,
    },
    Target {
        name: "aswbxml_decode",
        seeds: &["aswbxml"],
        run: aswbxml_decode,
    },
    Target {
        name: "aswbxml_xml_roundtrip",
        seeds: &["aswbxml"],
        run: aswbxml_xml_roundtrip,
    },
    Target {
        name: "ashttp_query",
        seeds: &["ashttp"],
        run: ashttp_query,
    },
    Target {
        name: "oxrtfcp_decompress",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_decompress,
    },
    Target {
        name: "oxrtfcp_streaming",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_streaming,
    },
    Target {
        name: "oxrtfcp_compress_roundtrip",
        seeds: &["oxrtfcp", "oxrtfex"],
        run: oxrtfcp_compress_roundtrip,
    },
    Target {
        name: "oxrtfex_deencapsulate",
        seeds: &["oxrtfex"],
        run: oxrtfex_deencapsulate,
    },
    Target {
        name: "oxtnef_stream",
        seeds: &["oxtnef"],
        run: oxtnef_stream,
    },
    Target {
        name: "oxtnef_message",
        seeds: &["oxtnef"],
        run: oxtnef_message,
    },
    Target {
        name: "oxtnef_props",
        seeds: &[],
        run: oxtnef_props,
    },
    Target {
        name: "dtyp_security_descriptor",
        seeds: &["dtyp"],
        run: dtyp_security_descriptor,
    },
    Target {
        name: "dtyp_sid",
        seeds: &["dtyp"],
        run: dtyp_sid,
    },
    Target {
        // The oxwoab vectors are .xml, which the seeders do not read:
        // seed fuzz/corpus/oxwoab_manifest/ from test-vectors/oxwoab/*.xml.
        name: "oxwoab_manifest",
        seeds: &[],
        run: oxwoab_manifest,
    },
    Target {
        name: "oxprops_lookup",
        seeds: &["oxprops"],
        run: oxprops_lookup,
    },
    Target {
        name: "oxcmsg_model",
        seeds: &["oxcmsg"],
        run: oxcmsg_model,
    },
    Target {
        name: "oxcdata_restriction",
        seeds: &["oxcdata"],
        run: oxcdata_restriction,
    },
    Target {
        name: "oxcdata_entryid",
        seeds: &["oxcdata"],
        run: oxcdata_entryid,
    },
    Target {
        name: "oxcdata_property_row",
        seeds: &["oxcdata"],
        run: oxcdata_property_row,
    },
    Target {
        name: "oxcdata_recipient_row",
        seeds: &["oxcdata"],
        run: oxcdata_recipient_row,
    },
    Target {
        name: "cfb_tree",
        seeds: &["oxmsg", "cfb"],
        run: cfb_tree,
    },
    Target {
        name: "oxmsg_read",
        seeds: &["oxmsg"],
        run: oxmsg_read,
    },
    Target {
        name: "mci_mszip_decode",
        seeds: &["mci"],
        run: mci_mszip_decode,
    },
    Target {
        name: "mci_mszip_roundtrip",
        seeds: &["mci"],
        run: mci_mszip_roundtrip,
    },
    Target {
        name: "patch_lzx_decode",
        seeds: &["patch"],
        run: patch_lzx_decode,
    },
    Target {
        name: "patch_delta_apply",
        seeds: &["patch"],
        run: patch_delta_apply,
    },
    Target {
        name: "patch_lzx_roundtrip",
        seeds: &["patch"],
        run: patch_lzx_roundtrip,
    },
    Target {
        name: "oxoab_full_details",
        seeds: &["oxoab"],
        run: oxoab_full_details,
    },
    Target {
        name: "oxoab_compressed_header",
        seeds: &["oxoab", "patch"],
        run: oxoab_compressed_header,
    },
    Target {
        name: "oxoabkt_template",
        seeds: &["oxoabkt"],
        run: oxoabkt_template,
    },
];

/// ms-oxtnef: the attribute layer re-encodes whatever it decodes (strict or
/// lenient) to exactly the input.
pub fn oxtnef_stream(data: &[u8]) {
    use ms_oxtnef::{DecodeOptions, TnefStream};
    use msox_codec::Encode;
    for (strict, verify_checksums) in [(false, true), (true, true), (false, false)] {
        let o = DecodeOptions {
            strict,
            limits: FUZZ_LIMITS,
            verify_checksums,
        };
        if let Ok(d) = TnefStream::decode_with(data, &o) {
            assert_eq!(d.stream.to_vec().expect("encodes"), data, "not lossless");
            assert_eq!(d.stream.encoded_len(), data.len());
        }
    }
}

/// ms-oxtnef: reading into the model never panics; a message read is
/// written back (both shapes) and reads back again.
pub fn oxtnef_message(data: &[u8]) {
    use ms_oxtnef::{DecodeOptions, WriteOptions, message_to_bytes, to_message};
    let o = DecodeOptions {
        limits: FUZZ_LIMITS,
        ..DecodeOptions::default()
    };
    if let Ok((m, _)) = to_message(data, &o) {
        for legacy_attributes in [true, false] {
            let w = WriteOptions {
                legacy_attributes,
                ..WriteOptions::default()
            };
            // Writing can fail cleanly (an unnamed 0x8000+ ID, an unknown type).
            if let Ok(out) = message_to_bytes(&m, &w) {
                to_message(&out, &o).expect("a written message reads back");
            }
        }
    }
}

/// ms-oxtnef: property lists re-encode to exactly the bytes decoded.
pub fn oxtnef_props(data: &[u8]) {
    use ms_oxtnef::props;
    let cp = msox_codec::CodePage(1252);
    if let Ok(list) = props::decode_property_list(data, cp, &FUZZ_LIMITS) {
        assert_eq!(props::encode_property_list(&list).expect("encodes"), data);
    }
    if let Ok(rows) = props::decode_recipient_table(data, cp, &FUZZ_LIMITS) {
        assert_eq!(props::encode_recipient_table(&rows).expect("encodes"), data);
    }
}

/// msox-codec: UTF-16 and 8-bit string decoding stays lossless on any input.
pub fn codec_strings(data: &[u8]) {
    let s = msox_codec::Utf16String::from_le_bytes(data);
    assert_eq!(s.to_le_bytes(), data, "UTF-16 string not lossless");
    let mut r = msox_codec::Reader::new(data);
    let _ = msox_codec::Utf16String::read_nul_terminated(&mut r);
    if let Some((&cp, rest)) = data.split_first() {
        let cps = [1252, 932, 936, 949, 950, 1251, 65001, 50220, 1200, 0];
        let cp = msox_codec::CodePage(cps[usize::from(cp) % cps.len()]);
        let s8 = msox_codec::String8::new(rest.to_vec(), cp);
        let _ = s8.to_string_lossy();
    }
}

/// ms-aswbxml: every decode path on arbitrary bytes; a strict decode
/// re-encodes to the input byte for byte.
pub fn aswbxml_decode(data: &[u8]) {
    use ms_aswbxml::{DecodeOptions, Document, Framing, Mode, XmlOptions};
    for framing in [Framing::Document, Framing::Headerless] {
        for mode in [Mode::Strict, Mode::Lenient] {
            let o = DecodeOptions {
                framing,
                mode,
                limits: FUZZ_LIMITS,
            };
            if let Ok(doc) = Document::decode_with(data, o) {
                let out = doc.encode().expect("a decoded document encodes");
                if mode == Mode::Strict {
                    assert_eq!(out, data, "strict decode -> encode is not byte-exact");
                }
            }
            let _ = ms_aswbxml::wbxml_to_xml(data, o, XmlOptions::default());
            let _ = ms_aswbxml::canonical::to_canonical(data, o);
        }
    }
}

/// ms-aswbxml: decode -> lossless XML -> encode gives the input back for
/// every input a strict decode accepts; plain XML re-encodes to bytes that
/// decode again.
pub fn aswbxml_xml_roundtrip(data: &[u8]) {
    use ms_aswbxml::{DecodeOptions, EncodeOptions, Framing, Mode, XmlOptions};
    let enc = EncodeOptions {
        mode: Mode::Lenient,
        limits: FUZZ_LIMITS,
    };
    for framing in [Framing::Document, Framing::Headerless] {
        let o = DecodeOptions {
            framing,
            mode: Mode::Strict,
            limits: FUZZ_LIMITS,
        };
        if let Ok(x) = ms_aswbxml::wbxml_to_xml(data, o, XmlOptions::lossless()) {
            let back = ms_aswbxml::xml_to_wbxml(x.output.as_bytes(), enc)
                .unwrap_or_else(|e| panic!("lossless XML does not encode: {e}\n{}", x.output));
            assert_eq!(back.output, data, "lossless XML round trip\n{}", x.output);
        }
        // Plain XML has no header instruction: it encodes as a document.
        if framing == Framing::Headerless {
            continue;
        }
        if let Ok(x) = ms_aswbxml::wbxml_to_xml(data, o, XmlOptions::default()) {
            let back = ms_aswbxml::xml_to_wbxml(x.output.as_bytes(), enc)
                .unwrap_or_else(|e| panic!("plain XML does not encode: {e}\n{}", x.output));
            let again = DecodeOptions {
                framing: Framing::Document,
                mode: Mode::Strict,
                limits: FUZZ_LIMITS,
            };
            ms_aswbxml::Document::decode_with(&back.output, again)
                .expect("encoded plain XML decodes");
        }
    }
    // XML text in: never a panic
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = ms_aswbxml::xml_to_wbxml(s.as_bytes(), enc);
    }
}

/// ms-ashttp: query values (bytes, base64 text, request lines) decode and
/// re-encode exactly.
pub fn ashttp_query(data: &[u8]) {
    use msox_codec::{Decode, Encode};
    if let Ok(q) = ms_ashttp::Base64Query::decode_exact(data) {
        assert_eq!(q.to_vec().expect("encodes"), data);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(q) = ms_ashttp::Query::parse(s) {
            let text = q.to_text().expect("re-encodes");
            let again = ms_ashttp::Query::parse(&text).expect("re-parses");
            assert_eq!(again, q);
        }
        let _ = ms_ashttp::RequestLine::parse(s);
    }
}

/// ms-oxrtfcp: decompression never panics; strict success implies a
/// defect-free lenient result with the same output.
pub fn oxrtfcp_decompress(data: &[u8]) {
    use ms_oxrtfcp::{DecompressOptions, decompress_with};
    let lenient = decompress_with(data, &DecompressOptions::from_limits(&FUZZ_LIMITS));
    let strict = decompress_with(
        data,
        &DecompressOptions::strict().with_max_output(FUZZ_LIMITS.max_output),
    );
    if let Ok(s) = strict {
        let l = lenient.expect("strict succeeded, lenient failed");
        assert!(l.defects.is_empty() && s.defects.is_empty());
        assert_eq!(l.data, s.data);
    }
}

/// ms-oxrtfcp: the streaming decoder, fed the input in pieces whose sizes
/// come from the input, gives the one-shot output and defects.
pub fn oxrtfcp_streaming(data: &[u8]) {
    use ms_oxrtfcp::{DecompressOptions, Decompressor, decompress_with};
    let Some((&seed, data)) = data.split_first() else {
        return;
    };
    let opts = DecompressOptions::from_limits(&FUZZ_LIMITS);
    let one = decompress_with(data, &opts);
    let mut d = Decompressor::new(opts);
    let mut out = Vec::new();
    let mut rest = data;
    let mut k = usize::from(seed);
    let mut res = Ok(());
    while !rest.is_empty() {
        let n = (k % 23 + 1).min(rest.len());
        k = k.wrapping_mul(31).wrapping_add(7);
        let (piece, tail) = rest.split_at(n);
        rest = tail;
        res = d.feed(piece, &mut out);
        if res.is_err() {
            break;
        }
    }
    let streamed = res.and_then(|()| d.finish());
    match (one, streamed) {
        (Ok(o), Ok(r)) => {
            assert_eq!(o.data, out);
            assert_eq!(o.defects, r.defects);
        }
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        (a, b) => panic!("one-shot {a:?} vs streamed {b:?}"),
    }
}

/// ms-oxrtfcp: `decompress(compress(x)) == x` for LZFu and MELA.
pub fn oxrtfcp_compress_roundtrip(data: &[u8]) {
    use ms_oxrtfcp::{CompType, compress_with, decompress};
    for t in [CompType::Compressed, CompType::Uncompressed] {
        let stream = compress_with(data, t).unwrap();
        let back = decompress(&stream).unwrap();
        assert!(back.defects.is_empty(), "{:?}", back.defects);
        assert_eq!(back.data, data);
    }
}

/// ms-oxrtfex: de-encapsulation never panics; strict success implies a
/// defect-free lenient result; what comes out survives our writer.
pub fn oxrtfex_deencapsulate(data: &[u8]) {
    use ms_oxrtfex::{
        DeencapsulateOptions, Encapsulation, deencapsulate, deencapsulate_with, encapsulate_html,
        encapsulate_text,
    };
    let opts = DeencapsulateOptions {
        max_output: FUZZ_LIMITS.max_output,
        ..DeencapsulateOptions::new()
    };
    let lenient = deencapsulate_with(data, &opts);
    let strict = deencapsulate_with(
        data,
        &DeencapsulateOptions {
            strict: true,
            ..opts
        },
    );
    if let Ok(s) = &strict {
        let l = lenient.as_ref().expect("strict succeeded, lenient failed");
        assert!(l.defects.is_empty());
        assert_eq!(l.content, s.content);
    }
    if let Ok(d) = lenient {
        let rtf = match d.kind {
            Encapsulation::Html => encapsulate_html(&d.content),
            Encapsulation::Text => encapsulate_text(&d.content),
        };
        let back = deencapsulate(&rtf).unwrap();
        assert!(back.defects.is_empty());
        assert_eq!(back.content, d.content);
    }
}

/// ms-dtyp: a self-relative security descriptor (and, on the same bytes,
/// an ACL and an ACE) that decodes re-encodes byte for byte; with its
/// layout dropped it re-encodes canonically to the same parts.
pub fn dtyp_security_descriptor(data: &[u8]) {
    use ms_dtyp::{Ace, Acl, SecurityDescriptor};
    use msox_codec::{Decode, DecodeWith, Encode};
    if let Ok((sd, used)) = SecurityDescriptor::decode_prefix_with(data, FUZZ_LIMITS) {
        let bytes = sd.to_vec().expect("a decoded descriptor encodes");
        assert_eq!(bytes, data[..used], "security descriptor not byte-exact");
        assert_eq!(bytes.len(), sd.encoded_len());
        let mut canon = sd.clone();
        canon.canonicalize();
        let again = SecurityDescriptor::decode_exact(&canon.to_vec().expect("encodes"))
            .expect("a canonical encoding decodes");
        assert!(again.layout.is_none());
        assert_eq!(again, canon);
    }
    if let Ok((acl, used)) = Acl::decode_prefix_with(data, FUZZ_LIMITS) {
        assert_eq!(
            acl.to_vec().expect("encodes"),
            data[..used],
            "ACL not byte-exact"
        );
    }
    if let Ok((ace, used)) = Ace::decode_prefix(data) {
        assert_eq!(
            ace.to_vec().expect("encodes"),
            data[..used],
            "ACE not byte-exact"
        );
        assert_eq!(usize::from(ace.header().ace_size), used);
    }
}

/// ms-dtyp: SIDs in packet form re-encode exactly; SID strings that parse
/// print and parse back to the same SID; the packet and string forms
/// agree.
pub fn dtyp_sid(data: &[u8]) {
    use ms_dtyp::Sid;
    use msox_codec::{Decode, Encode};
    if let Ok((sid, used)) = Sid::decode_prefix(data) {
        assert_eq!(sid.to_vec().expect("encodes"), data[..used]);
        if sid.revision() == 1 {
            let text = sid.to_string();
            assert_eq!(
                text.parse::<Sid>().expect("printed SID parses"),
                sid,
                "{text}"
            );
        }
    }
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(sid) = s.parse::<Sid>()
    {
        let text = sid.to_string();
        assert_eq!(
            text.parse::<Sid>().expect("re-parses"),
            sid,
            "{s} -> {text}"
        );
        assert!(
            text.eq_ignore_ascii_case(s)
                || s.contains("0x")
                || s.contains("0X")
                || text.contains("0x"),
            "{s} -> {text}"
        );
        let back = Sid::decode_exact(&sid.to_vec().expect("encodes")).expect("decodes");
        assert_eq!(back, sid);
    }
}

/// ms-oxwoab: a manifest that reads writes back to XML that reads to the
/// same model, and writing is deterministic.
pub fn oxwoab_manifest(data: &[u8]) {
    use ms_oxwoab::{Manifest, ReadOptions};
    let opts = ReadOptions {
        limits: FUZZ_LIMITS,
    };
    if let Ok(m) = Manifest::parse_with(data, &opts) {
        let xml = m.to_xml();
        let again = Manifest::parse_with(xml.as_bytes(), &opts)
            .unwrap_or_else(|e| panic!("written manifest does not read: {e}\n{xml}"));
        assert_eq!(again, m, "{xml}");
        assert_eq!(again.to_xml(), xml);
    }
}

/// The count-width layouts ms-oxcdata decodes in: ROP buffers, extended
/// rules, and standard rule conditions (16-bit restriction counts, 32-bit
/// value counts), all under [`FUZZ_LIMITS`].
fn oxcdata_contexts() -> [ms_oxcdata::ValueContext; 3] {
    use ms_oxcdata::ValueContext;
    use msox_codec::CountWidth;
    let rop = ValueContext::ROP.with_limits(&FUZZ_LIMITS);
    [
        rop,
        ValueContext::EXTENDED_RULE.with_limits(&FUZZ_LIMITS),
        ValueContext {
            binary_count: CountWidth::U32,
            multi_count: CountWidth::U32,
            ..rop
        },
    ]
}

/// ms-oxcdata: restrictions in every layout; what decodes re-encodes to
/// the bytes it came from and decodes again to the same bytes.
pub fn oxcdata_restriction(data: &[u8]) {
    use ms_oxcdata::Restriction;
    use msox_codec::{DecodeWith, EncodeWith};
    for ctx in oxcdata_contexts() {
        if let Ok((r, used)) = Restriction::decode_prefix_with(data, ctx) {
            let out = r.to_vec_with(ctx).expect("a decoded restriction encodes");
            assert_eq!(out, &data[..used], "restriction re-encoding differs");
            assert_eq!(r.encoded_len_with(ctx), used);
            let again = Restriction::decode_exact_with(&out, ctx).expect("re-decodes");
            assert_eq!(again.to_vec_with(ctx).expect("encodes"), out);
            let _ = r.to_string();
        }
    }
}

/// ms-oxcdata: any bytes are an EntryID (recognised or kept); encoding
/// gives them back; nested EntryIDs decode without panicking.
pub fn oxcdata_entryid(data: &[u8]) {
    use ms_oxcdata::EntryId;
    use msox_codec::{Decode, Encode};
    let e = EntryId::parse(data);
    assert_eq!(e.to_vec().expect("an EntryID encodes"), data);
    assert_eq!(e.encoded_len(), data.len());
    let _ = e.to_string();
    if let Ok(d) = EntryId::decode_exact(data) {
        assert_eq!(d, e, "decode and parse disagree");
    }
    match &e {
        EntryId::Wrapped(w) => drop(w.inner()),
        EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => drop(c.inner()),
        _ => {}
    }
}

/// Splits fuzz input into a column set (a 16-bit-count PropertyTagArray)
/// and the bytes after it.
fn columns_then_rest(data: &[u8]) -> Option<(Vec<ms_oxcdata::PropertyTag>, &[u8])> {
    use msox_codec::Decode;
    let (cols, used) = ms_oxcdata::PropertyTagArray::decode_prefix(data).ok()?;
    Some((cols.0, &data[used..]))
}

/// ms-oxcdata: a column set, then a PropertyRowSet (and a single
/// PropertyRow) in every layout; re-encoding is byte-exact.
pub fn oxcdata_property_row(data: &[u8]) {
    use ms_oxcdata::{PropertyRow, PropertyRowSet, RowContext};
    use msox_codec::{DecodeWith, EncodeWith};
    let Some((cols, rest)) = columns_then_rest(data) else {
        return;
    };
    for ctx in oxcdata_contexts() {
        let rc = RowContext::new(&cols, ctx);
        if let Ok((set, used)) = PropertyRowSet::decode_prefix_with(rest, rc) {
            let out = set.to_vec_with(rc).expect("a decoded row set encodes");
            assert_eq!(out, &rest[..used], "row set re-encoding differs");
        }
        if let Ok((row, used)) = PropertyRow::decode_prefix_with(rest, rc) {
            let out = row.to_vec_with(rc).expect("a decoded row encodes");
            assert_eq!(out, &rest[..used], "row re-encoding differs");
            assert_eq!(row.encoded_len_with(rc), used);
        }
    }
}

/// ms-oxcdata: a column set, then a RecipientRow in every layout;
/// re-encoding is byte-exact.
pub fn oxcdata_recipient_row(data: &[u8]) {
    use ms_oxcdata::{RecipientRow, RowContext};
    use msox_codec::{DecodeWith, EncodeWith};
    let Some((cols, rest)) = columns_then_rest(data) else {
        return;
    };
    for ctx in oxcdata_contexts() {
        let rc = RowContext::new(&cols, ctx);
        if let Ok((row, used)) = RecipientRow::decode_prefix_with(rest, rc) {
            let out = row
                .to_vec_with(rc)
                .expect("a decoded recipient row encodes");
            assert_eq!(out, &rest[..used], "recipient row re-encoding differs");
            assert_eq!(row.encoded_len_with(rc), used);
        }
    }
}

/// ms-cfb: parsing and reading the whole tree never panics, loops or
/// allocates past the limits.
pub fn cfb_tree(data: &[u8]) {
    if let Ok((cf, _)) = ms_cfb::CompoundFile::parse(data, &FUZZ_LIMITS) {
        let _ = cf.tree();
    }
}

/// ms-oxmsg: a file that reads is written, and the written file reads
/// back.
pub fn oxmsg_read(data: &[u8]) {
    use ms_oxmsg::{MsgFile, ReadOptions};
    let o = ReadOptions {
        limits: FUZZ_LIMITS,
        ..ReadOptions::default()
    };
    if let Some(out) = MsgFile::read(data, &o)
        .ok()
        .and_then(|(f, _)| f.to_bytes().ok())
    {
        MsgFile::read(&out, &o).expect("a written .msg reads back");
    }
}

/// ms-mci: MSZIP decompression stays within the output limit and what it
/// gives recompresses and decompresses back to it; cabinets parse and their
/// folders and files read without panicking.
pub fn mci_mszip_decode(data: &[u8]) {
    if let Ok(out) = ms_mci::decompress_with(data, &FUZZ_LIMITS) {
        assert!(out.len() <= FUZZ_LIMITS.max_output);
        let again = ms_mci::compress(&out, 6);
        assert_eq!(ms_mci::decompress(&again).unwrap(), out);
    }
    if let Ok(cab) = ms_mci::cab::Cabinet::parse(data, &FUZZ_LIMITS) {
        for i in 0..cab.folders.len().min(16) {
            if let Ok(out) = cab.folder_data(i, &FUZZ_LIMITS) {
                for f in &cab.files {
                    let _ = ms_mci::cab::Cabinet::file_bytes(f, &out);
                }
            }
        }
    }
}

/// ms-mci: any data survives MSZIP compression at the level the first
/// byte picks, in one call and block by block.
pub fn mci_mszip_roundtrip(data: &[u8]) {
    let Some((&level, data)) = data.split_first() else {
        return;
    };
    let c = ms_mci::compress(data, u32::from(level % 10));
    assert_eq!(ms_mci::decompress(&c).unwrap(), data);
}

/// ms-patch: the input as an LZXD file, and (after a 3-byte selector:
/// window bits, dialect, output size) as a bare LZX or LZXD stream. When a
/// bare stream decodes, our encoder's stream for that output decodes back.
pub fn patch_lzx_decode(data: &[u8]) {
    use ms_patch::{DecodeOptions, FileOptions, StreamParams};
    let fopts = FileOptions::from_limits(&FUZZ_LIMITS);
    let _ = ms_patch::decompress_file(data, &fopts);
    let Some((sel, stream)) = data.split_first_chunk::<3>() else {
        return;
    };
    let bits = 15 + sel[0] % 11;
    let lzxd = sel[0] & 0x80 != 0;
    let params = if lzxd {
        StreamParams::lzxd(bits)
    } else {
        StreamParams::lzx(15 + sel[0] % 7)
    };
    let len = usize::from(u16::from_le_bytes([sel[1], sel[2]])) * 4;
    let opts = DecodeOptions::from_limits(&FUZZ_LIMITS);
    if let Ok(out) = ms_patch::decompress(stream, len, &params, &[], &opts) {
        assert_eq!(out.len(), len);
        let z = ms_patch::compress(&out, &params, &[], &Default::default()).unwrap();
        assert_eq!(
            ms_patch::decompress(&z, len, &params, &[], &opts).unwrap(),
            out
        );
    }
}

/// ms-patch: the input as an LZX DELTA patch applied to a base cut from
/// its front (the first 2 bytes give the base length), and as a bare LZXD
/// stream with that base as reference data.
pub fn patch_delta_apply(data: &[u8]) {
    use ms_patch::{DecodeOptions, FileOptions, StreamParams};
    let fopts = FileOptions::from_limits(&FUZZ_LIMITS);
    let _ = ms_patch::apply_patch(data, b"", &fopts);
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let n = usize::from(u16::from_le_bytes(*sel)).min(rest.len());
    let (base, patch) = rest.split_at(n);
    if let Ok(out) = ms_patch::apply_patch(patch, base, &fopts) {
        let p = ms_patch::create_patch(base, &out, &Default::default()).unwrap();
        assert_eq!(ms_patch::apply_patch(&p, base, &fopts).unwrap(), out);
    }
    let opts = DecodeOptions::from_limits(&FUZZ_LIMITS);
    let _ = ms_patch::decompress(
        patch,
        base.len() * 2 + 100,
        &StreamParams::lzxd(17),
        base,
        &opts,
    );
}

/// ms-patch: any data (after a selector byte: level, window, dialect, E8)
/// survives the LZX encoder, and a patch from the data's first half to the
/// whole applies.
pub fn patch_lzx_roundtrip(data: &[u8]) {
    use ms_patch::{DecodeOptions, EncodeOptions, FileOptions, StreamParams, WriteOptions};
    let Some((&sel, data)) = data.split_first() else {
        return;
    };
    let level = 1 + sel % 9;
    let lzxd = sel & 0x40 != 0;
    let bits = 15 + (sel >> 4) % 7;
    let params = if lzxd {
        StreamParams::lzxd(bits)
    } else {
        StreamParams::lzx(bits)
    };
    let mut opts = EncodeOptions::level(level);
    opts.extended_lengths = lzxd && sel & 1 != 0;
    if sel & 0x80 != 0 {
        opts.e8_translation = Some(data.len() as u32 | 0x1000);
    }
    let z = ms_patch::compress(data, &params, &[], &opts).unwrap();
    let back = ms_patch::decompress(&z, data.len(), &params, &[], &DecodeOptions::default());
    assert_eq!(back.unwrap(), data);
    let half = &data[..data.len() / 2];
    let p = ms_patch::create_patch(half, data, &WriteOptions::level(level)).unwrap();
    assert_eq!(
        ms_patch::apply_patch(&p, half, &FileOptions::default()).unwrap(),
        data
    );
}

/// ms-oxoab: a version 4 full details file that decodes (lenient) re-encodes
/// to exactly the input; strict decoding never accepts what lenient
/// reported as defective; the borrowing reader sees the same records.
pub fn oxoab_full_details(data: &[u8]) {
    use ms_oxoab::{DecodeOptions, FullDetails, FullDetailsReader};
    let opts = DecodeOptions {
        limits: FUZZ_LIMITS,
        ..DecodeOptions::default()
    };
    if let Ok((f, defects)) = FullDetails::decode_with_options(data, &opts) {
        assert_eq!(f.to_bytes().expect("re-encode"), data);
        let strict = FullDetails::decode_with_options(
            data,
            &DecodeOptions {
                strict: true,
                ..opts
            },
        );
        assert_eq!(strict.is_ok(), defects.is_empty(), "{defects:?}");
        let rd = FullDetailsReader::new(data, &opts).expect("reader");
        let mut n = 0;
        for (raw, rec) in rd.records().zip(&f.records) {
            assert_eq!(
                &raw.expect("raw")
                    .decode(&f.metadata.oab_atts)
                    .expect("record"),
                rec
            );
            n += 1;
        }
        assert_eq!(n, f.records.len());
    }
}

/// ms-oxoab: the compressed-file (LZX_HDR/LZX_BLK) and patch-file
/// (PATCH_HDR/PATCH_BLK) and version 2/3 (MDI_HDR/MDI_BLK, MSZIP) containers
/// re-encode to the input; decompressing stays within the limits; the
/// uncompressed version 2/3 files (the input itself, or what an MDI file
/// decompresses to) re-encode to their bytes; ms-patch's LZXD file and
/// patch readers and ms-oxoab's strict ones agree on what they both accept.
pub fn oxoab_compressed_header(data: &[u8]) {
    use ms_oxoab::{CompressedFile, DecodeOptions, PatchFile, PatchLzx};
    use msox_codec::Encode;
    let opts = DecodeOptions {
        limits: FUZZ_LIMITS,
        ..DecodeOptions::default()
    };
    if let Ok(f) = CompressedFile::decode_limited(data, &opts.limits) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
        let mut codec = PatchLzx {
            limits: FUZZ_LIMITS,
            ..PatchLzx::default()
        };
        if let Ok((out, _)) = f.decompress(&mut codec, &opts) {
            assert_eq!(out.len(), f.header.target_size as usize);
        }
    }
    if let Ok(p) = PatchFile::decode_limited(data, &opts.limits) {
        assert_eq!(p.to_vec().expect("re-encode"), data);
    }
    // The two readers of these containers (they share the header types)
    // agree: what ms-patch's one-pass reader accepts with every CRC
    // checked, ms-oxoab's strict reader decodes to the same bytes (unless
    // it hits its block-count limit, which ms-patch does not have).
    let strict = DecodeOptions {
        strict: true,
        ..opts
    };
    let fopts = ms_patch::FileOptions::from_limits(&FUZZ_LIMITS);
    let limited =
        |e: &msox_codec::Error| matches!(e.kind(), msox_codec::ErrorKind::LimitExceeded { .. });
    if let Ok(out) = ms_patch::decompress_file(data, &fopts) {
        let mut codec = PatchLzx {
            limits: FUZZ_LIMITS,
            ..PatchLzx::default()
        };
        match CompressedFile::decode_limited(data, &strict.limits)
            .and_then(|f| f.decompress(&mut codec, &strict))
        {
            Ok((ours, defects)) => assert!(ours == out && defects.is_empty()),
            Err(e) => assert!(limited(&e), "ms-patch read it, ms-oxoab: {e}"),
        }
    }
    if let Ok(out) = ms_patch::apply_patch(data, b"", &fopts) {
        let mut codec = PatchLzx {
            limits: FUZZ_LIMITS,
            ..PatchLzx::default()
        };
        match PatchFile::decode_limited(data, &strict.limits)
            .and_then(|p| p.apply(b"", &mut codec, &strict))
        {
            Ok((ours, defects)) => assert!(ours == out && defects.is_empty()),
            // ms-patch uses a base of another size as it is; ms-oxoab refuses it.
            Err(e) => assert!(
                // PATCH_HDR.ulSourceSize, not 0 here.
                limited(&e) || data.get(12..16) != Some(&[0u8; 4][..]),
                "ms-patch applied it, ms-oxoab: {e}"
            ),
        }
    }
    if let Ok(m) = ms_oxoab::MdiFile::decode_limited(data, &opts.limits) {
        assert_eq!(m.to_vec().expect("re-encode"), data);
        if let Ok(out) = m.decompress(&opts.limits) {
            assert_eq!(out.len(), m.header.target_size as usize);
            oxoab_v2v3(&out);
        }
    }
    oxoab_v2v3(data);
}

/// ms-oxoab: the uncompressed version 2/3 files (Browse, RDN Index, ANR
/// Index, Details/template, Changes) re-encode to the input.
fn oxoab_v2v3(data: &[u8]) {
    use msox_codec::{Decode, Encode};
    if let Ok(f) = ms_oxoab::BrowseFile::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
    }
    if let Ok(f) = ms_oxoab::AnrFile::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
        assert_eq!(f.offsets().len(), f.records.len());
    }
    if let Ok(f) = ms_oxoab::RdnFile::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
        let _ = f.looks_valid();
    }
    if let Ok(f) = ms_oxoab::Version7File::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
    }
    if let Ok(f) = ms_oxoab::TemplateFile::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
        let _ = f.looks_valid();
        for slot in ms_oxoab::TemplateSlot::ALL {
            let _ = (
                f.template_data(slot),
                f.script_data(slot),
                f.dn(slot),
                f.display_name(slot),
            );
        }
    }
    if let Ok(f) = ms_oxoab::ChangesFile::decode_exact(data) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
    }
    let _ = ms_oxoab::guess_v2v3_kind(data);
}

/// [MS-OXOABKT] template data and script data: whatever decodes re-encodes
/// to the input byte for byte; every string offset of a TRowSet reads (or
/// fails cleanly) in both encodings; built templates read back.
pub fn oxoabkt_template(data: &[u8]) {
    use ms_oxoabkt::{ScriptData, StringEncoding, TRowSet, Template, TemplateBuilder};
    use msox_codec::{CodePage, Decode, DecodeWith, Encode};
    if let Ok(t) = Template::decode_exact(data) {
        assert_eq!(t.to_vec().expect("re-encode"), data);
        assert_eq!(t.encoded_len(), data.len());
        if let Some(set) = t.row_set() {
            let cp = StringEncoding::CodePage(CodePage::WINDOWS_1252);
            for enc in [StringEncoding::Unicode, cp] {
                let all_ok = set.rows.iter().all(|r| set.row_text(r, enc).is_ok());
                assert_eq!(all_ok, Template::decode_exact_with(data, enc).is_ok());
            }
            let enc = set.guess_encoding(CodePage::WINDOWS_1252);
            if let Ok(texts) = set
                .rows
                .iter()
                .map(|r| set.row_text(r, enc))
                .collect::<msox_codec::Result<Vec<_>>>()
            {
                let mut b = TemplateBuilder::new(enc);
                for (row, text) in set.rows.iter().zip(&texts) {
                    b.row(*row, text.as_deref().filter(|t| !t.contains('\0')));
                }
                if let Ok(built) = b.build() {
                    let bytes = built.to_vec().expect("encode built");
                    let back = TRowSet::decode_exact(&bytes).expect("built template decodes");
                    assert_eq!(back, built);
                }
            }
        }
    }
    if let Ok(s) = ScriptData::decode_exact(data) {
        assert_eq!(s.to_vec().expect("re-encode"), data);
    }
}

/// ms-oxprops: every lookup takes arbitrary names, tags, IDs and (set,
/// LID / name) pairs without panicking, and what a name finds is found
/// again by its canonical name.
pub fn oxprops_lookup(data: &[u8]) {
    use ms_oxcdata::PropertyTag;
    let text = String::from_utf8_lossy(data);
    if let Some(d) = ms_oxprops::by_name(&text) {
        let again = ms_oxprops::by_name(d.canonical_name).expect("a canonical name finds itself");
        assert_eq!(again.canonical_name, d.canonical_name);
    }
    let _ = ms_oxprops::all_by_name(&text).count();
    let _ = ms_oxprops::set_by_name(&text);
    let word = |i: usize| {
        data.get(i..i + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let tag = PropertyTag::from_u32(word(0));
    if let Some(d) = ms_oxprops::by_tag(tag) {
        assert_eq!(d.tag().map(|t| t.id), Some(tag.id));
    }
    let _ = ms_oxprops::all_by_tag(tag).count();
    let _ = ms_oxprops::describe_tag(tag);
    let _ = ms_oxprops::by_id(tag.id).count();
    if let Some(g) = data.get(..16) {
        let mut b = [0u8; 16];
        b.copy_from_slice(g);
        let set = ms_dtyp::Guid::from_le_bytes(b);
        let _ = ms_oxprops::by_lid(set, word(16));
        let _ = ms_oxprops::by_set_name(set, &String::from_utf8_lossy(&data[16..]));
        let _ = ms_oxprops::set_name(set);
    }
}

/// ms-oxcmsg: a property list ([MS-OXCDATA] 2.1.1, ROP context) read into a
/// message (also as a recipient's and an attachment's properties): every
/// accessor copes with whatever types the values have, and the message
/// written as TNEF and as .msg reads back.
pub fn oxcmsg_model(data: &[u8]) {
    use ms_oxcdata::{AddressEntry, ValueContext};
    use ms_oxcmsg::{Attachment, Message, Property, PropertyBag, Recipient};
    let ctx = ValueContext {
        limits: FUZZ_LIMITS,
        ..ValueContext::ROP
    };
    let mut r = msox_codec::Reader::new(data);
    let Ok(list) = AddressEntry::read(&mut r, &ctx) else {
        return;
    };
    let bag: PropertyBag = list
        .0
        .into_iter()
        .map(|t| Property::new(t.tag, t.value))
        .collect();
    let mut m = Message {
        properties: bag.clone(),
        ..Message::default()
    };
    m.recipients.push(Recipient {
        properties: bag.clone(),
    });
    m.attachments.push(Attachment {
        properties: bag,
        ..Attachment::default()
    });
    let _ = (m.subject(), m.body(), m.message_class(), m.html_body());
    let _ = (
        m.rtf_compressed(),
        m.message_flags(),
        m.importance(),
        m.code_page(),
    );
    let _ = m.embedded_messages();
    for rc in &m.recipients {
        let _ = (rc.display_name(), rc.email(), rc.smtp_address());
        let _ = (rc.address_type(), rc.recipient_type());
    }
    for a in &m.attachments {
        let _ = (
            a.method(),
            a.file_name(),
            a.data(),
            a.mime_type(),
            a.content_id(),
        );
    }
    let o = ms_oxtnef::DecodeOptions {
        limits: FUZZ_LIMITS,
        ..ms_oxtnef::DecodeOptions::default()
    };
    // Writing can fail cleanly (a value the format cannot hold).
    if let Ok(out) = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default()) {
        ms_oxtnef::to_message(&out, &o).expect("a written TNEF stream reads back");
    }
    let ro = ms_oxmsg::ReadOptions {
        limits: FUZZ_LIMITS,
        ..ms_oxmsg::ReadOptions::default()
    };
    if let Ok(out) = ms_oxmsg::MsgFile::new(m).to_bytes() {
        ms_oxmsg::MsgFile::read(&out, &ro).expect("a written .msg reads back");
    }
}
