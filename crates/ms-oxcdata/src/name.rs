//! [MS-OXCDATA] 2.6 Property Name Structures: the wire forms of
//! [`PropertyName`] (2.6.1) and PropertyName_r (2.6.2).

use ms_dtyp::Guid;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result, ResultExt, Utf16String};

use crate::property::{NameId, PropertyName};

/// Kind 0x00 (MNID_ID): the name is a LID.
pub const MNID_ID: u8 = 0x00;
/// Kind 0x01 (MNID_STRING): the name is a string.
pub const MNID_STRING: u8 = 0x01;
/// Kind 0xFF: the property has no name (a server's answer for an ID it
/// cannot map).
pub const KIND_NO_NAME: u8 = 0xFF;

fn read_name_body(r: &mut Reader<'_>, kind: u8, kind_at: usize) -> Result<NameId> {
    match kind {
        MNID_ID => Ok(NameId::Lid(r.u32()?)),
        MNID_STRING => {
            let size_at = r.pos();
            let size = usize::from(r.u8()?);
            let bytes = r.bytes(size)?;
            match bytes
                .len()
                .checked_sub(2)
                .and_then(|n| bytes.split_at_checked(n))
            {
                Some((name, [0, 0])) if name.len() % 2 == 0 => {
                    Ok(NameId::Name(Utf16String::from_le_bytes(name)))
                }
                _ => Err(r.error_at(
                    ErrorKind::Malformed(
                        "Name must be UTF-16 ending in a null character within NameSize".into(),
                    ),
                    size_at,
                )),
            }
        }
        k => Err(r.invalid_at("Kind", u64::from(k), kind_at)),
    }
}

fn name_len(id: &NameId) -> usize {
    match id {
        NameId::Lid(_) => 4,
        NameId::Name(n) => 1 + n.byte_len() + 2,
    }
}

fn write_name_body<B: BufMut>(id: &NameId, buf: &mut B) -> Result<()> {
    match id {
        NameId::Lid(l) => buf.put_u32_le(*l),
        NameId::Name(n) => {
            let size = n.byte_len() + 2;
            if size % 2 != 0 {
                return Err(Error::new(ErrorKind::InvalidValue {
                    field: "Name",
                    value: size as u64,
                }));
            }
            buf.put_u8(msox_codec::fit_u8(size, "NameSize")?);
            n.write_le(buf);
            buf.put_u16_le(0);
        }
    }
    Ok(())
}

/// [MS-OXCDATA] 2.6.1 PropertyName Structure: Kind (1 byte), GUID (16
/// bytes), then a LID (4 bytes, Kind 0x00) or NameSize (1 byte) and a
/// null-terminated UTF-16LE Name (Kind 0x01). NameSize counts the
/// terminator. Kind 0xFF (no name) is [`PropertyNameEntry`].
///
/// ```
/// use ms_oxcdata::{NameId, PropertyName};
/// use msox_codec::{Decode, Encode};
/// let ps_public_strings: ms_dtyp::Guid = "00020329-0000-0000-C000-000000000046".parse().unwrap();
/// let n = PropertyName::name(ps_public_strings, "Keywords");
/// let wire = n.to_vec().unwrap();
/// assert_eq!(wire[0], 0x01); // MNID_STRING
/// assert_eq!(wire[17], 18);  // NameSize: 8 characters + terminator
/// assert_eq!(PropertyName::decode_exact(&wire).unwrap(), n);
/// ```
impl<'a> Decode<'a> for PropertyName {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyName", |r| {
            let kind = r.u8()?;
            let guid: Guid = r.decode()?;
            let id = read_name_body(r, kind, 0)?;
            Ok(PropertyName { guid, id })
        })
    }
}

impl Encode for PropertyName {
    fn encoded_len(&self) -> usize {
        1 + 16 + name_len(&self.id)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(match self.id {
            NameId::Lid(_) => MNID_ID,
            NameId::Name(_) => MNID_STRING,
        });
        self.guid.encode(buf)?;
        write_name_body(&self.id, buf).context("PropertyName")
    }
}

/// [MS-OXCDATA] 2.6.1 PropertyName as a server returns it for each
/// property ID (RopGetNamesFromPropertyIds): a name, or Kind 0xFF when the
/// ID has none (the GUID is still sent).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PropertyNameEntry {
    /// Kind 0x00 or 0x01.
    Named(PropertyName),
    /// Kind 0xFF: no name; the GUID field as sent.
    NoName(Guid),
}

impl<'a> Decode<'a> for PropertyNameEntry {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        if r.peek_u8() == Some(KIND_NO_NAME) {
            return r.frame("PropertyName", |r| {
                r.skip(1)?;
                Ok(PropertyNameEntry::NoName(r.decode::<Guid>()?))
            });
        }
        PropertyName::decode(r).map(PropertyNameEntry::Named)
    }
}

impl Encode for PropertyNameEntry {
    fn encoded_len(&self) -> usize {
        match self {
            PropertyNameEntry::Named(n) => n.encoded_len(),
            PropertyNameEntry::NoName(_) => 17,
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            PropertyNameEntry::Named(n) => n.encode(buf),
            PropertyNameEntry::NoName(g) => {
                buf.put_u8(KIND_NO_NAME);
                g.encode(buf)
            }
        }
    }
}

/// [MS-OXCDATA] 2.6.2 PropertyName_r Structure: the NSPI form of a named
/// property with a LID: GUID (16 bytes), Reserved (4 bytes), LID (4 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyNameR {
    /// GUID: the property set.
    pub guid: Guid,
    /// Reserved (zero per the spec; kept as read).
    pub reserved: u32,
    /// LID.
    pub lid: u32,
}

impl<'a> Decode<'a> for PropertyNameR {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyName_r", |r| {
            Ok(PropertyNameR {
                guid: r.decode()?,
                reserved: r.u32()?,
                lid: r.u32()?,
            })
        })
    }
}

impl Encode for PropertyNameR {
    fn encoded_len(&self) -> usize {
        24
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.guid.encode(buf)?;
        buf.put_u32_le(self.reserved);
        buf.put_u32_le(self.lid);
        Ok(())
    }
}

impl From<PropertyNameR> for PropertyName {
    fn from(n: PropertyNameR) -> Self {
        PropertyName::lid(n.guid, n.lid)
    }
}
