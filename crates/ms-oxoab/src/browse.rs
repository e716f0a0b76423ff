//! [MS-OXOAB] 2.3 Uncompressed OAB Version 2 and OAB Version 3 Browse File:
//! `OAB_HDR *B2_REC`, one fixed-size record per Address Book object, in
//! display-name order, pointing into the RDN Index, Details and ANR files
//! (which this crate does not decode yet).

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

use crate::details::OabHeader;

/// [MS-OXOAB] 2.3.2 B2_REC (32 bytes; version 2 and version 3 files use
/// the same layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct B2Rec {
    /// oRDN: offset of the RDN record in the RDN Index file.
    pub o_rdn: u32,
    /// oDetails: offset of the details record in the Details file.
    pub o_details: u32,
    /// cbDetails: size of the details record.
    pub cb_details: u16,
    /// bDispType: DT_MAILUSER 0x00, DT_DISTLIST 0x01, DT_FORUM 0x02,
    /// DT_AGENT 0x03, DT_REMOTE_MAILUSER 0x06 (others kept).
    pub disp_type: u8,
    /// The byte holding `a` (its high bit) and bObjType (the low 7 bits),
    /// as read.
    pub obj_type_byte: u8,
    /// oSMTP: offset of the SMTP address (RDN Index file).
    pub o_smtp: u32,
    /// oDispName: offset of the display name.
    pub o_disp_name: u32,
    /// oAlias: offset of the alias.
    pub o_alias: u32,
    /// oLocation: offset of the location (0: none).
    pub o_location: u32,
    /// oSurname: offset of the surname (0: none).
    pub o_surname: u32,
}

impl B2Rec {
    /// Size in bytes.
    pub const SIZE: usize = 32;

    /// bObjType: the object type (low 7 bits).
    pub const fn obj_type(&self) -> u8 {
        self.obj_type_byte & 0x7F
    }

    /// Bit `a`: the object can receive all message content (RTF, OLE).
    pub const fn receives_rich_content(&self) -> bool {
        self.obj_type_byte & 0x80 != 0
    }
}

/// [MS-OXOAB] 2.3.2 B2_REC.
impl<'a> Decode<'a> for B2Rec {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("B2_REC", read_b2)
    }
}

fn read_b2(r: &mut Reader<'_>) -> Result<B2Rec> {
    Ok(B2Rec {
        o_rdn: r.u32()?,
        o_details: r.u32()?,
        cb_details: r.u16()?,
        disp_type: r.u8()?,
        obj_type_byte: r.u8()?,
        o_smtp: r.u32()?,
        o_disp_name: r.u32()?,
        o_alias: r.u32()?,
        o_location: r.u32()?,
        o_surname: r.u32()?,
    })
}

impl Encode for B2Rec {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.o_rdn);
        buf.put_u32_le(self.o_details);
        buf.put_u16_le(self.cb_details);
        buf.put_u8(self.disp_type);
        buf.put_u8(self.obj_type_byte);
        for v in [
            self.o_smtp,
            self.o_disp_name,
            self.o_alias,
            self.o_location,
            self.o_surname,
        ] {
            buf.put_u32_le(v);
        }
        Ok(())
    }
}

/// [MS-OXOAB] 2.3 a version 2 or 3 Browse file: OAB_HDR (ulVersion 0x0A
/// or 0x0E, ulSerial the RDN hash of 2.3.3, ulTotRecs) and the records;
/// bytes after the last whole record are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BrowseFile {
    /// OAB_HDR.
    pub header: OabHeader,
    /// The B2_REC records.
    pub records: Vec<B2Rec>,
    /// Bytes after the last whole record (none in a valid file).
    pub trailing: Vec<u8>,
}

/// [MS-OXOAB] 2.3 a whole Browse file (the rest of the reader's window):
/// OAB_HDR (ulVersion 0x0A or 0x0E), then as many B2_REC as fit (framed
/// `B2_REC[i]`, counted against the session); bytes that do not make a
/// whole record, and a ulTotRecs that does not count the records, are
/// defects (strict: errors) and are kept.
impl<'a> Decode<'a> for BrowseFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let header = OabHeader::read_version(r, &[OabHeader::VERSION_2, OabHeader::VERSION_3])?;
        let n = r.check_count(
            (r.remaining() / B2Rec::SIZE) as u64,
            B2Rec::SIZE,
            "B2_REC count",
        )?;
        let mut records = Vec::with_capacity(n);
        for i in 0..n {
            records.push(r.frame_indexed("B2_REC", i, read_b2)?);
        }
        let trailing = crate::v2v3::partial_record(r, "B2_REC")?;
        crate::details::check_total(r, "OAB_HDR", header.total_records, n, start + 8)?;
        Ok(BrowseFile {
            header,
            records,
            trailing,
        })
    }
}

impl Encode for BrowseFile {
    fn encoded_len(&self) -> usize {
        OabHeader::SIZE + B2Rec::SIZE * self.records.len() + self.trailing.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        for rec in &self.records {
            rec.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}
