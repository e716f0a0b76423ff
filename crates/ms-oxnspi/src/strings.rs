//! `[string]` referents: a conformant varying array of 8-bit or UTF-16
//! characters that ends with a null character (C706 14.3.4).

use msox_codec::{CodePage, ErrorKind, Result, String8, Utf16String};

use crate::ndr::{NdrReader, NdrWriter};

/// The code page an 8-bit NSPI string is labelled with when decoded: the
/// bytes are kept as they are, and [`String8::set_code_page`] relabels them
/// (the STAT's CodePage says which one the server used).
pub const DEFAULT_CODE_PAGE: CodePage = CodePage::WINDOWS_1252;

fn unterminated(n: &mut NdrReader<'_, '_>, at: usize) -> Result<()> {
    n.reader().defect_at(
        ErrorKind::Malformed("string without its null terminator".into()),
        at,
        "characters kept; a terminator is added when written",
    )
}

/// Reads a `[string] char*` referent.
pub fn read_string8(n: &mut NdrReader<'_, '_>) -> Result<String8> {
    let at = n.pos();
    let (_, len) = n.varying(1, "actual_count")?;
    n.reader().reserve_backed(len, "string")?;
    let b = n.bytes(len)?;
    match b.split_last() {
        Some((0, body)) => Ok(String8::new(body.to_vec(), DEFAULT_CODE_PAGE)),
        _ => {
            unterminated(n, at)?;
            Ok(String8::new(b.to_vec(), DEFAULT_CODE_PAGE))
        }
    }
}

/// Writes a `[string] char*` referent (the terminator added).
pub fn write_string8(w: &mut NdrWriter, s: &String8) -> Result<()> {
    let n = s.bytes().len() + 1;
    w.count(n, "max_count")?;
    w.u32(0);
    w.count(n, "actual_count")?;
    w.put(s.bytes());
    w.u8(0);
    Ok(())
}

/// Bytes of an 8-bit string's characters including the terminator.
pub fn string8_units(s: &String8) -> usize {
    s.bytes().len() + 1
}

/// Reads a `[string] wchar_t*` referent.
pub fn read_wstring(n: &mut NdrReader<'_, '_>) -> Result<Utf16String> {
    let at = n.pos();
    let (_, len) = n.varying(2, "actual_count")?;
    let bytes = len.saturating_mul(2);
    n.reader().reserve_backed(bytes, "string")?;
    let b = n.bytes(bytes)?;
    match b.len().checked_sub(2).and_then(|k| b.split_at_checked(k)) {
        Some((body, [0, 0])) => Ok(Utf16String::from_le_bytes(body)),
        _ => {
            unterminated(n, at)?;
            Ok(Utf16String::from_le_bytes(b))
        }
    }
}

/// Writes a `[string] wchar_t*` referent (the terminator added).
pub fn write_wstring(w: &mut NdrWriter, s: &Utf16String) -> Result<()> {
    let units = s.byte_len() / 2 + 1;
    w.count(units, "max_count")?;
    w.u32(0);
    w.count(units, "actual_count")?;
    w.put(&s.to_le_bytes());
    w.put(&[0, 0]);
    Ok(())
}
