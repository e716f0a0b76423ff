//! Writing RFC 5322 / MIME syntax: folded header fields, RFC 2047 encoded
//! words, RFC 2231 parameters, quoted-printable and base64 bodies.

use base64::Engine;
use msox_codec::{Result, Sink};

/// Preferred line length (RFC 5322 section 2.1.1: 78 characters).
const LINE: usize = 76;

/// Builds one header field, folding at white space between tokens.
pub(crate) struct Field {
    text: String,
    line_len: usize,
    on_line: usize,
}

impl Field {
    pub(crate) fn new(name: &str) -> Self {
        let text = format!("{name}:");
        Field {
            line_len: text.len(),
            text,
            on_line: 0,
        }
    }

    /// Adds a token, preceded by a space (or a fold) unless `glue`.
    pub(crate) fn token(&mut self, t: &str, glue: bool) {
        if glue {
            self.text.push_str(t);
            self.line_len += t.len();
            return;
        }
        if self.line_len + 1 + t.len() > LINE && self.on_line > 0 {
            self.text.push_str("\r\n ");
            self.line_len = 1;
            self.on_line = 0;
        } else {
            self.text.push(' ');
            self.line_len += 1;
        }
        self.text.push_str(t);
        self.line_len += t.len();
        self.on_line += 1;
    }

    pub(crate) fn finish(mut self) -> String {
        self.text.push_str("\r\n");
        self.text
    }
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// RFC 2047 `B` encoded words for `text` (UTF-8), each at most 75
/// characters, split on character boundaries.
pub(crate) fn encoded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            out.push(word(&chunk));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || out.is_empty() {
        out.push(word(&chunk));
    }
    out
}

fn word(chunk: &str) -> String {
    format!(
        "=?utf-8?B?{}?=",
        base64::engine::general_purpose::STANDARD.encode(chunk.as_bytes())
    )
}

fn plain_ascii(text: &str) -> bool {
    text.chars().all(|c| (' '..='~').contains(&c) || c == '\t') && !text.contains("=?")
}

/// An unstructured field (Subject, Thread-Topic, X-...): plain words when
/// the text is printable ASCII, else encoded words.
pub(crate) fn unstructured(name: &str, text: &str) -> String {
    let mut f = Field::new(name);
    let text: String = text
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    if plain_ascii(&text) {
        let mut any = false;
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            f.token(w, false);
            any = true;
        }
        if !any {
            f.token("", true);
        }
    } else {
        for w in encoded_words(&text) {
            f.token(&w, false);
        }
    }
    f.finish()
}

/// A display name as an RFC 5322 phrase: atoms, a quoted string, or
/// encoded words.
pub(crate) fn phrase(name: &str) -> Vec<String> {
    let name = name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    if !plain_ascii(name) {
        return encoded_words(name);
    }
    if name
        .split(' ')
        .all(|w| !w.is_empty() && w.chars().all(is_atext))
    {
        return name.split(' ').map(str::to_string).collect();
    }
    let mut q = String::with_capacity(name.len() + 2);
    q.push('"');
    for c in name.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    vec![q]
}

/// An addr-spec, quoting a local part that is not a dot-atom.
pub(crate) fn addr_spec(address: &str) -> String {
    let (local, domain) = match address.rsplit_once('@') {
        Some((l, d)) => (l, Some(d)),
        None => (address, None),
    };
    let dot_atom = !local.is_empty()
        && local
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(is_atext));
    let local = if dot_atom || (local.starts_with('"') && local.ends_with('"') && local.len() > 1) {
        local.to_string()
    } else {
        let mut q = String::from("\"");
        for c in local.chars() {
            if c == '"' || c == '\\' {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        q
    };
    match domain {
        Some(d) => format!("{local}@{}", d.trim()),
        None => local,
    }
}

/// An address field from (name, address) pairs; a pair without an address
/// is written as an empty group named by its display name.
pub(crate) fn address_field(name: &str, list: &[(String, String)]) -> String {
    let mut f = Field::new(name);
    let n = list.len();
    for (i, (display, address)) in list.iter().enumerate() {
        let sep = if i + 1 < n { "," } else { "" };
        let words = phrase(display);
        if address.is_empty() {
            let words = if words.is_empty() {
                vec!["undisclosed-recipients".to_string()]
            } else {
                words
            };
            for w in &words {
                f.token(w, false);
            }
            f.token(&format!(":;{sep}"), true);
            continue;
        }
        let spec = addr_spec(address);
        let plain = &spec == address
            && address.contains('@')
            && !address.contains([';', ',', '<', '>', '(', ')', ' ']);
        if plain && (words.is_empty() || display == address) {
            f.token(&format!("{spec}{sep}"), false);
        } else {
            if display != address {
                for w in &words {
                    f.token(w, false);
                }
            }
            f.token(&format!("<{spec}>{sep}"), false);
        }
    }
    f.finish()
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_graphic() && !"()<>@,;:\\\"/[]?=".contains(c)
}

/// A parameter: `; name=token`, `; name="quoted"` or, for non-ASCII,
/// RFC 2231 `; name*=utf-8''%XX` (split into `name*0*` sections when
/// long).
pub(crate) fn param(f: &mut Field, name: &str, value: &str) {
    if value.chars().all(|c| (' '..='~').contains(&c)) {
        if !value.is_empty() && value.chars().all(is_token_char) {
            f.token(&format!("{name}={value};"), false);
        } else {
            let mut q = String::from("\"");
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    q.push('\\');
                }
                q.push(c);
            }
            q.push('"');
            f.token(&format!("{name}={q};"), false);
        }
        return;
    }
    // percent-encode character by character, so sections never split a
    // UTF-8 sequence (RFC 2231 allows it; some readers do not)
    let mut pieces: Vec<String> = Vec::new();
    for c in value.chars() {
        let mut buf = [0u8; 4];
        let mut piece = String::new();
        for b in c.encode_utf8(&mut buf).bytes() {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                piece.push(char::from(b));
            } else {
                piece.push_str(&format!("%{b:02X}"));
            }
        }
        pieces.push(piece);
    }
    let total: usize = pieces.iter().map(String::len).sum();
    if total <= 60 {
        f.token(&format!("{name}*=utf-8''{};", pieces.concat()), false);
        return;
    }
    let mut sections = Vec::new();
    let mut cur = String::new();
    for p in pieces {
        if !cur.is_empty() && cur.len() + p.len() > 54 {
            sections.push(std::mem::take(&mut cur));
        }
        cur.push_str(&p);
    }
    if !cur.is_empty() {
        sections.push(cur);
    }
    for (i, s) in sections.iter().enumerate() {
        let head = if i == 0 { "utf-8''" } else { "" };
        f.token(&format!("{name}*{i}*={head}{s};"), false);
    }
}

/// Ends a field built with [`param`] calls (drops the last `;`).
pub(crate) fn finish_params(f: Field) -> String {
    let mut s = f.finish();
    if s.ends_with(";\r\n") {
        s.truncate(s.len() - 3);
        s.push_str("\r\n");
    }
    s
}

/// Text with its line breaks made CRLF.
pub(crate) fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// Whether text is better sent as quoted-printable than base64 (mostly
/// ASCII).
pub(crate) fn prefers_qp(data: &[u8]) -> bool {
    let high = data.iter().filter(|&&b| b >= 0x80).count();
    high * 6 <= data.len()
}

/// Quoted-printable for text whose line breaks are CRLF (hard breaks
/// kept; lines soft-broken at 76; `=`, controls, 8-bit bytes, trailing
/// white space and a leading `.` or `From ` escaped).
pub(crate) fn quoted_printable<S: Sink + ?Sized>(data: &[u8], out: &mut S) -> Result<()> {
    let mut buf = Vec::with_capacity(data.len() + data.len() / 8 + 8);
    let mut line = 0usize;
    let mut i = 0;
    while let Some(&b) = data.get(i) {
        if b == b'\r' && data.get(i + 1) == Some(&b'\n') {
            buf.extend_from_slice(b"\r\n");
            line = 0;
            i += 2;
            continue;
        }
        let next_is_break = data.get(i + 1).is_none_or(|&n| n == b'\r');
        let literal = match b {
            b'=' => false,
            b' ' | b'\t' => !next_is_break,
            b'.' if line == 0 => false,
            b'F' if line == 0 && data.get(i..i + 5) == Some(b"From ") => false,
            0x21..=0x7E => true,
            _ => false,
        };
        let width = if literal { 1 } else { 3 };
        if line + width > 75 {
            buf.extend_from_slice(b"=\r\n");
            line = 0;
        }
        if literal {
            buf.push(b);
        } else {
            buf.extend_from_slice(format!("={b:02X}").as_bytes());
        }
        line += width;
        i += 1;
        if buf.len() >= 1 << 16 {
            out.write(&buf)?;
            buf.clear();
        }
    }
    out.write(&buf)
}

/// Base64 in lines of 76 characters (CRLF between lines, none after the
/// last), streamed.
pub(crate) fn base64_lines<S: Sink + ?Sized>(data: &[u8], out: &mut S) -> Result<()> {
    let engine = &base64::engine::general_purpose::STANDARD;
    let mut buf = String::with_capacity(78 * 256);
    let mut first = true;
    for chunk in data.chunks(57) {
        if !first {
            buf.push_str("\r\n");
        }
        first = false;
        engine.encode_string(chunk, &mut buf);
        if buf.len() >= 78 * 255 {
            out.write(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write(buf.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fold_and_encode() {
        assert_eq!(
            unstructured("Subject", "Hello world"),
            "Subject: Hello world\r\n"
        );
        let s = unstructured("Subject", "Grüße");
        assert_eq!(s, "Subject: =?utf-8?B?R3LDvMOfZQ==?=\r\n");
        let long = "word ".repeat(40);
        let s = unstructured("Subject", &long);
        assert!(s.lines().all(|l| l.len() <= 78), "{s}");
    }

    #[test]
    fn addresses_and_params() {
        let list = vec![
            ("Doe, John".to_string(), "john@example.com".to_string()),
            (
                "jane@example.com".to_string(),
                "jane@example.com".to_string(),
            ),
        ];
        assert_eq!(
            address_field("To", &list),
            "To: \"Doe, John\" <john@example.com>, jane@example.com\r\n"
        );
        let mut f = Field::new("Content-Disposition");
        f.token("attachment;", false);
        param(&mut f, "filename", "naïve.txt");
        assert_eq!(
            finish_params(f),
            "Content-Disposition: attachment; filename*=utf-8''na%C3%AFve.txt\r\n"
        );
        assert_eq!(addr_spec("a b@x.com"), "\"a b\"@x.com");
    }

    #[test]
    fn quoted_printable_round_trips() {
        let text = b"caf\xc3\xa9 = ok  \r\n.dot\r\nFrom me\r\n";
        let mut out = Vec::new();
        quoted_printable(text, &mut out).unwrap();
        let (back, rep) = crate::mime::transfer::decode_quoted_printable(&out);
        assert_eq!(back, text);
        assert!(rep.is_none());
    }
}
