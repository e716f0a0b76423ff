//! # msox-fuzz-targets — what every fuzz target runs
//!
//! Each function here feeds arbitrary bytes to one decoder entry point of
//! one crate, in both modes of the decoding session
//! ([`lenient`]: `Options::fuzzing()`, and [`strict`]:
//! `Options::strict().with_limits(Limits::fuzzing())`), and checks:
//!
//! - nothing panics, loops or allocates past the fuzzing limits;
//! - what decodes strictly decodes leniently too, without defects;
//! - where decoding succeeds and the crate has an encoder, re-encoding and
//!   decoding again agree (byte for byte with the input for lossless
//!   formats decoded strictly; a fixed point otherwise).
//!
//! Target names are `<crate without ms->_<entry>`, the names of the
//! crates' hostile suites (`crates/*/tests/hostile.rs`): one target per
//! decoder entry point, and a few more for encoders and lookups
//! (`*_roundtrip`, `oxprops_lookup`, `oxcmsg_model`, `codec_strings`).
//!
//! `fuzz/fuzz_targets/NAME.rs` calls `NAME` from here under libFuzzer on
//! nightly; `tests/regressions.rs` replays every file under
//! `fuzz/regressions/NAME/` and the test vectors on stable, so a crash
//! fixed once stays fixed without nightly.
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

use std::fmt::Debug;

use msox_codec::{Decoded, Encode, Limits, Options, Result};

mod ashttp;
mod aswbxml;
mod cab;
mod cfb;
mod chm;
mod codec;
mod dtyp;
mod mci;
mod oxcdata;
mod oxcfxics;
mod oxcical;
mod oxcmail;
mod oxcmapihttp;
mod oxcmsg;
mod oxcrops;
mod oxcrpc;
mod oxmsg;
mod oxnspi;
mod oxoab;
mod oxoabkt;
mod oxocal;
mod oxprops;
mod oxrtfcp;
mod oxrtfex;
mod oxtnef;
mod oxvcard;
mod oxwoab;
mod patch;

pub use ashttp::*;
pub use aswbxml::*;
pub use cab::*;
pub use cfb::*;
pub use chm::*;
pub use codec::*;
pub use dtyp::*;
pub use mci::*;
pub use oxcdata::*;
pub use oxcfxics::*;
pub use oxcical::*;
pub use oxcmail::*;
pub use oxcmapihttp::*;
pub use oxcmsg::*;
pub use oxcrops::*;
pub use oxcrpc::*;
pub use oxmsg::*;
pub use oxnspi::*;
pub use oxoab::*;
pub use oxoabkt::*;
pub use oxocal::*;
pub use oxprops::*;
pub use oxrtfcp::*;
pub use oxrtfex::*;
pub use oxtnef::*;
pub use oxvcard::*;
pub use oxwoab::*;
pub use patch::*;

/// Limits every fuzz target decodes under (small, so a hostile input can't
/// hit libFuzzer's memory limit without it being a bug).
pub const FUZZ_LIMITS: Limits = Limits::fuzzing();

/// Lenient decoding with the fuzzing limits (`Options::fuzzing()`).
pub const fn lenient() -> Options {
    Options::fuzzing()
}

/// Strict decoding with the fuzzing limits.
pub const fn strict() -> Options {
    Options::strict().with_limits(FUZZ_LIMITS)
}

/// Both modes, strict first.
pub const MODES: [Options; 2] = [strict(), lenient()];

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

/// Runs an entry point in both modes and checks what the modes must agree
/// on: a strict result has no defects; what decodes strictly decodes
/// leniently too, without defects. Returns `(strict, lenient)`.
pub fn both<'a, T: Debug>(
    data: &'a [u8],
    entry: impl Fn(&'a [u8], &Options) -> Result<Decoded<T>>,
) -> (Result<Decoded<T>>, Result<Decoded<T>>) {
    let s = entry(data, &strict());
    let l = entry(data, &lenient());
    if let Ok(s) = &s {
        assert!(s.defects.is_empty(), "strict mode reported defects: {s:?}");
        match &l {
            Ok(l) => assert!(
                l.defects.is_empty(),
                "strict decoded it, lenient reported defects: {:?}",
                l.defects
            ),
            Err(e) => panic!("strict decoded it, lenient failed: {e}"),
        }
    }
    (s, l)
}

/// A decoded value re-encoded (the encoding may fail: a value the format
/// cannot hold).
pub type Reencoded = Decoded<Result<Vec<u8>>>;

/// Re-encodes the value of a `decode_bytes` result (for [`roundtrip`]).
pub fn enc<T: Encode>(d: Decoded<T>) -> Reencoded {
    d.map(|v| v.to_vec())
}

/// The decode → encode → decode check of an entry point with an encoder.
///
/// `run` decodes `bytes` with `options` and re-encodes the value. In both
/// modes ([`both`]'s checks), and:
///
/// - strict success: the value encodes, the same as the lenient value, and
///   (`exact`: a lossless format) to exactly the input;
/// - lenient success whose value encodes: those bytes decode again
///   (leniently) and re-encode to themselves (a fixed point), and with no
///   defects and `exact` they are the input.
pub fn roundtrip(data: &[u8], exact: bool, run: impl Fn(&[u8], &Options) -> Result<Reencoded>) {
    let (s, l) = both(data, &run);
    if let Ok(s) = s {
        let out = s
            .value
            .unwrap_or_else(|e| panic!("a strictly decoded value does not encode: {e}"));
        if exact {
            assert!(
                out == data,
                "strict decode -> encode is not byte-exact\n in: {data:02x?}\nout: {out:02x?}"
            );
        }
        let l = l.as_ref().expect("checked by both()");
        assert_eq!(
            l.value.as_ref().ok(),
            Some(&out),
            "the strict and lenient values encode differently"
        );
    }
    if let Ok(Decoded {
        value: Ok(out),
        defects,
    }) = l
    {
        if exact && defects.is_empty() {
            assert!(
                out == data,
                "defect-free lenient decode -> encode is not byte-exact\n in: {data:02x?}\nout: {out:02x?}"
            );
        }
        let again = run(&out, &lenient())
            .unwrap_or_else(|e| panic!("re-encoded value does not decode: {e}\n{out:02x?}"));
        let again = again
            .value
            .unwrap_or_else(|e| panic!("value decoded from our encoding does not encode: {e}"));
        assert!(
            again == out,
            "decode -> encode is not a fixed point\n  1st: {out:02x?}\n  2nd: {again:02x?}"
        );
    }
}

/// A [`roundtrip`] of a `Decode + Encode` type through `decode_bytes`.
#[macro_export]
macro_rules! roundtrip_type {
    ($data:expr, $exact:expr, $ty:ty) => {
        $crate::roundtrip($data, $exact, |b, o| {
            <$ty as msox_codec::Decode>::decode_bytes(b, o).map($crate::enc)
        })
    };
}

/// Splits off a selector byte (the rest is the input).
pub fn selector(data: &[u8]) -> Option<(u8, &[u8])> {
    data.split_first().map(|(&s, rest)| (s, rest))
}

/// Every fuzz target.
pub const TARGETS: &[Target] = &[
    // msox-codec
    Target {
        name: "codec_strings",
        seeds: &[],
        run: codec_strings,
    },
    // ms-dtyp
    Target {
        name: "dtyp_sid",
        seeds: &["dtyp"],
        run: dtyp_sid,
    },
    Target {
        name: "dtyp_guid",
        seeds: &["dtyp"],
        run: dtyp_guid,
    },
    Target {
        name: "dtyp_filetime",
        seeds: &["dtyp"],
        run: dtyp_filetime,
    },
    Target {
        name: "dtyp_systemtime",
        seeds: &["dtyp"],
        run: dtyp_systemtime,
    },
    Target {
        name: "dtyp_ace",
        seeds: &["dtyp"],
        run: dtyp_ace,
    },
    Target {
        name: "dtyp_acl",
        seeds: &["dtyp"],
        run: dtyp_acl,
    },
    Target {
        name: "dtyp_security_descriptor",
        seeds: &["dtyp"],
        run: dtyp_security_descriptor,
    },
    // ms-oxcdata
    Target {
        name: "oxcdata_property_tag",
        seeds: &["oxcdata"],
        run: oxcdata_property_tag,
    },
    Target {
        name: "oxcdata_tagged_value",
        seeds: &["oxcdata"],
        run: oxcdata_tagged_value,
    },
    Target {
        name: "oxcdata_typed_value",
        seeds: &["oxcdata"],
        run: oxcdata_typed_value,
    },
    Target {
        name: "oxcdata_restriction",
        seeds: &["oxcdata"],
        run: oxcdata_restriction,
    },
    Target {
        name: "oxcdata_restriction_extended",
        seeds: &["oxcdata"],
        run: oxcdata_restriction_extended,
    },
    Target {
        name: "oxcdata_entry_id",
        seeds: &["oxcdata"],
        run: oxcdata_entry_id,
    },
    Target {
        name: "oxcdata_property_name",
        seeds: &["oxcdata"],
        run: oxcdata_property_name,
    },
    Target {
        name: "oxcdata_property_problems",
        seeds: &["oxcdata"],
        run: oxcdata_property_problems,
    },
    Target {
        name: "oxcdata_sort_order_set",
        seeds: &["oxcdata"],
        run: oxcdata_sort_order_set,
    },
    Target {
        name: "oxcdata_address_list",
        seeds: &["oxcdata"],
        run: oxcdata_address_list,
    },
    Target {
        name: "oxcdata_row_set",
        seeds: &["oxcdata"],
        run: oxcdata_row_set,
    },
    Target {
        name: "oxcdata_recipient_row",
        seeds: &["oxcdata"],
        run: oxcdata_recipient_row,
    },
    // ms-oxprops, ms-oxcmsg
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
    // ms-oxtnef
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
        name: "oxtnef_extract",
        seeds: &["oxtnef"],
        run: oxtnef_extract,
    },
    Target {
        name: "oxtnef_props",
        seeds: &[],
        run: oxtnef_props,
    },
    Target {
        name: "oxtnef_recipient_table",
        seeds: &[],
        run: oxtnef_recipient_table,
    },
    // ms-cfb, ms-oxmsg
    Target {
        name: "cfb_file",
        seeds: &["cfb", "oxmsg"],
        run: cfb_file,
    },
    Target {
        name: "oxmsg_file",
        seeds: &["oxmsg"],
        run: oxmsg_file,
    },
    Target {
        name: "oxmsg_extract",
        seeds: &["oxmsg"],
        run: oxmsg_extract,
    },
    Target {
        name: "oxmsg_storage",
        seeds: &["cfb", "oxmsg"],
        run: oxmsg_storage,
    },
    // ms-aswbxml
    Target {
        name: "aswbxml_document",
        seeds: &["aswbxml"],
        run: aswbxml_document,
    },
    Target {
        name: "aswbxml_document_headerless",
        seeds: &["aswbxml"],
        run: aswbxml_document_headerless,
    },
    Target {
        name: "aswbxml_xml",
        seeds: &["aswbxml"],
        run: aswbxml_xml,
    },
    Target {
        name: "aswbxml_canonical",
        seeds: &["aswbxml"],
        run: aswbxml_canonical,
    },
    Target {
        // The XML vectors are .xml, which the seeders do not read: seed
        // fuzz/corpus/aswbxml_from_xml/ from test-vectors/aswbxml/*.xml.
        name: "aswbxml_from_xml",
        seeds: &[],
        run: aswbxml_from_xml,
    },
    // ms-ashttp
    Target {
        name: "ashttp_base64_query",
        seeds: &["ashttp"],
        run: ashttp_base64_query,
    },
    Target {
        name: "ashttp_encoded_query",
        seeds: &[],
        run: ashttp_encoded_query,
    },
    Target {
        name: "ashttp_request_line",
        seeds: &[],
        run: ashttp_request_line,
    },
    // ms-oxrtfcp
    Target {
        name: "oxrtfcp_decompress",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_decompress,
    },
    Target {
        name: "oxrtfcp_decompress_to",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_decompress_to,
    },
    Target {
        name: "oxrtfcp_decompressor",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_decompressor,
    },
    Target {
        name: "oxrtfcp_header",
        seeds: &["oxrtfcp"],
        run: oxrtfcp_header,
    },
    Target {
        name: "oxrtfcp_compress_roundtrip",
        seeds: &["oxrtfcp", "oxrtfex"],
        run: oxrtfcp_compress_roundtrip,
    },
    // ms-oxrtfex
    Target {
        name: "oxrtfex_deencapsulate",
        seeds: &["oxrtfex"],
        run: oxrtfex_deencapsulate,
    },
    Target {
        name: "oxrtfex_deencapsulate_to",
        seeds: &["oxrtfex"],
        run: oxrtfex_deencapsulate_to,
    },
    // ms-mci
    Target {
        name: "mci_mszip_decode",
        seeds: &["mci"],
        run: mci_mszip_decode,
    },
    Target {
        name: "mci_cab",
        seeds: &["mci"],
        run: mci_cab,
    },
    Target {
        name: "mci_mszip_roundtrip",
        seeds: &["mci"],
        run: mci_mszip_roundtrip,
    },
    // ms-patch
    Target {
        name: "patch_lzx_decode",
        seeds: &["patch"],
        run: patch_lzx_decode,
    },
    Target {
        name: "patch_lzx_decode_to",
        seeds: &["patch"],
        run: patch_lzx_decode_to,
    },
    Target {
        name: "patch_delta_apply",
        seeds: &["patch"],
        run: patch_delta_apply,
    },
    Target {
        name: "patch_lzxd_file",
        seeds: &["patch", "oxoab"],
        run: patch_lzxd_file,
    },
    Target {
        name: "patch_lzxd_container",
        seeds: &["patch", "oxoab"],
        run: patch_lzxd_container,
    },
    Target {
        name: "patch_patch_container",
        seeds: &["patch", "oxoab"],
        run: patch_patch_container,
    },
    Target {
        name: "patch_lzx_hdr",
        seeds: &["patch"],
        run: patch_lzx_hdr,
    },
    Target {
        name: "patch_lzx_blk",
        seeds: &["patch"],
        run: patch_lzx_blk,
    },
    Target {
        name: "patch_patch_hdr",
        seeds: &["patch"],
        run: patch_patch_hdr,
    },
    Target {
        name: "patch_patch_blk",
        seeds: &["patch"],
        run: patch_patch_blk,
    },
    Target {
        name: "patch_lzx_roundtrip",
        seeds: &["patch"],
        run: patch_lzx_roundtrip,
    },
    // ms-oxoab
    Target {
        name: "oxoab_full_details",
        seeds: &["oxoab"],
        run: oxoab_full_details,
    },
    Target {
        name: "oxoab_full_details_records",
        seeds: &["oxoab"],
        run: oxoab_full_details_records,
    },
    Target {
        name: "oxoab_compressed",
        seeds: &["oxoab", "patch"],
        run: oxoab_compressed,
    },
    Target {
        name: "oxoab_compressed_file",
        seeds: &["oxoab", "patch"],
        run: oxoab_compressed_file,
    },
    Target {
        name: "oxoab_patch",
        seeds: &["oxoab", "patch"],
        run: oxoab_patch,
    },
    Target {
        name: "oxoab_patch_file",
        seeds: &["oxoab", "patch"],
        run: oxoab_patch_file,
    },
    Target {
        name: "oxoab_mdi",
        seeds: &["oxoab"],
        run: oxoab_mdi,
    },
    Target {
        name: "oxoab_mdi_file",
        seeds: &["oxoab"],
        run: oxoab_mdi_file,
    },
    Target {
        name: "oxoab_browse",
        seeds: &["oxoab"],
        run: oxoab_browse,
    },
    Target {
        name: "oxoab_rdn_index",
        seeds: &["oxoab"],
        run: oxoab_rdn_index,
    },
    Target {
        name: "oxoab_anr_index",
        seeds: &["oxoab"],
        run: oxoab_anr_index,
    },
    Target {
        name: "oxoab_details",
        seeds: &["oxoab"],
        run: oxoab_details,
    },
    Target {
        name: "oxoab_changes",
        seeds: &["oxoab"],
        run: oxoab_changes,
    },
    Target {
        name: "oxoab_template_file",
        seeds: &["oxoab"],
        run: oxoab_template_file,
    },
    // ms-oxoabkt
    Target {
        name: "oxoabkt_template",
        seeds: &["oxoabkt"],
        run: oxoabkt_template,
    },
    Target {
        name: "oxoabkt_trowset",
        seeds: &["oxoabkt"],
        run: oxoabkt_trowset,
    },
    Target {
        name: "oxoabkt_template_unicode",
        seeds: &["oxoabkt"],
        run: oxoabkt_template_unicode,
    },
    Target {
        name: "oxoabkt_template_cp1252",
        seeds: &["oxoabkt"],
        run: oxoabkt_template_cp1252,
    },
    Target {
        name: "oxoabkt_script",
        seeds: &["oxoabkt"],
        run: oxoabkt_script,
    },
    // ms-oxwoab
    Target {
        // The oxwoab vectors are .xml, which the seeders do not read:
        // seed fuzz/corpus/oxwoab_manifest/ from test-vectors/oxwoab/*.xml.
        name: "oxwoab_manifest",
        seeds: &["oxwoab"],
        run: oxwoab_manifest,
    },
    // ms-oxcrpc
    Target {
        name: "oxcrpc_lz77_decompress",
        seeds: &["oxcrpc"],
        run: oxcrpc_lz77_decompress,
    },
    Target {
        name: "oxcrpc_ext_buffer",
        seeds: &["oxcrpc"],
        run: oxcrpc_ext_buffer,
    },
    Target {
        name: "oxcrpc_rpc_header_ext",
        seeds: &["oxcrpc"],
        run: oxcrpc_rpc_header_ext,
    },
    Target {
        name: "oxcrpc_aux_buffer",
        seeds: &["oxcrpc"],
        run: oxcrpc_aux_buffer,
    },
    Target {
        name: "oxcrpc_aux_payload",
        seeds: &["oxcrpc"],
        run: oxcrpc_aux_payload,
    },
    Target {
        name: "oxcrpc_aux_block",
        seeds: &["oxcrpc"],
        run: oxcrpc_aux_block,
    },
    Target {
        name: "oxcrpc_rpc_ext2_request",
        seeds: &["oxcrpc"],
        run: oxcrpc_rpc_ext2_request,
    },
    Target {
        name: "oxcrpc_rpc_ext2_response",
        seeds: &["oxcrpc"],
        run: oxcrpc_rpc_ext2_response,
    },
    Target {
        name: "oxcrpc_connect_ex_request",
        seeds: &["oxcrpc"],
        run: oxcrpc_connect_ex_request,
    },
    Target {
        name: "oxcrpc_connect_ex_response",
        seeds: &["oxcrpc"],
        run: oxcrpc_connect_ex_response,
    },
    Target {
        name: "oxcrpc_disconnect_request",
        seeds: &["oxcrpc"],
        run: oxcrpc_disconnect_request,
    },
    Target {
        name: "oxcrpc_disconnect_response",
        seeds: &["oxcrpc"],
        run: oxcrpc_disconnect_response,
    },
    Target {
        name: "oxcrpc_async_connect_ex_request",
        seeds: &["oxcrpc"],
        run: oxcrpc_async_connect_ex_request,
    },
    Target {
        name: "oxcrpc_async_connect_ex_response",
        seeds: &["oxcrpc"],
        run: oxcrpc_async_connect_ex_response,
    },
    Target {
        name: "oxcrpc_async_wait_ex_request",
        seeds: &["oxcrpc"],
        run: oxcrpc_async_wait_ex_request,
    },
    Target {
        name: "oxcrpc_async_wait_ex_response",
        seeds: &["oxcrpc"],
        run: oxcrpc_async_wait_ex_response,
    },
    // ms-oxcrops
    Target {
        name: "oxcrops_request_buffer",
        seeds: &["oxcrops"],
        run: oxcrops_request_buffer,
    },
    Target {
        name: "oxcrops_response_buffer",
        seeds: &["oxcrops"],
        run: oxcrops_response_buffer,
    },
    Target {
        name: "oxcrops_response_buffer_with_context",
        seeds: &[],
        run: oxcrops_response_buffer_with_context,
    },
    Target {
        name: "oxcrops_notify",
        seeds: &[],
        run: oxcrops_notify,
    },
    Target {
        name: "oxcrops_notify_response",
        seeds: &[],
        run: oxcrops_notify_response,
    },
    Target {
        name: "oxcrops_notification_data",
        seeds: &[],
        run: oxcrops_notification_data,
    },
    Target {
        name: "oxcrops_rop_request",
        seeds: &["oxcrops"],
        run: oxcrops_rop_request,
    },
    Target {
        name: "oxcrops_rop_response",
        seeds: &["oxcrops"],
        run: oxcrops_rop_response,
    },
    Target {
        name: "oxcrops_query_rows_lazy",
        seeds: &[],
        run: oxcrops_query_rows_lazy,
    },
    Target {
        name: "oxcrops_expand_row_lazy",
        seeds: &[],
        run: oxcrops_expand_row_lazy,
    },
    Target {
        name: "oxcrops_find_row_lazy",
        seeds: &[],
        run: oxcrops_find_row_lazy,
    },
    Target {
        name: "oxcrops_get_properties_specific_lazy",
        seeds: &[],
        run: oxcrops_get_properties_specific_lazy,
    },
    // ms-oxcfxics
    Target {
        name: "oxcfxics_stream",
        seeds: &["oxcfxics"],
        run: oxcfxics_stream,
    },
    Target {
        name: "oxcfxics_message",
        seeds: &["oxcfxics"],
        run: oxcfxics_message,
    },
    Target {
        name: "oxcfxics_idset",
        seeds: &["oxcfxics"],
        run: oxcfxics_idset,
    },
    Target {
        name: "oxcfxics_pcl",
        seeds: &["oxcfxics"],
        run: oxcfxics_pcl,
    },
    Target {
        name: "oxcfxics_globset",
        seeds: &["oxcfxics"],
        run: oxcfxics_globset,
    },
    Target {
        name: "oxcfxics_xid",
        seeds: &["oxcfxics"],
        run: oxcfxics_xid,
    },
    Target {
        name: "oxcfxics_sized_xid",
        seeds: &["oxcfxics"],
        run: oxcfxics_sized_xid,
    },
    Target {
        name: "oxcfxics_cn",
        seeds: &["oxcfxics"],
        run: oxcfxics_cn,
    },
    Target {
        name: "oxcfxics_progress_information",
        seeds: &["oxcfxics"],
        run: oxcfxics_progress_information,
    },
    Target {
        name: "oxcfxics_property_group_info",
        seeds: &["oxcfxics"],
        run: oxcfxics_property_group_info,
    },
    Target {
        name: "oxcfxics_folder_replica_info",
        seeds: &["oxcfxics"],
        run: oxcfxics_folder_replica_info,
    },
    Target {
        name: "oxcfxics_extended_error_info",
        seeds: &["oxcfxics"],
        run: oxcfxics_extended_error_info,
    },
    // ms-oxnspi
    Target {
        name: "oxnspi_bind_request",
        seeds: &["oxnspi"],
        run: oxnspi_bind_request,
    },
    Target {
        name: "oxnspi_bind_response",
        seeds: &["oxnspi"],
        run: oxnspi_bind_response,
    },
    Target {
        name: "oxnspi_query_rows_request",
        seeds: &["oxnspi"],
        run: oxnspi_query_rows_request,
    },
    Target {
        name: "oxnspi_query_rows_response",
        seeds: &["oxnspi"],
        run: oxnspi_query_rows_response,
    },
    Target {
        name: "oxnspi_get_props_request",
        seeds: &["oxnspi"],
        run: oxnspi_get_props_request,
    },
    Target {
        name: "oxnspi_get_props_response",
        seeds: &["oxnspi"],
        run: oxnspi_get_props_response,
    },
    Target {
        name: "oxnspi_resolve_names_request",
        seeds: &["oxnspi"],
        run: oxnspi_resolve_names_request,
    },
    Target {
        name: "oxnspi_resolve_names_response",
        seeds: &["oxnspi"],
        run: oxnspi_resolve_names_response,
    },
    Target {
        name: "oxnspi_resolve_names_w_request",
        seeds: &["oxnspi"],
        run: oxnspi_resolve_names_w_request,
    },
    Target {
        name: "oxnspi_resolve_names_w_response",
        seeds: &["oxnspi"],
        run: oxnspi_resolve_names_w_response,
    },
    Target {
        name: "oxnspi_get_matches_request",
        seeds: &["oxnspi"],
        run: oxnspi_get_matches_request,
    },
    Target {
        name: "oxnspi_get_matches_response",
        seeds: &["oxnspi"],
        run: oxnspi_get_matches_response,
    },
    Target {
        name: "oxnspi_get_special_table_response",
        seeds: &["oxnspi"],
        run: oxnspi_get_special_table_response,
    },
    Target {
        name: "oxnspi_seek_entries_response",
        seeds: &["oxnspi"],
        run: oxnspi_seek_entries_response,
    },
    Target {
        name: "oxnspi_dn_to_mid_request",
        seeds: &["oxnspi"],
        run: oxnspi_dn_to_mid_request,
    },
    Target {
        name: "oxnspi_mod_link_att_request",
        seeds: &["oxnspi"],
        run: oxnspi_mod_link_att_request,
    },
    Target {
        name: "oxnspi_get_names_from_ids_response",
        seeds: &["oxnspi"],
        run: oxnspi_get_names_from_ids_response,
    },
    Target {
        name: "oxnspi_rfr_get_new_dsa_request",
        seeds: &["oxnspi"],
        run: oxnspi_rfr_get_new_dsa_request,
    },
    Target {
        name: "oxnspi_rfr_get_fqdn_from_server_dn_request",
        seeds: &["oxnspi"],
        run: oxnspi_rfr_get_fqdn_from_server_dn_request,
    },
    Target {
        name: "oxnspi_rfr_get_fqdn_from_server_dn_response",
        seeds: &["oxnspi"],
        run: oxnspi_rfr_get_fqdn_from_server_dn_response,
    },
    Target {
        name: "oxnspi_restriction",
        seeds: &["oxnspi"],
        run: oxnspi_restriction,
    },
    Target {
        name: "oxnspi_property_value",
        seeds: &["oxnspi"],
        run: oxnspi_property_value,
    },
    Target {
        name: "oxnspi_property_row_set",
        seeds: &["oxnspi"],
        run: oxnspi_property_row_set,
    },
    Target {
        name: "oxnspi_entry_id",
        seeds: &["oxnspi"],
        run: oxnspi_entry_id,
    },
    // ms-oxcmapihttp
    Target {
        name: "oxcmapihttp_chunked",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_chunked,
    },
    Target {
        name: "oxcmapihttp_transfer_coding",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_transfer_coding,
    },
    Target {
        name: "oxcmapihttp_connect_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_connect_request,
    },
    Target {
        name: "oxcmapihttp_connect_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_connect_response,
    },
    Target {
        name: "oxcmapihttp_execute_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_execute_request,
    },
    Target {
        name: "oxcmapihttp_execute_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_execute_response,
    },
    Target {
        name: "oxcmapihttp_disconnect_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_disconnect_request,
    },
    Target {
        name: "oxcmapihttp_disconnect_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_disconnect_response,
    },
    Target {
        name: "oxcmapihttp_notificationwait_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_notificationwait_request,
    },
    Target {
        name: "oxcmapihttp_notificationwait_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_notificationwait_response,
    },
    Target {
        name: "oxcmapihttp_bind_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_bind_request,
    },
    Target {
        name: "oxcmapihttp_bind_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_bind_response,
    },
    Target {
        name: "oxcmapihttp_unbind_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_unbind_request,
    },
    Target {
        name: "oxcmapihttp_unbind_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_unbind_response,
    },
    Target {
        name: "oxcmapihttp_compareminids_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_compareminids_request,
    },
    Target {
        name: "oxcmapihttp_compareminids_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_compareminids_response,
    },
    Target {
        name: "oxcmapihttp_dntominid_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_dntominid_request,
    },
    Target {
        name: "oxcmapihttp_dntominid_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_dntominid_response,
    },
    Target {
        name: "oxcmapihttp_getmatches_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getmatches_request,
    },
    Target {
        name: "oxcmapihttp_getmatches_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getmatches_response,
    },
    Target {
        name: "oxcmapihttp_getproplist_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getproplist_request,
    },
    Target {
        name: "oxcmapihttp_getproplist_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getproplist_response,
    },
    Target {
        name: "oxcmapihttp_getprops_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getprops_request,
    },
    Target {
        name: "oxcmapihttp_getprops_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getprops_response,
    },
    Target {
        name: "oxcmapihttp_getspecialtable_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getspecialtable_request,
    },
    Target {
        name: "oxcmapihttp_getspecialtable_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getspecialtable_response,
    },
    Target {
        name: "oxcmapihttp_gettemplateinfo_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_gettemplateinfo_request,
    },
    Target {
        name: "oxcmapihttp_gettemplateinfo_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_gettemplateinfo_response,
    },
    Target {
        name: "oxcmapihttp_modlinkatt_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_modlinkatt_request,
    },
    Target {
        name: "oxcmapihttp_modlinkatt_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_modlinkatt_response,
    },
    Target {
        name: "oxcmapihttp_modprops_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_modprops_request,
    },
    Target {
        name: "oxcmapihttp_modprops_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_modprops_response,
    },
    Target {
        name: "oxcmapihttp_queryrows_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_queryrows_request,
    },
    Target {
        name: "oxcmapihttp_queryrows_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_queryrows_response,
    },
    Target {
        name: "oxcmapihttp_querycolumns_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_querycolumns_request,
    },
    Target {
        name: "oxcmapihttp_querycolumns_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_querycolumns_response,
    },
    Target {
        name: "oxcmapihttp_resolvenames_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_resolvenames_request,
    },
    Target {
        name: "oxcmapihttp_resolvenames_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_resolvenames_response,
    },
    Target {
        name: "oxcmapihttp_resortrestriction_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_resortrestriction_request,
    },
    Target {
        name: "oxcmapihttp_resortrestriction_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_resortrestriction_response,
    },
    Target {
        name: "oxcmapihttp_seekentries_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_seekentries_request,
    },
    Target {
        name: "oxcmapihttp_seekentries_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_seekentries_response,
    },
    Target {
        name: "oxcmapihttp_updatestat_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_updatestat_request,
    },
    Target {
        name: "oxcmapihttp_updatestat_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_updatestat_response,
    },
    Target {
        name: "oxcmapihttp_getmailboxurl_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getmailboxurl_request,
    },
    Target {
        name: "oxcmapihttp_getmailboxurl_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getmailboxurl_response,
    },
    Target {
        name: "oxcmapihttp_getaddressbookurl_request",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getaddressbookurl_request,
    },
    Target {
        name: "oxcmapihttp_getaddressbookurl_response",
        seeds: &["oxcmapihttp"],
        run: oxcmapihttp_getaddressbookurl_response,
    },
    // ms-oxocal
    Target {
        name: "oxocal_recurrence",
        seeds: &["oxocal"],
        run: oxocal_recurrence,
    },
    Target {
        name: "oxocal_appointment_recurrence",
        seeds: &["oxocal"],
        run: oxocal_appointment_recurrence,
    },
    Target {
        name: "oxocal_goid",
        seeds: &["oxocal"],
        run: oxocal_goid,
    },
    Target {
        name: "oxocal_tzdefinition",
        seeds: &["oxocal"],
        run: oxocal_tzdefinition,
    },
    Target {
        name: "oxocal_tzreg",
        seeds: &["oxocal"],
        run: oxocal_tzreg,
    },
    // ms-oxcical
    Target {
        name: "oxcical_contentlines",
        seeds: &["oxcical"],
        run: oxcical_contentlines,
    },
    Target {
        name: "oxcical_import",
        seeds: &["oxcical"],
        run: oxcical_import,
    },
    // ms-oxvcard
    Target {
        name: "oxvcard_import",
        seeds: &["oxvcard"],
        run: oxvcard_import,
    },
    // ms-oxcmail
    Target {
        name: "oxcmail_mime_to_message",
        seeds: &["oxcmail"],
        run: oxcmail_mime_to_message,
    },
    Target {
        name: "oxcmail_roundtrip",
        seeds: &["oxcmail"],
        run: oxcmail_roundtrip,
    },
    // msox-cab
    Target {
        name: "cab_extract",
        seeds: &["cab", "mci"],
        run: cab_extract,
    },
    Target {
        name: "cab_test",
        seeds: &["cab", "mci"],
        run: cab_test,
    },
    Target {
        name: "cab_search",
        seeds: &["cab", "mci"],
        run: cab_search,
    },
    Target {
        name: "cab_set",
        seeds: &["cab", "mci"],
        run: cab_set,
    },
    // msox-chm
    Target {
        name: "chm_directory",
        seeds: &["chm"],
        run: chm_directory,
    },
    Target {
        name: "chm_extract",
        seeds: &["chm"],
        run: chm_extract,
    },
];
