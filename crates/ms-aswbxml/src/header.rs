//! [WBXML 1.3] 5.3–5.7: the document header (version, public identifier,
//! charset, string table), as [MS-ASWBXML] 2.1.1 uses it: WBXML 1.3,
//! public identifier 1 ("unknown"), charset 106 (UTF-8), and usually an
//! empty string table.

use crate::token::{mb_u32_len, read_mb_field, write_mb_u32};
use msox_codec::{Decode, Error, ErrorKind, Reader, Result};

/// The IANA MIBenum of UTF-8, the charset ActiveSync uses.
pub const CHARSET_UTF8: u32 = 106;
/// WBXML version 1.3 (`0x03`: major − 1 in the high nibble, minor in the low).
pub const VERSION_1_3: u8 = 0x03;

/// [WBXML 1.3] 5.5 Document Public Identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PublicId {
    /// A well-known public identifier (1 = unknown, what ActiveSync sends).
    Known(u32),
    /// `0` followed by an index into the string table holding the
    /// identifier as a string.
    StringTable(u32),
}

/// [WBXML 1.3] 5.3 — the header in front of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header<'a> {
    /// Version byte (`0x03` for 1.3).
    pub version: u8,
    /// Public identifier.
    pub public_id: PublicId,
    /// Charset MIBenum; `None` for WBXML 1.0 (version byte 0), whose header
    /// has no charset field.
    pub charset: Option<u32>,
    /// The string table (possibly empty).
    pub string_table: &'a [u8],
}

impl Header<'static> {
    /// What ActiveSync clients and Exchange send: WBXML 1.3, public id 1,
    /// UTF-8, empty string table (`03 01 6A 00`).
    pub const ACTIVESYNC: Header<'static> = Header {
        version: VERSION_1_3,
        public_id: PublicId::Known(1),
        charset: Some(CHARSET_UTF8),
        string_table: &[],
    };
}

impl Default for Header<'static> {
    fn default() -> Self {
        Header::ACTIVESYNC
    }
}

impl<'a> Header<'a> {
    /// Bytes [`Header::write`] writes.
    pub fn encoded_len(&self) -> usize {
        let pid = match self.public_id {
            PublicId::Known(v) => mb_u32_len(v),
            PublicId::StringTable(i) => 1 + mb_u32_len(i),
        };
        let cs = self.charset.map_or(0, mb_u32_len);
        1 + pid + cs + mb_u32_len(self.string_table.len() as u32) + self.string_table.len()
    }

    /// Appends the header (minimal integers).
    pub fn write(&self, out: &mut Vec<u8>) -> Result<()> {
        out.push(self.version);
        match self.public_id {
            PublicId::Known(v) => write_mb_u32(out, v),
            PublicId::StringTable(i) => {
                out.push(0);
                write_mb_u32(out, i);
            }
        }
        match (self.version, self.charset) {
            (0, None) => {}
            (0, Some(_)) => {
                return Err(Error::new(ErrorKind::Malformed(
                    "a WBXML 1.0 header has no charset".into(),
                )));
            }
            (_, Some(c)) => write_mb_u32(out, c),
            (_, None) => {
                return Err(Error::new(ErrorKind::Malformed(
                    "a WBXML 1.1+ header needs a charset".into(),
                )));
            }
        }
        let len = msox_codec::fit_u32(self.string_table.len(), "string table length")?;
        write_mb_u32(out, len);
        out.extend_from_slice(self.string_table);
        Ok(())
    }

    /// The version as text (`1.3`).
    pub fn version_string(&self) -> String {
        format!("{}.{}", (self.version >> 4) + 1, self.version & 0x0F)
    }

    /// The NUL-terminated string at `index` of the string table.
    pub fn string_at(&self, index: u32) -> Option<&'a [u8]> {
        let rest = self.string_table.get(index as usize..)?;
        let end = rest.iter().position(|&b| b == 0)?;
        rest.get(..end)
    }
}

/// Reads the header at the reader's position (frame `header`); an overlong
/// integer is a defect, a string table longer than the input an error.
///
/// ```
/// use ms_aswbxml::Header;
/// use msox_codec::Decode;
/// let (h, n) = Header::decode_prefix(&[0x03, 0x01, 0x6A, 0x00, 0x45])?;
/// assert_eq!((h, n), (Header::ACTIVESYNC, 4));
/// let e = Header::decode_prefix(&[0x03, 0x01, 0x6A, 0x7F, 0]).unwrap_err();
/// assert_eq!(e.to_string(), "string table length 127 exceeds the limit 1 at byte 3 in header");
/// # Ok::<(), msox_codec::Error>(())
/// ```
impl<'a> Decode<'a> for Header<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_header(r).map(|(h, _)| h)
    }
}

/// [`Header`]'s decoder, also returning the position of the charset field.
pub(crate) fn read_header<'a>(r: &mut Reader<'a>) -> Result<(Header<'a>, Option<usize>)> {
    r.frame("header", |r| {
        let version = r.u8()?;
        let pid = read_mb_field(r)?;
        let public_id = if pid == 0 {
            PublicId::StringTable(read_mb_field(r)?)
        } else {
            PublicId::Known(pid)
        };
        let (charset, charset_pos) = if version == 0 {
            (None, None)
        } else {
            let at = r.pos();
            (Some(read_mb_field(r)?), Some(at))
        };
        let len_at = r.pos();
        let len = read_mb_field(r)? as usize;
        if len > r.remaining() {
            return Err(r.error_at(
                ErrorKind::LimitExceeded {
                    what: "string table length",
                    value: len as u64,
                    max: r.remaining() as u64,
                },
                len_at,
            ));
        }
        let string_table = r.bytes(len)?;
        Ok((
            Header {
                version,
                public_id,
                charset,
                string_table,
            },
            charset_pos,
        ))
    })
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;
    use msox_codec::Options;

    #[test]
    fn activesync_header_is_four_bytes() {
        let mut v = Vec::new();
        Header::ACTIVESYNC.write(&mut v).unwrap();
        assert_eq!(v, [0x03, 0x01, 0x6A, 0x00]);
        assert_eq!(Header::ACTIVESYNC.encoded_len(), 4);
        let h = Header::decode_exact(&v).unwrap();
        assert_eq!(h, Header::ACTIVESYNC);
        assert_eq!(h.version_string(), "1.3");
    }

    #[test]
    fn string_table_public_id_and_wbxml_1_0() {
        let bytes = [0x00, 0x00, 0x02, 0x05, b'a', 0, b'x', b'y', 0];
        let h = Header::decode_exact(&bytes).unwrap();
        assert_eq!(h.public_id, PublicId::StringTable(2));
        assert_eq!(h.charset, None);
        assert_eq!(h.string_at(2), Some(&b"xy"[..]));
        assert_eq!(h.string_at(1), Some(&b""[..]));
        assert_eq!(h.string_at(9), None);
        let mut v = Vec::new();
        h.write(&mut v).unwrap();
        assert_eq!(v, bytes);
    }

    #[test]
    fn string_table_longer_than_input_is_refused() {
        let e = Header::decode_exact(&[0x03, 0x01, 0x6A, 0x7F, 0]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
        assert_eq!(e.offset(), Some(3));
    }

    #[test]
    fn overlong_integers_are_defects() {
        let b = [0x03, 0x80, 0x01, 0x6A, 0x00];
        let e = Header::decode_exact(&b).unwrap_err();
        assert_eq!(e.offset(), Some(1));
        let d = Header::decode_bytes(&b, &Options::lenient()).unwrap();
        assert_eq!(d.value, Header::ACTIVESYNC);
        assert_eq!(d.defects[0].offset(), Some(1));
    }
}
