//! [WBXML 1.3] 5.8.4 Global tokens and the mb_u_int32 integer form
//! (WAP-192-WBXML-20010725 5.1), as [MS-ASWBXML] 2.1.1 profiles them.

use msox_codec::{Error, ErrorKind, Reader, Result};

/// `SWITCH_PAGE`: the next byte is a code page number.
pub const SWITCH_PAGE: u8 = 0x00;
/// `END`: ends an element's content or an attribute list.
pub const END: u8 = 0x01;
/// `ENTITY`: a character entity (mb_u_int32 code point).
pub const ENTITY: u8 = 0x02;
/// `STR_I`: an inline string, NUL-terminated.
pub const STR_I: u8 = 0x03;
/// `LITERAL`: a tag or attribute named by a string-table index.
pub const LITERAL: u8 = 0x04;
/// `EXT_I_0`: an inline-string extension (`EXT_I_1` and `EXT_I_2` follow).
pub const EXT_I_0: u8 = 0x40;
/// `PI`: a processing instruction.
pub const PI: u8 = 0x43;
/// `LITERAL_C`: a literal tag with content.
pub const LITERAL_C: u8 = 0x44;
/// `EXT_T_0`: a string-table-reference extension (`EXT_T_1`, `EXT_T_2` follow).
pub const EXT_T_0: u8 = 0x80;
/// `STR_T`: a string-table reference.
pub const STR_T: u8 = 0x83;
/// `LITERAL_A`: a literal tag with attributes.
pub const LITERAL_A: u8 = 0x84;
/// `EXT_0`: a single-byte extension (`EXT_1`, `EXT_2` follow).
pub const EXT_0: u8 = 0xC0;
/// `OPAQUE`: length-prefixed binary data.
pub const OPAQUE: u8 = 0xC3;
/// `LITERAL_AC`: a literal tag with attributes and content.
pub const LITERAL_AC: u8 = 0xC4;

/// Tag-token flag: the element has content (ends with `END`).
pub const TAG_CONTENT: u8 = 0x40;
/// Tag-token flag: the element has an attribute list (ends with `END`).
pub const TAG_ATTRIBUTES: u8 = 0x80;

/// Parses an mb_u_int32 at the front of `s`: the value, the bytes it
/// took, and whether it was overlong; or what is wrong and at which offset
/// of `s`.
#[inline]
pub(crate) fn mb_parse(s: &[u8]) -> std::result::Result<(u32, usize, bool), (ErrorKind, usize)> {
    let mut v: u64 = 0;
    for i in 0..5 {
        let Some(&b) = s.get(i) else {
            return Err((
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                i,
            ));
        };
        v = (v << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            let Ok(v32) = u32::try_from(v) else {
                return Err((
                    ErrorKind::InvalidValue {
                        field: "mb_u_int32",
                        value: v,
                    },
                    0,
                ));
            };
            let overlong = i > 0 && s.first() == Some(&0x80);
            return Ok((v32, i + 1, overlong));
        }
    }
    Err((
        ErrorKind::Malformed("mb_u_int32 longer than 5 bytes".into()),
        0,
    ))
}

/// Reads an mb_u_int32 at `*pos` of `data`: big-endian groups of 7 bits,
/// the high bit set on every byte but the last. Returns the value and
/// whether the encoding was overlong (leading `0x80` groups). Values over
/// 32 bits and more than 5 bytes are errors (offsets count in `data`).
#[inline]
pub fn read_mb_u32(data: &[u8], pos: &mut usize) -> Result<(u32, bool)> {
    let start = *pos;
    match mb_parse(data.get(start..).unwrap_or_default()) {
        Ok((v, n, overlong)) => {
            *pos = start + n;
            Ok((v, overlong))
        }
        Err((kind, off)) => Err(Error::at_offset(kind, start + off)),
    }
}

/// Reads an mb_u_int32 at the reader's position (errors with the reader's
/// offset and path); returns the value and whether it was overlong.
#[inline]
pub fn read_mb(r: &mut Reader<'_>) -> Result<(u32, bool)> {
    let at = r.pos();
    match mb_parse(r.rest()) {
        Ok((v, n, overlong)) => {
            r.skip(n)?;
            Ok((v, overlong))
        }
        Err((kind, off)) => Err(r.error_at(kind, at + off)),
    }
}

/// [`read_mb`], with an overlong encoding a defect (lenient: recorded, the
/// value kept and re-encoded minimal).
pub(crate) fn read_mb_field(r: &mut Reader<'_>) -> Result<u32> {
    let at = r.pos();
    let (v, overlong) = read_mb(r)?;
    if overlong {
        r.defect_at(overlong_kind(), at, OVERLONG_ACTION)?;
    }
    Ok(v)
}

/// The defect of an overlong mb_u_int32.
pub(crate) fn overlong_kind() -> ErrorKind {
    ErrorKind::Malformed("overlong mb_u_int32".into())
}

/// What lenient decoding does about an overlong mb_u_int32.
pub(crate) const OVERLONG_ACTION: &str = "value kept; written back minimal";

/// Bytes [`write_mb_u32`] writes for `v`.
#[inline]
pub const fn mb_u32_len(v: u32) -> usize {
    match v {
        0..=0x7F => 1,
        0x80..=0x3FFF => 2,
        0x4000..=0x1F_FFFF => 3,
        0x20_0000..=0x0FFF_FFFF => 4,
        _ => 5,
    }
}

/// Appends `v` as a minimal mb_u_int32.
#[inline]
pub fn write_mb_u32(out: &mut Vec<u8>, v: u32) {
    let n = mb_u32_len(v);
    for i in (0..n).rev() {
        let group = ((v >> (7 * i)) & 0x7F) as u8;
        out.push(if i == 0 { group } else { group | 0x80 });
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mb_u32_round_trips_at_every_width_boundary() {
        for v in [
            0,
            1,
            0x7F,
            0x80,
            0x3FFF,
            0x4000,
            0x1F_FFFF,
            0x20_0000,
            0x0FFF_FFFF,
            0x1000_0000,
            u32::MAX,
        ] {
            let mut b = Vec::new();
            write_mb_u32(&mut b, v);
            assert_eq!(b.len(), mb_u32_len(v));
            let mut pos = 0;
            assert_eq!(read_mb_u32(&b, &mut pos).unwrap(), (v, false));
            assert_eq!(pos, b.len());
        }
    }

    #[test]
    fn overlong_too_long_and_too_large_are_told_apart() {
        let mut pos = 0;
        assert_eq!(read_mb_u32(&[0x80, 0x05], &mut pos).unwrap(), (5, true));
        assert!(read_mb_u32(&[0x80; 6], &mut 0).is_err());
        assert!(read_mb_u32(&[0x9F, 0xFF, 0xFF, 0xFF, 0x7F], &mut 0).is_err());
        assert!(
            read_mb_u32(&[0x81], &mut 0)
                .unwrap_err()
                .is_unexpected_end()
        );
    }
}
