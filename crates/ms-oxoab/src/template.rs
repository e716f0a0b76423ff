//! [MS-OXOAB] 2.2 Uncompressed OAB Display Template File: OAB_HDR
//! (ulVersion 0x07), seven TMPLT_ENTRY structures (one per kind of Address
//! Book object), NAMES_STRUCT, the address-creation templates and a data
//! section that the entries point into by absolute offset.
//!
//! ```text
//! template-file = OAB_HDR mail-user-template distribution-list-template
//!                 forum-template agent-template organization-template
//!                 private-distributionlist-template remote-mailuser-template
//!                 NAMES_STRUCT address-templates data
//! ```
//!
//! The seven entries are decoded ([`TmpltEntry`], [`TemplateSlot`]) and the
//! data they point at is reachable by slot ([`TemplateFile::template_data`]
//! is [MS-OXOABKT] template data, [`TemplateFile::script_data`] its script).
//! NAMES_STRUCT's layout was not available to us, so everything after the
//! seven entries — NAMES_STRUCT, the address-creation templates (oot-count
//! and their TMPLT_ENTRYs) and the data section — is kept as bytes
//! ([`TemplateFile::rest`]); offsets into it still resolve.

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Decoded, Encode, Error, ErrorKind, Frame, Options, Origin, Reader, Result, Session,
};

use crate::details::OabHeader;

/// [MS-OXOAB] 2.2.2 TMPLT_ENTRY: where one display template's parts lie in
/// the file (absolute offsets; an offset of 0 means the part is absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TmpltEntry {
    /// oDN: offset of the template's X500 DN (null-terminated).
    pub o_dn: u32,
    /// cbDN: length of the DN in bytes, terminating null included.
    pub cb_dn: u32,
    /// oTmplt: offset of the template structure data ([MS-OXOABKT]
    /// 2.2.2.1).
    pub o_tmplt: u32,
    /// cbTmplt: length of the template data (the template table and its
    /// stored strings).
    pub cb_tmplt: u32,
    /// oScript: offset of the template's script data ([MS-OXOABKT]
    /// 2.2.2.2).
    pub o_script: u32,
    /// cbScript: length of the script data.
    pub cb_script: u32,
    /// oDispName: offset of the template's display name.
    pub o_disp_name: u32,
    /// cbDispName: length of the display name in bytes.
    pub cb_disp_name: u32,
}

impl TmpltEntry {
    /// Size in bytes.
    pub const SIZE: usize = 32;

    /// Whether every field is zero (the organization and private
    /// distribution list entries SHOULD be).
    pub fn is_empty(&self) -> bool {
        *self == TmpltEntry::default()
    }

    fn fields(&self) -> [u32; 8] {
        [
            self.o_dn,
            self.cb_dn,
            self.o_tmplt,
            self.cb_tmplt,
            self.o_script,
            self.cb_script,
            self.o_disp_name,
            self.cb_disp_name,
        ]
    }

    /// The (offset, length) pairs of the four parts: DN, template, script,
    /// display name.
    pub fn parts(&self) -> [(u32, u32); 4] {
        [
            (self.o_dn, self.cb_dn),
            (self.o_tmplt, self.cb_tmplt),
            (self.o_script, self.cb_script),
            (self.o_disp_name, self.cb_disp_name),
        ]
    }
}

/// [MS-OXOAB] 2.2.2 TMPLT_ENTRY (no check of the values).
impl<'a> Decode<'a> for TmpltEntry {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("TMPLT_ENTRY", read_entry)
    }
}

fn read_entry(r: &mut Reader<'_>) -> Result<TmpltEntry> {
    Ok(TmpltEntry {
        o_dn: r.u32()?,
        cb_dn: r.u32()?,
        o_tmplt: r.u32()?,
        cb_tmplt: r.u32()?,
        o_script: r.u32()?,
        cb_script: r.u32()?,
        o_disp_name: r.u32()?,
        cb_disp_name: r.u32()?,
    })
}

impl Encode for TmpltEntry {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        for v in self.fields() {
            buf.put_u32_le(v);
        }
        Ok(())
    }
}

/// Which of the seven TMPLT_ENTRY structures of [MS-OXOAB] 2.2 (in file
/// order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TemplateSlot {
    /// mail-user-template: the display template for mailboxes.
    MailUser = 0,
    /// distribution-list-template.
    DistributionList = 1,
    /// forum-template: public folders.
    Forum = 2,
    /// agent-template: mail agents.
    Agent = 3,
    /// organization-template (SHOULD be all zeros).
    Organization = 4,
    /// private-distributionlist-template (SHOULD be all zeros).
    PrivateDistributionList = 5,
    /// remote-mailuser-template: external e-mail addresses.
    RemoteMailUser = 6,
}

impl TemplateSlot {
    /// The seven slots in file order.
    pub const ALL: [TemplateSlot; 7] = [
        TemplateSlot::MailUser,
        TemplateSlot::DistributionList,
        TemplateSlot::Forum,
        TemplateSlot::Agent,
        TemplateSlot::Organization,
        TemplateSlot::PrivateDistributionList,
        TemplateSlot::RemoteMailUser,
    ];

    /// The ABNF rule name of [MS-OXOAB] 2.2.
    pub const fn name(self) -> &'static str {
        match self {
            TemplateSlot::MailUser => "mail-user-template",
            TemplateSlot::DistributionList => "distribution-list-template",
            TemplateSlot::Forum => "forum-template",
            TemplateSlot::Agent => "agent-template",
            TemplateSlot::Organization => "organization-template",
            TemplateSlot::PrivateDistributionList => "private-distributionlist-template",
            TemplateSlot::RemoteMailUser => "remote-mailuser-template",
        }
    }

    /// The slot of an Address Book object's display type (PidTagDisplayType
    /// / B2_REC.bDispType: DT_MAILUSER 0, DT_DISTLIST 1, DT_FORUM 2,
    /// DT_AGENT 3, DT_ORGANIZATION 4, DT_PRIVATE_DISTLIST 5,
    /// DT_REMOTE_MAILUSER 6).
    pub const fn from_display_type(display_type: u32) -> Option<TemplateSlot> {
        match display_type {
            0 => Some(TemplateSlot::MailUser),
            1 => Some(TemplateSlot::DistributionList),
            2 => Some(TemplateSlot::Forum),
            3 => Some(TemplateSlot::Agent),
            4 => Some(TemplateSlot::Organization),
            5 => Some(TemplateSlot::PrivateDistributionList),
            6 => Some(TemplateSlot::RemoteMailUser),
            _ => None,
        }
    }
}

/// [MS-OXOAB] 2.2 an uncompressed display template file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TemplateFile {
    /// OAB_HDR (2.2.1): ulVersion 0x07, ulSerial 0, ulTotRecs 0.
    pub header: OabHeader,
    /// The seven TMPLT_ENTRY structures, indexed by [`TemplateSlot`].
    pub entries: [TmpltEntry; 7],
    /// Everything after the entries, from file offset
    /// [`TemplateFile::FIXED_SIZE`]: NAMES_STRUCT, the address-creation
    /// templates and the data section, as stored.
    pub rest: Vec<u8>,
}

/// The parts one [MS-OXOAB] 2.2.2 TMPLT_ENTRY points at, for
/// [`TemplateFile::build`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TemplateParts<'a> {
    /// The template's X500 DN, without a terminating null (one is written).
    pub dn: Option<&'a [u8]>,
    /// [MS-OXOABKT] template data.
    pub template: Option<&'a [u8]>,
    /// [MS-OXOABKT] script data.
    pub script: Option<&'a [u8]>,
    /// The display name, written as given.
    pub display_name: Option<&'a [u8]>,
}

impl TemplateFile {
    /// Bytes before [`TemplateFile::rest`]: OAB_HDR and seven TMPLT_ENTRY.
    pub const FIXED_SIZE: usize = OabHeader::SIZE + 7 * TmpltEntry::SIZE;

    /// The entry of `slot`.
    pub fn entry(&self, slot: TemplateSlot) -> &TmpltEntry {
        let [mail_user, dl, forum, agent, org, private_dl, remote] = &self.entries;
        match slot {
            TemplateSlot::MailUser => mail_user,
            TemplateSlot::DistributionList => dl,
            TemplateSlot::Forum => forum,
            TemplateSlot::Agent => agent,
            TemplateSlot::Organization => org,
            TemplateSlot::PrivateDistributionList => private_dl,
            TemplateSlot::RemoteMailUser => remote,
        }
    }

    /// The `len` bytes at absolute file offset `offset`; `None` for offset
    /// 0 (absent), for offsets inside OAB_HDR or the entries, and for
    /// ranges past the end of the file.
    pub fn bytes_at(&self, offset: u32, len: u32) -> Option<&[u8]> {
        if offset == 0 {
            return None;
        }
        let start = (offset as usize).checked_sub(Self::FIXED_SIZE)?;
        self.rest.get(start..start.checked_add(len as usize)?)
    }

    /// The [MS-OXOABKT] 2.2.2.1 template data of `slot` (oTmplt, cbTmplt).
    pub fn template_data(&self, slot: TemplateSlot) -> Option<&[u8]> {
        let e = self.entry(slot);
        self.bytes_at(e.o_tmplt, e.cb_tmplt)
    }

    /// The template of `slot` decoded by `ms-oxoabkt` ([MS-OXOABKT]
    /// 2.2.2.1) in a session with `options`; `None` when the entry has
    /// none. Offsets in errors and defects are offsets in the file, and
    /// the path starts at the entry (`TMPLT_ENTRY[0](mail-user-template) >
    /// TRowSet > TRow[2] > ControlStructure`).
    pub fn template(
        &self,
        slot: TemplateSlot,
        options: &Options,
    ) -> Option<Result<Decoded<ms_oxoabkt::Template>>> {
        let e = self.entry(slot);
        let bytes = self.template_data(slot)?;
        Some(decode_part(bytes, e.o_tmplt, slot, options))
    }

    /// The script of `slot` decoded by `ms-oxoabkt` ([MS-OXOABKT] 2.2.2.2)
    /// in a session with `options`; `None` when the entry has none (offsets
    /// and path as for [`TemplateFile::template`]).
    pub fn script(
        &self,
        slot: TemplateSlot,
        options: &Options,
    ) -> Option<Result<Decoded<ms_oxoabkt::ScriptData>>> {
        let e = self.entry(slot);
        let bytes = self.script_data(slot)?;
        Some(decode_part(bytes, e.o_script, slot, options))
    }

    /// The [MS-OXOABKT] 2.2.2.2 script data of `slot` (oScript, cbScript).
    pub fn script_data(&self, slot: TemplateSlot) -> Option<&[u8]> {
        let e = self.entry(slot);
        self.bytes_at(e.o_script, e.cb_script)
    }

    /// The template's X500 DN of `slot` (oDN, cbDN), without its
    /// terminating null.
    pub fn dn(&self, slot: TemplateSlot) -> Option<&[u8]> {
        let e = self.entry(slot);
        let b = self.bytes_at(e.o_dn, e.cb_dn)?;
        Some(b.strip_suffix(&[0]).unwrap_or(b))
    }

    /// The display name bytes of `slot` (oDispName, cbDispName), as stored.
    pub fn display_name(&self, slot: TemplateSlot) -> Option<&[u8]> {
        let e = self.entry(slot);
        self.bytes_at(e.o_disp_name, e.cb_disp_name)
    }

    /// Whether the file is self-consistent: ulVersion 0x07, every part with
    /// a non-zero offset lies inside the file after the entries, and at
    /// least one template is present. Tells a template file from a version
    /// 2/3 Details file (same ulVersion) for tools.
    pub fn looks_valid(&self) -> bool {
        self.header.version == OabHeader::VERSION_DETAILS_OR_TEMPLATE
            && self.entries.iter().all(|e| {
                e.parts()
                    .iter()
                    .all(|&(o, n)| o == 0 || self.bytes_at(o, n).is_some())
            })
            && self.entries.iter().any(|e| e.o_tmplt != 0)
    }

    /// Lays out a new template file: OAB_HDR (ulVersion 0x07, ulSerial 0,
    /// ulTotRecs 0), the seven entries, then `middle` (NAMES_STRUCT and the
    /// address-creation templates, which the caller provides as bytes),
    /// then each slot's parts in slot order (DN with its null, template,
    /// script, display name). Fails with `LimitExceeded` past 4 GiB.
    pub fn build(parts: &[TemplateParts<'_>; 7], middle: &[u8]) -> Result<TemplateFile> {
        let mut rest = middle.to_vec();
        let mut entries = [TmpltEntry::default(); 7];
        let place = |data: Option<&[u8]>, with_null: bool, rest: &mut Vec<u8>| {
            let Some(d) = data else {
                return Ok((0, 0));
            };
            let at = u32::try_from(Self::FIXED_SIZE + rest.len());
            rest.extend_from_slice(d);
            if with_null {
                rest.push(0);
            }
            let len = u32::try_from(d.len() + usize::from(with_null));
            let end = Self::FIXED_SIZE + rest.len();
            match (at, len) {
                (Ok(a), Ok(l)) if end <= u32::MAX as usize => Ok((a, l)),
                _ => Err(Error::new(ErrorKind::LimitExceeded {
                    what: "display template file size",
                    value: end as u64,
                    max: u64::from(u32::MAX),
                })),
            }
        };
        for (e, p) in entries.iter_mut().zip(parts) {
            (e.o_dn, e.cb_dn) = place(p.dn, true, &mut rest)?;
            (e.o_tmplt, e.cb_tmplt) = place(p.template, false, &mut rest)?;
            (e.o_script, e.cb_script) = place(p.script, false, &mut rest)?;
            (e.o_disp_name, e.cb_disp_name) = place(p.display_name, false, &mut rest)?;
        }
        Ok(TemplateFile {
            header: OabHeader {
                version: OabHeader::VERSION_DETAILS_OR_TEMPLATE,
                serial: 0,
                total_records: 0,
            },
            entries,
            rest,
        })
    }
}

/// The frame of the TMPLT_ENTRY of `slot`: `TMPLT_ENTRY[i](slot name)`.
fn entry_frame(slot: TemplateSlot) -> Frame {
    Frame::indexed("TMPLT_ENTRY", slot as u64).with_variant(slot.name())
}

/// Decodes a part (`bytes`, stored at file offset `offset`) of a slot's
/// entry as a `T`, in a session of its own.
fn decode_part<T: for<'a> Decode<'a>>(
    bytes: &[u8],
    offset: u32,
    slot: TemplateSlot,
    options: &Options,
) -> Result<Decoded<T>> {
    let session = Session::new(*options, bytes.len());
    let mut r = Reader::with_session_at(bytes, Origin::At(offset as usize), session);
    let v = r.within(entry_frame(slot), |r| {
        let v = T::decode(r)?;
        r.expect_end()?;
        Ok(v)
    })?;
    Ok(r.into_decoded(v))
}

/// [MS-OXOAB] 2.2 a whole display template file (the rest of the reader's
/// window): OAB_HDR (ulVersion 0x07), the seven TMPLT_ENTRY structures
/// (`TMPLT_ENTRY[i](mail-user-template)`, ...), and the rest kept as
/// bytes.
///
/// Each part an entry points at (by absolute offset; 0 is absent) must lie
/// in the file after the entries; the template and script data are then
/// decoded where they lie ([MS-OXOABKT] 2.2.2.1, 2.2.2.2), by seeking in
/// the same reader, so their errors carry file offsets and the entry's
/// path. A part outside the file or one that does not decode is an error
/// in strict mode; lenient decoding reports a defect (the bytes are kept
/// in [`TemplateFile::rest`] either way).
impl<'a> Decode<'a> for TemplateFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let header = OabHeader::read_version(r, &[OabHeader::VERSION_DETAILS_OR_TEMPLATE])?;
        let mut entries = [TmpltEntry::default(); 7];
        for (e, slot) in entries.iter_mut().zip(TemplateSlot::ALL) {
            *e = r.within(entry_frame(slot), read_entry)?;
        }
        let rest_at = r.pos();
        let end = r.end();
        for (e, slot) in entries.iter().zip(TemplateSlot::ALL) {
            let entry_at = rest_at - TmpltEntry::SIZE * (7 - slot as usize);
            r.within(entry_frame(slot), |r| {
                check_parts(r, e, start, entry_at, end)
            })?;
        }
        r.seek(rest_at)?;
        let rest = r.take_rest();
        r.reserve(rest.len(), "template file data")?;
        Ok(TemplateFile {
            header,
            entries,
            rest: rest.to_vec(),
        })
    }
}

/// Checks the parts of one entry (read at `entry_at`; the file starts at
/// `start` and ends at `end` in the reader's buffer) and decodes its
/// template and script where they lie.
fn check_parts(
    r: &mut Reader<'_>,
    e: &TmpltEntry,
    start: usize,
    entry_at: usize,
    end: usize,
) -> Result<()> {
    const FIELDS: [(&str, &str); 4] = [
        ("oDN", "cbDN"),
        ("oTmplt", "cbTmplt"),
        ("oScript", "cbScript"),
        ("oDispName", "cbDispName"),
    ];
    for (k, ((o, n), (o_field, _))) in e.parts().into_iter().zip(FIELDS).enumerate() {
        if o == 0 {
            continue;
        }
        let from = start.saturating_add(o as usize);
        let inside = (o as usize) >= TemplateFile::FIXED_SIZE
            && from.checked_add(n as usize).is_some_and(|to| to <= end);
        if !inside {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: o_field,
                    value: u64::from(o),
                },
                entry_at + 8 * k,
                "part kept as read (outside the file)",
            )?;
            continue;
        }
        r.seek(from)?;
        match k {
            1 => {
                r.unit(n as usize, "template kept as bytes", |r| {
                    ms_oxoabkt::Template::decode(r).map(drop)
                })?;
            }
            2 => {
                r.unit(n as usize, "script kept as bytes", |r| {
                    ms_oxoabkt::ScriptData::decode(r).map(drop)
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

impl Encode for TemplateFile {
    fn encoded_len(&self) -> usize {
        Self::FIXED_SIZE + self.rest.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        for e in &self.entries {
            e.encode(buf)?;
        }
        buf.put_slice(&self.rest);
        Ok(())
    }
}
