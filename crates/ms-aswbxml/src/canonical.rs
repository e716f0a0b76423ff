//! The canonical text form the project's peer scripts print for ActiveSync
//! XML (`shared/tools/peers/README.md`, form D), written from the event
//! model so msox can be diffed against libwbxml, mitmproxy and Horde.
//!
//! One element per line, indented one space per level, written
//! `Namespace:Tag`, then the element's own text as a JSON string when it has
//! text. Text pieces are joined (opaque data as base64), whitespace-only
//! text of an element with child elements is dropped, CR LF and CR become
//! LF. Tag names are [`crate::codepages::TagDef::canonical`] (libwbxml's
//! spelling where the shared table has it); unknown tokens are written
//! `Namespace:0xTT` (`cpN:0xTT` for unknown pages).
//!
//! Every byte of the text is charged to the session's output budget as it
//! is written (a string-table reference repeated cannot amplify past it),
//! and the text streams into the sink in 64 KiB pieces: an element's line
//! is written once its text is known (at its end, or when its first child
//! starts), and text over 64 KiB that is not all white space is written as
//! it arrives, so memory stays flat whatever the output size. Text after an
//! element's children (mixed content, which ActiveSync does not use) is
//! written on a line of its own after them, one level deeper.
//!
//! ```
//! use ms_aswbxml::{canonical, Framing};
//! use msox_codec::Options;
//! let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01];
//! let text = canonical::to_canonical(&bytes, Framing::Document, &Options::default())?;
//! assert_eq!(text.value, "Ping:Ping\n Ping:Status \"1\"\n");
//! # Ok::<(), msox_codec::Error>(())
//! ```

use crate::codepages;
use crate::event::Event;
use crate::parser::{Body, Framing, in_reader, in_session};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use msox_codec::{Decoded, Error, ErrorKind, Options, Reader, Result, Sink};
use std::fmt::Write as _;

/// Decodes `data` and returns its canonical text, with the defects.
pub fn to_canonical(data: &[u8], framing: Framing, options: &Options) -> Result<Decoded<String>> {
    let mut buf = Vec::new();
    let d = to_canonical_into(data, framing, options, &mut buf)?;
    let text =
        String::from_utf8(buf).map_err(|_| Error::malformed("the text written is not UTF-8"))?;
    Ok(d.map(|()| text))
}

/// Decodes `data` and writes its canonical text into `out`.
pub fn to_canonical_into<S: Sink + ?Sized>(
    data: &[u8],
    framing: Framing,
    options: &Options,
    out: &mut S,
) -> Result<Decoded<()>> {
    in_session(data, framing, options, |r, st| canonical(r, st, out))
}

/// Writes the canonical text of the WBXML that fills the rest of the
/// reader's window into `out`, inside the caller's decoding session.
pub fn write_canonical<S: Sink + ?Sized>(
    r: &mut Reader<'_>,
    framing: Framing,
    out: &mut S,
) -> Result<()> {
    in_reader(r, framing, |r, st| canonical(r, st, out))
}

/// Charges `n` bytes of output.
fn charge<'a>(r: &mut Reader<'a>, st: &Body<'a>, n: usize) -> Result<()> {
    match r.session_mut().charge_output(n) {
        Ok(()) => Ok(()),
        Err(k) => {
            let at = r.pos();
            Err(charge_error(r, st, k, at))
        }
    }
}

#[cold]
fn charge_error<'a>(r: &mut Reader<'a>, st: &Body<'a>, k: ErrorKind, at: usize) -> Error {
    st.error(r, k, at)
}

/// One open element with content: its line (written once its text is
/// known), its text so far, and whether the text is being streamed.
struct Open {
    /// The line's prefix (indent and name) while not written yet.
    prefix: Option<String>,
    /// Text not written yet (the whole text until the line is decided;
    /// afterwards the bytes carried to the next piece: an incomplete UTF-8
    /// sequence or a CR that may start a CRLF).
    text: Vec<u8>,
    /// The JSON string of the text is being written piece by piece.
    streaming: bool,
    /// A child element started: the line is closed; later text goes on a
    /// line of its own.
    closed: bool,
    /// Text after the first child (mixed content).
    late: Vec<u8>,
    depth: usize,
}

/// Text longer than this, not all white space, is streamed instead of held.
const HOLD: usize = 64 << 10;

/// Output held before it goes to the sink.
struct Out<'s, S: Sink + ?Sized> {
    buf: Vec<u8>,
    sink: &'s mut S,
}

impl<S: Sink + ?Sized> Out<'_, S> {
    fn put<'a>(&mut self, r: &mut Reader<'a>, st: &Body<'a>, b: &[u8]) -> Result<()> {
        charge(r, st, b.len())?;
        self.buf.extend_from_slice(b);
        if self.buf.len() >= HOLD {
            self.flush(r)?;
        }
        Ok(())
    }

    fn flush(&mut self, r: &mut Reader<'_>) -> Result<()> {
        if !self.buf.is_empty() {
            if let Err(e) = self.sink.write(&self.buf) {
                let at = r.pos();
                return Err(r.locate(e, at));
            }
            self.buf.clear();
        }
        Ok(())
    }
}

/// How many bytes at the end of `b` start a UTF-8 sequence that the next
/// piece may complete.
fn incomplete_tail(b: &[u8]) -> usize {
    for back in 1..=3.min(b.len()) {
        let Some(&lead) = b.get(b.len() - back) else {
            return 0;
        };
        if lead & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back
        }
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        return if back < need { back } else { 0 };
    }
    0
}

/// Writes `bytes` (UTF-8, lossy; CR LF and CR as LF) as JSON string content,
/// keeping in `carry` what may belong to the next piece (an incomplete UTF-8
/// sequence, a final CR) unless `last`.
fn escape_piece(bytes: &[u8], carry: &mut Vec<u8>, last: bool) -> String {
    let mut all = std::mem::take(carry);
    all.extend_from_slice(bytes);
    let mut cut = all.len();
    if !last {
        // keep a trailing CR, and an incomplete UTF-8 sequence, for later
        if all.last() == Some(&b'\r') {
            cut -= 1;
        } else {
            cut -= incomplete_tail(&all);
        }
    }
    *carry = all.split_off(cut);
    let text = String::from_utf8_lossy(&all)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let j = json_string(&text);
    // without the quotes
    j.get(1..j.len().saturating_sub(1))
        .unwrap_or_default()
        .to_string()
}

fn canonical<'a, S: Sink + ?Sized>(
    r: &mut Reader<'a>,
    st: &mut Body<'a>,
    out: &mut S,
) -> Result<()> {
    let mut o = Out {
        buf: Vec::with_capacity(HOLD),
        sink: out,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_attrs = false;
    while let Some(ev) = st.next(r)? {
        if skip_attrs {
            if ev == Event::End {
                skip_attrs = false;
            }
            continue;
        }
        let line = match &ev {
            Event::Start(t) => {
                let ns = codepages::page(t.page)
                    .map_or_else(|| format!("cp{}", t.page), |p| p.namespace.to_string());
                let mut s = " ".repeat(stack.len());
                match t.def() {
                    Some(d) => {
                        s.push_str(&ns);
                        s.push(':');
                        s.push_str(d.canonical);
                    }
                    None => {
                        let _ = write!(s, "{ns}:0x{:02X}", t.token);
                    }
                }
                skip_attrs = t.attributes;
                Some((s, t.content))
            }
            Event::LiteralTag {
                name,
                content,
                attributes,
                ..
            } => {
                skip_attrs = *attributes;
                Some((
                    format!(
                        "{}?:{}",
                        " ".repeat(stack.len()),
                        String::from_utf8_lossy(name)
                    ),
                    *content,
                ))
            }
            _ => None,
        };
        if let Some((prefix, content)) = line {
            // The parent's line is complete: a child follows it.
            if let Some(p) = stack.last_mut() {
                close_line(r, st, &mut o, p, true)?;
            }
            if content {
                stack.push(Open {
                    prefix: Some(prefix),
                    text: Vec::new(),
                    streaming: false,
                    closed: false,
                    late: Vec::new(),
                    depth: stack.len(),
                });
            } else {
                o.put(r, st, prefix.as_bytes())?;
                o.put(r, st, b"\n")?;
            }
            continue;
        }
        match ev {
            Event::Pi => skip_attrs = true,
            Event::End => {
                if let Some(mut p) = stack.pop() {
                    close_line(r, st, &mut o, &mut p, false)?;
                    if p.late.iter().any(|b| !b.is_ascii_whitespace()) {
                        // Mixed content: text after child elements, on a
                        // line of its own one level deeper.
                        let mut carry = Vec::new();
                        let body = escape_piece(&p.late, &mut carry, true);
                        let line = format!("{}\"{body}\"\n", " ".repeat(p.depth + 1));
                        o.put(r, st, line.as_bytes())?;
                    }
                }
            }
            Event::Str(s) | Event::StrT { value: s, .. } => {
                text(r, st, &mut o, stack.last_mut(), s)?
            }
            Event::Entity(c) => {
                let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
                let mut b = [0u8; 4];
                text(
                    r,
                    st,
                    &mut o,
                    stack.last_mut(),
                    ch.encode_utf8(&mut b).as_bytes(),
                )?;
            }
            Event::Opaque(d) => {
                let b = B64.encode(d);
                text(r, st, &mut o, stack.last_mut(), b.as_bytes())?;
            }
            _ => {}
        }
    }
    o.flush(r)
}

/// Text for the innermost open element.
fn text<'a, S: Sink + ?Sized>(
    r: &mut Reader<'a>,
    st: &Body<'a>,
    o: &mut Out<'_, S>,
    top: Option<&mut Open>,
    s: &[u8],
) -> Result<()> {
    let Some(p) = top else { return Ok(()) };
    if p.closed {
        // mixed content is held (it is rare and short in real documents),
        // charged as it would be written
        charge(r, st, s.len())?;
        p.late.extend_from_slice(s);
        return Ok(());
    }
    if p.streaming {
        let piece = escape_piece(s, &mut p.text, false);
        return o.put(r, st, piece.as_bytes());
    }
    p.text.extend_from_slice(s);
    if p.text.len() > HOLD && p.text.iter().any(|b| !b.is_ascii_whitespace()) {
        // Long text that will be kept whatever follows: start the line now.
        if let Some(prefix) = p.prefix.take() {
            o.put(r, st, prefix.as_bytes())?;
        }
        o.put(r, st, b" \"")?;
        let held = std::mem::take(&mut p.text);
        let piece = escape_piece(&held, &mut p.text, false);
        o.put(r, st, piece.as_bytes())?;
        p.streaming = true;
    }
    Ok(())
}

/// Writes an element's line once its text is known: at its end, or when a
/// child starts (`child`: white space alone is then dropped).
fn close_line<'a, S: Sink + ?Sized>(
    r: &mut Reader<'a>,
    st: &Body<'a>,
    o: &mut Out<'_, S>,
    p: &mut Open,
    child: bool,
) -> Result<()> {
    if p.closed {
        return Ok(());
    }
    p.closed = true;
    if p.streaming {
        let rest = std::mem::take(&mut p.text);
        let mut carry = Vec::new();
        let piece = escape_piece(&rest, &mut carry, true);
        o.put(r, st, piece.as_bytes())?;
        return o.put(r, st, b"\"\n");
    }
    let prefix = p.prefix.take().unwrap_or_default();
    o.put(r, st, prefix.as_bytes())?;
    let text = String::from_utf8_lossy(&p.text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let keep = !(text.is_empty() || child && text.trim().is_empty());
    if keep {
        o.put(r, st, b" ")?;
        o.put(r, st, json_string(&text).as_bytes())?;
    }
    p.text.clear();
    o.put(r, st, b"\n")
}

/// A JSON string as Python's `json.dumps(s, ensure_ascii=False)` writes it.
pub fn json_string(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\u{08}' => o.push_str("\\b"),
            '\u{0C}' => o.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_anywhere_give_the_text_of_the_whole() {
        let text = "a\r\nb\rc é 😀 \u{1} \"q\" \\".as_bytes();
        let whole = {
            let mut c = Vec::new();
            escape_piece(text, &mut c, true)
        };
        for cut in 0..=text.len() {
            let mut carry = Vec::new();
            let mut s = escape_piece(&text[..cut], &mut carry, false);
            s.push_str(&escape_piece(&text[cut..], &mut carry, true));
            assert_eq!(s, whole, "cut at {cut}");
        }
    }
}
