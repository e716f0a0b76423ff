//! # ms-oxoab — [MS-OXOAB] offline address book files
//!
//! Outlook keeps a copy of the global address list offline: Exchange
//! publishes it as a *full details file* (every Address Book object as a
//! record of MAPI properties), ships it compressed, and afterwards ships
//! daily *differential patches* that turn yesterday's file into today's.
//! This crate reads and writes those files, byte for byte:
//!
//! - version 4 full details files ([`FullDetails`], [`FullDetailsReader`],
//!   [`FullDetailsWriter`]): OAB_HDR, the two property schemas, the header
//!   record and the Address Book object records with their presence bit
//!   arrays and the OAB value encoding, decoded into
//!   [`ms_oxcdata::PropertyValue`]s keyed by [`ms_oxcdata::PropertyTag`] and
//!   named through `ms-oxprops` ([`property_name`]);
//! - the compressed file container ([`CompressedFile`]: LZX_HDR, LZX_BLK,
//!   CRCs) and differential patch files ([`PatchFile`]: PATCH_HDR,
//!   PATCH_BLK): a thin layer over `ms-patch`, where LZXD compression,
//!   decompression, patch creation and patch application exist once
//!   ([`compress`], [`decompress`], [`diff`], [`apply_patch`]). This crate
//!   adds the OAB header rule ([MS-OXOAB] 2.10.1: PATCH_HDR's file CRCs
//!   leave out the 12-byte OAB_HDR, [`patch::file_crc`]) and the value
//!   forms that keep every byte. Arguments come *base, then patch* in
//!   distinct newtypes ([`Base`], [`Patch`], [`Target`]). Decompression and
//!   patching stream block by block into a [`msox_codec::Sink`]
//!   ([`decompress_to`], [`apply_patch_to`]), charging the output to the
//!   session; [`diff`] lays patch blocks out by content, so a change costs
//!   in proportion to its size wherever it is;
//! - compressed version 2/3 files ([`MdiFile`]: MDI_HDR, MDI_BLK), whose
//!   MSZIP blocks `ms-mci` decodes (streaming, [`decompress_mdi_to`]) and
//!   encodes;
//! - uncompressed version 2/3 files ([`v2v3`], [`browse`]): Browse, RDN
//!   Index and ANR Index files record by record, the RDN hash of their
//!   ulSerial ([`rdn_hash`]); Details and Changes files as OAB_HDR and
//!   undecoded bytes;
//! - display template files ([`TemplateFile`]): the seven TMPLT_ENTRY
//!   structures and the template, script, DN and display name each points
//!   at.
//!
//! The manifest that lists these files (oab.xml) is `ms-oxwoab`; the
//! display templates inside OAB template files are [MS-OXOABKT]
//! (`ms-oxoabkt`).
//!
//! ## Example
//!
//! ```
//! use ms_oxoab::{FullDetails, WriteOptions, generate};
//! use ms_oxprops::tags;
//! use msox_codec::{Decode, Options};
//!
//! // A generated book of 3 records, written, compressed, read back.
//! let file = generate::full_details_bytes(3, 42)?;
//! let compressed = ms_oxoab::compress(&file, &WriteOptions::default())?;
//! let back = ms_oxoab::decompress(&compressed, &Options::strict())?.value;
//! assert_eq!(back, file);
//!
//! let book = FullDetails::decode_bytes(&back, &Options::strict())?;
//! assert!(book.defects.is_empty());
//! let book = book.value;
//! assert_eq!(book.records.len(), 3);
//! let name = book.records[1].get(tags::PidTagDisplayName).and_then(|v| v.as_text());
//! assert_eq!(name.as_deref(), Some("Björn Smith (1)"));
//! assert_eq!(book.to_bytes()?, file); // byte for byte
//!
//! // OAB_HDR.ulTotRecs that does not count the records: strict refuses
//! // it (offset and path); lenient reports it and keeps it as read.
//! let mut bad = file.clone();
//! bad[8] = 4;
//! let e = FullDetails::decode_bytes(&bad, &Options::strict()).unwrap_err();
//! assert_eq!(e.to_string(), "ulTotRecs 4 but 3 records at byte 8 in OAB_HDR");
//! let d = FullDetails::decode_bytes(&bad, &Options::lenient())?;
//! assert_eq!(d.defects.len(), 1);
//! assert_eq!(d.value.to_bytes()?, bad);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage of [MS-OXOAB]
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2 | CRC hash (IEEE 802.3 polynomial, seed 0xFFFFFFFF, no final complement) | [`crc`] |
//! | 2.9.1 | OAB_HDR (version 4) | [`OabHeader`]; ulSerial written as the CRC of the file after OAB_HDR |
//! | 2.9.2 | OAB_META_DATA | [`MetaData`] |
//! | 2.9.3 | OAB_PROP_TABLE | [`PropTable`] |
//! | 2.9.4 | OAB_PROP_REC | [`PropRec`] |
//! | 2.9.5 | OAB_V4_REC | [`Record`], [`RawRecord`] |
//! | 2.9.6 | Data Encoding (integer, boolean, string8, string, binary, multivalued) | [`encoding`] |
//! | 2.10 | Compressed OAB Version 4 Differential Patch File: PATCH_HDR, PATCH_BLK | [`PatchFile`], [`apply_patch`], [`diff`] (`ms-patch` with the 2.10.1 CRC rule) |
//! | 2.11 | Compressed OAB Version 4 Details / Template File: LZX_HDR, LZX_BLK | [`CompressedFile`], [`decompress`], [`compress`] (`ms-patch`) |
//! | 2.2 | Uncompressed display template file: OAB_HDR, TMPLT_ENTRY ×7, NAMES_STRUCT, address-templates, data | [`TemplateFile`], [`TmpltEntry`], [`TemplateSlot`]: the entries decoded, their parts reachable by slot, templates and scripts decoded through `ms-oxoabkt` ([`TemplateFile::template`], [`TemplateFile::script`]), written by [`TemplateFile::build`]; NAMES_STRUCT and the address-creation templates kept as bytes (NAMES_STRUCT's layout was not available to us) |
//! | 2.3 | Version 2 and 3 Browse file: OAB_HDR, B2_REC | [`BrowseFile`], [`B2Rec`] |
//! | 2.3.3 | RDN hash (ulSerial of Browse, RDN Index and Details files) | [`rdn_hash`], [`browse_rdn_hash`]; reproduces the ulSerial of both spec examples (3.1, 3.2) from the RDN values their records need (the examples' RDN Index bytes were not available; the values are in the vectors) |
//! | 2.4 | Version 2 and 3 RDN Index file: RDN_HDR, pdn-records, RDN2_REC | [`RdnFile`], [`RdnHeader`], [`Rdn2Rec`] |
//! | 2.5 | Version 2 and 3 ANR Index file: OAB_HDR, ANR_REC | [`AnrFile`], [`AnrRec`] |
//! | 2.6 | Version 2 and 3 Details file | [`DetailsFile`] (= [`Version7File`]): OAB_HDR and the records as bytes, sliced by B2_REC ([`Version7File::record`]); the fields of a details-record are not decoded (the value encodings string-value / binary-value were not available to us) |
//! | 2.3–2.6 | telling Browse, RDN and ANR files apart (same ulVersion) | [`guess_v2v3_kind`], a size-based guess |
//! | 2.7 | Version 2 and 3 Changes file | [`ChangesFile`]: OAB_HDR and the change-records as bytes; CHG_REC not decoded (its layout was not available to us) |
//! | 2.8 | Compressed version 2 and 3 files: MDI_HDR, MDI_BLK | [`MdiFile`]: read, decompress and write, MSZIP ([MS-MCI]) through `ms-mci`; checked on a file Exchange served |
//! | 3 | Structure examples | 3.1 and 3.2 Browse files as vectors (their ulSerial reproduced by the 2.3.3 RDN hash); the ANR/RDN/Details examples of 3.1/3.2 were only partly available to us, so the ANR, RDN and Details vectors are hand-made (the ANR one keeps the record offsets of the 3.1 example); version 4 vectors are hand-made |
//!
//! Checked against other implementations: the PyPI `oab` package (1.1.0)
//! reads files this crate writes with the same records (10,000 generated
//! records compared); libmspack's OAB decompressor extracts this crate's
//! stored containers byte for byte, and accepts the block CRCs computed the
//! way [`crc`] does (and rejects zlib-style ones).
//!
//! PtypObject values are read and written like PtypBinary (a length, then
//! the bytes): OAB_PROP_REC allows the type, the spec gives it no encoding
//! of its own. OAB_HDR.ulSerial of a version 4 file is written as the CRC
//! of the bytes after OAB_HDR (the value PATCH_HDR.ulSourceCRC /
//! ulTargetCRC hold); readers only report a mismatch when asked
//! ([`FullDetails::verify_serial`]).
//!
//! ## Decoding
//!
//! Every reader runs in one decoding session ([`msox_codec::Options`]:
//! strict or lenient, and the budget): `FullDetails::decode_bytes(bytes,
//! &options)` and the other [`msox_codec::Decode`] types, [`decompress`],
//! [`apply_patch`], [`decompress_mdi`] return the value with its
//! [`msox_codec::Defect`]s. Errors and defects carry absolute offsets and
//! the path of the spec's structures:
//! `OAB_V4_REC[17] > data[4](PtypString)`, `LZX_BLK[3]`,
//! `TMPLT_ENTRY[0](mail-user-template) > TRowSet > TRow[2] > ControlStructure`.
//! What the spec forbids but a
//! reader can still make sense of (a longer-than-needed integer encoding,
//! a PtypBoolean byte other than 0 or 1, a PtypString that is not UTF-8,
//! set padding bits, bytes after a record's values, a ulTotRecs that does
//! not count the records, a wrong CRC, bytes after the last block) is an
//! error in strict mode; lenient mode reports a defect and keeps the
//! bytes, so the file re-encodes unchanged. Property values go through
//! ms-oxcdata's one value policy (see [`encoding`]).
#![forbid(unsafe_code)]

pub mod browse;
pub mod compressed;
pub mod crc;
pub mod details;
pub mod encoding;
pub mod generate;
pub mod mdi;
mod names;
pub mod patch;
pub mod template;
pub mod v2v3;

pub use browse::{B2Rec, BrowseFile};
pub use compressed::{
    CompressedFile, DEFAULT_BLOCK_MAX, LzxBlock, LzxHeader, WriteOptions, compress,
    compress_stored, decompress, decompress_to, read_compressed,
};
pub use details::{
    FullDetails, FullDetailsReader, FullDetailsWriter, MetaData, OabHeader, PropRec, PropTable,
    RawRecord, RawRecords, Record,
};
pub use mdi::{MdiBlock, MdiFile, MdiHeader, decompress_mdi, decompress_mdi_to, read_mdi};
pub use names::{describe, property_name};
pub use patch::{
    Base, OAB_FILE_OPTIONS, Patch, PatchBlock, PatchFile, PatchHeader, Target, apply_patch,
    apply_patch_to, diff, read_patch,
};
pub use template::{TemplateFile, TemplateParts, TemplateSlot, TmpltEntry};
pub use v2v3::{
    AnrFile, AnrRec, ChangesFile, DetailsFile, Rdn2Rec, RdnFile, RdnHeader, V2V3Kind, Version7File,
    browse_rdn_hash, guess_v2v3_kind, rdn_hash,
};

/// Decodes a version 4 full details file with the default options
/// (lenient): the value of `FullDetails::decode_bytes(bytes,
/// &Options::default())`.
pub fn decode_full_details(bytes: &[u8]) -> msox_codec::Result<FullDetails> {
    use msox_codec::Decode;
    FullDetails::decode_bytes(bytes, &msox_codec::Options::default()).map(|d| d.value)
}

/// What kind of OAB file `bytes` starts like (by its first 8 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An uncompressed version 4 full details file (ulVersion 0x20).
    FullDetailsV4,
    /// A compressed version 4 file (LZX_HDR 3.1).
    CompressedV4,
    /// A version 4 differential patch (PATCH_HDR 3.2).
    PatchV4,
    /// A compressed version 2/3 file (MDI_HDR 2.1).
    CompressedV2V3,
    /// An uncompressed version 2/3 file or a display template file (OAB_HDR ulVersion 0x07, 0x0A, 0x0B, 0x0E, 0x0F).
    UncompressedV2V3,
}

/// Sniffs the kind of OAB file from its first 8 bytes.
///
/// ```
/// use ms_oxoab::{FileKind, file_kind};
/// assert_eq!(file_kind(&[3, 0, 0, 0, 1, 0, 0, 0]), Some(FileKind::CompressedV4));
/// assert_eq!(file_kind(&[0x20, 0, 0, 0, 0, 0, 0, 0]), Some(FileKind::FullDetailsV4));
/// assert_eq!(file_kind(b"PK\x03\x04...."), None);
/// ```
pub fn file_kind(bytes: &[u8]) -> Option<FileKind> {
    let a = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?);
    let b = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    Some(match (a, b) {
        (3, 1) => FileKind::CompressedV4,
        (3, 2) => FileKind::PatchV4,
        (2, 1) => FileKind::CompressedV2V3,
        (OabHeader::VERSION_4_FULL_DETAILS, _) => FileKind::FullDetailsV4,
        (0x07 | 0x0A | 0x0B | 0x0E | 0x0F, _) => FileKind::UncompressedV2V3,
        _ => return None,
    })
}
