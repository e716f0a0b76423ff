//! [MS-OXOAB] 2.9.6 Data Encoding: how one property value is laid out in
//! the `data` field of an OAB_V4_REC.
//!
//! | type | encoding |
//! |---|---|
//! | PtypInteger32 (2.9.6.1) | 0x00–0x7F: that one byte. Larger values: a byte 0x81–0x84 giving the number of value bytes that follow (1–4), then the value little-endian |
//! | PtypBoolean | one byte, 0x00 or 0x01 |
//! | PtypString8 (2.9.6.3) | the bytes, then 0x00 |
//! | PtypString (2.9.6.4) | UTF-8, then 0x00 |
//! | PtypBinary | a length in the integer encoding, then the bytes |
//! | PtypObject | read and written like PtypBinary (the spec allows the type in OAB_PROP_REC but gives it no encoding of its own) |
//! | PtypMultiple* | a count in the integer encoding, then that many element encodings |
//!
//! The writer always produces the shortest integer encoding; the reader
//! accepts longer ones and reports them ([`Defect::NonMinimalInteger`]).

use ms_oxcdata::{PropertyType, PropertyValue};
use msox_codec::{CodePage, Error, ErrorKind, Limits, Reader, Result, String8, Utf16String};

/// Something a lenient decode accepted that the spec does not allow, with
/// the absolute byte offset where it was found. The record it appears in
/// keeps its original bytes, so re-encoding still gives the input back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Defect {
    /// An integer or count written with more bytes than it needs
    /// (2.9.6.1: `0x84 05 00 00 00` for 5).
    NonMinimalInteger {
        /// Offset of the length byte.
        offset: usize,
    },
    /// A PtypBoolean byte other than 0x00 or 0x01.
    BooleanNotZeroOrOne {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        value: u8,
    },
    /// A PtypString that is not valid UTF-8 (decoded with U+FFFD).
    InvalidUtf8 {
        /// Offset of the string.
        offset: usize,
    },
    /// Bits set in the presenceBitArray past the last property
    /// ("Unused bits in the final byte MUST be set to 0").
    UnusedPresenceBits {
        /// Offset of the record.
        offset: usize,
    },
    /// Bytes after the last property value of a record, inside its cbSize.
    RecordTrailingBytes {
        /// Offset of the first such byte.
        offset: usize,
        /// How many.
        count: usize,
    },
    /// Bytes after the two property tables inside OAB_META_DATA's cbSize.
    MetaDataTrailingBytes {
        /// Offset of the first such byte.
        offset: usize,
        /// How many.
        count: usize,
    },
    /// OAB_HDR.ulTotRecs differs from the number of records in the file.
    TotalRecordsMismatch {
        /// ulTotRecs.
        stored: u32,
        /// Records found.
        found: usize,
    },
    /// OAB_HDR.ulSerial differs from the CRC of the file after OAB_HDR.
    SerialMismatch {
        /// ulSerial.
        stored: u32,
        /// The CRC computed.
        computed: u32,
    },
    /// A block or file CRC differs from the CRC of the data.
    CrcMismatch {
        /// Offset of the structure that holds the CRC.
        offset: usize,
        /// The CRC stored.
        stored: u32,
        /// The CRC computed.
        computed: u32,
    },
}

/// Reads a 2.9.6.1 integer; returns it and whether its encoding was the
/// shortest one.
#[inline]
pub(crate) fn read_int(r: &mut Reader<'_>) -> Result<(u32, bool)> {
    let at = r.pos();
    let b = r.u8()?;
    if b < 0x80 {
        return Ok((u32::from(b), true));
    }
    let n = usize::from(b - 0x80);
    if !(1..=4).contains(&n) {
        return Err(r.invalid_at("integer length byte", u64::from(b), at));
    }
    let bytes = r.bytes(n)?;
    let mut le = [0u8; 4];
    for (d, s) in le.iter_mut().zip(bytes) {
        *d = *s;
    }
    let v = u32::from_le_bytes(le);
    Ok((v, v >= 0x80 && int_len(v) == n + 1))
}

/// The length of the 2.9.6.1 encoding of `v`.
#[inline]
pub(crate) const fn int_len(v: u32) -> usize {
    if v < 0x80 {
        1
    } else if v <= 0xFF {
        2
    } else if v <= 0xFFFF {
        3
    } else if v <= 0xFF_FFFF {
        4
    } else {
        5
    }
}

/// Writes the shortest 2.9.6.1 encoding of `v`.
#[inline]
pub(crate) fn write_int(out: &mut Vec<u8>, v: u32) {
    let n = int_len(v);
    if n == 1 {
        out.push(v as u8);
    } else {
        out.push(0x80 + (n - 1) as u8);
        out.extend_from_slice(v.to_le_bytes().get(..n - 1).unwrap_or_default());
    }
}

/// Encodes `v` with the 2.9.6.1 integer encoding.
///
/// ```
/// assert_eq!(ms_oxoab::encoding::encode_int(0x7F), [0x7F]);
/// assert_eq!(ms_oxoab::encoding::encode_int(0x80), [0x81, 0x80]);
/// assert_eq!(ms_oxoab::encoding::encode_int(0x1234), [0x82, 0x34, 0x12]);
/// assert_eq!(ms_oxoab::encoding::encode_int(u32::MAX), [0x84, 0xFF, 0xFF, 0xFF, 0xFF]);
/// ```
pub fn encode_int(v: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(5);
    write_int(&mut out, v);
    out
}

/// Decodes a 2.9.6.1 integer from the front of `bytes`; returns the value
/// and the bytes it used.
///
/// ```
/// assert_eq!(ms_oxoab::encoding::decode_int(&[0x82, 0x34, 0x12, 0xAA]).unwrap(), (0x1234, 3));
/// assert!(ms_oxoab::encoding::decode_int(&[0x85, 0, 0, 0, 0, 0]).is_err());
/// ```
pub fn decode_int(bytes: &[u8]) -> Result<(u32, usize)> {
    let mut r = Reader::new(bytes);
    let (v, _) = read_int(&mut r).map_err(|e| e.resolve(bytes.len()))?;
    Ok((v, r.pos()))
}

/// The property types an OAB_PROP_REC may declare (2.9.4), which are the
/// ones this module can delimit.
pub const ALLOWED_TYPES: [PropertyType; 10] = [
    PropertyType::Integer32,
    PropertyType::Boolean,
    PropertyType::Object,
    PropertyType::String8,
    PropertyType::String,
    PropertyType::Binary,
    PropertyType::MultipleInteger32,
    PropertyType::MultipleString8,
    PropertyType::MultipleString,
    PropertyType::MultipleBinary,
];

/// Decoding state for one record: options plus the defects found.
pub(crate) struct ValueReader<'o> {
    pub code_page: CodePage,
    pub limits: &'o Limits,
    /// Absolute offset of the reader's position 0 in the caller's buffer.
    pub base: usize,
    pub defects: Vec<Defect>,
}

impl ValueReader<'_> {
    #[inline]
    fn int(&mut self, r: &mut Reader<'_>) -> Result<u32> {
        let at = r.pos();
        let (v, canonical) = read_int(r)?;
        if !canonical {
            self.defects.push(Defect::NonMinimalInteger {
                offset: self.base + at,
            });
        }
        Ok(v)
    }

    #[inline]
    fn cstr<'a>(&mut self, r: &mut Reader<'a>) -> Result<&'a [u8]> {
        let rest = r.rest();
        match rest.iter().position(|&b| b == 0) {
            Some(n) => {
                let s = r.bytes(n)?;
                r.skip(1)?;
                Ok(s)
            }
            None => Err(r.error(ErrorKind::UnexpectedEnd {
                needed: rest.len() as u64 + 1,
                available: rest.len() as u64,
            })),
        }
    }

    fn string8(&mut self, r: &mut Reader<'_>) -> Result<String8> {
        Ok(String8::new(self.cstr(r)?, self.code_page))
    }

    fn string(&mut self, r: &mut Reader<'_>) -> Result<Utf16String> {
        let at = r.pos();
        let b = self.cstr(r)?;
        Ok(match std::str::from_utf8(b) {
            Ok(s) => Utf16String::new(s),
            Err(_) => {
                self.defects.push(Defect::InvalidUtf8 {
                    offset: self.base + at,
                });
                Utf16String::new(String::from_utf8_lossy(b).into_owned())
            }
        })
    }

    fn binary(&mut self, r: &mut Reader<'_>) -> Result<Vec<u8>> {
        let n = self.int(r)? as usize;
        if n > r.remaining() {
            return Err(r.error(ErrorKind::LimitExceeded {
                what: "binary length",
                value: n as u64,
                max: r.remaining() as u64,
            }));
        }
        Ok(r.bytes(n)?.to_vec())
    }

    fn count(&mut self, r: &mut Reader<'_>, what: &'static str) -> Result<usize> {
        let n = self.int(r)?;
        // Every element takes at least one byte.
        r.check_count(u64::from(n), 1, what, self.limits)
    }

    /// Reads one value of type `t`.
    pub fn value(&mut self, r: &mut Reader<'_>, t: PropertyType) -> Result<PropertyValue> {
        Ok(match t {
            PropertyType::Integer32 => PropertyValue::Integer32(self.int(r)? as i32),
            PropertyType::Boolean => {
                let at = r.pos();
                let b = r.u8()?;
                if b > 1 {
                    self.defects.push(Defect::BooleanNotZeroOrOne {
                        offset: self.base + at,
                        value: b,
                    });
                }
                PropertyValue::Boolean(b != 0)
            }
            PropertyType::String8 => PropertyValue::String8(self.string8(r)?),
            PropertyType::String => PropertyValue::String(self.string(r)?),
            PropertyType::Binary => PropertyValue::Binary(self.binary(r)?),
            PropertyType::Object => PropertyValue::Object(self.binary(r)?),
            PropertyType::MultipleInteger32 => {
                let n = self.count(r, "PtypMultipleInteger32 count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.int(r)? as i32);
                }
                PropertyValue::MultipleInteger32(v)
            }
            PropertyType::MultipleString8 => {
                let n = self.count(r, "PtypMultipleString8 count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.string8(r)?);
                }
                PropertyValue::MultipleString8(v)
            }
            PropertyType::MultipleString => {
                let n = self.count(r, "PtypMultipleString count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.string(r)?);
                }
                PropertyValue::MultipleString(v)
            }
            PropertyType::MultipleBinary => {
                let n = self.count(r, "PtypMultipleBinary count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.binary(r)?);
                }
                PropertyValue::MultipleBinary(v)
            }
            other => {
                return Err(r.error(ErrorKind::Unsupported(
                    format!("property type {other} has no OAB value encoding ([MS-OXOAB] 2.9.4)")
                        .into(),
                )));
            }
        })
    }
}

fn put_cstr(out: &mut Vec<u8>, b: &[u8], what: &'static str) -> Result<()> {
    if b.contains(&0) {
        return Err(Error::new(ErrorKind::Malformed(
            format!("{what} contains a 0x00 byte, which the OAB string encoding cannot carry")
                .into(),
        )));
    }
    out.extend_from_slice(b);
    out.push(0);
    Ok(())
}

fn put_len(out: &mut Vec<u8>, n: usize, what: &'static str) -> Result<()> {
    let v = u32::try_from(n).map_err(|_| Error::too_large(what, n as u64, u64::from(u32::MAX)))?;
    write_int(out, v);
    Ok(())
}

/// Writes one value, which must be of type `t`.
pub(crate) fn write_value(out: &mut Vec<u8>, t: PropertyType, v: &PropertyValue) -> Result<()> {
    use PropertyValue as V;
    match (t, v) {
        (PropertyType::Integer32, V::Integer32(i)) => write_int(out, *i as u32),
        (PropertyType::Boolean, V::Boolean(b)) => out.push(u8::from(*b)),
        (PropertyType::String8, V::String8(s)) => put_cstr(out, s.bytes(), "PtypString8")?,
        (PropertyType::String, V::String(s)) => put_cstr(out, s.as_str().as_bytes(), "PtypString")?,
        (PropertyType::Binary, V::Binary(b)) | (PropertyType::Object, V::Object(b)) => {
            put_len(out, b.len(), "PtypBinary length")?;
            out.extend_from_slice(b);
        }
        (PropertyType::MultipleInteger32, V::MultipleInteger32(v)) => {
            put_len(out, v.len(), "value count")?;
            for i in v {
                write_int(out, *i as u32);
            }
        }
        (PropertyType::MultipleString8, V::MultipleString8(v)) => {
            put_len(out, v.len(), "value count")?;
            for s in v {
                put_cstr(out, s.bytes(), "PtypString8")?;
            }
        }
        (PropertyType::MultipleString, V::MultipleString(v)) => {
            put_len(out, v.len(), "value count")?;
            for s in v {
                put_cstr(out, s.as_str().as_bytes(), "PtypString")?;
            }
        }
        (PropertyType::MultipleBinary, V::MultipleBinary(v)) => {
            put_len(out, v.len(), "value count")?;
            for b in v {
                put_len(out, b.len(), "PtypBinary length")?;
                out.extend_from_slice(b);
            }
        }
        (t, v) => {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "a {} value cannot be written for a {t} property",
                    v.prop_type()
                )
                .into(),
            )));
        }
    }
    Ok(())
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_integer_length_round_trips() {
        for v in [
            0,
            1,
            0x7F,
            0x80,
            0xFF,
            0x100,
            0xFFFF,
            0x1_0000,
            0xFF_FFFF,
            0x100_0000,
            u32::MAX,
        ] {
            let e = encode_int(v);
            assert_eq!(e.len(), int_len(v));
            let mut r = Reader::new(&e);
            assert_eq!(read_int(&mut r).unwrap(), (v, true), "{v:#x}");
            assert!(r.is_empty());
        }
    }

    #[test]
    fn longer_integer_encodings_are_read_and_flagged() {
        let mut r = Reader::new(&[0x84, 5, 0, 0, 0]);
        assert_eq!(read_int(&mut r).unwrap(), (5, false));
        let mut r = Reader::new(&[0x81, 5]);
        assert_eq!(read_int(&mut r).unwrap(), (5, false));
        let mut r = Reader::new(&[0x82, 0x80, 0x00]);
        assert_eq!(read_int(&mut r).unwrap(), (0x80, false));
    }

    #[test]
    fn length_bytes_0x80_and_above_0x84_are_errors() {
        for b in [0x80u8, 0x85, 0xFF] {
            let buf = [b, 0, 0, 0, 0, 0, 0, 0, 0];
            assert!(read_int(&mut Reader::new(&buf)).is_err(), "{b:#x}");
        }
    }
}
