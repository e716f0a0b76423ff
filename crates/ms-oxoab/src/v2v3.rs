//! The other uncompressed version 2 and version 3 files of [MS-OXOAB]
//! (besides the Browse file, [`crate::browse`]): the 2.4 RDN Index file,
//! the 2.5 ANR Index file, the 2.6 Details file, and the 2.7 Changes file.
//!
//! Index records are decoded into their fields; the Details file keeps its
//! records as bytes after OAB_HDR (addressed through B2_REC.oDetails /
//! cbDetails, see [`DetailsFile::record`]). The display template file is
//! [`crate::template`]. [`rdn_hash`] computes the ulSerial of 2.3.3.
//!
//! Every structure re-encodes to exactly the bytes it was read from: a key
//! is kept without its terminating null and written back with one, and
//! bytes that do not form a whole record are kept as `trailing`.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result};

use crate::browse::B2Rec;
use crate::details::OabHeader;

/// Bytes at the end of a file that do not make a whole `what` record: a
/// defect (strict: an error); returned to be kept.
pub(crate) fn partial_record(r: &mut Reader<'_>, what: &'static str) -> Result<Vec<u8>> {
    if !r.is_empty() {
        let n = r.remaining();
        r.defect(
            ErrorKind::Malformed(format!("{n} bytes do not make a whole {what}").into()),
            "kept as trailing bytes",
        )?;
    }
    let rest = r.take_rest();
    r.reserve(rest.len(), "trailing bytes")?;
    Ok(rest.to_vec())
}

/// A null-terminated key (acKey), without its null.
fn key<'a>(r: &mut Reader<'a>) -> Result<&'a [u8]> {
    r.bytes_nul_terminated()
}

/// [MS-OXOAB] 2.5.2 ANR_REC: one node of the ANR index tree (a threaded
/// binary tree of display names, surnames, office locations and aliases).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnrRec {
    /// oLT: offset of the left child (0: none).
    pub o_lt: u32,
    /// oGT: offset of the right child (0: none).
    pub o_gt: u32,
    /// iBrowse as read: the Browse file index plus 3 in the low 31 bits,
    /// the alias flag in the high bit (see [`AnrRec::browse_index`],
    /// [`AnrRec::is_alias`]).
    pub i_browse: u32,
    /// oPrev: offset of the previous record in sorted order (0: first).
    pub o_prev: u32,
    /// oNext: offset of the next record in sorted order (0: last).
    pub o_next: u32,
    /// acKey: the key, without its terminating null (ANSI in version 2,
    /// as stored in version 3).
    pub key: Vec<u8>,
}

impl AnrRec {
    /// The fixed part's size in bytes (before acKey).
    pub const FIXED_SIZE: usize = 20;

    /// The index of the B2_REC in the Browse file (iBrowse without its
    /// high bit, minus 3); `None` for the reserved values 0 to 2.
    pub const fn browse_index(&self) -> Option<u32> {
        (self.i_browse & 0x7FFF_FFFF).checked_sub(3)
    }

    /// The high bit of iBrowse: the key is the object's alias.
    pub const fn is_alias(&self) -> bool {
        self.i_browse & 0x8000_0000 != 0
    }
}

/// [MS-OXOAB] 2.5.2 ANR_REC.
impl<'a> Decode<'a> for AnrRec {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ANR_REC", read_anr)
    }
}

fn read_anr(r: &mut Reader<'_>) -> Result<AnrRec> {
    let (o_lt, o_gt, i_browse, o_prev, o_next) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?);
    let key = key(r)?;
    r.reserve(key.len(), "acKey")?;
    Ok(AnrRec {
        o_lt,
        o_gt,
        i_browse,
        o_prev,
        o_next,
        key: key.to_vec(),
    })
}

impl Encode for AnrRec {
    fn encoded_len(&self) -> usize {
        Self::FIXED_SIZE + self.key.len() + 1
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.key.contains(&0) {
            return Err(Error::new(ErrorKind::Malformed(
                "ANR_REC acKey contains a null byte".into(),
            )));
        }
        for v in [
            self.o_lt,
            self.o_gt,
            self.i_browse,
            self.o_prev,
            self.o_next,
        ] {
            buf.put_u32_le(v);
        }
        buf.put_slice(&self.key);
        buf.put_u8(0);
        Ok(())
    }
}

/// Reads records (framed `name[i]`, each charged to the session) while a
/// whole one is left; bytes that do not make one are kept (a defect).
fn records<'a, T>(
    r: &mut Reader<'a>,
    name: &'static str,
    min_size: usize,
    read: impl Fn(&mut Reader<'a>) -> Result<T>,
) -> Result<(Vec<T>, Vec<u8>)> {
    let mut out = Vec::new();
    while r.remaining() >= min_size {
        let i = out.len();
        match r.attempt(|r| r.frame_indexed(name, i, &read)) {
            Ok(rec) => {
                r.check_count(1, 0, name)?;
                out.push(rec);
            }
            // Not a whole record: what is left is trailing bytes. A
            // budget error is not about the input's shape: it stands.
            Err(e) if e.is_limit() => return Err(e),
            Err(_) => break,
        }
    }
    Ok((out, partial_record(r, name)?))
}

/// [MS-OXOAB] 2.5 a version 2 or 3 ANR Index file: OAB_HDR (ulVersion
/// 0x0A or 0x0E) and ANR_REC records; the root is the first record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnrFile {
    /// OAB_HDR (ulTotRecs: the number of ANR_REC records).
    pub header: OabHeader,
    /// The records, in file order; record `i` starts at
    /// [`AnrFile::offsets`]`()[i]`.
    pub records: Vec<AnrRec>,
    /// Bytes that do not form a whole record (none in a valid file).
    pub trailing: Vec<u8>,
}

impl AnrFile {
    /// The file offset of each record (what oLT, oGT, oPrev, oNext hold).
    pub fn offsets(&self) -> Vec<u32> {
        let mut at = OabHeader::SIZE;
        self.records
            .iter()
            .map(|r| {
                let o = at;
                at += r.encoded_len();
                u32::try_from(o).unwrap_or(u32::MAX)
            })
            .collect()
    }

    /// The record starting at file offset `offset`.
    pub fn record_at(&self, offset: u32) -> Option<&AnrRec> {
        let i = self.offsets().iter().position(|&o| o == offset)?;
        self.records.get(i)
    }
}

/// [MS-OXOAB] 2.5 a whole ANR Index file (the rest of the reader's
/// window): OAB_HDR (ulVersion 0x0A or 0x0E), then ANR_REC records
/// (`ANR_REC[i]`) while a whole one is left; the rest, and a ulTotRecs
/// that does not count the records, are defects (strict: errors) and are
/// kept.
impl<'a> Decode<'a> for AnrFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let header = OabHeader::read_version(r, &[OabHeader::VERSION_2, OabHeader::VERSION_3])?;
        let (records, trailing) = records(r, "ANR_REC", AnrRec::FIXED_SIZE + 1, read_anr)?;
        crate::details::check_total(r, "OAB_HDR", header.total_records, records.len(), start + 8)?;
        Ok(AnrFile {
            header,
            records,
            trailing,
        })
    }
}

impl Encode for AnrFile {
    fn encoded_len(&self) -> usize {
        OabHeader::SIZE
            + self.records.iter().map(Encode::encoded_len).sum::<usize>()
            + self.trailing.len()
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

/// [MS-OXOAB] 2.4.1 RDN_HDR: OAB_HDR's three fields and oRoot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RdnHeader {
    /// ulVersion: 0x0A (version 2) or 0x0E (version 3).
    pub version: u32,
    /// ulSerial: the RDN hash of 2.3.3 (kept as read; [`browse_rdn_hash`]
    /// computes it).
    pub serial: u32,
    /// ulTotRecs: the number of RDN2_REC records.
    pub total_records: u32,
    /// oRoot: offset of the root RDN2_REC; the pdn-records end there.
    pub o_root: u32,
}

impl RdnHeader {
    /// Size in bytes.
    pub const SIZE: usize = 16;
}

/// [MS-OXOAB] 2.4.1 RDN_HDR (no check of the values).
impl<'a> Decode<'a> for RdnHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("RDN_HDR", |r| {
            Ok(RdnHeader {
                version: r.u32()?,
                serial: r.u32()?,
                total_records: r.u32()?,
                o_root: r.u32()?,
            })
        })
    }
}

impl Encode for RdnHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        for v in [self.version, self.serial, self.total_records, self.o_root] {
            buf.put_u32_le(v);
        }
        Ok(())
    }
}

/// [MS-OXOAB] 2.4.2 RDN2_REC: one node of the RDN index tree, keyed by the
/// object's RDN (the last part of its X500 DN) under a parent DN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rdn2Rec {
    /// oLT: offset of the left child (0: none).
    pub o_lt: u32,
    /// oGT: offset of the right child (0: none).
    pub o_gt: u32,
    /// iBrowse: the Browse file index plus 3 (0 to 2 reserved).
    pub i_browse: u32,
    /// oPrev: offset of the previous record in sorted order (0: first).
    pub o_prev: u32,
    /// oNext: offset of the next record in sorted order (0: last).
    pub o_next: u32,
    /// oParentDN: offset of the pdn-record (parent DN string).
    pub o_parent_dn: u32,
    /// acKey: the RDN, without its terminating null.
    pub key: Vec<u8>,
}

impl Rdn2Rec {
    /// The fixed part's size in bytes (before acKey).
    pub const FIXED_SIZE: usize = 24;

    /// The index of the B2_REC in the Browse file (iBrowse minus 3);
    /// `None` for the reserved values 0 to 2.
    pub const fn browse_index(&self) -> Option<u32> {
        self.i_browse.checked_sub(3)
    }
}

/// [MS-OXOAB] 2.4.2 RDN2_REC.
impl<'a> Decode<'a> for Rdn2Rec {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("RDN2_REC", read_rdn2)
    }
}

fn read_rdn2(r: &mut Reader<'_>) -> Result<Rdn2Rec> {
    let (o_lt, o_gt, i_browse, o_prev, o_next, o_parent_dn) =
        (r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?);
    let key = key(r)?;
    r.reserve(key.len(), "acKey")?;
    Ok(Rdn2Rec {
        o_lt,
        o_gt,
        i_browse,
        o_prev,
        o_next,
        o_parent_dn,
        key: key.to_vec(),
    })
}

impl Encode for Rdn2Rec {
    fn encoded_len(&self) -> usize {
        Self::FIXED_SIZE + self.key.len() + 1
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.key.contains(&0) {
            return Err(Error::new(ErrorKind::Malformed(
                "RDN2_REC acKey contains a null byte".into(),
            )));
        }
        for v in [
            self.o_lt,
            self.o_gt,
            self.i_browse,
            self.o_prev,
            self.o_next,
            self.o_parent_dn,
        ] {
            buf.put_u32_le(v);
        }
        buf.put_slice(&self.key);
        buf.put_u8(0);
        Ok(())
    }
}

/// [MS-OXOAB] 2.4 a version 2 or 3 RDN Index file (`rdn-file = RDN_HDR
/// 1*pdn-record 1*RDN2_REC`): the PDN table (null-terminated parent DNs of
/// X500 DNs and the domain names of SMTP addresses) up to oRoot, then the
/// RDN2_REC records keyed by the last RDN of an X500 DN or the local part
/// of an SMTP address (B2_REC.oRDN and oSMTP point at them).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RdnFile {
    /// RDN_HDR.
    pub header: RdnHeader,
    /// The pdn-records, without their terminating nulls, in file order.
    pub parent_dns: Vec<Vec<u8>>,
    /// Bytes between the last whole pdn-record and oRoot (none in a valid
    /// file).
    pub pdn_trailing: Vec<u8>,
    /// The RDN2_REC records, in file order.
    pub records: Vec<Rdn2Rec>,
    /// Bytes after the last whole RDN2_REC (none in a valid file).
    pub trailing: Vec<u8>,
}

/// [MS-OXOAB] 2.4 a whole RDN Index file (the rest of the reader's
/// window). oRoot must lie inside the file, after RDN_HDR (an error at the
/// field otherwise); the pdn-records run up to it (`pdn-record[i]`), the
/// RDN2_REC records (`RDN2_REC[i]`) from it while a whole one is left.
/// Bytes that make no whole pdn-record before oRoot, or no whole RDN2_REC
/// at the end, and a ulTotRecs that does not count the RDN2_RECs, are
/// defects (strict: errors) and are kept.
impl<'a> Decode<'a> for RdnFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let header = RdnHeader::decode(r)?;
        r.frame("RDN_HDR", |r| {
            if header.version != OabHeader::VERSION_2 && header.version != OabHeader::VERSION_3 {
                return Err(r.invalid_at("ulVersion", u64::from(header.version), start));
            }
            let root = header.o_root as usize;
            if root < RdnHeader::SIZE || root - RdnHeader::SIZE > r.remaining() {
                return Err(r.invalid_at("oRoot", u64::from(header.o_root), start + 12));
            }
            Ok(())
        })?;
        let (parent_dns, pdn_trailing) = {
            let mut pdn = r.sub(header.o_root as usize - RdnHeader::SIZE)?;
            let mut parent_dns = Vec::new();
            while let Some(n) = pdn.rest().iter().position(|&b| b == 0) {
                let i = parent_dns.len();
                let k = pdn.frame_indexed("pdn-record", i, |r| {
                    r.check_count(1, 0, "pdn-record")?;
                    r.reserve(n, "pdn-record")?;
                    key(r)
                })?;
                parent_dns.push(k.to_vec());
            }
            let pdn_trailing = partial_record(&mut pdn, "pdn-record")?;
            (parent_dns, pdn_trailing)
        };
        let (records, trailing) = records(r, "RDN2_REC", Rdn2Rec::FIXED_SIZE + 1, read_rdn2)?;
        crate::details::check_total(r, "RDN_HDR", header.total_records, records.len(), start + 8)?;
        Ok(RdnFile {
            header,
            parent_dns,
            pdn_trailing,
            records,
            trailing,
        })
    }
}

impl RdnFile {
    /// The file offset of each pdn-record (what oParentDN holds).
    pub fn parent_dn_offsets(&self) -> Vec<u32> {
        offsets(RdnHeader::SIZE, self.parent_dns.iter().map(|k| k.len() + 1))
    }

    /// The file offset of each RDN2_REC.
    pub fn record_offsets(&self) -> Vec<u32> {
        let start = RdnHeader::SIZE
            + self.parent_dns.iter().map(|k| k.len() + 1).sum::<usize>()
            + self.pdn_trailing.len();
        offsets(start, self.records.iter().map(Encode::encoded_len))
    }

    /// Whether the file is self-consistent: no stray bytes, at least one
    /// record, printable parent DNs, oRoot at the first record and every
    /// oParentDN at a pdn-record.
    pub fn looks_valid(&self) -> bool {
        let pdns = self.parent_dn_offsets();
        self.trailing.is_empty()
            && self.pdn_trailing.is_empty()
            && !self.records.is_empty()
            && self.parent_dns.iter().flatten().all(|&b| b >= 0x20)
            && self.record_offsets().first() == Some(&self.header.o_root)
            && self.records.iter().all(|r| pdns.contains(&r.o_parent_dn))
    }

    /// The RDN2_REC starting at file offset `offset` (what B2_REC.oRDN,
    /// oSMTP and the tree links hold).
    pub fn record_at(&self, offset: u32) -> Option<&Rdn2Rec> {
        let i = self.record_offsets().iter().position(|&o| o == offset)?;
        self.records.get(i)
    }

    /// The parent DN string at file offset `offset`.
    pub fn parent_dn_at(&self, offset: u32) -> Option<&[u8]> {
        let i = self.parent_dn_offsets().iter().position(|&o| o == offset)?;
        self.parent_dns.get(i).map(Vec::as_slice)
    }
}

/// [MS-OXOAB] 2.3.3 RDN Hash Computation: the value a version 2/3 Browse
/// file, RDN Index file and Details file hold in ulSerial.
///
/// Takes the RDN value (RDN2_REC acKey, without its null) of every OAB
/// record in Browse-file order; each is padded with nulls to a multiple of
/// 4 bytes, its little-endian 32-bit words are XORed into the running hash
/// (starting at 0), and the hash is rotated left by one bit after each
/// record. The two sample Browse files of [MS-OXOAB] 3.1 and 3.2 carry the
/// values this gives (tests `spec_browse_serials_are_rdn_hashes`).
///
/// ```
/// // [MS-OXOAB] 3.2: ulSerial bf 62 4f 0b.
/// let h = ms_oxoab::v2v3::rdn_hash([&b"Administrator"[..], b"lisam"]);
/// assert_eq!(h.to_le_bytes(), [0xbf, 0x62, 0x4f, 0x0b]);
/// ```
pub fn rdn_hash<'a>(rdns: impl IntoIterator<Item = &'a [u8]>) -> u32 {
    let mut hash = 0u32;
    for rdn in rdns {
        for chunk in rdn.chunks(4) {
            let mut word = [0u8; 4];
            for (w, b) in word.iter_mut().zip(chunk) {
                *w = *b;
            }
            hash ^= u32::from_le_bytes(word);
        }
        hash = hash.rotate_left(1);
    }
    hash
}

/// [MS-OXOAB] 2.3.3 over a Browse file and its RDN Index file: the RDN
/// value of each B2_REC is the acKey of the RDN2_REC at its oRDN. `None`
/// when an oRDN does not point at an RDN2_REC of `rdn`.
pub fn browse_rdn_hash(browse: &crate::browse::BrowseFile, rdn: &RdnFile) -> Option<u32> {
    let by_offset: std::collections::HashMap<u32, usize> = rdn
        .record_offsets()
        .into_iter()
        .enumerate()
        .map(|(i, o)| (o, i))
        .collect();
    let mut keys = Vec::with_capacity(browse.records.len());
    for b2 in &browse.records {
        let i = *by_offset.get(&b2.o_rdn)?;
        keys.push(rdn.records.get(i)?.key.as_slice());
    }
    Some(rdn_hash(keys))
}

fn offsets(start: usize, lens: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut at = start;
    lens.map(|n| {
        let o = at;
        at += n;
        u32::try_from(o).unwrap_or(u32::MAX)
    })
    .collect()
}

impl Encode for RdnFile {
    fn encoded_len(&self) -> usize {
        RdnHeader::SIZE
            + self.parent_dns.iter().map(|k| k.len() + 1).sum::<usize>()
            + self.pdn_trailing.len()
            + self.records.iter().map(Encode::encoded_len).sum::<usize>()
            + self.trailing.len()
    }
    /// Writes the file; oRoot is written as stored in the header (set it to
    /// the first record's offset, [`RdnFile::record_offsets`], for a valid
    /// file). A pdn_trailing holding a null byte would not read back the
    /// same and is refused.
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.parent_dns.iter().any(|k| k.contains(&0)) || self.pdn_trailing.contains(&0) {
            return Err(Error::new(ErrorKind::Malformed(
                "RDN Index pdn-record contains a null byte".into(),
            )));
        }
        self.header.encode(buf)?;
        for k in &self.parent_dns {
            buf.put_slice(k);
            buf.put_u8(0);
        }
        buf.put_slice(&self.pdn_trailing);
        for rec in &self.records {
            rec.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}

/// An OAB_HDR with ulVersion 0x07 and the bytes after it: [MS-OXOAB] 2.6
/// a version 2 or 3 Details file ([`DetailsFile`]); 2.2 display template
/// files share the ulVersion and have their own type
/// ([`crate::TemplateFile`]; [`crate::TemplateFile::looks_valid`] tells
/// them apart).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Version7File {
    /// OAB_HDR (ulVersion 0x07).
    pub header: OabHeader,
    /// Everything after OAB_HDR.
    pub data: Vec<u8>,
}

/// [MS-OXOAB] 2.6 a version 2 or 3 Details file: OAB_HDR (ulSerial the
/// 2.3.3 RDN hash) then the details records, each at the offset and of the
/// size its B2_REC gives. The records' fields (2.6 details-record /
/// v3-details-record) are not decoded here: the spec's value encodings for
/// them (string-value, binary-value) were not available to us.
pub type DetailsFile = Version7File;

impl Version7File {
    /// The details record a B2_REC points at (oDetails, cbDetails are
    /// offsets in the whole file); `None` when it lies outside the file.
    pub fn record(&self, b2: &B2Rec) -> Option<&[u8]> {
        let start = (b2.o_details as usize).checked_sub(OabHeader::SIZE)?;
        self.data
            .get(start..start.checked_add(usize::from(b2.cb_details))?)
    }
}

/// [MS-OXOAB] 2.6 (and 2.2): OAB_HDR with ulVersion 0x07, then the rest
/// of the reader's window as bytes.
impl<'a> Decode<'a> for Version7File {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let header = OabHeader::read_version(r, &[OabHeader::VERSION_DETAILS_OR_TEMPLATE])?;
        let data = r.take_rest();
        r.reserve(data.len(), "details records")?;
        Ok(Version7File {
            header,
            data: data.to_vec(),
        })
    }
}

impl Encode for Version7File {
    fn encoded_len(&self) -> usize {
        OabHeader::SIZE + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        buf.put_slice(&self.data);
        Ok(())
    }
}

/// [MS-OXOAB] 2.7 a version 2 or 3 Changes file: OAB_HDR (ulVersion 0x0B
/// or 0x0F) then the change-records (CHG_REC and the optional parts its
/// flags select), kept as bytes: the CHG_REC layout is not decoded here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChangesFile {
    /// OAB_HDR (ulVersion 0x0B or 0x0F).
    pub header: OabHeader,
    /// The change-records, undecoded.
    pub data: Vec<u8>,
}

/// [MS-OXOAB] 2.7: OAB_HDR with ulVersion 0x0B or 0x0F, then the rest of
/// the reader's window as bytes.
impl<'a> Decode<'a> for ChangesFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let header = OabHeader::read_version(
            r,
            &[OabHeader::VERSION_2_CHANGES, OabHeader::VERSION_3_CHANGES],
        )?;
        let data = r.take_rest();
        r.reserve(data.len(), "change records")?;
        Ok(ChangesFile {
            header,
            data: data.to_vec(),
        })
    }
}

impl Encode for ChangesFile {
    fn encoded_len(&self) -> usize {
        OabHeader::SIZE + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        buf.put_slice(&self.data);
        Ok(())
    }
}

/// Which version 2/3 file an uncompressed OAB_HDR file with ulVersion 0x0A
/// or 0x0E most likely is: Browse, RDN Index and ANR Index files share the
/// value, so this looks at the sizes (a Browse file is exactly
/// 12 + 32 × ulTotRecs bytes; an RDN Index file's oRoot points inside it
/// at a record whose key is null-terminated). A guess, for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum V2V3Kind {
    /// 2.3 Browse file.
    Browse,
    /// 2.4 RDN Index file.
    RdnIndex,
    /// 2.5 ANR Index file.
    AnrIndex,
    /// 2.6 Details file or 2.2 display template file (ulVersion 0x07).
    DetailsOrTemplate,
    /// 2.7 Changes file (ulVersion 0x0B or 0x0F).
    Changes,
}

/// Guesses the kind of an uncompressed version 2/3 file (see [`V2V3Kind`]);
/// `None` for other ulVersion values.
pub fn guess_v2v3_kind(bytes: &[u8]) -> Option<V2V3Kind> {
    let h = OabHeader::decode_prefix(bytes).ok()?.0;
    match h.version {
        OabHeader::VERSION_DETAILS_OR_TEMPLATE => Some(V2V3Kind::DetailsOrTemplate),
        OabHeader::VERSION_2_CHANGES | OabHeader::VERSION_3_CHANGES => Some(V2V3Kind::Changes),
        OabHeader::VERSION_2 | OabHeader::VERSION_3 => {
            let n = (h.total_records as usize).checked_mul(B2Rec::SIZE);
            if n.and_then(|n| n.checked_add(OabHeader::SIZE)) == Some(bytes.len()) {
                return Some(V2V3Kind::Browse);
            }
            if RdnFile::decode_exact(bytes).is_ok_and(|f| f.looks_valid()) {
                return Some(V2V3Kind::RdnIndex);
            }
            Some(V2V3Kind::AnrIndex)
        }
        _ => None,
    }
}
