//! [MS-OXOAB] 2.9 Uncompressed OAB Version 4 Full Details File.
//!
//! ```text
//! full-details-file = OAB_HDR OAB_META_DATA header-record *address-book-object-record
//! ```
//!
//! [`FullDetails`] is the owned model (decode, encode byte for byte);
//! [`FullDetailsReader`] walks a file without building every record
//! (records come out as borrowed [`RawRecord`]s to decode on demand);
//! [`FullDetailsWriter`] streams records into a new file and fills in
//! ulTotRecs and ulSerial at the end.
//!
//! Decoding runs in one session ([`msox_codec::Options`]): structures are
//! framed with the spec's names
//! (`OAB_META_DATA > OAB_PROP_TABLE(rgOabAtts) > OAB_PROP_REC[3]`,
//! `OAB_V4_REC[17] > data[4](PtypString)`) and offsets are absolute. What the spec does not allow is an error in strict mode
//! and a defect in lenient mode: a longer-than-needed integer encoding, a
//! PtypBoolean byte other than 0 or 1, a PtypString that is not UTF-8, set
//! padding bits of presenceBitArray, bytes after a record's values or
//! after the property tables, a ulTotRecs that does not count the records.
//! A record with a defect keeps its bytes (written back unchanged); a
//! record that cannot be read at all (a value of a type OAB does not
//! allow, a value running past its cbSize) is kept as bytes, without
//! values ([`Record::is_undecoded`]).

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, Decode, DecodeWith, Decoded, Defect, Encode, EncodeWith, Error, ErrorKind, Options,
    Origin, Reader, Result, Session, Unit,
};

use crate::encoding::{read_value, write_value};

/// [MS-OXOAB] 2.9.1 OAB_HDR (also 2.2.1, 2.3.1, 2.6.1 for the other file
/// kinds, which share the layout): file type, a hash, a record count.
/// The default is a version 4 full details header with zero fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OabHeader {
    /// ulVersion: the file type ([`OabHeader::VERSION_4_FULL_DETAILS`], ...).
    pub version: u32,
    /// ulSerial: a hash. In a version 4 full details file this crate writes
    /// the [`crate::crc`] CRC of the bytes after OAB_HDR (see
    /// [`FullDetails::computed_serial`]).
    pub serial: u32,
    /// ulTotRecs: the number of Address Book object records.
    pub total_records: u32,
}

impl OabHeader {
    /// The size of OAB_HDR in bytes.
    pub const SIZE: usize = 12;
    /// ulVersion of an uncompressed version 4 full details file (2.9.1).
    pub const VERSION_4_FULL_DETAILS: u32 = 0x0000_0020;
    /// ulVersion of uncompressed version 2 Browse, RDN Index and ANR Index files (2.3.1, 2.4.1, 2.5.1).
    pub const VERSION_2: u32 = 0x0000_000A;
    /// ulVersion of uncompressed version 3 Browse, RDN Index and ANR Index files.
    pub const VERSION_3: u32 = 0x0000_000E;
    /// ulVersion of uncompressed version 2/3 Details files and display template files (2.6.1, 2.2.1).
    pub const VERSION_DETAILS_OR_TEMPLATE: u32 = 0x0000_0007;
    /// ulVersion of uncompressed version 2 Changes files (2.7).
    pub const VERSION_2_CHANGES: u32 = 0x0000_000B;
    /// ulVersion of uncompressed version 3 Changes files (2.7).
    pub const VERSION_3_CHANGES: u32 = 0x0000_000F;
}

impl Default for OabHeader {
    fn default() -> Self {
        OabHeader {
            version: Self::VERSION_4_FULL_DETAILS,
            serial: 0,
            total_records: 0,
        }
    }
}

/// [MS-OXOAB] 2.9.1 OAB_HDR: the three fields (no check of their values;
/// each file kind checks ulVersion).
impl<'a> Decode<'a> for OabHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("OAB_HDR", |r| {
            Ok(OabHeader {
                version: r.u32()?,
                serial: r.u32()?,
                total_records: r.u32()?,
            })
        })
    }
}

impl OabHeader {
    /// Reads OAB_HDR and checks its ulVersion is one of `allowed`
    /// ([`ErrorKind::InvalidValue`] at the field otherwise: the input is
    /// another kind of file).
    pub(crate) fn read_version(r: &mut Reader<'_>, allowed: &[u32]) -> Result<Self> {
        let at = r.pos();
        let h = OabHeader::decode(r)?;
        if !allowed.contains(&h.version) {
            return r.frame("OAB_HDR", |r| {
                Err(r.invalid_at("ulVersion", u64::from(h.version), at))
            });
        }
        Ok(h)
    }

    /// Reads the OAB_HDR of a version 4 full details file: a ulVersion
    /// other than 0x20 is a [`ErrorKind::BadSignature`] (another kind of
    /// file).
    pub(crate) fn read_v4(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.pos();
        let h = OabHeader::decode(r)?;
        if h.version != OabHeader::VERSION_4_FULL_DETAILS {
            return r.frame("OAB_HDR", |r| {
                Err(r.error_at(
                    ErrorKind::BadSignature {
                        expected: u64::from(OabHeader::VERSION_4_FULL_DETAILS),
                        found: u64::from(h.version),
                    },
                    at,
                ))
            });
        }
        Ok(h)
    }
}

impl Encode for OabHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.version);
        buf.put_u32_le(self.serial);
        buf.put_u32_le(self.total_records);
        Ok(())
    }
}

/// [MS-OXOAB] 2.9.4 OAB_PROP_REC: one property of a record schema and how
/// the property is indexed online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropRec {
    /// ulPropId: the property tag. Its type is one of
    /// [`crate::encoding::ALLOWED_TYPES`] in a valid file; others are kept
    /// and only fail when a record carries a value for them.
    pub tag: PropertyTag,
    /// ulFlags as read: [`PropRec::ANR`], [`PropRec::PRIMARY_KEY`], and 30
    /// bits that must be zero (kept as read).
    pub flags: u32,
}

impl PropRec {
    /// Flag `a`: the property is part of the ANR index online.
    pub const ANR: u32 = 0x0000_0001;
    /// Flag `b`: the property is a primary key index online and present on
    /// every Address Book object record (PidTagEmailAddress, PidTagSmtpAddress).
    pub const PRIMARY_KEY: u32 = 0x0000_0002;

    /// A property with no flags.
    pub const fn new(tag: PropertyTag) -> Self {
        PropRec { tag, flags: 0 }
    }

    /// A property with flags.
    pub const fn with_flags(tag: PropertyTag, flags: u32) -> Self {
        PropRec { tag, flags }
    }

    /// Whether flag `a` (ANR) is set.
    pub const fn is_anr(&self) -> bool {
        self.flags & Self::ANR != 0
    }

    /// Whether flag `b` (primary key) is set.
    pub const fn is_primary_key(&self) -> bool {
        self.flags & Self::PRIMARY_KEY != 0
    }
}

/// [MS-OXOAB] 2.9.4 OAB_PROP_REC.
impl<'a> Decode<'a> for PropRec {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("OAB_PROP_REC", read_prop_rec)
    }
}

fn read_prop_rec(r: &mut Reader<'_>) -> Result<PropRec> {
    Ok(PropRec {
        tag: PropertyTag::from_u32(r.u32()?),
        flags: r.u32()?,
    })
}

impl Encode for PropRec {
    fn encoded_len(&self) -> usize {
        8
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.tag.to_u32());
        buf.put_u32_le(self.flags);
        Ok(())
    }
}

/// [MS-OXOAB] 2.9.3 OAB_PROP_TABLE: the schema of the header record or of
/// every Address Book object record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropTable {
    /// rgProps, in presence-bit order.
    pub props: Vec<PropRec>,
}

impl PropTable {
    /// A table from its properties.
    pub fn new(props: Vec<PropRec>) -> Self {
        PropTable { props }
    }

    /// cAtts.
    pub fn len(&self) -> usize {
        self.props.len()
    }

    /// Whether the table has no properties.
    pub fn is_empty(&self) -> bool {
        self.props.is_empty()
    }

    /// Bytes of a record's presenceBitArray for this table.
    pub fn presence_len(&self) -> usize {
        self.props.len().div_ceil(8)
    }

    /// Whether a tag appears more than once. Values are keyed by tag, so
    /// records under such a table keep their original bytes to re-encode.
    pub fn has_repeated_tags(&self) -> bool {
        let mut tags: Vec<u32> = self.props.iter().map(|p| p.tag.to_u32()).collect();
        tags.sort_unstable();
        tags.windows(2).any(|w| w.first() == w.get(1))
    }

    /// The index of `tag` in the table.
    pub fn position(&self, tag: PropertyTag) -> Option<usize> {
        self.props.iter().position(|p| p.tag == tag)
    }
}

/// cAtts and rgProps (the caller names the frame).
fn read_prop_table(r: &mut Reader<'_>) -> Result<PropTable> {
    let n = r.u32()?;
    let count = r.check_count(u64::from(n), 8, "cAtts")?;
    let mut props = Vec::with_capacity(count);
    for i in 0..count {
        props.push(r.frame_indexed("OAB_PROP_REC", i, read_prop_rec)?);
    }
    Ok(PropTable { props })
}

/// [MS-OXOAB] 2.9.3 OAB_PROP_TABLE: cAtts (checked against the input and
/// charged to the session before anything is allocated), then the
/// OAB_PROP_REC structures.
impl<'a> Decode<'a> for PropTable {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("OAB_PROP_TABLE", read_prop_table)
    }
}

impl Encode for PropTable {
    fn encoded_len(&self) -> usize {
        4 + 8 * self.props.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.props.len(), "cAtts")?);
        for p in &self.props {
            p.encode(buf)?;
        }
        Ok(())
    }
}

/// [MS-OXOAB] 2.9.2 OAB_META_DATA: the two schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetaData {
    /// rgHdrAtts: the schema of the OAB header record.
    pub header_atts: PropTable,
    /// rgOabAtts: the schema of every Address Book object record.
    pub oab_atts: PropTable,
    /// Bytes inside cbSize after the two tables (none in a valid file; kept).
    pub trailing: Vec<u8>,
}

/// [MS-OXOAB] 2.9.2 OAB_META_DATA: cbSize (at least 12), then the two
/// tables inside it. Bytes inside cbSize after the tables are a defect
/// (strict: an error) and are kept in [`MetaData::trailing`].
impl<'a> Decode<'a> for MetaData {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("OAB_META_DATA", |r| {
            let at = r.pos();
            let cb = r.u32_usize()?;
            if cb < 12 {
                return Err(r.invalid_at("cbSize", cb as u64, at));
            }
            let mut body = r.sub(cb - 4)?;
            let header_atts = body.frame("OAB_PROP_TABLE", |r| {
                r.set_variant("rgHdrAtts");
                read_prop_table(r)
            })?;
            let oab_atts = body.frame("OAB_PROP_TABLE", |r| {
                r.set_variant("rgOabAtts");
                read_prop_table(r)
            })?;
            let trailing = body.rest();
            if !trailing.is_empty() {
                body.defect(
                    ErrorKind::TrailingBytes {
                        count: trailing.len() as u64,
                    },
                    "kept after the property tables",
                )?;
            }
            let trailing = body.take_rest().to_vec();
            Ok(MetaData {
                header_atts,
                oab_atts,
                trailing,
            })
        })
    }
}

impl Encode for MetaData {
    fn encoded_len(&self) -> usize {
        4 + self.header_atts.encoded_len() + self.oab_atts.encoded_len() + self.trailing.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.encoded_len(), "cbSize")?);
        self.header_atts.encode(buf)?;
        self.oab_atts.encode(buf)?;
        buf.put_slice(&self.trailing);
        Ok(())
    }
}

/// [MS-OXOAB] 2.9.5 OAB_V4_REC: the OAB header record or one Address Book
/// object record, as property values keyed by tag.
///
/// Values are kept in schema order when decoded; a record built by hand
/// may list them in any order (the writer places each by its tag). When
/// lenient decoding reported a defect inside a record (a longer integer
/// encoding, a boolean byte of 2, ...), its original bytes are kept and
/// written back unchanged until the values are changed through
/// [`Record::values_mut`], [`Record::set`] or [`Record::remove`]; a
/// record it could not read at all has no values and keeps its bytes
/// ([`Record::is_undecoded`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Record {
    values: Vec<(PropertyTag, PropertyValue)>,
    raw: Option<Box<[u8]>>,
    undecoded: bool,
}

impl Record {
    /// An empty record.
    pub fn new() -> Self {
        Record::default()
    }

    /// A record from (tag, value) pairs.
    pub fn from_values(values: Vec<(PropertyTag, PropertyValue)>) -> Self {
        Record {
            values,
            raw: None,
            undecoded: false,
        }
    }

    /// Whether lenient decoding could not read this record: it has no
    /// values and its bytes ([`Record::original_bytes`]) are written back.
    pub fn is_undecoded(&self) -> bool {
        self.undecoded && self.raw.is_some()
    }

    /// The values, in schema order for a decoded record.
    pub fn values(&self) -> &[(PropertyTag, PropertyValue)] {
        &self.values
    }

    /// The values, for changing; drops the original bytes (see the type docs).
    pub fn values_mut(&mut self) -> &mut Vec<(PropertyTag, PropertyValue)> {
        self.raw = None;
        &mut self.values
    }

    /// The values, by move.
    pub fn into_values(self) -> Vec<(PropertyTag, PropertyValue)> {
        self.values
    }

    /// The value of `tag`.
    pub fn get(&self, tag: PropertyTag) -> Option<&PropertyValue> {
        self.values.iter().find(|(t, _)| *t == tag).map(|(_, v)| v)
    }

    /// Sets the value of `tag` (replacing it or adding it at the end).
    pub fn set(&mut self, tag: PropertyTag, value: PropertyValue) {
        self.raw = None;
        match self.values.iter_mut().find(|(t, _)| *t == tag) {
            Some(slot) => slot.1 = value,
            None => self.values.push((tag, value)),
        }
    }

    /// Adds a value at the end (builder style).
    pub fn with(mut self, tag: PropertyTag, value: PropertyValue) -> Self {
        self.set(tag, value);
        self
    }

    /// Removes the value of `tag`, returning it.
    pub fn remove(&mut self, tag: PropertyTag) -> Option<PropertyValue> {
        let i = self.values.iter().position(|(t, _)| *t == tag)?;
        self.raw = None;
        Some(self.values.remove(i).1)
    }

    /// Puts the values in the order of `table` (values for tags the table
    /// does not list go last, in their order), the order a decoded record
    /// has.
    pub fn sort_by_table(&mut self, table: &PropTable) {
        let key = |t: &PropertyTag| table.position(*t).unwrap_or(usize::MAX);
        if !self.values.is_sorted_by_key(|(t, _)| key(t)) {
            self.values.sort_by_key(|(t, _)| key(t));
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the record has no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The original bytes, when the record was read in a non-canonical
    /// encoding and has not been changed since.
    pub fn original_bytes(&self) -> Option<&[u8]> {
        self.raw.as_deref()
    }

    /// Decodes one record at the reader's position (the caller names the
    /// frame); `keep_raw` keeps its bytes whatever they are (for tables
    /// with repeated tags).
    ///
    /// A cbSize under 4 or past the end of the input is an error (the
    /// record cannot be delimited); anything wrong inside it is an error in
    /// strict mode, and in lenient mode the record is kept as its bytes.
    pub(crate) fn read(
        r: &mut Reader<'_>,
        table: &PropTable,
        code_page: CodePage,
        keep_raw: bool,
    ) -> Result<Self> {
        let start = r.pos();
        let cb = r.u32_usize()?;
        if cb < 4 {
            return Err(r.invalid_at("cbSize", cb as u64, start));
        }
        let defects_before = r.defects().len();
        let unit = r.unit(cb - 4, "record kept as raw bytes", |r| {
            read_record_body(r, table, code_page, start, cb)
        })?;
        let bytes = r.since(start);
        Ok(match unit {
            Unit::Value(values) => {
                let kept = keep_raw || r.defects().len() > defects_before;
                Record {
                    values,
                    raw: kept.then(|| Box::from(bytes)),
                    undecoded: false,
                }
            }
            Unit::Raw(_) => Record {
                values: Vec::new(),
                raw: Some(Box::from(bytes)),
                undecoded: true,
            },
        })
    }

    /// Appends the record's encoding under `table` to `out` (the fast path
    /// the writer uses).
    pub fn write_to(&self, table: &PropTable, out: &mut Vec<u8>) -> Result<()> {
        if let Some(raw) = &self.raw {
            out.extend_from_slice(raw);
            return Ok(());
        }
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        let bits_at = out.len();
        out.resize(bits_at + table.presence_len(), 0);
        let mut next = 0;
        let mut used = 0;
        for (i, p) in table.props.iter().enumerate() {
            let v = match self.values.get(next) {
                Some((t, v)) if *t == p.tag => {
                    next += 1;
                    Some(v)
                }
                _ => self
                    .values
                    .iter()
                    .find(|(t, _)| *t == p.tag)
                    .map(|(_, v)| v),
            };
            if let Some(v) = v {
                used += 1;
                if let Some(b) = out.get_mut(bits_at + i / 8) {
                    *b |= 0x80 >> (i % 8);
                }
                if let Err(e) = write_value(out, p.tag.prop_type, v) {
                    out.truncate(start);
                    return Err(e.context(format!("{}", p.tag)).context("OAB_V4_REC"));
                }
            }
        }
        if used != self.values.len() {
            let stray = self
                .values
                .iter()
                .find(|(t, _)| table.position(*t).is_none())
                .map(|(t, _)| t.to_string())
                .unwrap_or_else(|| "a repeated tag".into());
            out.truncate(start);
            return Err(Error::new(ErrorKind::Malformed(
                format!("record has a value for {stray}, which its OAB_PROP_TABLE does not list")
                    .into(),
            ))
            .context("OAB_V4_REC"));
        }
        let cb = match msox_codec::fit_u32(out.len() - start, "cbSize") {
            Ok(cb) => cb,
            Err(e) => {
                out.truncate(start);
                return Err(e);
            }
        };
        if let Some(slot) = out.get_mut(start..start + 4) {
            slot.copy_from_slice(&cb.to_le_bytes());
        }
        Ok(())
    }
}

/// presenceBitArray and data of a record whose cbSize (`cb`, read at
/// `start`) delimits the reader's window.
fn read_record_body(
    r: &mut Reader<'_>,
    table: &PropTable,
    code_page: CodePage,
    start: usize,
    cb: usize,
) -> Result<Vec<(PropertyTag, PropertyValue)>> {
    let plen = table.presence_len();
    if r.remaining() < plen {
        return Err(r.invalid_at("cbSize", cb as u64, start));
    }
    let bits_at = r.pos();
    let bits = r.bytes(plen)?;
    let present = bits.iter().map(|b| b.count_ones() as usize).sum::<usize>();
    let mut values = Vec::with_capacity(present.min(table.len()));
    for (i, p) in table.props.iter().enumerate() {
        let set = bits.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0);
        if set {
            let v = read_value(r, p.tag.prop_type, i, code_page)?;
            values.push((p.tag, v));
        }
    }
    if values.len() != present {
        // "Unused bits in the final byte MUST be set to 0."
        r.defect_at(
            ErrorKind::Malformed("unused presenceBitArray bits are set".into()),
            bits_at + plen.saturating_sub(1),
            "record kept as read",
        )?;
    }
    if !r.is_empty() {
        r.defect(
            ErrorKind::TrailingBytes {
                count: r.remaining() as u64,
            },
            "record kept as read",
        )?;
    }
    Ok(values)
}

/// [MS-OXOAB] 2.9.5 OAB_V4_REC under its schema (PtypString8 values
/// tagged windows-1252).
impl<'a, 't> DecodeWith<'a, &'t PropTable> for Record {
    fn decode_with(r: &mut Reader<'a>, table: &'t PropTable) -> Result<Self> {
        r.frame("OAB_V4_REC", |r| {
            Record::read(r, table, CodePage::WINDOWS_1252, table.has_repeated_tags())
        })
    }
}

impl EncodeWith<&PropTable> for Record {
    fn encoded_len_with(&self, table: &PropTable) -> usize {
        let mut v = Vec::new();
        self.write_to(table, &mut v).map(|_| v.len()).unwrap_or(0)
    }
    fn encode_with<B: BufMut>(&self, table: &PropTable, buf: &mut B) -> Result<()> {
        let mut v = Vec::new();
        self.write_to(table, &mut v)?;
        buf.put_slice(&v);
        Ok(())
    }
}

/// A record in a file, not yet decoded: its bytes (cbSize included) and
/// where they start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRecord<'a> {
    /// Absolute offset of cbSize in the file.
    pub offset: usize,
    /// The record's bytes, cbSize included.
    pub bytes: &'a [u8],
}

impl RawRecord<'_> {
    /// Decodes the record under `table` (lenient, default options; the
    /// defects are dropped).
    pub fn decode(&self, table: &PropTable) -> Result<Record> {
        self.decode_with(table, CodePage::WINDOWS_1252, &Options::default())
            .map(|d| d.value)
    }

    /// Decodes the record under `table` in a session of its own with
    /// `options`, PtypString8 values tagged `code_page`. Offsets in errors
    /// and defects are offsets in the file ([`RawRecord::offset`] is where
    /// the record starts).
    pub fn decode_with(
        &self,
        table: &PropTable,
        code_page: CodePage,
        options: &Options,
    ) -> Result<Decoded<Record>> {
        let session = Session::new(*options, self.bytes.len());
        let mut r = Reader::with_session_at(self.bytes, Origin::At(self.offset), session);
        let rec = r.frame("OAB_V4_REC", |r| {
            Record::read(r, table, code_page, table.has_repeated_tags())
        })?;
        if !r.is_empty() {
            let n = r.remaining() as u64;
            r.defect(
                ErrorKind::TrailingBytes { count: n },
                "trailing bytes not read",
            )?;
        }
        Ok(r.into_decoded(rec))
    }
}

/// Walks a version 4 full details file: the header, the schemas and the
/// header record are decoded up front; Address Book object records come
/// out of [`FullDetailsReader::records`] as borrowed [`RawRecord`]s.
#[derive(Debug, Clone)]
pub struct FullDetailsReader<'a> {
    /// OAB_HDR.
    pub header: OabHeader,
    /// OAB_META_DATA.
    pub metadata: MetaData,
    /// The raw header record (decode it with `metadata.header_atts`).
    pub header_record: RawRecord<'a>,
    data: &'a [u8],
    records_at: usize,
    defects: Vec<Defect>,
}

impl<'a> FullDetailsReader<'a> {
    /// Reads the header, the metadata and the header record's bounds, in a
    /// session with `options` (its defects: [`FullDetailsReader::defects`]).
    pub fn new(data: &'a [u8], options: &Options) -> Result<Self> {
        let mut r = Reader::with_options(data, options);
        let header = OabHeader::read_v4(&mut r)?;
        let metadata = MetaData::decode(&mut r)?;
        let header_record = r.frame("OAB_V4_REC", |r| {
            r.set_variant("header-record");
            next_raw(r)
        })?;
        let records_at = r.pos();
        Ok(FullDetailsReader {
            header,
            metadata,
            header_record,
            data,
            records_at,
            defects: r.into_session().take_defects(),
        })
    }

    /// The Address Book object records, in file order.
    pub fn records(&self) -> RawRecords<'a> {
        RawRecords {
            data: self.data,
            pos: self.records_at,
            index: 0,
        }
    }

    /// Defects found in the header and metadata.
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }
}

/// The bounds of the record at the reader's position (cbSize at least 4
/// and inside the input).
fn next_raw<'a>(r: &mut Reader<'a>) -> Result<RawRecord<'a>> {
    let pos = r.pos();
    let offset = r.offset();
    let cb = r.u32_usize()?;
    if cb < 4 {
        return Err(r.invalid_at("cbSize", cb as u64, pos));
    }
    r.seek(pos)?;
    let bytes = r.bytes(cb)?;
    Ok(RawRecord { offset, bytes })
}

/// Iterator over the raw Address Book object records of a file; after an
/// error (a cbSize under 4 or past the end) it stops. Errors carry the
/// offset in the file and the path `OAB_V4_REC[i]`.
#[derive(Debug, Clone)]
pub struct RawRecords<'a> {
    data: &'a [u8],
    pos: usize,
    index: usize,
}

impl<'a> Iterator for RawRecords<'a> {
    type Item = Result<RawRecord<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.data.len() {
            return None;
        }
        let mut r = Reader::new(self.data);
        let res = r
            .seek(self.pos)
            .and_then(|()| r.frame_indexed("OAB_V4_REC", self.index, next_raw));
        match res {
            Ok(raw) => {
                self.pos = r.pos();
                self.index += 1;
                Some(Ok(raw))
            }
            Err(e) => {
                self.pos = self.data.len();
                Some(Err(e))
            }
        }
    }
}

/// [MS-OXOAB] 2.9 Uncompressed OAB Version 4 Full Details File, decoded.
///
/// Encoding writes OAB_HDR as stored (use [`FullDetails::finalize`] or
/// [`FullDetailsWriter`] to set ulTotRecs and ulSerial from the content).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FullDetails {
    /// OAB_HDR.
    pub header: OabHeader,
    /// OAB_META_DATA.
    pub metadata: MetaData,
    /// The OAB header record (schema `metadata.header_atts`).
    pub header_record: Record,
    /// The Address Book object records (schema `metadata.oab_atts`).
    pub records: Vec<Record>,
}

/// A header's ulTotRecs (the field at `at`, in structure `header`) that
/// does not count the records found: a defect (strict: an error), the
/// value kept as read.
pub(crate) fn check_total(
    r: &mut Reader<'_>,
    header: &'static str,
    stored: u32,
    found: usize,
    at: usize,
) -> Result<()> {
    if stored as usize == found {
        return Ok(());
    }
    r.frame(header, |r| {
        r.defect_at(
            ErrorKind::Malformed(format!("ulTotRecs {stored} but {found} records").into()),
            at,
            "ulTotRecs kept as read",
        )
    })
}

/// [MS-OXOAB] 2.9: OAB_HDR (ulVersion must be 0x20), OAB_META_DATA, the
/// header record and the Address Book object records to the end of the
/// reader's window, PtypString8 values tagged `code_page` (the file does not
/// say which; the bytes are kept as read).
fn read_full_details(r: &mut Reader<'_>, code_page: CodePage) -> Result<FullDetails> {
    let start = r.pos();
    let header = OabHeader::read_v4(r)?;
    let metadata = MetaData::decode(r)?;
    let header_atts = &metadata.header_atts;
    let header_record = r.frame("OAB_V4_REC", |r| {
        r.set_variant("header-record");
        Record::read(r, header_atts, code_page, header_atts.has_repeated_tags())
    })?;
    let table = &metadata.oab_atts;
    let keep_raw = table.has_repeated_tags();
    let mut records =
        Vec::with_capacity(r.capacity_for(header.total_records as usize, 4 + table.presence_len()));
    while !r.is_empty() {
        let rec = r.frame_indexed("OAB_V4_REC", records.len(), |r| {
            r.check_count(1, 0, "OAB_V4_REC count")?;
            Record::read(r, table, code_page, keep_raw)
        })?;
        records.push(rec);
    }
    check_total(r, "OAB_HDR", header.total_records, records.len(), start + 8)?;
    Ok(FullDetails {
        header,
        metadata,
        header_record,
        records,
    })
}

impl FullDetails {
    /// Encodes the file.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(64 + self.records.len() * 128);
        self.header.encode(&mut out)?;
        self.metadata.encode(&mut out)?;
        self.header_record
            .write_to(&self.metadata.header_atts, &mut out)
            .map_err(|e| e.context("header record"))?;
        for r in &self.records {
            r.write_to(&self.metadata.oab_atts, &mut out)?;
        }
        Ok(out)
    }

    /// The ulSerial this crate writes: the CRC of everything after OAB_HDR.
    pub fn computed_serial(file: &[u8]) -> u32 {
        crate::crc::crc32(file.get(OabHeader::SIZE..).unwrap_or_default())
    }

    /// Sets ulTotRecs to the number of records and ulSerial to
    /// [`FullDetails::computed_serial`] of the encoding; returns the encoding.
    pub fn finalize(&mut self) -> Result<Vec<u8>> {
        self.header.version = OabHeader::VERSION_4_FULL_DETAILS;
        self.header.total_records = msox_codec::fit_u32(self.records.len(), "ulTotRecs")?;
        let mut bytes = self.to_bytes()?;
        self.header.serial = Self::computed_serial(&bytes);
        if let Some(s) = bytes.get_mut(4..8) {
            s.copy_from_slice(&self.header.serial.to_le_bytes());
        }
        Ok(bytes)
    }

    /// Checks that ulSerial equals the CRC of the bytes after OAB_HDR:
    /// [`ErrorKind::ChecksumMismatch`] at byte 4 (`OAB_HDR`) when it does
    /// not. Readers do not check it unless asked (the spec does not say
    /// what ulSerial of a version 4 file holds; this crate writes the CRC).
    pub fn verify_serial(file: &[u8]) -> Result<()> {
        let mut r = Reader::new(file);
        r.frame("OAB_HDR", |r| {
            r.skip(4)?;
            let stored = r.u32()?;
            let computed = Self::computed_serial(file);
            if stored == computed {
                return Ok(());
            }
            Err(r.error_at(
                ErrorKind::ChecksumMismatch {
                    stored: u64::from(stored),
                    computed: u64::from(computed),
                },
                4,
            ))
        })
    }
}

/// [MS-OXOAB] 2.9 a whole full details file (the rest of the reader's
/// window), PtypString8 values tagged windows-1252. Entry point:
/// `FullDetails::decode_bytes(bytes, &Options)`.
impl<'a> Decode<'a> for FullDetails {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_full_details(r, CodePage::WINDOWS_1252)
    }
}

/// [MS-OXOAB] 2.9 a whole full details file, PtypString8 values tagged
/// with the code page given. Entry point:
/// `FullDetails::decode_bytes_with(bytes, code_page, &Options)`.
impl<'a> DecodeWith<'a, CodePage> for FullDetails {
    fn decode_with(r: &mut Reader<'a>, code_page: CodePage) -> Result<Self> {
        read_full_details(r, code_page)
    }
}

impl Encode for FullDetails {
    fn encoded_len(&self) -> usize {
        self.to_bytes().map(|b| b.len()).unwrap_or(0)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.to_bytes()?);
        Ok(())
    }
}

/// Streams a version 4 full details file: schemas and header record first,
/// then one record at a time; [`FullDetailsWriter::finish`] fills in
/// ulTotRecs and ulSerial.
///
/// ```
/// use ms_oxoab::{FullDetails, FullDetailsWriter, MetaData, PropRec, PropTable, Record};
/// use ms_oxcdata::PropertyValue;
/// use ms_oxprops::tags;
///
/// let meta = MetaData {
///     header_atts: PropTable::new(vec![PropRec::new(tags::PidTagOfflineAddressBookSequence)]),
///     oab_atts: PropTable::new(vec![PropRec::new(tags::PidTagDisplayName)]),
///     trailing: vec![],
/// };
/// let hdr = Record::new().with(tags::PidTagOfflineAddressBookSequence, PropertyValue::Integer32(7));
/// let mut w = FullDetailsWriter::new(meta, &hdr)?;
/// w.push(&Record::new().with(tags::PidTagDisplayName, PropertyValue::String("Ann".into())))?;
/// let bytes = w.finish()?;
/// let file = ms_oxoab::decode_full_details(&bytes)?;
/// assert_eq!(file.records.len(), 1);
/// assert_eq!(file.header.total_records, 1);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug)]
pub struct FullDetailsWriter {
    out: Vec<u8>,
    table: PropTable,
    count: usize,
}

impl FullDetailsWriter {
    /// Starts a file with these schemas and this header record.
    pub fn new(metadata: MetaData, header_record: &Record) -> Result<Self> {
        let mut out = Vec::with_capacity(1 << 16);
        OabHeader {
            version: OabHeader::VERSION_4_FULL_DETAILS,
            serial: 0,
            total_records: 0,
        }
        .encode(&mut out)?;
        metadata.encode(&mut out)?;
        header_record
            .write_to(&metadata.header_atts, &mut out)
            .map_err(|e| e.context("header record"))?;
        Ok(FullDetailsWriter {
            out,
            table: metadata.oab_atts,
            count: 0,
        })
    }

    /// Appends one Address Book object record.
    pub fn push(&mut self, record: &Record) -> Result<()> {
        record.write_to(&self.table, &mut self.out)?;
        self.count += 1;
        Ok(())
    }

    /// Records written so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no record was written yet.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Sets ulTotRecs and ulSerial and returns the file.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let n = msox_codec::fit_u32(self.count, "ulTotRecs")?;
        let serial = FullDetails::computed_serial(&self.out);
        if let Some(s) = self.out.get_mut(4..8) {
            s.copy_from_slice(&serial.to_le_bytes());
        }
        if let Some(s) = self.out.get_mut(8..12) {
            s.copy_from_slice(&n.to_le_bytes());
        }
        Ok(self.out)
    }
}

/// Whether `t` is a type OAB_PROP_REC may declare.
pub fn is_allowed_type(t: PropertyType) -> bool {
    crate::encoding::ALLOWED_TYPES.contains(&t)
}
