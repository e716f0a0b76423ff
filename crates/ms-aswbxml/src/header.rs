//! [WBXML 1.3] 5.3–5.7: the document header (version, public identifier,
//! charset, string table), as [MS-ASWBXML] 2.1.1 uses it: WBXML 1.3,
//! public identifier 1 ("unknown"), charset 106 (UTF-8), and usually an
//! empty string table.

use crate::token::{mb_u32_len, read_mb_u32, write_mb_u32};
use msox_codec::{Error, ErrorKind, Limits, Result};

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
    /// Parses the header at the front of `data`; returns it with the
    /// number of bytes it took and whether an integer was overlong.
    pub fn parse(data: &'a [u8], limits: &Limits) -> Result<(Header<'a>, usize, bool)> {
        let mut pos = 0;
        let version = *data.first().ok_or_else(|| {
            Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                0,
            )
        })?;
        pos += 1;
        let mut overlong = false;
        let (pid, o) = read_mb_u32(data, &mut pos)?;
        overlong |= o;
        let public_id = if pid == 0 {
            let (idx, o) = read_mb_u32(data, &mut pos)?;
            overlong |= o;
            PublicId::StringTable(idx)
        } else {
            PublicId::Known(pid)
        };
        let charset = if version == 0 {
            None
        } else {
            let (c, o) = read_mb_u32(data, &mut pos)?;
            overlong |= o;
            Some(c)
        };
        let len_at = pos;
        let (len, o) = read_mb_u32(data, &mut pos)?;
        overlong |= o;
        let len = len as usize;
        let available = data.len().saturating_sub(pos);
        if len > available {
            return Err(Error::at_offset(
                ErrorKind::LimitExceeded {
                    what: "string table length",
                    value: len as u64,
                    max: available as u64,
                },
                len_at,
            ));
        }
        limits.check_alloc(len).map_err(|e| e.shift(len_at))?;
        let string_table = data.get(pos..pos + len).unwrap_or_default();
        pos += len;
        let h = Header {
            version,
            public_id,
            charset,
            string_table,
        };
        Ok((h, pos, overlong))
    }

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

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activesync_header_is_four_bytes() {
        let mut v = Vec::new();
        Header::ACTIVESYNC.write(&mut v).unwrap();
        assert_eq!(v, [0x03, 0x01, 0x6A, 0x00]);
        assert_eq!(Header::ACTIVESYNC.encoded_len(), 4);
        let (h, n, overlong) = Header::parse(&v, &Limits::default()).unwrap();
        assert_eq!((h, n, overlong), (Header::ACTIVESYNC, 4, false));
        assert_eq!(h.version_string(), "1.3");
    }

    #[test]
    fn string_table_public_id_and_wbxml_1_0() {
        let bytes = [0x00, 0x00, 0x02, 0x05, b'a', 0, b'x', b'y', 0];
        let (h, n, _) = Header::parse(&bytes, &Limits::default()).unwrap();
        assert_eq!(n, bytes.len());
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
        let e = Header::parse(&[0x03, 0x01, 0x6A, 0x7F, 0], &Limits::default()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
        assert_eq!(e.offset(), Some(3));
    }
}
