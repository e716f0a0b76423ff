//! Reading oab.xml with quick-xml.

use std::borrow::Cow;

use msox_codec::{Error, ErrorKind, Limits, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::model::{Attribute, FileKind, Manifest, OabFile, Oal};

/// How to read a manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Caps: `max_items` bounds the number of OAL and file elements.
    pub limits: Limits,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            limits: Limits::DEFAULT,
        }
    }
}

fn err(msg: impl Into<Cow<'static, str>>, at: usize) -> Error {
    Error::at_offset(ErrorKind::Malformed(msg.into()), at)
}

/// [`Limits::check_items`], positioned at `at`.
fn check_items(opts: &ReadOptions, n: usize, at: usize) -> Result<()> {
    opts.limits
        .check_items(n)
        .map_err(|e| Error::at_offset(e.kind().clone(), at))
}

fn xml_err(e: impl std::fmt::Display, at: usize) -> Error {
    err(format!("XML: {e}"), at)
}

/// The unescaped text of every attribute, in order.
fn attributes(s: &BytesStart<'_>, at: usize) -> Result<Vec<Attribute>> {
    let mut out = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| xml_err(e, at))?;
        let name = a.key.as_ref().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| xml_err(e, at))?
            .into_owned();
        out.push(Attribute { name, value });
    }
    Ok(out)
}

fn take(attrs: &mut Vec<Attribute>, name: &str) -> Option<String> {
    let i = attrs.iter().position(|a| a.name == name)?;
    Some(attrs.remove(i).value)
}

fn required(
    attrs: &mut Vec<Attribute>,
    name: &'static str,
    element: &str,
    at: usize,
) -> Result<String> {
    take(attrs, name).ok_or_else(|| err(format!("{element} element has no {name} attribute"), at))
}

fn number<T: std::str::FromStr>(
    attrs: &mut Vec<Attribute>,
    name: &'static str,
    element: &str,
    at: usize,
) -> Result<T> {
    let v = required(attrs, name, element, at)?;
    v.trim().parse().map_err(|_| {
        err(
            format!("{element} {name} {v:?} is not a decimal number in range"),
            at,
        )
    })
}

/// The element's local name as text.
fn name_of<'a>(s: &'a BytesStart<'_>, _at: usize) -> Result<&'a str> {
    Ok(s.name().into_inner())
}

/// Reads the rest of an element whose start tag was just read, returning
/// its XML text (start tag included) from `start`.
fn raw_element(
    r: &mut Reader<&[u8]>,
    text: &str,
    s: &BytesStart<'_>,
    start: usize,
    empty: bool,
) -> Result<String> {
    if !empty {
        let end = s.to_end().into_owned();
        r.read_to_end(end.name()).map_err(|e| xml_err(e, start))?;
    }
    let stop = r.buffer_position() as usize;
    Ok(text.get(start..stop).unwrap_or_default().to_string())
}

/// Reads the text content of a file element up to its end tag.
fn element_text(r: &mut Reader<&[u8]>, element: &str, at: usize) -> Result<String> {
    let mut out = String::new();
    loop {
        let pos = r.buffer_position() as usize;
        match r.read_event().map_err(|e| xml_err(e, pos))? {
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::CData(c) => out.push_str(&c.xml10_content()),
            Event::GeneralRef(g) => {
                let ch = match g.resolve_char_ref().map_err(|e| xml_err(e, pos))? {
                    Some(c) => c,
                    None => match &*g.xml10_content() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => return Err(err(format!("unknown entity &{other};"), pos)),
                    },
                };
                out.push(ch);
            }
            Event::End(_) => return Ok(out.trim().to_string()),
            Event::Comment(_) | Event::PI(_) => {}
            Event::Start(_) | Event::Empty(_) => {
                return Err(err(
                    format!("{element} element holds a file name, not elements"),
                    pos,
                ));
            }
            Event::Eof => return Err(err(format!("{element} element is not closed"), at)),
            Event::Decl(_) | Event::DocType(_) => {
                return Err(err("XML declaration inside an element", pos));
            }
        }
    }
}

fn file(
    r: &mut Reader<&[u8]>,
    kind: FileKind,
    s: &BytesStart<'_>,
    at: usize,
    empty: bool,
) -> Result<OabFile> {
    let el = kind.element_name();
    let mut attrs = attributes(s, at)?;
    let seq = number(&mut attrs, "seq", el, at)?;
    let ver = number(&mut attrs, "ver", el, at)?;
    let size = number(&mut attrs, "size", el, at)?;
    let uncompressed_size = number(&mut attrs, "uncompressedsize", el, at)?;
    let sha = required(&mut attrs, "SHA", el, at)?;
    let langid = take(&mut attrs, "langid");
    let template_type = take(&mut attrs, "type");
    let file_name = if empty {
        String::new()
    } else {
        element_text(r, el, at)?
    };
    Ok(OabFile {
        kind,
        seq,
        ver,
        size,
        uncompressed_size,
        sha,
        langid,
        template_type,
        file_name,
        other_attributes: attrs,
    })
}

fn oal(
    r: &mut Reader<&[u8]>,
    text: &str,
    s: &BytesStart<'_>,
    at: usize,
    empty: bool,
    opts: &ReadOptions,
) -> Result<Oal> {
    let mut attrs = attributes(s, at)?;
    let id = required(&mut attrs, "id", "OAL", at)?;
    let dn = required(&mut attrs, "dn", "OAL", at)?;
    let name = required(&mut attrs, "name", "OAL", at)?;
    let mut o = Oal {
        id,
        dn,
        name,
        files: Vec::new(),
        other_attributes: attrs,
        other_elements: Vec::new(),
    };
    if empty {
        return Ok(o);
    }
    loop {
        let pos = r.buffer_position() as usize;
        let ev = r.read_event().map_err(|e| xml_err(e, pos))?;
        let (s, empty) = match ev {
            Event::Start(s) => (s, false),
            Event::Empty(s) => (s, true),
            Event::End(_) => return Ok(o),
            Event::Eof => return Err(err("OAL element is not closed", at)),
            Event::Text(t) if t.xml10_content().trim().is_empty() => continue,
            Event::Comment(_) | Event::PI(_) => continue,
            _ => return Err(err("unexpected text in an OAL element", pos)),
        };
        let n = o.files.len() + o.other_elements.len();
        opts.limits.check_items(n + 1).map_err(|e| e.shift(pos))?;
        match FileKind::from_element_name(name_of(&s, pos)?) {
            Some(kind) => {
                let i = o.files.iter().filter(|f| f.kind == kind).count();
                let f =
                    file(r, kind, &s, pos, empty).map_err(|e| e.context(format!("{kind}[{i}]")))?;
                o.files.push(f);
            }
            None => o.other_elements.push(raw_element(r, text, &s, pos, empty)?),
        }
    }
}

/// Reads an OAB manifest (oab.xml). A UTF-8 byte order mark is skipped.
///
/// Errors are [`msox_codec::Error`]s with the byte offset of the element
/// at fault and the path (`OAB > OAL[1] > Diff[0]`).
pub fn read(xml: &[u8], opts: &ReadOptions) -> Result<Manifest> {
    let bom = if xml.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = xml.get(bom..).unwrap_or_default();
    let text = std::str::from_utf8(body).map_err(|e| {
        Error::at_offset(
            ErrorKind::BadString { encoding: "UTF-8" },
            bom + e.valid_up_to(),
        )
    })?;
    read_str(text, opts).map_err(|e| e.shift(bom))
}

/// [`read`] from text.
pub fn read_str(text: &str, opts: &ReadOptions) -> Result<Manifest> {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    r.config_mut().expand_empty_elements = false;
    // The prolog, then the OAB element.
    let (root, root_at, root_empty) = loop {
        let pos = r.buffer_position() as usize;
        match r.read_event().map_err(|e| xml_err(e, pos))? {
            Event::Start(s) => break (s, pos, false),
            Event::Empty(s) => break (s, pos, true),
            Event::Eof => return Err(err("no OAB element", pos)),
            Event::Text(t) if t.xml10_content().trim().is_empty() => {}
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            _ => return Err(err("text before the OAB element", pos)),
        }
    };
    let name = name_of(&root, root_at)?;
    if name != "OAB" {
        return Err(err(format!("the root element is {name}, not OAB"), root_at));
    }
    let mut m = Manifest {
        other_attributes: attributes(&root, root_at)?,
        ..Manifest::default()
    };
    if !root_empty {
        loop {
            let pos = r.buffer_position() as usize;
            let ev = r.read_event().map_err(|e| xml_err(e, pos).context("OAB"))?;
            let (s, empty) = match ev {
                Event::Start(s) => (s, false),
                Event::Empty(s) => (s, true),
                Event::End(_) => break,
                Event::Eof => return Err(err("OAB element is not closed", root_at)),
                Event::Text(t) if t.xml10_content().trim().is_empty() => continue,
                Event::Comment(_) | Event::PI(_) => continue,
                _ => return Err(err("unexpected text in the OAB element", pos).context("OAB")),
            };
            check_items(opts, m.oals.len() + m.other_elements.len() + 1, pos)
                .map_err(|e| e.context("OAB"))?;
            if name_of(&s, pos)? == "OAL" {
                let i = m.oals.len();
                let o = oal(&mut r, text, &s, pos, empty, opts)
                    .map_err(|e| e.context(format!("OAL[{i}]")).context("OAB"))?;
                m.oals.push(o);
            } else {
                m.other_elements
                    .push(raw_element(&mut r, text, &s, pos, empty).map_err(|e| e.context("OAB"))?);
            }
        }
    }
    // Only white space, comments and PIs may follow.
    loop {
        let pos = r.buffer_position() as usize;
        match r.read_event().map_err(|e| xml_err(e, pos))? {
            Event::Eof => return Ok(m),
            Event::Text(t) if t.xml10_content().trim().is_empty() => {}
            Event::Comment(_) | Event::PI(_) => {}
            _ => return Err(err("content after the OAB element", pos)),
        }
    }
}
