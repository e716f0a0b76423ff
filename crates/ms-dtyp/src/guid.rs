//! [MS-DTYP] 2.3.4 GUID and UUID.

use std::fmt;
use std::str::FromStr;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

/// [MS-DTYP] 2.3.4.2 GUID--Packet Representation: a 128-bit identifier whose
/// first three fields are little-endian on the wire.
///
/// The string form ([MS-DTYP] 2.3.4.3) is `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
/// optionally in braces; [`fmt::Display`] prints it in upper case without
/// braces, the way Exchange specs write them; `{:#}` adds braces.
///
/// ```
/// use ms_dtyp::Guid;
/// use msox_codec::{Decode, Encode};
/// let ps_mapi: Guid = "00020328-0000-0000-C000-000000000046".parse().unwrap();
/// assert_eq!(ps_mapi, Guid::from_u128(0x00020328_0000_0000_C000_000000000046));
/// let wire = ps_mapi.to_vec().unwrap();
/// assert_eq!(&wire[..4], &[0x28, 0x03, 0x02, 0x00]);
/// assert_eq!(Guid::decode_exact(&wire).unwrap(), ps_mapi);
/// assert_eq!(format!("{ps_mapi:#}"), "{00020328-0000-0000-C000-000000000046}");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Guid {
    /// Data1: the first 4 bytes (little-endian on the wire).
    pub data1: u32,
    /// Data2: the next 2 bytes (little-endian on the wire).
    pub data2: u16,
    /// Data3: the next 2 bytes (little-endian on the wire).
    pub data3: u16,
    /// Data4: the last 8 bytes, in order.
    pub data4: [u8; 8],
}

impl Guid {
    /// The nil GUID (all zeros).
    pub const NIL: Guid = Guid::from_u128(0);

    /// The GUID whose string form is the hex of `v`
    /// (`Guid::from_u128(0x00020328_0000_0000_C000_000000000046)`).
    pub const fn from_u128(v: u128) -> Guid {
        let b = v.to_be_bytes();
        Guid {
            data1: u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
            data2: u16::from_be_bytes([b[4], b[5]]),
            data3: u16::from_be_bytes([b[6], b[7]]),
            data4: [b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]],
        }
    }

    /// The inverse of [`Guid::from_u128`].
    pub const fn to_u128(self) -> u128 {
        let d1 = self.data1.to_be_bytes();
        let d2 = self.data2.to_be_bytes();
        let d3 = self.data3.to_be_bytes();
        let d4 = self.data4;
        u128::from_be_bytes([
            d1[0], d1[1], d1[2], d1[3], d2[0], d2[1], d3[0], d3[1], d4[0], d4[1], d4[2], d4[3],
            d4[4], d4[5], d4[6], d4[7],
        ])
    }

    /// The GUID from its 16-byte packet representation.
    pub const fn from_le_bytes(b: [u8; 16]) -> Guid {
        Guid {
            data1: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            data2: u16::from_le_bytes([b[4], b[5]]),
            data3: u16::from_le_bytes([b[6], b[7]]),
            data4: [b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]],
        }
    }

    /// The 16-byte packet representation.
    pub const fn to_le_bytes(self) -> [u8; 16] {
        let d1 = self.data1.to_le_bytes();
        let d2 = self.data2.to_le_bytes();
        let d3 = self.data3.to_le_bytes();
        let d4 = self.data4;
        [
            d1[0], d1[1], d1[2], d1[3], d2[0], d2[1], d3[0], d3[1], d4[0], d4[1], d4[2], d4[3],
            d4[4], d4[5], d4[6], d4[7],
        ]
    }

    /// Whether this is the nil GUID.
    pub const fn is_nil(self) -> bool {
        self.to_u128() == 0
    }
}

/// Why a GUID string did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseGuidError(String);

impl fmt::Display for ParseGuidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid GUID {:?}: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            self.0
        )
    }
}

impl std::error::Error for ParseGuidError {}

impl FromStr for Guid {
    type Err = ParseGuidError;

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, with or without braces,
    /// either case ([MS-DTYP] 2.3.4.3).
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let err = || ParseGuidError(s.to_string());
        let t = s.trim();
        let t = t
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or(t);
        let groups: Vec<&str> = t.split('-').collect();
        let lens = [8, 4, 4, 4, 12];
        if groups.len() != 5
            || groups
                .iter()
                .zip(lens)
                .any(|(g, l)| g.len() != l || !g.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(err());
        }
        let hex: String = groups.concat();
        u128::from_str_radix(&hex, 16)
            .map(Guid::from_u128)
            .map_err(|_| err())
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d4 = self.data4;
        let body = format!(
            "{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}",
            self.data1,
            self.data2,
            self.data3,
            d4[0],
            d4[1],
            d4[2],
            d4[3],
            d4[4],
            d4[5],
            d4[6],
            d4[7]
        );
        if f.alternate() {
            write!(f, "{{{body}}}")
        } else {
            f.write_str(&body)
        }
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({self})")
    }
}

impl<'a> Decode<'a> for Guid {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.array::<16>().map(Guid::from_le_bytes)
    }
}

impl Encode for Guid {
    fn encoded_len(&self) -> usize {
        16
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.to_le_bytes());
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Guid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Guid {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
