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
        name: "tnef_stream",
        seeds: &["oxtnef"],
        run: tnef_stream,
    },
    Target {
        name: "tnef_message",
        seeds: &["oxtnef"],
        run: tnef_message,
    },
    Target {
        name: "tnef_props",
        seeds: &[],
        run: tnef_props,
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
        name: "oxoab_full_details",
        seeds: &["oxoab"],
        run: oxoab_full_details,
    },
    Target {
        name: "oxoab_compressed_header",
        seeds: &["oxoab"],
        run: oxoab_compressed_header,
    },
];

/// ms-oxtnef: the attribute layer re-encodes whatever it decodes (strict or
/// lenient) to exactly the input.
pub fn tnef_stream(data: &[u8]) {
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
pub fn tnef_message(data: &[u8]) {
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
pub fn tnef_props(data: &[u8]) {
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
/// re-encode to the input; decompressing stays within the limits.
pub fn oxoab_compressed_header(data: &[u8]) {
    use ms_oxoab::{CompressedFile, DecodeOptions, NoLzx, PatchFile};
    use msox_codec::Encode;
    let opts = DecodeOptions {
        limits: FUZZ_LIMITS,
        ..DecodeOptions::default()
    };
    if let Ok(f) = CompressedFile::decode_limited(data, &opts.limits) {
        assert_eq!(f.to_vec().expect("re-encode"), data);
        if let Ok((out, _)) = f.decompress(&mut NoLzx, &opts) {
            assert_eq!(out.len(), f.header.target_size as usize);
        }
    }
    if let Ok(p) = PatchFile::decode_limited(data, &opts.limits) {
        assert_eq!(p.to_vec().expect("re-encode"), data);
    }
    if let Ok(m) = ms_oxoab::MdiFile::decode_limited(data, &opts.limits) {
        assert_eq!(m.to_vec().expect("re-encode"), data);
        if let Ok(out) = m.decompress(&opts.limits) {
            assert_eq!(out.len(), m.header.target_size as usize);
        }
    }
}
