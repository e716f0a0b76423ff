//! Charset labels (RFC 2045 `charset` parameters, RFC 2047 encoded words)
//! to encoding_rs encodings and Windows code pages.

use std::borrow::Cow;

use encoding_rs::Encoding;
use msox_codec::CodePage;

/// The encoding for a MIME charset label: every label of the WHATWG
/// Encoding Standard that encoding_rs knows, plus the aliases mail uses that
/// it does not (`utf8`, `latin1`, `cp1252`, `ks_c_5601-1987`, `x-sjis`,
/// `ansi_x3.4-1968`, `windows-874`, RFC 2231 language suffixes `*en`).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches('"');
    // RFC 2231 section 5: a language may follow the charset after '*'.
    let label = label.split('*').next().unwrap_or(label);
    if let Some(e) = Encoding::for_label(label.as_bytes()) {
        return Some(e);
    }
    let lower = label.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "utf8" | "utf-8-sig" => "utf-8",
        "latin1" | "latin-1" | "cp1252" | "cp-1252" | "iso8859-1" | "iso_8859-1" => "windows-1252",
        "ansi_x3.4-1968" | "ascii" | "us_ascii" | "646" => "us-ascii",
        "cp1250" => "windows-1250",
        "cp1251" => "windows-1251",
        "cp1253" => "windows-1253",
        "cp1254" => "windows-1254",
        "cp1255" => "windows-1255",
        "cp1256" => "windows-1256",
        "cp1257" => "windows-1257",
        "cp1258" => "windows-1258",
        "cp932" | "x-sjis" | "sjis" | "shift-jis" | "ms932" => "shift_jis",
        "cp936" | "ms936" => "gbk",
        "cp949" | "ks_c_5601-1987" | "ks_c_5601" | "uhc" => "euc-kr",
        "cp950" | "big5-hkscs" => "big5",
        "cp874" | "tis-620" => "windows-874",
        "cp866" => "ibm866",
        "iso-2022-jp-2" | "iso-2022-jp-3" | "csiso2022jp" => "iso-2022-jp",
        "unicode-1-1-utf-7" | "utf-7" => return None,
        _ => {
            // iso8859-N, iso_8859-N:1987 and similar spellings
            let digits: String = lower
                .strip_prefix("iso")
                .map(|r| r.trim_start_matches(['-', '_']))
                .and_then(|r| r.strip_prefix("8859"))
                .map(|r| {
                    r.trim_start_matches(['-', '_'])
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect()
                })
                .unwrap_or_default();
            if digits.is_empty() {
                return None;
            }
            return Encoding::for_label(format!("iso-8859-{digits}").as_bytes());
        }
    };
    Encoding::for_label(alias.as_bytes())
}

/// The Windows code page of a MIME charset label (PidTagInternetCodepage),
/// when it has one.
pub fn code_page_for_label(label: &str) -> Option<u32> {
    let lower = label.trim().to_ascii_lowercase();
    // Labels whose code page differs from the encoding_rs superset's.
    let exact = match lower.as_str() {
        "us-ascii" | "ascii" => Some(20127),
        "iso-8859-1" | "latin1" => Some(28591),
        "iso-2022-jp" => Some(50220),
        "euc-jp" => Some(51932),
        "ks_c_5601-1987" => Some(949),
        "gb2312" => Some(936),
        _ => None,
    };
    exact.or_else(|| {
        encoding_for_label(&lower)
            .and_then(CodePage::from_encoding)
            .map(|c| c.0)
    })
}

/// The MIME charset label to write for a Windows code page.
pub fn label_for_code_page(cp: u32) -> Option<&'static str> {
    match cp {
        20127 => Some("us-ascii"),
        28591 => Some("iso-8859-1"),
        65001 => Some("utf-8"),
        _ => CodePage(cp).encoding().map(Encoding::name),
    }
}

/// Decodes bytes in `encoding`; `true` when some bytes were invalid (and
/// replaced by U+FFFD).
pub fn decode_with<'b>(bytes: &'b [u8], encoding: &'static Encoding) -> (Cow<'b, str>, bool) {
    let (text, _, bad) = encoding.decode(bytes);
    // encoding_rs sniffs a BOM; a label of utf-16 without one defaults to LE.
    (text, bad)
}

/// Decodes text in the charset named by `label`: unknown labels read as
/// UTF-8 when the bytes are valid UTF-8, else as windows-1252. Returns the
/// text, whether the label was unknown, and whether bytes were invalid.
pub fn decode_label<'b>(bytes: &'b [u8], label: Option<&str>) -> (Cow<'b, str>, bool, bool) {
    if label.is_some_and(|l| {
        let l = l.trim().trim_matches('"');
        l.eq_ignore_ascii_case("utf-7") || l.eq_ignore_ascii_case("unicode-1-1-utf-7")
    }) {
        let (t, bad) = decode_utf7(bytes);
        return (Cow::Owned(t), false, bad);
    }
    match label.map(|l| (l, encoding_for_label(l))) {
        Some((_, Some(enc))) => {
            let (t, bad) = decode_with(bytes, enc);
            (t, false, bad)
        }
        Some((_, None)) => {
            let (t, bad) = decode_fallback(bytes);
            (t, true, bad)
        }
        None => {
            let (t, bad) = decode_fallback(bytes);
            (t, false, bad)
        }
    }
}

/// Bytes of unknown charset: UTF-8 when valid, else windows-1252 (which
/// maps every byte), reported as invalid.
pub fn decode_fallback(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => {
            let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (t, true)
        }
    }
}

/// UTF-7 (RFC 2152), which encoding_rs does not have and old Outlook
/// versions wrote: `+` starts modified base64 of UTF-16BE, ended by `-` or
/// any character outside the base64 alphabet; `+-` is `+`. `true` when
/// something was invalid (replaced by U+FFFD).
pub fn decode_utf7(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut bad = false;
    let mut i = 0;
    let b64 = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    while let Some(&c) = bytes.get(i) {
        i += 1;
        if c != b'+' {
            if c < 0x80 {
                out.push(char::from(c));
            } else {
                out.push('\u{FFFD}');
                bad = true;
            }
            continue;
        }
        if bytes.get(i) == Some(&b'-') {
            out.push('+');
            i += 1;
            continue;
        }
        let mut acc: u32 = 0;
        let mut nbits = 0u32;
        let mut units: Vec<u16> = Vec::new();
        while let Some(v) = bytes.get(i).copied().and_then(b64) {
            i += 1;
            acc = (acc << 6) | v;
            nbits += 6;
            if nbits >= 16 {
                nbits -= 16;
                units.push((acc >> nbits) as u16);
                acc &= (1 << nbits) - 1;
            }
        }
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        for ch in char::decode_utf16(units) {
            match ch {
                Ok(c) => out.push(c),
                Err(_) => {
                    out.push('\u{FFFD}');
                    bad = true;
                }
            }
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_mail_uses_resolve() {
        assert_eq!(encoding_for_label("utf8"), Some(encoding_rs::UTF_8));
        assert_eq!(
            encoding_for_label("ks_c_5601-1987"),
            Some(encoding_rs::EUC_KR)
        );
        assert_eq!(
            encoding_for_label("ISO8859-2"),
            Some(encoding_rs::ISO_8859_2)
        );
        assert_eq!(encoding_for_label("UTF-8*en"), Some(encoding_rs::UTF_8));
        assert_eq!(encoding_for_label("x-unknown"), None);
        assert_eq!(code_page_for_label("iso-2022-jp"), Some(50220));
        assert_eq!(code_page_for_label("windows-1251"), Some(1251));
        assert_eq!(label_for_code_page(65001), Some("utf-8"));
        assert_eq!(decode_utf7(b"Fr+APY-sche 1+-1").0, "Frösche 1+1");
    }
}
