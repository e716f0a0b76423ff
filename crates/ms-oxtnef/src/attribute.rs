//! [MS-OXTNEF] 2.1.3 the TNEF stream and its attributes.

use std::borrow::Cow;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, DecodeWith, Encode, ErrorKind, Reader, Result};

/// [MS-OXTNEF] 2.1.3.1 TNEF_SIGNATURE, `0x223E9F78` (little-endian on the wire).
pub const TNEF_SIGNATURE: u32 = 0x223E_9F78;

msox_codec::wire_enum! {
    /// [MS-OXTNEF] 2.1.3.2 attribute level (the `AttrLevel` byte).
    pub enum AttributeLevel: u8 {
        /// LVL_MESSAGE: the attribute belongs to the message.
        Message = 0x01 => "attrLevelMessage",
        /// LVL_ATTACHMENT: the attribute belongs to the current attachment.
        Attachment = 0x02 => "attrLevelAttachment",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXTNEF] 2.1.3.3 attribute identifiers: the 32-bit `AttrId`, the
    /// attribute type (atp*) in the high word and the ID in the low word.
    /// Unknown values are kept.
    pub enum AttributeId: u32 {
        /// attOwner (2.1.3.3.1): PidTagResponseRequested... owner appointment data.
        Owner = 0x0006_0000 => "attOwner",
        /// attSentFor (2.1.3.3.2).
        SentFor = 0x0006_0001 => "attSentFor",
        /// attDelegate (2.1.3.3.3).
        Delegate = 0x0006_0002 => "attDelegate",
        /// attDateStart (2.1.3.3.4): PidTagStartDate.
        DateStart = 0x0003_0006 => "attDateStart",
        /// attDateEnd (2.1.3.3.5): PidTagEndDate.
        DateEnd = 0x0003_0007 => "attDateEnd",
        /// attAidOwner (2.1.3.3.6): PidTagOwnerAppointmentId.
        AidOwner = 0x0005_0008 => "attAidOwner",
        /// attRequestRes (2.1.3.3.7): PidTagResponseRequested.
        RequestRes = 0x0004_0009 => "attRequestRes",
        /// attOriginalMessageClass (2.1.3.3.x): PidTagOriginalMessageClass.
        OriginalMessageClass = 0x0007_0006 => "attOriginalMessageClass",
        /// attFrom (2.1.3.3.x): the sender as a TRP triple.
        From = 0x0000_8000 => "attFrom",
        /// attSubject: PidTagSubject (8-bit, OEM code page).
        Subject = 0x0001_8004 => "attSubject",
        /// attDateSent: PidTagClientSubmitTime.
        DateSent = 0x0003_8005 => "attDateSent",
        /// attDateRecd: PidTagMessageDeliveryTime.
        DateRecd = 0x0003_8006 => "attDateRecd",
        /// attMessageStatus: PidTagMessageFlags (legacy bits).
        MessageStatus = 0x0006_8007 => "attMessageStatus",
        /// attMessageClass: PidTagMessageClass (legacy names mapped, 2.3.3.4).
        MessageClass = 0x0007_8008 => "attMessageClass",
        /// attMessageID: PidTagSearchKey as hex text.
        MessageId = 0x0001_8009 => "attMessageID",
        /// attParentID (obsolete).
        ParentId = 0x0001_800A => "attParentID",
        /// attConversationID (obsolete).
        ConversationId = 0x0001_800B => "attConversationID",
        /// attBody: PidTagBody (8-bit, OEM code page).
        Body = 0x0002_800C => "attBody",
        /// attPriority: PidTagImportance (1 high, 2 normal, 3 low).
        Priority = 0x0004_800D => "attPriority",
        /// attAttachData: PidTagAttachDataBinary.
        AttachData = 0x0006_800F => "attAttachData",
        /// attAttachTitle: PidTagAttachFilename (8-bit).
        AttachTitle = 0x0001_8010 => "attAttachTitle",
        /// attAttachMetaFile: PidTagAttachRendering.
        AttachMetaFile = 0x0006_8011 => "attAttachMetaFile",
        /// attAttachCreateDate: PidTagCreationTime of the attachment.
        AttachCreateDate = 0x0003_8012 => "attAttachCreateDate",
        /// attAttachModifyDate: PidTagLastModificationTime of the attachment.
        AttachModifyDate = 0x0003_8013 => "attAttachModifyDate",
        /// attDateModified: PidTagLastModificationTime.
        DateModified = 0x0003_8020 => "attDateModified",
        /// attAttachTransportFilename: PidTagAttachTransportName.
        AttachTransportFilename = 0x0006_9001 => "attAttachTransportFilename",
        /// attAttachRenddata: starts an attachment (AttachRendData structure).
        AttachRendData = 0x0006_9002 => "attAttachRenddata",
        /// attMsgProps / attMAPIProps: encapsulated message properties (2.1.3.4).
        MapiProps = 0x0006_9003 => "attMAPIProps",
        /// attRecipTable: the recipient table (2.1.3.4).
        RecipTable = 0x0006_9004 => "attRecipTable",
        /// attAttachment: encapsulated attachment properties (2.1.3.4).
        Attachment = 0x0006_9005 => "attAttachment",
        /// attTnefVersion: the TNEF version, 0x00010000.
        TnefVersion = 0x0008_9006 => "attTnefVersion",
        /// attOemCodepage: the code page of 8-bit strings (two UINT32s).
        OemCodepage = 0x0006_9007 => "attOemCodepage",
    }
}

/// [MS-OXTNEF] 2.1.3.2 one attribute: level, ID, data and checksum. The
/// data borrows from the input where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Message or attachment level.
    pub level: AttributeLevel,
    /// The attribute ID.
    pub id: AttributeId,
    /// The attribute data (`AttrLength` bytes).
    pub data: Cow<'a, [u8]>,
    /// The stored checksum (sum of the data bytes modulo 65536).
    pub checksum: u16,
}

/// [MS-OXTNEF] 2.1.3.2 the fixed fields before an attribute's data:
/// AttrLevel, AttrID, AttrLength (9 bytes; the data and the 2-byte
/// checksum follow). For callers that walk a stream without holding it
/// (positioned reads of a large file); [`TnefStream`] reads whole
/// attributes.
///
/// ```
/// use ms_oxtnef::{AttributeHeader, AttributeId, AttributeLevel};
/// let h = AttributeHeader::parse(&[0x02, 0x0F, 0x80, 0x06, 0x00, 0x10, 0, 0, 0]).unwrap();
/// assert_eq!(h.level, AttributeLevel::Attachment);
/// assert_eq!(h.id, AttributeId::AttachData);
/// assert_eq!(h.len, 16);
/// assert_eq!(h.to_bytes(), [0x02, 0x0F, 0x80, 0x06, 0x00, 0x10, 0, 0, 0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeHeader {
    /// AttrLevel.
    pub level: AttributeLevel,
    /// AttrID (type in the high word, ID in the low word).
    pub id: AttributeId,
    /// AttrLength: the bytes of data that follow.
    pub len: u32,
}

impl AttributeHeader {
    /// Its size in a stream.
    pub const SIZE: usize = 9;

    /// The header at the start of `b`, or `None` when `b` is shorter.
    pub fn parse(b: &[u8]) -> Option<AttributeHeader> {
        let (&level, rest) = b.split_first()?;
        let id = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        let len = u32::from_le_bytes(rest.get(4..8)?.try_into().ok()?);
        Some(AttributeHeader {
            level: AttributeLevel::from_value(level),
            id: AttributeId::from_value(id),
            len,
        })
    }

    /// The 9 bytes.
    pub fn to_bytes(&self) -> [u8; Self::SIZE] {
        let mut b = [0; Self::SIZE];
        b[0] = self.level.value();
        b[1..5].copy_from_slice(&self.id.value().to_le_bytes());
        b[5..9].copy_from_slice(&self.len.to_le_bytes());
        b
    }
}

/// [MS-OXTNEF] 2.1.3.2: the checksum of attribute data, the sum of its
/// bytes modulo 65536.
pub fn checksum(data: &[u8]) -> u16 {
    // Sum blocks into u32 (a 64 KiB block cannot overflow it); the compiler
    // vectorises the inner loop.
    let mut total: u32 = 0;
    for block in data.chunks(1 << 16) {
        let mut s: u32 = 0;
        for &b in block {
            s += u32::from(b);
        }
        total = total.wrapping_add(s);
    }
    total as u16
}

impl<'a> Attribute<'a> {
    /// A new attribute with a correct checksum.
    pub fn new(level: AttributeLevel, id: AttributeId, data: impl Into<Cow<'a, [u8]>>) -> Self {
        let data = data.into();
        let checksum = checksum(&data);
        Attribute {
            level,
            id,
            data,
            checksum,
        }
    }

    /// The checksum the data should have.
    pub fn computed_checksum(&self) -> u16 {
        checksum(&self.data)
    }

    /// Whether the stored checksum matches the data.
    pub fn checksum_ok(&self) -> bool {
        self.checksum == self.computed_checksum()
    }

    /// Copies borrowed data so the attribute outlives its input.
    pub fn into_owned(self) -> Attribute<'static> {
        Attribute {
            level: self.level,
            id: self.id,
            data: Cow::Owned(self.data.into_owned()),
            checksum: self.checksum,
        }
    }

    /// The encoded size: 1 + 4 + 4 + data + 2.
    pub fn encoded_len(&self) -> usize {
        11 + self.data.len()
    }
}

/// What a TNEF decode needs beyond [`msox_codec::Options`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TnefOptions {
    /// Compute and compare every attribute checksum (default). Turning it
    /// off skips reading the attribute data at all, for callers that only
    /// extract bytes; strict mode always verifies.
    pub verify_checksums: bool,
}

impl Default for TnefOptions {
    fn default() -> Self {
        TnefOptions {
            verify_checksums: true,
        }
    }
}

/// [MS-OXTNEF] 2.1.3.1 a TNEF stream: signature, legacy key, attributes.
///
/// Lossless: [`Encode`] writes back exactly the bytes read, including
/// stored (even wrong) checksums and trailing bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TnefStream<'a> {
    /// The legacy key (`Key`, 2 bytes): any value; Outlook writes a random one.
    pub legacy_key: u16,
    /// The attributes in order.
    pub attributes: Vec<Attribute<'a>>,
    /// Bytes after the last attribute (empty in well-formed streams): bytes
    /// too few to be an attribute, or (lenient reading) an attribute that
    /// could not be read and everything after it.
    pub trailing: Cow<'a, [u8]>,
    /// When the stream ends inside the last attribute's checksum: the 0 or
    /// 1 checksum bytes present (lenient decoding keeps the attribute; its
    /// [`Attribute::checksum`] is then the computed one).
    pub truncated_checksum: Option<Vec<u8>>,
}

/// Whether `input` starts with the TNEF signature.
pub fn is_tnef(input: &[u8]) -> bool {
    input.get(..4) == Some(&TNEF_SIGNATURE.to_le_bytes()[..])
}

impl<'a> TnefStream<'a> {
    /// A new empty stream.
    pub fn new(legacy_key: u16) -> Self {
        TnefStream {
            legacy_key,
            attributes: Vec::new(),
            trailing: Cow::Borrowed(&[]),
            truncated_checksum: None,
        }
    }

    /// The first attribute with this ID at message level.
    pub fn message_attribute(&self, id: AttributeId) -> Option<&Attribute<'a>> {
        self.attributes
            .iter()
            .find(|a| a.level == AttributeLevel::Message && a.id.matches(id))
    }

    /// Copies borrowed data so the stream outlives its input.
    pub fn into_owned(self) -> TnefStream<'static> {
        TnefStream {
            legacy_key: self.legacy_key,
            attributes: self
                .attributes
                .into_iter()
                .map(Attribute::into_owned)
                .collect(),
            trailing: Cow::Owned(self.trailing.into_owned()),
            truncated_checksum: self.truncated_checksum,
        }
    }
}

impl AttributeId {
    /// Whether this ID, as read, stands for `known`: equal, or (IDs seen in
    /// the wild without the attribute type in the high word, such as
    /// 0x00009002 for attAttachRenddata) equal in the low word when no
    /// other known ID shares that low word.
    pub fn matches(self, known: AttributeId) -> bool {
        self == known || self.without_type_word() == Some(known)
    }

    /// For an ID without its type word (high word 0) that the spec does
    /// not define: the one known ID with the same low word, if there is
    /// exactly one.
    pub fn without_type_word(self) -> Option<AttributeId> {
        let v = self.value();
        // (An ID of 0 is zeros, not attOwner without its type word.)
        if v >> 16 != 0 || v == 0 || self.is_known() {
            return None;
        }
        let mut found = None;
        for k in AttributeId::KNOWN {
            if k.value() & 0xFFFF == v {
                if found.is_some() {
                    return None;
                }
                found = Some(*k);
            }
        }
        found
    }
}

/// [MS-OXTNEF] 2.1.3.1 a whole stream (the rest of the reader's window),
/// checksums verified. Lenient: bad checksums, trailing bytes, a checksum
/// cut off at the end and an unreadable attribute (which ends the attribute
/// list; the rest is kept as [`TnefStream::trailing`] bytes) are defects;
/// strict refuses them with the same offset and path.
impl<'a> Decode<'a> for TnefStream<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_stream(r, TnefOptions::default()).map(|(s, _)| s)
    }
}

/// [`TnefStream`] with [`TnefOptions`].
impl<'a> DecodeWith<'a, TnefOptions> for TnefStream<'a> {
    fn decode_with(r: &mut Reader<'a>, opts: TnefOptions) -> Result<Self> {
        read_stream(r, opts).map(|(s, _)| s)
    }
}

/// Reads a stream filling the reader's window; also returns where each
/// attribute's data is (positions in the reader's buffer).
pub(crate) fn read_stream<'a>(
    r: &mut Reader<'a>,
    opts: TnefOptions,
) -> Result<(TnefStream<'a>, Vec<usize>)> {
    r.frame("TnefStream", |r| {
        let start = r.pos();
        let sig = r.u32()?;
        if sig != TNEF_SIGNATURE {
            return Err(r.error_at(
                ErrorKind::BadSignature {
                    expected: TNEF_SIGNATURE.into(),
                    found: sig.into(),
                },
                start,
            ));
        }
        let legacy_key = r.u16()?;
        let mut stream = TnefStream::new(legacy_key);
        let mut positions = Vec::new();
        let mut bad = false;
        // An attribute is at least 11 bytes; fewer left over are trailing bytes.
        while r.remaining() >= 11 {
            let i = stream.attributes.len();
            r.check_count(1, 0, "attributes")?;
            let read = r.attempt(|r| r.frame_indexed("Attribute", i, |r| read_attribute(r, opts)));
            match read {
                Ok((attr, pos, truncated)) => {
                    stream.attributes.push(attr);
                    positions.push(pos);
                    if let Some(present) = truncated {
                        stream.truncated_checksum = Some(present.to_vec());
                        return Ok((stream, positions));
                    }
                }
                Err(e) => {
                    r.tolerate(
                        e,
                        "this attribute and the rest of the stream kept as trailing bytes",
                    )?;
                    bad = true;
                    break;
                }
            }
        }
        let at = r.pos();
        let trailing = r.take_rest();
        if !trailing.is_empty() && !bad {
            r.defect_at(
                ErrorKind::TrailingBytes {
                    count: trailing.len() as u64,
                },
                at,
                "kept as trailing bytes",
            )?;
        }
        stream.trailing = Cow::Borrowed(trailing);
        Ok((stream, positions))
    })
}

type Truncated<'a> = Option<&'a [u8]>;

fn read_attribute<'a>(
    r: &mut Reader<'a>,
    opts: TnefOptions,
) -> Result<(Attribute<'a>, usize, Truncated<'a>)> {
    let level_at = r.pos();
    let level = AttributeLevel::from_value(r.u8()?);
    let id = AttributeId::from_value(r.u32()?);
    if let Some(name) = id.name() {
        r.set_variant(name);
    }
    if !level.is_known() {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "AttrLevel",
                value: level.value().into(),
            },
            level_at,
            "attribute kept as read",
        )?;
    }
    let len = r.u32_usize()?;
    let data_pos = r.pos();
    if len <= r.remaining() && r.remaining() - len < 2 {
        // The stream ends inside the checksum.
        let data = r.bytes(len)?;
        let present = r.take_rest();
        r.defect(
            ErrorKind::UnexpectedEnd {
                needed: 2,
                available: present.len() as u64,
            },
            "attribute kept without its checksum",
        )?;
        let attr = Attribute::new(level, id, Cow::Borrowed(data));
        return Ok((attr, data_pos, Some(present)));
    }
    let data = r.bytes(len)?;
    let checksum_at = r.pos();
    let checksum = r.u16()?;
    let attr = Attribute {
        level,
        id,
        data: Cow::Borrowed(data),
        checksum,
    };
    if opts.verify_checksums || r.is_strict() {
        let computed = attr.computed_checksum();
        if computed != checksum {
            r.defect_at(
                ErrorKind::ChecksumMismatch {
                    stored: checksum.into(),
                    computed: computed.into(),
                },
                checksum_at,
                "attribute kept with its stored checksum",
            )?;
        }
    }
    Ok((attr, data_pos, None))
}

impl Encode for TnefStream<'_> {
    fn encoded_len(&self) -> usize {
        let cut = self
            .truncated_checksum
            .as_ref()
            .map_or(0, |p| 2 - p.len().min(2));
        (6 + self
            .attributes
            .iter()
            .map(Attribute::encoded_len)
            .sum::<usize>()
            + self.trailing.len())
        .saturating_sub(cut)
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(TNEF_SIGNATURE);
        buf.put_u16_le(self.legacy_key);
        let last = self.attributes.len().saturating_sub(1);
        for (i, a) in self.attributes.iter().enumerate() {
            let header = AttributeHeader {
                level: a.level,
                id: a.id,
                len: msox_codec::fit_u32(a.data.len(), "AttrLength")?,
            };
            buf.put_slice(&header.to_bytes());
            buf.put_slice(&a.data);
            match &self.truncated_checksum {
                Some(present) if i == last => buf.put_slice(present.get(..2).unwrap_or(present)),
                _ => buf.put_u16_le(a.checksum),
            }
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}
