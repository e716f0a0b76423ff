//! What a user expects from "save the attachments": file names that are
//! safe to create, OLE objects as the files they hold, storages as
//! compound files. The format crates (`ms-oxtnef`, `ms-oxmsg`) use these
//! to extract a message's attachments with embedded messages as their
//! original bytes.

use std::borrow::Cow;

use ms_cfb::{Entry, EntryKind};
use ms_dtyp::Guid;
use msox_codec::{Decoded, Options, Result, Utf16String};

use crate::message::{Storage, StorageEntry};

/// A file name safe to create inside a directory: the workspace's one
/// rule, [`msox_codec::names::safe_file_name`] (the last path component,
/// no control characters or `<>:"|?*`, no leading or trailing dots and
/// spaces, no Windows device names, at most 255 bytes with the extension
/// kept; `fallback` when nothing is left).
pub use msox_codec::names::safe_file_name;

/// What an extracted file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractedKind {
    /// The plain-text body.
    BodyText,
    /// The RTF body, decompressed.
    BodyRtf,
    /// The HTML body.
    BodyHtml,
    /// A by-value attachment's data.
    Attachment,
    /// An embedded message: its original bytes (TNEF from a TNEF stream,
    /// a compound file from a .msg), or converted where asked.
    EmbeddedMessage,
    /// The file an OLE object holds (`\x01Ole10Native` package or a
    /// `Package` stream).
    OleFile,
    /// An OLE storage written as a compound file.
    OleStorage,
}

/// One file to write: a safe, unique name within one extraction, and its
/// bytes: borrowed from the input where it holds them as they are (a TNEF
/// stream's attAttachData), owned otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedFile<'a> {
    /// The file name ([`safe_file_name`], made unique case-insensitively
    /// among the files of one extraction: `name (2).ext`).
    pub name: String,
    /// The bytes.
    pub data: Cow<'a, [u8]>,
    /// What it is.
    pub kind: ExtractedKind,
    /// The attachment's index in the message (`None` for bodies).
    pub attachment: Option<usize>,
}

/// A message and its attachments as files, from one read (what the
/// format crates' `extract_all` give).
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction<'a> {
    /// The message (for its bodies and headers); its by-value attachments
    /// hold no bytes: those are in `files`.
    pub message: crate::Message,
    /// The attachments as files, their bytes borrowed from the input where
    /// it holds them as they are.
    pub files: Vec<ExtractedFile<'a>>,
}

impl ExtractedFile<'_> {
    /// The same file owning its bytes (copied if they were borrowed).
    pub fn into_owned(self) -> ExtractedFile<'static> {
        ExtractedFile {
            name: self.name,
            data: std::borrow::Cow::Owned(self.data.into_owned()),
            kind: self.kind,
            attachment: self.attachment,
        }
    }
}

/// Gives each file a unique name (case-insensitively), in order
/// ([`msox_codec::names::unique_file_names`]: `name (2).ext`).
pub fn make_unique(files: &mut [ExtractedFile<'_>]) {
    let names =
        msox_codec::names::unique_file_names(files.iter().map(|f| f.name.clone()).collect());
    for (f, n) in files.iter_mut().zip(names) {
        f.name = n;
    }
}

/// The model's OLE storage as the tree ms-cfb writes.
pub fn storage_entry(name: impl Into<Utf16String>, s: &Storage) -> Entry {
    Entry::storage(
        name,
        s.clsid,
        s.entries
            .iter()
            .map(|e| match e {
                StorageEntry::Stream { name, data } => Entry::stream(name.clone(), data.clone()),
                StorageEntry::Storage { name, storage } => storage_entry(name.clone(), storage),
            })
            .collect(),
    )
}

/// Deepest storage [`storage_to_cfb`] writes: what a reader with the
/// default limits reads back (one nesting level per storage).
pub const MAX_STORAGE_DEPTH: u32 = msox_codec::Limits::DEFAULT.max_depth;

fn storage_depth(s: &Storage) -> u32 {
    let mut deepest = 1;
    let mut stack: Vec<(&Storage, u32)> = vec![(s, 1)];
    while let Some((s, d)) = stack.pop() {
        deepest = deepest.max(d);
        for e in &s.entries {
            if let StorageEntry::Storage { storage, .. } = e {
                stack.push((storage, d + 1));
            }
        }
    }
    deepest
}

/// An OLE [`Storage`] as compound-file bytes (how TNEF carries one, and
/// how one is saved as a file), deterministic.
pub fn storage_to_cfb(s: &Storage) -> Result<Vec<u8>> {
    let d = storage_depth(s);
    if d > MAX_STORAGE_DEPTH {
        return Err(msox_codec::Error::new(
            msox_codec::ErrorKind::LimitExceeded {
                what: "storage depth",
                value: d.into(),
                max: MAX_STORAGE_DEPTH.into(),
            },
        ));
    }
    ms_cfb::write_file(&storage_entry("Root Entry", s))
}

fn entry_to_storage(e: &Entry) -> Storage {
    Storage {
        clsid: e.clsid,
        entries: e
            .children()
            .iter()
            .map(|c| match &c.kind {
                EntryKind::Stream(d) => StorageEntry::Stream {
                    name: c.name.clone(),
                    data: d.clone(),
                },
                EntryKind::Storage(_) => StorageEntry::Storage {
                    name: c.name.clone(),
                    storage: entry_to_storage(c),
                },
            })
            .collect(),
    }
}

/// Compound-file bytes as an OLE [`Storage`] (the root storage's
/// contents), in one session: one nesting level per storage, stream
/// copies charged to the budget.
pub fn cfb_to_storage(bytes: &[u8], options: &Options) -> Result<Decoded<Storage>> {
    let d = ms_cfb::read_tree(bytes, options)?;
    Ok(Decoded {
        value: entry_to_storage(&d.value),
        defects: d.defects,
    })
}

/// The `\x01Ole10Native` stream of an OLE 1.0 object: for a Packager
/// object, the embedded file (its label and bytes); for another object,
/// its native data (after the 4-byte size).
pub fn ole10_native(stream: &[u8]) -> Option<(Option<String>, Vec<u8>)> {
    let u32_at = |b: &[u8], i: usize| {
        b.get(i..i + 4)
            .and_then(|x| <[u8; 4]>::try_from(x).ok())
            .map(u32::from_le_bytes)
    };
    let total = u32_at(stream, 0)? as usize;
    let body = stream.get(4..4 + total.min(stream.len().saturating_sub(4)))?;
    // Packager layout: u16 type (2), label\0, path\0, u32 (0x00030000),
    // u32 temp path length, temp path, u32 data size, data.
    let package = || -> Option<(Option<String>, Vec<u8>)> {
        let mut i = 2usize;
        let nul = |b: &[u8], from: usize| b.get(from..)?.iter().position(|&c| c == 0);
        let label_end = i + nul(body, i)?;
        let label = body.get(i..label_end)?;
        i = label_end + 1;
        let path_end = i + nul(body, i)?;
        i = path_end + 1;
        i += 4;
        let tmp_len = u32_at(body, i)? as usize;
        i += 4 + tmp_len;
        let size = u32_at(body, i)? as usize;
        i += 4;
        let data = body.get(i..i.checked_add(size)?)?;
        let name = String::from_utf8_lossy(label).into_owned();
        Some((Some(name).filter(|n| !n.is_empty()), data.to_vec()))
    };
    package().or_else(|| Some((None, body.to_vec())))
}

/// CLSID_StaticMetafile `{00000315-...}` and CLSID_StaticDib
/// `{00000316-...}`: OLE static pictures, whose picture is the CONTENTS
/// stream.
pub const STATIC_PICTURES: [Guid; 2] = [
    Guid::from_u128(0x0000_0315_0000_0000_C000_0000_0000_0046),
    Guid::from_u128(0x0000_0316_0000_0000_C000_0000_0000_0046),
];

/// An OLE attachment as a file: the file an `\x01Ole10Native` stream
/// holds, else the contents of a `Package` stream, else a static picture's
/// CONTENTS stream, else the whole storage as a compound file. Returns (a name the object gives, if any, the
/// bytes, and which of the three it was).
pub fn ole_file(s: &Storage) -> Result<(Option<String>, Vec<u8>, ExtractedKind)> {
    let stream = |want: &str| {
        s.entries.iter().find_map(|e| match e {
            StorageEntry::Stream { name, data } if name.as_str() == want => Some(data),
            _ => None,
        })
    };
    if let Some((name, data)) = stream("\u{1}Ole10Native").and_then(|d| ole10_native(d)) {
        return Ok((name, data, ExtractedKind::OleFile));
    }
    if let Some(d) = stream("Package") {
        return Ok((None, d.clone(), ExtractedKind::OleFile));
    }
    // A static picture (CLSID_StaticMetafile, CLSID_StaticDib): the
    // picture is its CONTENTS stream.
    if STATIC_PICTURES.contains(&s.clsid)
        && let Some(d) = stream("CONTENTS")
    {
        return Ok((None, d.clone(), ExtractedKind::OleFile));
    }
    Ok((None, storage_to_cfb(s)?, ExtractedKind::OleStorage))
}

/// IID_IStorage `{0000000B-0000-0000-C000-000000000046}`: a PtypObject
/// value that is an OLE storage (a compound file follows the IID).
pub const IID_ISTORAGE: Guid = Guid::from_u128(0x0000_000B_0000_0000_C000_0000_0000_0046);
/// IID_IMessage `{00020307-0000-0000-C000-000000000046}`: a PtypObject
/// value that is an embedded message.
pub const IID_IMESSAGE: Guid = Guid::from_u128(0x0002_0307_0000_0000_C000_0000_0000_0046);

/// The compound file of a PtypObject value that is IID_IStorage + a
/// compound file.
pub fn storage_object(value: &[u8]) -> Option<&[u8]> {
    (value.get(..16)? == IID_ISTORAGE.to_le_bytes()).then(|| value.get(16..))?
}

/// Reads an IID_IStorage PtypObject value as a [`Storage`].
pub fn object_to_storage(value: &[u8], options: &Options) -> Option<Storage> {
    cfb_to_storage(storage_object(value)?, options)
        .ok()
        .map(|d| d.value)
}
