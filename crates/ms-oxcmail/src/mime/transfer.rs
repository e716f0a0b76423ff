//! Content-Transfer-Encodings (RFC 2045 section 6) and uuencode, read
//! leniently: each decoder returns the bytes and where (relative to its
//! input) the first thing it had to repair was, if any.

/// What a decoder repaired: the offset of the first problem in its input
/// and what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repair {
    /// Offset in the encoded input.
    pub at: usize,
    /// What was wrong.
    pub what: &'static str,
}

/// A Content-Transfer-Encoding mechanism (RFC 2045 section 6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransferEncoding {
    /// `7bit` (also the default).
    SevenBit,
    /// `8bit`.
    EightBit,
    /// `binary`.
    Binary,
    /// `quoted-printable`.
    QuotedPrintable,
    /// `base64`.
    Base64,
    /// `x-uuencode` / `uuencode` / `x-uue` (not in RFC 2045; mail has it).
    Uuencode,
    /// A token RFC 2045 does not define: the body is read as is.
    Unknown,
}

impl TransferEncoding {
    /// The mechanism named by a header value (case-insensitive; comments
    /// and surrounding space ignored).
    pub fn from_token(token: &str) -> Self {
        let t = token.trim().trim_matches('"').to_ascii_lowercase();
        match t.as_str() {
            "" | "7bit" | "7-bit" => Self::SevenBit,
            "8bit" | "8-bit" => Self::EightBit,
            "binary" => Self::Binary,
            "quoted-printable" => Self::QuotedPrintable,
            "base64" => Self::Base64,
            "x-uuencode" | "uuencode" | "x-uue" => Self::Uuencode,
            _ => Self::Unknown,
        }
    }

    /// Whether the body bytes are the content as they stand.
    pub fn is_identity(self) -> bool {
        matches!(
            self,
            Self::SevenBit | Self::EightBit | Self::Binary | Self::Unknown
        )
    }

    /// Decodes a body.
    pub fn decode(self, body: &[u8]) -> (Vec<u8>, Option<Repair>) {
        match self {
            Self::QuotedPrintable => decode_quoted_printable(body),
            Self::Base64 => decode_base64(body),
            Self::Uuencode => match decode_uuencode_block(body) {
                Some((data, _name, repair)) => (data, repair),
                None => (
                    body.to_vec(),
                    Some(Repair {
                        at: 0,
                        what: "no uuencoded block (begin line) found",
                    }),
                ),
            },
            _ => (body.to_vec(), None),
        }
    }
}

fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    })
}

/// Decodes base64 leniently: white space is skipped; other characters
/// outside the alphabet, data after padding, and a partial last group are
/// repaired (skipped / decoded as far as they go) and reported.
pub fn decode_base64(input: &[u8]) -> (Vec<u8>, Option<Repair>) {
    use base64::Engine;
    // Fast path: whole lines of four-character groups without padding go
    // through the base64 crate; the first line that is anything else (the
    // padded last line, stray characters) and the rest go through the
    // lenient decoder below, which starts on a group boundary.
    let engine = &base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut pos = 0;
    while pos < input.len() {
        let rest = input.get(pos..).unwrap_or_default();
        let (len, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(n) => (n, pos + n + 1),
            None => (rest.len(), input.len()),
        };
        let line = rest.get(..len).unwrap_or_default();
        let t = line.len()
            - line
                .iter()
                .rev()
                .take_while(|b| matches!(b, b'\r' | b' ' | b'\t'))
                .count();
        let line = line.get(..t).unwrap_or_default();
        let before = out.len();
        if line.len() % 4 != 0 || line.contains(&b'=') || engine.decode_vec(line, &mut out).is_err()
        {
            out.truncate(before);
            break;
        }
        pos = next;
    }
    if pos >= input.len() {
        return (out, None);
    }
    let (tail, repair) = decode_base64_lenient(input.get(pos..).unwrap_or_default());
    out.extend_from_slice(&tail);
    (
        out,
        repair.map(|r| Repair {
            at: r.at + pos,
            what: r.what,
        }),
    )
}

fn decode_base64_lenient(input: &[u8]) -> (Vec<u8>, Option<Repair>) {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut n = 0u8;
    let mut repair = None;
    let mut padded = false;
    for (i, &c) in input.iter().enumerate() {
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C => continue,
            b'=' => {
                padded = true;
                continue;
            }
            _ => {}
        }
        let Some(v) = b64_value(c) else {
            repair.get_or_insert(Repair {
                at: i,
                what: "character outside the base64 alphabet skipped",
            });
            continue;
        };
        if padded {
            // Data after padding: some writers concatenate encoded chunks.
            repair.get_or_insert(Repair {
                at: i,
                what: "base64 data after padding read on",
            });
            padded = false;
        }
        acc = (acc << 6) | u32::from(v);
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        1 => {
            repair.get_or_insert(Repair {
                at: input.len(),
                what: "a lone base64 character at the end dropped",
            });
        }
        _ => {}
    }
    (out, repair)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// Decodes quoted-printable (RFC 2045 section 6.7) leniently: soft line
/// breaks removed, trailing white space before a line break dropped,
/// `=XX` decoded (lower-case hex accepted), an `=` not followed by hex kept
/// as it is and reported.
pub fn decode_quoted_printable(input: &[u8]) -> (Vec<u8>, Option<Repair>) {
    let mut out = Vec::with_capacity(input.len());
    let mut repair = None;
    let mut i = 0;
    let mut line_start = 0;
    while let Some(&c) = input.get(i) {
        match c {
            b'=' => {
                let a = input.get(i + 1).copied();
                let b = input.get(i + 2).copied();
                if let (Some(h), Some(l)) = (a.and_then(hex_value), b.and_then(hex_value)) {
                    out.push(h << 4 | l);
                    i += 3;
                    // encoded white space is content, never transport padding
                    line_start = out.len();
                    continue;
                }
                // soft line break: '=' then optional white space then CRLF/LF/end
                let mut j = i + 1;
                while matches!(input.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                match input.get(j) {
                    Some(b'\r') if input.get(j + 1) == Some(&b'\n') => {
                        i = j + 2;
                        line_start = out.len();
                        continue;
                    }
                    Some(b'\n') => {
                        i = j + 1;
                        line_start = out.len();
                        continue;
                    }
                    None => {
                        i = j;
                        continue;
                    }
                    _ => {
                        repair.get_or_insert(Repair {
                            at: i,
                            what: "'=' not followed by two hex digits kept as is",
                        });
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b'\r' | b'\n' => {
                // hard line break: drop transport padding (trailing white space)
                let keep = out.len()
                    - out
                        .get(line_start..)
                        .unwrap_or_default()
                        .iter()
                        .rev()
                        .take_while(|b| matches!(b, b' ' | b'\t'))
                        .count();
                out.truncate(keep);
                if c == b'\r' && input.get(i + 1) == Some(&b'\n') {
                    out.extend_from_slice(b"\r\n");
                    i += 2;
                } else {
                    out.push(c);
                    i += 1;
                }
                line_start = out.len();
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, repair)
}

/// A uuencoded block found in text: where it is (the `begin` line to
/// after the `end` line, relative to the text), its file name and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UuBlock {
    /// Start of the `begin` line.
    pub start: usize,
    /// End of the block (after the `end` line and its line break).
    pub end: usize,
    /// The file name on the `begin` line.
    pub name: String,
    /// The decoded bytes.
    pub data: Vec<u8>,
    /// The first repair, relative to the text.
    pub repair: Option<Repair>,
}

fn lines(text: &[u8], from: usize) -> impl Iterator<Item = (usize, &[u8], usize)> {
    // (start, line without its break, start of next line)
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let rest = text.get(start..).unwrap_or_default();
        let (len, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(n) => (n, start + n + 1),
            None => (rest.len(), text.len()),
        };
        pos = next;
        let mut line = rest.get(..len).unwrap_or_default();
        if let [head @ .., b'\r'] = line {
            line = head;
        }
        Some((start, line, next))
    })
}

/// Parses a `begin MODE NAME` line.
fn begin_line(line: &[u8]) -> Option<String> {
    let rest = line.strip_prefix(b"begin ")?;
    let rest = std::str::from_utf8(rest).ok()?;
    let (mode, name) = rest.trim_start().split_once(' ')?;
    if mode.is_empty() || mode.len() > 4 || !mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Every uuencoded block in `text` (`begin MODE NAME` ... `end`), in order.
pub fn find_uuencoded(text: &[u8]) -> Vec<UuBlock> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let Some((start, name)) =
            lines(text, from).find_map(|(s, l, _)| begin_line(l).map(|n| (s, n)))
        else {
            break;
        };
        match decode_uu_lines(text, start, name) {
            Some(b) => {
                from = b.end;
                out.push(b);
            }
            None => break,
        }
    }
    out
}

/// Decodes the uuencoded block whose `begin` line is at `start`.
fn decode_uu_lines(text: &[u8], start: usize, name: String) -> Option<UuBlock> {
    let mut data = Vec::new();
    let mut repair = None;
    let mut it = lines(text, start);
    it.next()?; // the begin line
    for (s, line, next) in it {
        if line == b"end" || line.starts_with(b"end ") {
            return Some(UuBlock {
                start,
                end: next,
                name,
                data,
                repair,
            });
        }
        let Some(&first) = line.first() else { continue };
        let n = usize::from(first.wrapping_sub(b' ') & 0x3F);
        if n == 0 {
            continue; // the "`" or " " line before end
        }
        let chars = line.get(1..).unwrap_or_default();
        let mut got = Vec::with_capacity(n + 2);
        for quad in chars.chunks(4) {
            let v = |k: usize| u32::from(quad.get(k).map_or(0, |c| c.wrapping_sub(b' ') & 0x3F));
            let acc = v(0) << 18 | v(1) << 12 | v(2) << 6 | v(3);
            got.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
        }
        if got.len() < n {
            repair.get_or_insert(Repair {
                at: s,
                what: "uuencoded line shorter than its length character",
            });
        }
        got.truncate(n);
        data.extend_from_slice(&got);
    }
    // no end line: keep what was decoded
    Some(UuBlock {
        start,
        end: text.len(),
        name,
        data,
        repair: Some(repair.unwrap_or(Repair {
            at: text.len(),
            what: "uuencoded block without an end line",
        })),
    })
}

/// Decodes the first uuencoded block of a whole body (for a part with
/// Content-Transfer-Encoding x-uuencode).
pub fn decode_uuencode_block(body: &[u8]) -> Option<(Vec<u8>, String, Option<Repair>)> {
    let (start, name) = lines(body, 0).find_map(|(s, l, _)| begin_line(l).map(|n| (s, n)))?;
    let b = decode_uu_lines(body, start, name)?;
    Some((b.data, b.name, b.repair))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_skips_garbage_and_reports_it() {
        assert_eq!(decode_base64(b"aGVs\r\nbG8=").0, b"hello");
        let (d, r) = decode_base64(b"aGV*sbG8=");
        assert_eq!(d, b"hello");
        assert_eq!(r.map(|r| r.at), Some(3));
        // a bad line after good ones: offsets count in the whole input
        let (d, r) = decode_base64(b"aGVs\r\nbG8*\r\n");
        assert_eq!(d, b"hello");
        assert_eq!(r.map(|r| r.at), Some(9));
        assert_eq!(decode_base64(b"aGVsbA").0, b"hell");
    }

    #[test]
    fn quoted_printable_soft_breaks_and_bad_escapes() {
        assert_eq!(
            decode_quoted_printable(b"a=3Db=\r\nc  \r\nd=e9").0,
            b"a=bc\r\nd\xe9"
        );
        let (d, r) = decode_quoted_printable(b"50% =off");
        assert_eq!(d, b"50% =off");
        assert_eq!(r.map(|r| r.at), Some(4));
    }

    #[test]
    fn uuencode_blocks_are_found_in_text() {
        let text = b"Hi\r\nbegin 644 cat.txt\r\n#8V%T\r\n`\r\nend\r\nbye\r\n";
        let blocks = find_uuencoded(text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].name, "cat.txt");
        assert_eq!(blocks[0].data, b"cat");
        assert_eq!(&text[blocks[0].end..], b"bye\r\n");
    }
}
