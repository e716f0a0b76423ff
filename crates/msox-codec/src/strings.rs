//! Strings as Exchange formats carry them: UTF-16LE, and 8-bit strings in a
//! Windows code page. Both keep invalid data losslessly (the raw bytes) and
//! offer a lossy text view, so `encode(decode(x)) == x` even for broken input.

use std::borrow::Cow;
use std::fmt;

use bytes::BufMut;
use encoding_rs::Encoding;

use crate::error::{Error, ErrorKind, Result};
use crate::reader::Reader;

/// A UTF-16LE string, kept losslessly.
///
/// Valid UTF-16 is held as a Rust `String` (re-encoding reproduces the exact
/// bytes). Invalid UTF-16 (an unpaired surrogate, an odd byte count) also
/// keeps the raw bytes, which encoding writes back unchanged; [`Utf16String::as_str`]
/// then gives a lossy view with U+FFFD.
///
/// ```
/// use msox_codec::Utf16String;
/// let s = Utf16String::from_le_bytes(&[b'H', 0, b'i', 0]);
/// assert_eq!(s.as_str(), "Hi");
/// assert!(s.is_valid());
/// let broken = Utf16String::from_le_bytes(&[0x00, 0xD8, b'x', 0]); // lone surrogate
/// assert_eq!(broken.as_str(), "\u{FFFD}x");
/// assert_eq!(broken.to_le_bytes(), [0x00, 0xD8, b'x', 0]);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Utf16String {
    text: String,
    raw: Option<Box<[u8]>>,
}

impl Utf16String {
    /// A string from Rust text (always valid).
    pub fn new(text: impl Into<String>) -> Self {
        Utf16String {
            text: text.into(),
            raw: None,
        }
    }

    /// Decodes UTF-16LE bytes (no terminator handling).
    pub fn from_le_bytes(bytes: &[u8]) -> Self {
        let (pairs, odd_byte) = bytes.as_chunks::<2>();
        let odd = !odd_byte.is_empty();
        let units = pairs.iter().map(|&p| u16::from_le_bytes(p));
        let mut text = String::with_capacity(bytes.len() / 2);
        let mut valid = !odd;
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => text.push(c),
                Err(_) => {
                    valid = false;
                    text.push(char::REPLACEMENT_CHARACTER);
                }
            }
        }
        if odd {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        Utf16String {
            text,
            raw: if valid { None } else { Some(bytes.into()) },
        }
    }

    /// The text (lossy, with U+FFFD, when the input was not valid UTF-16).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Consumes the string, returning the (possibly lossy) text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Whether the input was valid UTF-16 (so `as_str` is exact).
    pub fn is_valid(&self) -> bool {
        self.raw.is_none()
    }

    /// The raw bytes kept for invalid input.
    pub fn raw_bytes(&self) -> Option<&[u8]> {
        self.raw.as_deref()
    }

    /// The text, or [`ErrorKind::BadString`] if the input was not valid UTF-16.
    pub fn to_str_strict(&self) -> Result<&str> {
        match self.raw {
            None => Ok(&self.text),
            Some(_) => Err(Error::new(ErrorKind::BadString {
                encoding: "UTF-16LE",
            })),
        }
    }

    /// Length of the UTF-16LE encoding in bytes (no terminator).
    pub fn byte_len(&self) -> usize {
        match &self.raw {
            Some(r) => r.len(),
            None => self.text.encode_utf16().count() * 2,
        }
    }

    /// Writes the UTF-16LE encoding (no terminator).
    pub fn write_le<B: BufMut>(&self, buf: &mut B) {
        match &self.raw {
            Some(r) => buf.put_slice(r),
            None => {
                for u in self.text.encode_utf16() {
                    buf.put_u16_le(u);
                }
            }
        }
    }

    /// The UTF-16LE encoding (no terminator).
    pub fn to_le_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.byte_len());
        self.write_le(&mut v);
        v
    }

    /// Reads a string terminated by a 0x0000 code unit (consumed, not kept).
    pub fn read_nul_terminated(r: &mut Reader<'_>) -> Result<Self> {
        let bytes = r.frame("null-terminated UTF-16 string", |r| {
            r.utf16_nul_terminated()
        })?;
        Ok(Self::from_le_bytes(bytes))
    }

    /// Writes the string followed by a 0x0000 terminator.
    pub fn write_nul_terminated<B: BufMut>(&self, buf: &mut B) {
        self.write_le(buf);
        buf.put_u16_le(0);
    }
}

impl fmt::Debug for Utf16String {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.raw {
            None => fmt::Debug::fmt(&self.text, f),
            Some(r) => write!(
                f,
                "{:?} (invalid UTF-16: {} bytes kept)",
                self.text,
                r.len()
            ),
        }
    }
}

impl fmt::Display for Utf16String {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Utf16String {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for Utf16String {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl PartialEq<str> for Utf16String {
    fn eq(&self, other: &str) -> bool {
        self.raw.is_none() && self.text == other
    }
}

impl PartialEq<&str> for Utf16String {
    fn eq(&self, other: &&str) -> bool {
        self.raw.is_none() && self.text == *other
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Raw { text: String, raw_hex: String },
    }

    impl serde::Serialize for Utf16String {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            match &self.raw {
                None => s.serialize_str(&self.text),
                Some(r) => Repr::Raw {
                    text: self.text.clone(),
                    raw_hex: crate::hex::encode(r),
                }
                .serialize(s),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Utf16String {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            match Repr::deserialize(d)? {
                Repr::Text(t) => Ok(Utf16String::new(t)),
                Repr::Raw { raw_hex, .. } => {
                    let raw = crate::hex::decode(&raw_hex).map_err(serde::de::Error::custom)?;
                    Ok(Utf16String::from_le_bytes(&raw))
                }
            }
        }
    }
}

/// A Windows code page number (`CPID`), as MAPI properties, TNEF
/// (attOemCodepage), RTF (`\ansicpg`) and .msg files carry them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CodePage(pub u32);

impl CodePage {
    /// Windows-1252 (Western European), the usual default.
    pub const WINDOWS_1252: CodePage = CodePage(1252);
    /// UTF-8.
    pub const UTF_8: CodePage = CodePage(65001);
    /// Shift_JIS (Japanese).
    pub const SHIFT_JIS: CodePage = CodePage(932);
    /// US-ASCII.
    pub const US_ASCII: CodePage = CodePage(20127);

    /// The encoding_rs encoding for this code page, if it has one.
    /// US-ASCII and ISO-8859-1 map to windows-1252 (a superset, as the WHATWG
    /// Encoding Standard does).
    pub fn encoding(self) -> Option<&'static Encoding> {
        use encoding_rs::*;
        Some(match self.0 {
            437 | 1252 | 20127 | 28591 => WINDOWS_1252,
            866 => IBM866,
            874 => WINDOWS_874,
            932 => SHIFT_JIS,
            936 => GBK,
            949 => EUC_KR,
            950 => BIG5,
            1200 => UTF_16LE,
            1201 => UTF_16BE,
            1250 => WINDOWS_1250,
            1251 => WINDOWS_1251,
            1253 => WINDOWS_1253,
            1254 => WINDOWS_1254,
            1255 => WINDOWS_1255,
            1256 => WINDOWS_1256,
            1257 => WINDOWS_1257,
            1258 => WINDOWS_1258,
            10000 => MACINTOSH,
            10017 => X_MAC_CYRILLIC,
            20866 => KOI8_R,
            21866 => KOI8_U,
            20932 | 51932 => EUC_JP,
            28592 => ISO_8859_2,
            28593 => ISO_8859_3,
            28594 => ISO_8859_4,
            28595 => ISO_8859_5,
            28596 => ISO_8859_6,
            28597 => ISO_8859_7,
            28598 => ISO_8859_8,
            38598 => ISO_8859_8_I,
            28599 => WINDOWS_1254,
            28600 => ISO_8859_10,
            28603 => ISO_8859_13,
            28604 => ISO_8859_14,
            28605 => ISO_8859_15,
            28606 => ISO_8859_16,
            50220..=50222 => ISO_2022_JP,
            51949 => EUC_KR,
            52936 | 54936 => GB18030,
            65001 => UTF_8,
            _ => return None,
        })
    }

    /// The code page for an encoding label (`"windows-1252"`, `"shift_jis"`,
    /// `"utf-8"` ...), as the reverse of [`CodePage::encoding`].
    pub fn from_label(label: &str) -> Option<CodePage> {
        let enc = Encoding::for_label(label.as_bytes())?;
        Self::from_encoding(enc)
    }

    /// The usual Windows code page of an encoding_rs encoding.
    pub fn from_encoding(enc: &'static Encoding) -> Option<CodePage> {
        use encoding_rs::*;
        let table: [(&'static Encoding, u32); 34] = [
            (WINDOWS_1252, 1252),
            (UTF_8, 65001),
            (SHIFT_JIS, 932),
            (GBK, 936),
            (EUC_KR, 949),
            (BIG5, 950),
            (UTF_16LE, 1200),
            (UTF_16BE, 1201),
            (WINDOWS_1250, 1250),
            (WINDOWS_1251, 1251),
            (WINDOWS_1253, 1253),
            (WINDOWS_1254, 1254),
            (WINDOWS_1255, 1255),
            (WINDOWS_1256, 1256),
            (WINDOWS_1257, 1257),
            (WINDOWS_1258, 1258),
            (WINDOWS_874, 874),
            (IBM866, 866),
            (MACINTOSH, 10000),
            (X_MAC_CYRILLIC, 10017),
            (KOI8_R, 20866),
            (KOI8_U, 21866),
            (EUC_JP, 51932),
            (ISO_2022_JP, 50220),
            (GB18030, 54936),
            (ISO_8859_2, 28592),
            (ISO_8859_3, 28593),
            (ISO_8859_4, 28594),
            (ISO_8859_5, 28595),
            (ISO_8859_6, 28596),
            (ISO_8859_7, 28597),
            (ISO_8859_8, 28598),
            (ISO_8859_13, 28603),
            (ISO_8859_15, 28605),
        ];
        table
            .iter()
            .find(|(e, _)| *e == enc)
            .map(|&(_, cp)| CodePage(cp))
    }
}

impl fmt::Display for CodePage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.encoding() {
            Some(e) => write!(f, "{} ({})", self.0, e.name()),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Decodes 8-bit text in code page `cp`. Returns the text (with U+FFFD for
/// bytes that are invalid in the code page) and whether it was exact.
/// Unknown code pages decode as windows-1252 and count as inexact.
pub fn decode_8bit(bytes: &[u8], cp: CodePage) -> (Cow<'_, str>, bool) {
    match cp.encoding() {
        Some(enc) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            (text, !had_errors)
        }
        None => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, false)
        }
    }
}

/// An 8-bit string with the code page it is in, kept losslessly as bytes.
///
/// ```
/// use msox_codec::{CodePage, String8};
/// let s = String8::new(vec![0x93, 0xFA, 0x96, 0x7B], CodePage::SHIFT_JIS);
/// assert_eq!(s.to_string_lossy(), "日本");
/// let back = String8::encode_str("日本", CodePage::SHIFT_JIS).unwrap();
/// assert_eq!(back.bytes(), s.bytes());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct String8 {
    bytes: Vec<u8>,
    code_page: CodePage,
}

impl String8 {
    /// Bytes in code page `code_page`.
    pub fn new(bytes: impl Into<Vec<u8>>, code_page: CodePage) -> Self {
        String8 {
            bytes: bytes.into(),
            code_page,
        }
    }

    /// Encodes `text` into code page `cp`; fails with
    /// [`ErrorKind::BadString`] if a character has no mapping there.
    pub fn encode_str(text: &str, cp: CodePage) -> Result<Self> {
        let enc = cp.encoding().ok_or_else(|| {
            Error::new(ErrorKind::Unsupported(
                format!("code page {} has no encoder", cp.0).into(),
            ))
        })?;
        // encoding_rs encodes UTF-16 as UTF-8 (per the Encoding Standard);
        // do UTF-16 by hand so code page 1200/1201 round-trip.
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            let le = enc == encoding_rs::UTF_16LE;
            let mut v = Vec::with_capacity(text.len() * 2);
            for u in text.encode_utf16() {
                v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            return Ok(String8::new(v, cp));
        }
        let (bytes, _, unmappable) = enc.encode(text);
        if unmappable {
            return Err(Error::new(ErrorKind::BadString {
                encoding: enc.name(),
            }));
        }
        Ok(String8::new(bytes.into_owned(), cp))
    }

    /// The raw bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Consumes the string, returning its raw bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The code page the bytes are in.
    pub fn code_page(&self) -> CodePage {
        self.code_page
    }

    /// Reinterprets the same bytes in another code page (when the code page
    /// becomes known only after decoding, as with attOemCodepage in TNEF).
    pub fn set_code_page(&mut self, cp: CodePage) {
        self.code_page = cp;
    }

    /// The text, with U+FFFD for bytes invalid in the code page.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        decode_8bit(&self.bytes, self.code_page).0
    }

    /// The text, or [`ErrorKind::BadString`] if any byte is invalid in the
    /// code page (or the code page is unknown).
    pub fn to_str_strict(&self) -> Result<Cow<'_, str>> {
        match decode_8bit(&self.bytes, self.code_page) {
            (t, true) => Ok(t),
            (_, false) => Err(Error::new(ErrorKind::BadString {
                encoding: self
                    .code_page
                    .encoding()
                    .map_or("unknown code page", |e| e.name()),
            })),
        }
    }

    /// Reads bytes up to a 0x00 terminator (consumed, not kept).
    pub fn read_nul_terminated(r: &mut Reader<'_>, cp: CodePage) -> Result<Self> {
        let bytes = r.frame("null-terminated 8-bit string", |r| r.bytes_nul_terminated())?;
        Ok(String8::new(bytes, cp))
    }
}

impl fmt::Display for String8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_valid_and_invalid() {
        for bytes in [
            &b""[..],
            &[b'a', 0, 0x3D, 0xD8, 0x00, 0xDE][..], // "a😀"
            &[0x00, 0xDC][..],                      // lone low surrogate
            &[b'a', 0, b'b'][..],                   // odd length
        ] {
            let s = Utf16String::from_le_bytes(bytes);
            assert_eq!(s.to_le_bytes(), bytes);
            assert_eq!(s.byte_len(), bytes.len());
        }
        assert_eq!(
            Utf16String::from_le_bytes(&[b'a', 0, 0x3D, 0xD8, 0x00, 0xDE]).as_str(),
            "a😀"
        );
    }

    #[test]
    fn nul_terminated_utf16_reads_and_reports_missing_terminator() {
        let mut r = Reader::new(&[b'h', 0, b'i', 0, 0, 0, 7]);
        let s = Utf16String::read_nul_terminated(&mut r).unwrap();
        assert_eq!(s.as_str(), "hi");
        assert_eq!(r.rest(), &[7]);
        let mut r = Reader::new(&[b'h', 0, b'i']);
        assert!(Utf16String::read_nul_terminated(&mut r).is_err());
    }

    #[test]
    fn eight_bit_strings_decode_by_code_page_and_keep_bytes() {
        let s = String8::new(vec![0xC0, 0xE1], CodePage(1251));
        assert_eq!(s.to_string_lossy(), "Аб");
        let bad = String8::new(vec![0x82, 0xFF], CodePage::SHIFT_JIS);
        assert!(bad.to_str_strict().is_err());
        assert_eq!(bad.bytes(), [0x82, 0xFF]);
        assert!(String8::encode_str("日本", CodePage(1252)).is_err());
        assert_eq!(CodePage::from_label("shift_jis"), Some(CodePage(932)));
    }
}
