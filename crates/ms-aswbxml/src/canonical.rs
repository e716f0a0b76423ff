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
//! is built (a string-table reference repeated cannot amplify past it).
//! The text is handed to the sink once the body ends: an element's line
//! carries its text, known only at its end, and its children's lines
//! follow it.
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

struct Line {
    text: Vec<u8>,
    children: bool,
}

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

fn canonical<'a, S: Sink + ?Sized>(
    r: &mut Reader<'a>,
    st: &mut Body<'a>,
    out: &mut S,
) -> Result<()> {
    // Lines are built in order; an element's text is known only at its end,
    // so each line is kept as (prefix, text) until then.
    let mut lines: Vec<(String, Option<String>)> = Vec::new();
    let mut stack: Vec<(usize, Line)> = Vec::new();
    let mut skip_attrs = false;
    while let Some(ev) = st.next(r)? {
        if skip_attrs {
            // The element whose attribute list ends is already on the stack.
            if ev == Event::End {
                skip_attrs = false;
            }
            continue;
        }
        match ev {
            Event::Start(t) => {
                let depth = stack.len();
                if let Some((_, parent)) = stack.last_mut() {
                    parent.children = true;
                }
                let ns = codepages::page(t.page)
                    .map_or_else(|| format!("cp{}", t.page), |p| p.namespace.to_string());
                let mut s = " ".repeat(depth);
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
                charge(r, st, s.len() + 1)?;
                lines.push((s, None));
                skip_attrs = t.attributes;
                if t.content {
                    stack.push((
                        lines.len() - 1,
                        Line {
                            text: Vec::new(),
                            children: false,
                        },
                    ));
                }
            }
            Event::LiteralTag {
                name,
                content,
                attributes,
                ..
            } => {
                let depth = stack.len();
                let s = format!("{}?:{}", " ".repeat(depth), String::from_utf8_lossy(name));
                charge(r, st, s.len() + 1)?;
                lines.push((s, None));
                skip_attrs = attributes;
                if content {
                    stack.push((
                        lines.len() - 1,
                        Line {
                            text: Vec::new(),
                            children: false,
                        },
                    ));
                }
            }
            Event::Pi => skip_attrs = true,
            Event::End => {
                if let Some((i, l)) = stack.pop() {
                    let text = String::from_utf8_lossy(&l.text)
                        .replace("\r\n", "\n")
                        .replace('\r', "\n");
                    let keep = !(text.is_empty() || l.children && text.trim().is_empty());
                    if keep && let Some(line) = lines.get_mut(i) {
                        let j = json_string(&text);
                        // The raw text was charged as it came.
                        charge(r, st, (j.len() + 1).saturating_sub(l.text.len()))?;
                        line.1 = Some(j);
                    }
                }
            }
            Event::Str(s) | Event::StrT { value: s, .. } => {
                if let Some((_, l)) = stack.last_mut() {
                    l.text.extend_from_slice(s);
                    charge(r, st, s.len())?;
                }
            }
            Event::Entity(c) => {
                if let Some((_, l)) = stack.last_mut() {
                    let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
                    let mut b = [0u8; 4];
                    l.text.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
                    charge(r, st, ch.len_utf8())?;
                }
            }
            Event::Opaque(d) => {
                if let Some((_, l)) = stack.last_mut() {
                    let b = B64.encode(d);
                    l.text.extend_from_slice(b.as_bytes());
                    charge(r, st, b.len())?;
                }
            }
            _ => {}
        }
    }
    let mut text = String::new();
    for (name, t) in lines {
        text.push_str(&name);
        if let Some(t) = t {
            text.push(' ');
            text.push_str(&t);
        }
        text.push('\n');
    }
    if let Err(e) = out.write(text.as_bytes()) {
        let at = r.pos();
        return Err(r.locate(e, at));
    }
    Ok(())
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
