//! [MS-OXNSPI] 2.2.9 EntryIDs ([MS-NSPI] 2.3.8): Ephemeral and Permanent
//! entry IDs (the bytes of a PidTagEntryId value); a MinimalEntryID is a
//! plain `u32`.

use ms_dtyp::Guid;
use msox_codec::bytes::BufMut;
use msox_codec::{CodePage, Decode, Encode, Error, ErrorKind, Reader, Result, String8};

use crate::constants::{DisplayType, GUID_NSPI};

/// ID Type of an Ephemeral Entry ID.
pub const EPHEMERAL_ID_TYPE: u8 = 0x87;
/// ID Type of a Permanent Entry ID.
pub const PERMANENT_ID_TYPE: u8 = 0x00;

fn reserved_u8(r: &mut Reader<'_>, field: &'static str, v: u8, at: usize) -> Result<()> {
    if v != 0 {
        r.defect_at(
            ErrorKind::InvalidValue {
                field,
                value: u64::from(v),
            },
            at,
            "value kept as read",
        )?;
    }
    Ok(())
}

fn head(r: &mut Reader<'_>, id_type: u8) -> Result<([u8; 3], Guid, u32)> {
    let at = r.pos();
    let t = r.u8()?;
    if t != id_type {
        return Err(r.error_at(
            ErrorKind::BadSignature {
                expected: u64::from(id_type),
                found: u64::from(t),
            },
            at,
        ));
    }
    let mut rs = [0u8; 3];
    for (slot, name) in rs.iter_mut().zip(["R1", "R2", "R3"]) {
        let a = r.pos();
        *slot = r.u8()?;
        reserved_u8(r, name, *slot, a)?;
    }
    let provider_uid: Guid = r.decode()?;
    let a = r.pos();
    let r4 = r.u32()?;
    if r4 != 1 {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "R4",
                value: u64::from(r4),
            },
            a,
            "value kept as read",
        )?;
    }
    Ok((rs, provider_uid, r4))
}

fn put_head<B: BufMut>(buf: &mut B, id_type: u8, rs: [u8; 3], uid: Guid, r4: u32) {
    buf.put_u8(id_type);
    buf.put_slice(&rs);
    buf.put_slice(&uid.to_le_bytes());
    buf.put_u32_le(r4);
}

/// [MS-OXNSPI] 2.2.9.2 EphemeralEntryID: ID Type 0x87, three reserved
/// bytes, the issuing server's GUID, R4 (1), the display type and the MId.
/// 32 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EphemeralEntryId {
    /// R1, R2, R3: 0.
    pub reserved: [u8; 3],
    /// ProviderUID: the GUID of the server that issued it.
    pub provider_uid: Guid,
    /// R4: 1.
    pub r4: u32,
    /// Display Type.
    pub display_type: DisplayType,
    /// MId.
    pub mid: u32,
}

impl EphemeralEntryId {
    /// Size on the wire.
    pub const SIZE: usize = 32;

    /// An Ephemeral Entry ID with the reserved fields as the spec sets them.
    pub const fn new(provider_uid: Guid, display_type: DisplayType, mid: u32) -> Self {
        EphemeralEntryId {
            reserved: [0; 3],
            provider_uid,
            r4: 1,
            display_type,
            mid,
        }
    }
}

impl<'a> Decode<'a> for EphemeralEntryId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("EphemeralEntryID", |r| {
            let (reserved, provider_uid, r4) = head(r, EPHEMERAL_ID_TYPE)?;
            Ok(EphemeralEntryId {
                reserved,
                provider_uid,
                r4,
                display_type: DisplayType::from(r.u32()?),
                mid: r.u32()?,
            })
        })
    }
}

impl Encode for EphemeralEntryId {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        put_head(
            buf,
            EPHEMERAL_ID_TYPE,
            self.reserved,
            self.provider_uid,
            self.r4,
        );
        buf.put_u32_le(self.display_type.value());
        buf.put_u32_le(self.mid);
        Ok(())
    }
}

/// [MS-OXNSPI] 2.2.9.3 PermanentEntryID: ID Type 0x00, three reserved
/// bytes, GUID_NSPI, R4 (1), the display type and the object's DN
/// (null-terminated 8-bit string).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PermanentEntryId {
    /// R1, R2, R3: 0.
    pub reserved: [u8; 3],
    /// ProviderUID: GUID_NSPI.
    pub provider_uid: Guid,
    /// R4: 1.
    pub r4: u32,
    /// Display Type String (a display type).
    pub display_type: DisplayType,
    /// Distinguished Name, without its terminator.
    pub distinguished_name: String8,
}

impl PermanentEntryId {
    /// A Permanent Entry ID with the fixed fields as the spec sets them.
    pub fn new(display_type: DisplayType, dn: &str) -> Self {
        PermanentEntryId {
            reserved: [0; 3],
            provider_uid: GUID_NSPI,
            r4: 1,
            display_type,
            distinguished_name: String8::new(dn.as_bytes().to_vec(), CodePage::WINDOWS_1252),
        }
    }
}

impl<'a> Decode<'a> for PermanentEntryId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PermanentEntryID", |r| {
            let (reserved, provider_uid, r4) = head(r, PERMANENT_ID_TYPE)?;
            if provider_uid != GUID_NSPI {
                r.defect_at(
                    ErrorKind::Malformed("ProviderUID is not GUID_NSPI".into()),
                    r.pos() - 4,
                    "value kept as read",
                )?;
            }
            let display_type = DisplayType::from(r.u32()?);
            let distinguished_name = String8::read_nul_terminated(r, CodePage::WINDOWS_1252)?;
            Ok(PermanentEntryId {
                reserved,
                provider_uid,
                r4,
                display_type,
                distinguished_name,
            })
        })
    }
}

impl Encode for PermanentEntryId {
    fn encoded_len(&self) -> usize {
        28 + self.distinguished_name.bytes().len() + 1
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.distinguished_name.bytes().contains(&0) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "Distinguished Name",
                value: 0,
            }));
        }
        put_head(
            buf,
            PERMANENT_ID_TYPE,
            self.reserved,
            self.provider_uid,
            self.r4,
        );
        buf.put_u32_le(self.display_type.value());
        buf.put_slice(self.distinguished_name.bytes());
        buf.put_u8(0);
        Ok(())
    }
}

/// [MS-OXNSPI] 2.2.9 an NSPI entry ID, told apart by its ID Type byte.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NspiEntryId {
    /// ID Type 0x87.
    Ephemeral(EphemeralEntryId),
    /// ID Type 0x00.
    Permanent(PermanentEntryId),
}

impl<'a> Decode<'a> for NspiEntryId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        match r.peek_u8() {
            Some(EPHEMERAL_ID_TYPE) => r.decode().map(NspiEntryId::Ephemeral),
            _ => r.decode().map(NspiEntryId::Permanent),
        }
    }
}

impl Encode for NspiEntryId {
    fn encoded_len(&self) -> usize {
        match self {
            NspiEntryId::Ephemeral(e) => e.encoded_len(),
            NspiEntryId::Permanent(p) => p.encoded_len(),
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            NspiEntryId::Ephemeral(e) => e.encode(buf),
            NspiEntryId::Permanent(p) => p.encode(buf),
        }
    }
}
