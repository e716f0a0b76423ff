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

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, Decode, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Limits, PResult, Reader,
    Result, ResultExt,
};

use crate::encoding::{Defect, ValueReader, write_value};

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

impl<'a> Decode<'a> for OabHeader {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let version = r.u32().context("OAB_HDR")?;
        let serial = r.u32().context("OAB_HDR")?;
        let total_records = r.u32().context("OAB_HDR")?;
        r.finish(OabHeader {
            version,
            serial,
            total_records,
        })
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

impl<'a> Decode<'a> for PropRec {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let tag = PropertyTag::from_u32(r.u32().context("OAB_PROP_REC")?);
        let flags = r.u32().context("OAB_PROP_REC")?;
        r.finish(PropRec { tag, flags })
    }
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

    fn decode_limited(r: &mut Reader<'_>, limits: &Limits) -> Result<Self> {
        let n = r.u32().context("OAB_PROP_TABLE")?;
        let props = r
            .counted(u64::from(n), 8, "cAtts", limits, |r| r.decode::<PropRec>())
            .context("OAB_PROP_TABLE")?;
        Ok(PropTable { props })
    }
}

impl<'a> Decode<'a> for PropTable {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let t = PropTable::decode_limited(&mut r, &Limits::default())?;
        r.finish(t)
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

impl MetaData {
    fn decode_opts(
        r: &mut Reader<'_>,
        limits: &Limits,
        defects: &mut Vec<Defect>,
        base: usize,
    ) -> Result<Self> {
        let at = r.pos();
        let cb = r.u32_usize().context("OAB_META_DATA")?;
        if cb < 12 {
            return Err(r
                .invalid_at("cbSize", cb as u64, at)
                .context("OAB_META_DATA"));
        }
        let mut body = r.sub(cb - 4).context("OAB_META_DATA")?;
        let header_atts = PropTable::decode_limited(&mut body, limits).context("OAB_META_DATA")?;
        let oab_atts = PropTable::decode_limited(&mut body, limits).context("OAB_META_DATA")?;
        let t_at = at + 4 + body.pos();
        let trailing = body.take_rest().to_vec();
        if !trailing.is_empty() {
            defects.push(Defect::MetaDataTrailingBytes {
                offset: base + t_at,
                count: trailing.len(),
            });
        }
        Ok(MetaData {
            header_atts,
            oab_atts,
            trailing,
        })
    }
}

impl<'a> Decode<'a> for MetaData {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let m = MetaData::decode_opts(&mut r, &Limits::default(), &mut Vec::new(), 0)?;
        r.finish(m)
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

/// Options for decoding OAB files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Caps on counts, allocations and output.
    pub limits: Limits,
    /// The code page PtypString8 values are tagged with (the file does not
    /// say; the bytes are kept as read whatever this is). Default
    /// windows-1252.
    pub code_page: CodePage,
    /// Refuse anything the spec does not allow (every [`Defect`] becomes an
    /// error) instead of decoding it and reporting it.
    pub strict: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            limits: Limits::default(),
            code_page: CodePage::WINDOWS_1252,
            strict: false,
        }
    }
}

impl DecodeOptions {
    /// Strict decoding with the default limits.
    pub fn strict() -> Self {
        DecodeOptions {
            strict: true,
            ..Self::default()
        }
    }
}

fn defect_error(d: &Defect) -> Error {
    let (msg, off) = match d {
        Defect::NonMinimalInteger { offset } => (
            "integer not in its shortest encoding".to_string(),
            Some(*offset),
        ),
        Defect::BooleanNotZeroOrOne { offset, value } => {
            (format!("PtypBoolean byte 0x{value:02X}"), Some(*offset))
        }
        Defect::InvalidUtf8 { offset } => ("PtypString is not UTF-8".to_string(), Some(*offset)),
        Defect::UnusedPresenceBits { offset } => (
            "unused presenceBitArray bits are set".to_string(),
            Some(*offset),
        ),
        Defect::RecordTrailingBytes { offset, count } => (
            format!("{count} bytes after the record's values"),
            Some(*offset),
        ),
        Defect::MetaDataTrailingBytes { offset, count } => (
            format!("{count} bytes after the property tables"),
            Some(*offset),
        ),
        Defect::TotalRecordsMismatch { stored, found } => {
            (format!("ulTotRecs {stored} but {found} records"), None)
        }
        Defect::SerialMismatch { stored, computed } => (
            format!("ulSerial 0x{stored:08X}, CRC 0x{computed:08X}"),
            None,
        ),
        Defect::CrcMismatch {
            offset,
            stored,
            computed,
        } => {
            return Error::at_offset(
                ErrorKind::ChecksumMismatch {
                    stored: u64::from(*stored),
                    computed: u64::from(*computed),
                },
                *offset,
            );
        }
    };
    let e = Error::new(ErrorKind::Malformed(msg.into()));
    match off {
        Some(o) => Error::at_offset(e.kind().clone(), o),
        None => e,
    }
}

/// [MS-OXOAB] 2.9.5 OAB_V4_REC: the OAB header record or one Address Book
/// object record, as property values keyed by tag.
///
/// Values are kept in schema order when decoded; a record built by hand
/// may list them in any order (the writer places each by its tag). When a
/// record read from a file was not in the canonical encoding (see
/// [`Defect`]), its original bytes are kept and written back unchanged
/// until the values are changed through [`Record::values_mut`],
/// [`Record::set`] or [`Record::remove`].
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Record {
    values: Vec<(PropertyTag, PropertyValue)>,
    raw: Option<Box<[u8]>>,
}

impl Record {
    /// An empty record.
    pub fn new() -> Self {
        Record::default()
    }

    /// A record from (tag, value) pairs.
    pub fn from_values(values: Vec<(PropertyTag, PropertyValue)>) -> Self {
        Record { values, raw: None }
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

    /// Decodes one record at the reader's position; `keep_raw` keeps its
    /// bytes whatever they are (for tables with repeated tags).
    fn read(
        r: &mut Reader<'_>,
        table: &PropTable,
        vr: &mut ValueReader<'_>,
        keep_raw: bool,
    ) -> Result<Self> {
        let start = r.pos();
        let cb = r.u32_usize().context("OAB_V4_REC")?;
        let min = 4 + table.presence_len();
        if cb < min {
            return Err(r
                .invalid_at("cbSize", cb as u64, start)
                .context("OAB_V4_REC"));
        }
        let mut body = r.sub(cb - 4).context("OAB_V4_REC")?;
        let defects_before = vr.defects.len();
        let bits = body.bytes(table.presence_len()).context("OAB_V4_REC")?;
        let present = bits.iter().map(|b| b.count_ones() as usize).sum::<usize>();
        let mut values = Vec::with_capacity(present.min(table.len()));
        let mut found = 0;
        for (i, p) in table.props.iter().enumerate() {
            let set = bits.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0);
            if set {
                found += 1;
                let v = vr.value(&mut body, p.tag.prop_type).context("OAB_V4_REC")?;
                values.push((p.tag, v));
            }
        }
        if found != present {
            vr.defects.push(Defect::UnusedPresenceBits {
                offset: vr.base + start,
            });
        }
        if !body.is_empty() {
            vr.defects.push(Defect::RecordTrailingBytes {
                offset: vr.base + start + 4 + body.pos(),
                count: body.remaining(),
            });
        }
        let raw = if keep_raw || vr.defects.len() > defects_before {
            r.data().get(start..start + cb).map(Box::from)
        } else {
            None
        };
        Ok(Record { values, raw })
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

impl<'a> DecodeWith<'a, &PropTable> for Record {
    fn decode_with(input: &'a [u8], table: &PropTable) -> PResult<'a, Self> {
        let opts = DecodeOptions::default();
        let mut vr = ValueReader {
            code_page: opts.code_page,
            limits: &opts.limits,
            base: 0,
            defects: Vec::new(),
        };
        let mut r = Reader::new(input);
        let rec = Record::read(&mut r, table, &mut vr, table.has_repeated_tags())?;
        r.finish(rec)
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
    /// Decodes the record under `table` (lenient; defects are dropped).
    pub fn decode(&self, table: &PropTable) -> Result<Record> {
        self.decode_with_options(table, &DecodeOptions::default())
            .map(|(r, _)| r)
    }

    /// Decodes the record under `table`, returning the defects found
    /// (strict options turn the first one into an error).
    pub fn decode_with_options(
        &self,
        table: &PropTable,
        opts: &DecodeOptions,
    ) -> Result<(Record, Vec<Defect>)> {
        let mut vr = ValueReader {
            code_page: opts.code_page,
            limits: &opts.limits,
            base: self.offset,
            defects: Vec::new(),
        };
        let mut r = Reader::new(self.bytes);
        let rec = Record::read(&mut r, table, &mut vr, table.has_repeated_tags())
            .map_err(|e| e.resolve(self.bytes.len()).shift(self.offset))?;
        if opts.strict
            && let Some(d) = vr.defects.first()
        {
            return Err(defect_error(d));
        }
        Ok((rec, vr.defects))
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
    /// Reads the header, the metadata and the header record's bounds.
    pub fn new(data: &'a [u8], opts: &DecodeOptions) -> Result<Self> {
        let mut r = Reader::new(data);
        let header: OabHeader = r
            .decode()
            .context("FullDetails")
            .map_err(|e| e.resolve(data.len()))?;
        if header.version != OabHeader::VERSION_4_FULL_DETAILS {
            return Err(Error::at_offset(
                ErrorKind::BadSignature {
                    expected: u64::from(OabHeader::VERSION_4_FULL_DETAILS),
                    found: u64::from(header.version),
                },
                0,
            )
            .context("OAB_HDR")
            .context("FullDetails"));
        }
        let mut defects = Vec::new();
        let metadata = MetaData::decode_opts(&mut r, &opts.limits, &mut defects, 0)
            .context("FullDetails")
            .map_err(|e| e.resolve(data.len()))?;
        if opts.strict
            && let Some(d) = defects.first()
        {
            return Err(defect_error(d));
        }
        let header_record = next_raw(&mut r)
            .context("header record")
            .context("FullDetails")
            .map_err(|e| e.resolve(data.len()))?;
        Ok(FullDetailsReader {
            header,
            metadata,
            header_record,
            data,
            records_at: r.pos(),
            defects,
        })
    }

    /// The Address Book object records, in file order.
    pub fn records(&self) -> RawRecords<'a> {
        RawRecords {
            data: self.data,
            pos: self.records_at,
        }
    }

    /// Defects found in the header and metadata.
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }
}

fn next_raw<'a>(r: &mut Reader<'a>) -> Result<RawRecord<'a>> {
    let offset = r.pos();
    let cb = u32::from_le_bytes(
        r.peek(4)
            .context("OAB_V4_REC")?
            .try_into()
            .unwrap_or([0; 4]),
    ) as usize;
    if cb < 4 {
        return Err(r
            .invalid_at("cbSize", cb as u64, offset)
            .context("OAB_V4_REC"));
    }
    let bytes = r.bytes(cb).context("OAB_V4_REC")?;
    Ok(RawRecord { offset, bytes })
}

/// Iterator over the raw Address Book object records of a file; after an
/// error (a cbSize past the end) it stops.
#[derive(Debug, Clone)]
pub struct RawRecords<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for RawRecords<'a> {
    type Item = Result<RawRecord<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.data.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let mut r = Reader::new(rest);
        match next_raw(&mut r) {
            Ok(mut raw) => {
                raw.offset += self.pos;
                self.pos += raw.bytes.len();
                Some(Ok(raw))
            }
            Err(e) => {
                let e = e.resolve(rest.len()).shift(self.pos);
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

impl FullDetails {
    /// Decodes a file, returning it with the defects a lenient decode
    /// accepted (strict options refuse the first one instead).
    pub fn decode_with_options(data: &[u8], opts: &DecodeOptions) -> Result<(Self, Vec<Defect>)> {
        let rd = FullDetailsReader::new(data, opts)?;
        let mut defects = rd.defects.clone();
        let (header_record, d) = rd
            .header_record
            .decode_with_options(&rd.metadata.header_atts, opts)
            .map_err(|e| e.context("header record").context("FullDetails"))?;
        defects.extend(d);
        let expected = (rd.header.total_records as usize)
            .min(opts.limits.max_items)
            .min(data.len() / 8);
        let mut records = Vec::with_capacity(expected);
        let mut vr = ValueReader {
            code_page: opts.code_page,
            limits: &opts.limits,
            base: 0,
            defects: Vec::new(),
        };
        let table = &rd.metadata.oab_atts;
        let keep_raw = table.has_repeated_tags();
        let mut r = Reader::new(data);
        r.skip(rd.records_at).map_err(|e| e.resolve(data.len()))?;
        while !r.is_empty() {
            if records.len() >= opts.limits.max_items {
                return Err(r
                    .error(ErrorKind::LimitExceeded {
                        what: "record count",
                        value: records.len() as u64 + 1,
                        max: opts.limits.max_items as u64,
                    })
                    .context("FullDetails")
                    .resolve(data.len()));
            }
            let rec = Record::read(&mut r, table, &mut vr, keep_raw)
                .context("FullDetails")
                .map_err(|e| e.resolve(data.len()))?;
            if opts.strict
                && let Some(d) = vr.defects.first()
            {
                return Err(defect_error(d));
            }
            records.push(rec);
        }
        defects.append(&mut vr.defects);
        if records.len() != rd.header.total_records as usize {
            let d = Defect::TotalRecordsMismatch {
                stored: rd.header.total_records,
                found: records.len(),
            };
            if opts.strict {
                return Err(defect_error(&d));
            }
            defects.push(d);
        }
        Ok((
            FullDetails {
                header: rd.header,
                metadata: rd.metadata,
                header_record,
                records,
            },
            defects,
        ))
    }

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

    /// Whether ulSerial equals the CRC of the bytes after OAB_HDR
    /// (returns the defect when it does not).
    pub fn verify_serial(file: &[u8]) -> Option<Defect> {
        let stored = u32::from_le_bytes(file.get(4..8)?.try_into().ok()?);
        let computed = Self::computed_serial(file);
        (stored != computed).then_some(Defect::SerialMismatch { stored, computed })
    }
}

impl<'a> Decode<'a> for FullDetails {
    /// Lenient decode with default options; the whole input is the file.
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        match FullDetails::decode_with_options(input, &DecodeOptions::default()) {
            Ok((f, _)) => Ok((input.get(input.len()..).unwrap_or_default(), f)),
            Err(e) => Err(msox_codec::nom::Err::Failure(e)),
        }
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
