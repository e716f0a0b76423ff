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
//! accepts longer ones in lenient mode and reports them as defects.
//!
//! This is the OAB framing of values only: the edge decisions are
//! ms-oxcdata's one property-value policy. A PtypBoolean byte is read by
//! [`ms_oxcdata::value::read_fixed`] (so a byte other than 0 or 1 goes
//! through [`ms_oxcdata::value::boolean_policy`]); a type that OAB_PROP_REC
//! does not allow goes through [`ms_oxcdata::value::unknown_type_policy`]
//! (a value of it cannot be delimited: an error, which lenient decoding of
//! a file turns into a record kept as raw bytes). A value kept as read
//! ([`PropertyValue::Raw`] with [`ValueEncoding::Oab`]: a PtypBoolean byte
//! other than 0 or 1, a PtypString that is not UTF-8) is written back byte
//! for byte.

use ms_oxcdata::value::{read_fixed, unknown_type_policy};
use ms_oxcdata::{PropertyType, PropertyValue, ValueEncoding};
use msox_codec::{CodePage, Error, ErrorKind, Reader, Result, String8, Utf16String};

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
    let (v, _) = read_int(&mut r)?;
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

/// Reads one 2.9.6.1 integer at the reader's position; a longer encoding
/// than needed is a defect (strict: an error at its length byte).
#[inline]
fn int(r: &mut Reader<'_>) -> Result<u32> {
    let at = r.pos();
    let (v, canonical) = read_int(r)?;
    if !canonical {
        r.defect_at(
            ErrorKind::Malformed("integer not in its shortest encoding".into()),
            at,
            "value read; record kept as read",
        )?;
    }
    Ok(v)
}

/// A 2.9.6.1 count of elements of at least one byte each, checked against
/// the window and charged to the session.
fn count(r: &mut Reader<'_>, what: &'static str) -> Result<usize> {
    let n = int(r)?;
    r.check_count(u64::from(n), 1, what)
}

/// A 2.9.6.3 / 2.9.6.5 length-prefixed run of bytes, copied (charged).
fn binary(r: &mut Reader<'_>) -> Result<Vec<u8>> {
    let n = int(r)? as usize;
    r.reserve_backed(n, "binary length")?;
    Ok(r.bytes(n)?.to_vec())
}

/// A 2.9.6.4 PtypString: UTF-8, then 0x00. `None` (after a defect) when
/// the bytes are not UTF-8.
fn utf8(r: &mut Reader<'_>) -> Result<Option<Utf16String>> {
    let at = r.pos();
    let b = r.bytes_nul_terminated()?;
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Some(Utf16String::new(s))),
        Err(e) => {
            r.defect_at(
                ErrorKind::BadString { encoding: "UTF-8" },
                at + e.valid_up_to(),
                "value kept as raw bytes",
            )?;
            Ok(None)
        }
    }
}

/// Reads one value of type `t` ([MS-OXOAB] 2.9.6) at the reader's
/// position, in a frame `data[index](Ptyp...)`.
///
/// PtypString8 values are tagged with `code_page` (the file does not say
/// which; the bytes are kept as read). See the module docs for the policy.
pub fn read_value(
    r: &mut Reader<'_>,
    t: PropertyType,
    index: usize,
    code_page: CodePage,
) -> Result<PropertyValue> {
    r.frame_indexed("data", index, |r| {
        if let Some(name) = t.name() {
            r.set_variant(name);
        }
        let start = r.pos();
        let raw = |r: &Reader<'_>| PropertyValue::Raw {
            prop_type: t,
            bytes: r.since(start).to_vec(),
            encoding: ValueEncoding::Oab,
        };
        Ok(match t {
            PropertyType::Integer32 => PropertyValue::Integer32(int(r)? as i32),
            // One byte, 0x00 or 0x01: the shared fixed-size table and its
            // PtypBoolean policy (a Raw value for any other byte).
            PropertyType::Boolean => match read_fixed(r, t, ValueEncoding::Oab)? {
                Some(v) => v,
                None => raw(r),
            },
            PropertyType::String8 => {
                PropertyValue::String8(String8::new(r.bytes_nul_terminated()?, code_page))
            }
            PropertyType::String => match utf8(r)? {
                Some(s) => PropertyValue::String(s),
                None => raw(r),
            },
            PropertyType::Binary => PropertyValue::Binary(binary(r)?),
            PropertyType::Object => PropertyValue::Object(binary(r)?),
            PropertyType::MultipleInteger32 => {
                let n = count(r, "PtypMultipleInteger32 count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(int(r)? as i32);
                }
                PropertyValue::MultipleInteger32(v)
            }
            PropertyType::MultipleString8 => {
                let n = count(r, "PtypMultipleString8 count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(String8::new(r.bytes_nul_terminated()?, code_page));
                }
                PropertyValue::MultipleString8(v)
            }
            PropertyType::MultipleString => {
                let n = count(r, "PtypMultipleString count")?;
                let mut v = Vec::with_capacity(n);
                let mut all_utf8 = true;
                for _ in 0..n {
                    match utf8(r)? {
                        Some(s) => v.push(s),
                        None => all_utf8 = false,
                    }
                }
                if all_utf8 {
                    PropertyValue::MultipleString(v)
                } else {
                    raw(r)
                }
            }
            PropertyType::MultipleBinary => {
                let n = count(r, "PtypMultipleBinary count")?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(binary(r)?);
                }
                PropertyValue::MultipleBinary(v)
            }
            other => {
                // [MS-OXOAB] 2.9.4 allows no other type: its value has no
                // OAB encoding, so it cannot be delimited.
                unknown_type_policy(r, other, start, false)?;
                return Err(r.invalid_at("PropertyType", u64::from(other.value()), start));
            }
        })
    })
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
        (
            t,
            V::Raw {
                prop_type,
                bytes,
                encoding,
            },
        ) if *prop_type == t => {
            if *encoding != ValueEncoding::Oab {
                return Err(Error::new(ErrorKind::Unsupported(
                    format!(
                        "a {t} value kept as bytes of the {encoding:?} encoding cannot be written into an OAB record"
                    )
                    .into(),
                )));
            }
            out.extend_from_slice(bytes);
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
