//! Conversions between .msg and TNEF, in the library: what `msox msg
//! to-tnef` and `msox tnef to-msg` do, and extraction of a .msg's
//! attachments as files.

use ms_cfb::{CompoundFile, EntryKind};
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::Message;
use std::borrow::Cow;

use ms_oxcmsg::extract::{
    ExtractedFile, ExtractedKind, Extraction, make_unique, ole_file, safe_file_name,
};
use msox_codec::{Decode, Decoded, Options, Reader, Result};

use crate::message::{ATTACH_OBJECT, ATTACH_PREFIX, PROPERTIES_STREAM};
use crate::named::NAMEID_STORAGE;
use crate::{CLSID_MSG, MsgFile};

/// A TNEF stream as .msg bytes: read into the model (`options`), 8-bit
/// strings made Unicode ([`strings_to_unicode`]), written by
/// [`MsgFile::to_bytes`] (OLE storages carried as IID_IStorage objects
/// become storages; named properties numbered 0..n-1).
pub fn tnef_to_msg(input: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    let mut d = ms_oxtnef::to_message(input, options)?;
    strings_to_unicode(&mut d.value);
    Ok(Decoded {
        value: MsgFile::new(d.value).to_bytes()?,
        defects: d.defects,
    })
}

/// Every 8-bit string of a message tree (recipients, attachments, embedded
/// messages) as Unicode, the same text: what Outlook writes into a .msg
/// today, and what every reader decodes (msgconvert does not decode 8-bit
/// subjects by their code page). Strings that do not decode in their code
/// page stay as they are; a PidTagStoreSupportMask gets STORE_UNICODE_OK.
pub fn strings_to_unicode(m: &mut Message) {
    use ms_oxcdata::PropertyValue as V;
    let mut stack: Vec<&mut Message> = vec![m];
    while let Some(m) = stack.pop() {
        let bags = std::iter::once(&mut m.properties)
            .chain(m.recipients.iter_mut().map(|r| &mut r.properties))
            .chain(m.attachments.iter_mut().map(|a| &mut a.properties));
        for b in bags {
            for p in b.iter_mut() {
                let new = match &*p.value {
                    V::String8(s) => s
                        .to_str_strict()
                        .ok()
                        .map(|t| V::String(msox_codec::Utf16String::new(t.into_owned()))),
                    V::MultipleString8(v) => v
                        .iter()
                        .map(|s| {
                            s.to_str_strict()
                                .ok()
                                .map(|t| msox_codec::Utf16String::new(t.into_owned()))
                        })
                        .collect::<Option<Vec<_>>>()
                        .map(V::MultipleString),
                    _ => None,
                };
                if let Some(v) = new {
                    *p.value = v;
                }
            }
        }
        // The store mask says the strings are Unicode now (STORE_UNICODE_OK).
        let mask = ms_oxprops::tags::PidTagStoreSupportMask;
        if let Some(v) = m.properties.get_i64(mask).filter(|v| v & 0x0004_0000 == 0) {
            m.properties
                .set(mask, V::Integer32((v | 0x0004_0000) as i32));
        }
        for a in &mut m.attachments {
            if let Some(e) = a.embedded.as_deref_mut() {
                stack.push(e);
            }
        }
    }
}

/// A .msg file as TNEF bytes: read into the model (`options`), written by
/// `ms_oxtnef::from_message` (OLE storages as IID_IStorage objects,
/// embedded messages as IID_IMessage objects, by-value data once).
pub fn msg_to_tnef(
    input: &[u8],
    options: &Options,
    write: &ms_oxtnef::WriteOptions,
) -> Result<Decoded<Vec<u8>>> {
    let d = MsgFile::decode_bytes(input, options)?;
    Ok(Decoded {
        value: ms_oxtnef::message_to_bytes(&d.value.message, write)?,
        defects: d.defects,
    })
}

/// The attachments of a TNEF stream as files, embedded messages converted
/// to .msg (see `ms_oxtnef::extract`).
pub fn extract_tnef_as_msg<'a>(
    input: &'a [u8],
    options: &Options,
) -> Result<Decoded<Vec<ExtractedFile<'a>>>> {
    let convert = |m: &Message| MsgFile::new(m.clone()).to_bytes();
    ms_oxtnef::extract(
        input,
        options,
        &ms_oxtnef::ExtractOptions {
            convert_embedded: Some((&convert, "msg")),
        },
    )
}

/// The attachment storages of the root, by number.
fn attachment_storages(cf: &CompoundFile<'_>) -> Vec<u32> {
    let mut v: Vec<(u32, u32)> = cf
        .children(0)
        .iter()
        .filter_map(|&c| {
            let e = cf
                .entry(c)
                .filter(|e| e.is_storage() && e.name.is_valid())?;
            let name = e.name.as_str();
            let rest = name
                .get(..ATTACH_PREFIX.len())
                .filter(|p| p.eq_ignore_ascii_case(ATTACH_PREFIX))
                .and(name.get(ATTACH_PREFIX.len()..))?;
            u32::from_str_radix(rest, 16).ok().map(|n| (n, c))
        })
        .collect();
    v.sort_by_key(|(n, _)| *n);
    v.into_iter().map(|(_, c)| c).collect()
}

/// An embedded message's storage copied out as a .msg file: its streams
/// and storages as stored, the file's named-property map added, its
/// property stream given the top-level header (8 more reserved bytes,
/// [MS-OXMSG] 2.4.1.1), the .msg root CLSID.
fn embedded_as_file<'a>(r: &mut Reader<'a>, cf: &CompoundFile<'a>, st: u32) -> Result<Vec<u8>> {
    let mut tree = ms_cfb::tree_of(r, cf, st)?;
    if let EntryKind::Storage(kids) = &mut tree.kind {
        for k in kids.iter_mut() {
            if k.name.as_str() == PROPERTIES_STREAM
                && let EntryKind::Stream(d) = &mut k.kind
                && d.len() >= 24
            {
                let mut v = d.get(..24).unwrap_or_default().to_vec();
                v.extend_from_slice(&[0; 8]);
                v.extend_from_slice(d.get(24..).unwrap_or_default());
                *d = v;
            }
        }
        if let Some(n) = cf.child(0, NAMEID_STORAGE) {
            kids.push(ms_cfb::tree_of(r, cf, n)?);
        }
    }
    if tree.clsid.is_nil() {
        tree.clsid = CLSID_MSG;
    }
    tree.name = "Root Entry".into();
    ms_cfb::write_file(&tree)
}

/// The attachments of a .msg file as files: by-value data; embedded
/// messages as .msg files holding their original storage (its streams
/// and storages as stored, the file's named-property map added, the
/// top-level property stream header); OLE objects as the file they hold, else the
/// storage as a compound file. Names safe and unique.
pub fn extract<'a>(input: &'a [u8], options: &Options) -> Result<Decoded<Vec<ExtractedFile<'a>>>> {
    let d = extract_all(input, options)?;
    Ok(Decoded {
        value: d.value.files,
        defects: d.defects,
    })
}

/// [`extract`] and the message, from one read of the file
/// (PidTagAttachDataBinary, [MS-OXCMSG] 2.2.2.7, is a value stream of the
/// attachment's storage in [MS-OXMSG]) (a caller that
/// writes the bodies too reads it once). By-value attachment bytes are not
/// copied into the message: the files borrow them from `input` where the
/// stream's sectors lie together (copied once where they are scattered).
pub fn extract_all<'a>(input: &'a [u8], options: &Options) -> Result<Decoded<Extraction<'a>>> {
    let d = read_borrowing(input, options)?;
    let BorrowedMsg {
        mut file,
        attach_data,
    } = d.value;
    let files = files_of(input, &mut file, attach_data, options)?;
    Ok(Decoded {
        value: Extraction {
            message: file.message,
            files,
        },
        defects: d.defects,
    })
}

/// A .msg file read by [`read_borrowing`]: the file, with the by-value
/// attachment bytes of its message left in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct BorrowedMsg<'a> {
    /// The file; an attachment of the top-level message whose bytes are
    /// in [`BorrowedMsg::attach_data`] has no PidTagAttachDataBinary.
    pub file: MsgFile,
    /// Per attachment of the top-level message (same index as its
    /// `attachments`): its PidTagAttachDataBinary bytes ([MS-OXCMSG]
    /// 2.2.2.7; a value stream of the attachment's storage, [MS-OXMSG]
    /// 2.2.2), where the message does not hold them. Borrowed from the
    /// input where the stream's sectors lie together, copied once where
    /// they are scattered. Embedded messages hold their attachments' bytes.
    pub attach_data: Vec<Option<Cow<'a, [u8]>>>,
}

/// [`MsgFile::decode_bytes`] without copying the top-level message's
/// by-value attachment bytes into it (see [`BorrowedMsg`]): a large .msg
/// costs its size in memory once, not twice. For readers that show a
/// message and list its attachments, and for extraction ([`extract_all`]).
pub fn read_borrowing<'a>(input: &'a [u8], options: &Options) -> Result<Decoded<BorrowedMsg<'a>>> {
    msox_codec::decode_bytes_with_reader(input, options, |r| {
        r.frame("MsgFile", |r| {
            let cf = CompoundFile::decode(r)?;
            let end = r.pos();
            let named = crate::named::read(r, &cf)?;
            let mut left = Vec::new();
            let message = r.frame("Message", |r| {
                crate::read::read_message_leaving_data(
                    r,
                    &cf,
                    0,
                    crate::Level::TopLevel,
                    &named,
                    msox_codec::CodePage(1252),
                    Some(&mut left),
                )
            })?;
            let mut attach_data = Vec::with_capacity(left.len());
            for sid in left {
                attach_data.push(match sid {
                    Some(sid) => Some(cf.stream_bytes(r, sid)?),
                    None => None,
                });
            }
            r.seek(end)?;
            let file = MsgFile {
                message,
                root_clsid: cf.root().clsid,
                named,
            };
            Ok(BorrowedMsg { file, attach_data })
        })
    })
}

/// [`extract`] for a file already read from `input` by
/// [`MsgFile::decode_bytes`]: the file is consumed, so attachment bytes
/// move into the files without a copy.
pub fn extract_file(
    input: &[u8],
    mut file: MsgFile,
    options: &Options,
) -> Result<Vec<ExtractedFile<'static>>> {
    let files = files_of(input, &mut file, Vec::new(), options)?;
    Ok(files.into_iter().map(ExtractedFile::into_owned).collect())
}

/// The files of `file` (read from `input`); `data` holds, per attachment,
/// the PidTagAttachDataBinary bytes the message does not (see
/// [`extract_all`]). Attachment bytes the message holds are moved out.
fn files_of<'a>(
    input: &[u8],
    file: &mut MsgFile,
    mut data: Vec<Option<std::borrow::Cow<'a, [u8]>>>,
    options: &Options,
) -> Result<Vec<ExtractedFile<'a>>> {
    // The container again, for copying storages out (its defects are
    // already among the file's).
    let quiet = Options {
        mode: msox_codec::Mode::Lenient,
        ..*options
    };
    let mut reader = Reader::with_options(input, &quiet);
    let r = &mut reader;
    let cf = CompoundFile::decode(r)?;
    {
        let storages = attachment_storages(&cf);
        let aligned = storages.len() == file.message.attachments.len();
        let mut files = Vec::new();
        for (i, a) in file.message.attachments.iter_mut().enumerate() {
            let fallback = format!("attachment-{}", i + 1);
            let name = safe_file_name(&a.file_name().unwrap_or_default(), &fallback);
            let (fname, bytes, kind): (String, Cow<'a, [u8]>, ExtractedKind) = if let Some(e) =
                &a.embedded
            {
                let subject = e.subject().unwrap_or_default();
                let stem =
                    safe_file_name(if subject.is_empty() { &name } else { &subject }, &fallback);
                let obj = storages
                    .get(i)
                    .filter(|_| aligned)
                    .and_then(|&s| cf.child(s, ATTACH_OBJECT));
                let bytes = match obj {
                    Some(o) => embedded_as_file(r, &cf, o)?,
                    None => MsgFile::new((**e).clone()).to_bytes()?,
                };
                (
                    format!("{stem}.msg"),
                    bytes.into(),
                    ExtractedKind::EmbeddedMessage,
                )
            } else if let Some(s) = &a.storage {
                let (n, data, kind) = ole_file(s)?;
                (
                    n.map_or(name, |n| safe_file_name(&n, &fallback)),
                    data.into(),
                    kind,
                )
            } else if let Some(d) = data.get_mut(i).and_then(Option::take) {
                (name, d, ExtractedKind::Attachment)
            } else if let Some(d) = a.take_data() {
                (name, d.into(), ExtractedKind::Attachment)
            } else if let Some(PropertyValue::Object(o)) =
                a.properties.get(ms_oxprops::tags::PidTagAttachDataObject)
            {
                (
                    name,
                    o.get(16..).unwrap_or_default().to_vec().into(),
                    ExtractedKind::Attachment,
                )
            } else {
                continue;
            };
            files.push(ExtractedFile {
                name: fname,
                data: bytes,
                kind,
                attachment: Some(i),
            });
        }
        make_unique(&mut files);
        Ok(files)
    }
}
