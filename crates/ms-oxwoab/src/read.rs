//! Reading oab.xml with quick-xml, in a decoding session: the XML text is
//! the window of a [`msox_codec::Reader`], so every error carries its
//! absolute byte offset and the element path (`OAB > OAL[1] > Diff[0]`),
//! and every element read is charged to the session's item budget.

use std::borrow::Cow;

use msox_codec::{Decode, ErrorKind, Reader, Result};
use quick_xml::events::{BytesStart, Event};

use crate::model::{Attribute, FileKind, Manifest, OabFile, Oal};

type Xml<'a> = quick_xml::reader::Reader<&'a [u8]>;

/// Where the XML text starts in the reader's buffer (quick-xml positions
/// count from there).
#[derive(Clone, Copy)]
struct Doc<'a> {
    base: usize,
    text: &'a str,
}

fn err(
    r: &Reader<'_>,
    doc: Doc<'_>,
    msg: impl Into<Cow<'static, str>>,
    at: usize,
) -> msox_codec::Error {
    r.error_at(ErrorKind::Malformed(msg.into()), doc.base + at)
}

fn xml_err(
    r: &Reader<'_>,
    doc: Doc<'_>,
    e: impl std::fmt::Display,
    at: usize,
) -> msox_codec::Error {
    err(r, doc, format!("XML: {e}"), at)
}

fn pos(x: &Xml<'_>) -> usize {
    usize::try_from(x.buffer_position()).unwrap_or(usize::MAX)
}

/// Charges one element, starting at `at`, to the session's item budget.
fn charge(r: &mut Reader<'_>, doc: Doc<'_>, at: usize) -> Result<()> {
    r.session_mut()
        .charge_items(1, "elements")
        .map_err(|k| r.error_at(k, doc.base + at))
}

/// The unescaped text of every attribute, in order.
fn attributes(
    r: &Reader<'_>,
    doc: Doc<'_>,
    s: &BytesStart<'_>,
    at: usize,
) -> Result<Vec<Attribute>> {
    let mut out = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| xml_err(r, doc, e, at))?;
        let name = a.key.as_ref().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| xml_err(r, doc, e, at))?
            .into_owned();
        out.push(Attribute { name, value });
    }
    Ok(out)
}

fn take(attrs: &mut Vec<Attribute>, name: &str) -> Option<String> {
    let i = attrs.iter().position(|a| a.name == name)?;
    Some(attrs.remove(i).value)
}

/// One element's attributes, with what an error about them needs.
struct Attrs<'r, 'b, 'a> {
    r: &'r Reader<'b>,
    doc: Doc<'a>,
    element: &'static str,
    at: usize,
    list: Vec<Attribute>,
}

impl Attrs<'_, '_, '_> {
    fn required(&mut self, name: &'static str) -> Result<String> {
        take(&mut self.list, name).ok_or_else(|| {
            err(
                self.r,
                self.doc,
                format!("{} element has no {name} attribute", self.element),
                self.at,
            )
        })
    }

    fn number<T: std::str::FromStr>(&mut self, name: &'static str) -> Result<T> {
        let v = self.required(name)?;
        v.trim().parse().map_err(|_| {
            err(
                self.r,
                self.doc,
                format!(
                    "{} {name} {v:?} is not a decimal number in range",
                    self.element
                ),
                self.at,
            )
        })
    }
}

/// Reads the rest of an element whose start tag was just read, returning
/// its XML text (start tag included) from `start`.
fn raw_element(
    r: &Reader<'_>,
    doc: Doc<'_>,
    x: &mut Xml<'_>,
    s: &BytesStart<'_>,
    start: usize,
    empty: bool,
) -> Result<String> {
    if !empty {
        let end = s.to_end().into_owned();
        x.read_to_end(end.name())
            .map_err(|e| xml_err(r, doc, e, start))?;
    }
    Ok(doc.text.get(start..pos(x)).unwrap_or_default().to_string())
}

/// Reads the text content of a file element up to its end tag.
fn element_text(
    r: &Reader<'_>,
    doc: Doc<'_>,
    x: &mut Xml<'_>,
    element: &str,
    at: usize,
) -> Result<String> {
    let mut out = String::new();
    loop {
        let p = pos(x);
        match x.read_event().map_err(|e| xml_err(r, doc, e, p))? {
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::CData(c) => out.push_str(&c.xml10_content()),
            Event::GeneralRef(g) => {
                let ch = match g.resolve_char_ref().map_err(|e| xml_err(r, doc, e, p))? {
                    Some(c) => c,
                    None => match &*g.xml10_content() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => return Err(err(r, doc, format!("unknown entity &{other};"), p)),
                    },
                };
                out.push(ch);
            }
            Event::End(_) => return Ok(out.trim().to_string()),
            Event::Comment(_) | Event::PI(_) => {}
            Event::Start(_) | Event::Empty(_) => {
                return Err(err(
                    r,
                    doc,
                    format!("{element} element holds a file name, not elements"),
                    p,
                ));
            }
            Event::Eof => return Err(err(r, doc, format!("{element} element is not closed"), at)),
            Event::Decl(_) | Event::DocType(_) => {
                return Err(err(r, doc, "XML declaration inside an element", p));
            }
        }
    }
}

/// [MS-OXWOAB] 2.2 a Full, Diff or Template element (its start tag just read).
fn file(
    r: &Reader<'_>,
    doc: Doc<'_>,
    x: &mut Xml<'_>,
    kind: FileKind,
    s: &BytesStart<'_>,
    at: usize,
    empty: bool,
) -> Result<OabFile> {
    let element = kind.element_name();
    let mut a = Attrs {
        r,
        doc,
        element,
        at,
        list: attributes(r, doc, s, at)?,
    };
    let seq = a.number("seq")?;
    let ver = a.number("ver")?;
    let size = a.number("size")?;
    let uncompressed_size = a.number("uncompressedsize")?;
    let sha = a.required("SHA")?;
    let langid = take(&mut a.list, "langid");
    let template_type = take(&mut a.list, "type");
    let file_name = if empty {
        String::new()
    } else {
        element_text(r, doc, x, element, at)?
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
        other_attributes: a.list,
    })
}

/// [MS-OXWOAB] 2.2 an OAL element (its start tag just read).
fn oal(
    r: &mut Reader<'_>,
    doc: Doc<'_>,
    x: &mut Xml<'_>,
    s: &BytesStart<'_>,
    at: usize,
    empty: bool,
) -> Result<Oal> {
    let mut a = Attrs {
        r,
        doc,
        element: "OAL",
        at,
        list: attributes(r, doc, s, at)?,
    };
    let id = a.required("id")?;
    let dn = a.required("dn")?;
    let name = a.required("name")?;
    let mut o = Oal {
        id,
        dn,
        name,
        files: Vec::new(),
        other_attributes: a.list,
        other_elements: Vec::new(),
    };
    if empty {
        return Ok(o);
    }
    loop {
        let p = pos(x);
        let ev = x.read_event().map_err(|e| xml_err(r, doc, e, p))?;
        let (s, empty) = match ev {
            Event::Start(s) => (s, false),
            Event::Empty(s) => (s, true),
            Event::End(_) => return Ok(o),
            Event::Eof => return Err(err(r, doc, "OAL element is not closed", at)),
            Event::Text(t) if t.xml10_content().trim().is_empty() => continue,
            Event::Comment(_) | Event::PI(_) => continue,
            _ => return Err(err(r, doc, "unexpected text in an OAL element", p)),
        };
        charge(r, doc, p)?;
        match FileKind::from_element_name(s.name().into_inner()) {
            Some(kind) => {
                let i = o.files.iter().filter(|f| f.kind == kind).count();
                let f = r.frame_indexed(kind.element_name(), i, |r| {
                    file(r, doc, x, kind, &s, p, empty)
                })?;
                o.files.push(f);
            }
            None => o.other_elements.push(raw_element(r, doc, x, &s, p, empty)?),
        }
    }
}

/// [MS-OXWOAB] 2.2 the manifest: the rest of the reader's window is the
/// oab.xml document (a UTF-8 byte order mark is skipped). Errors carry the
/// byte offset of the element at fault and the path
/// (`OAB > OAL[1] > Diff[0]`); every element is charged to the session's
/// item budget ([`msox_codec::Limits::max_items`]).
impl<'a> Decode<'a> for Manifest {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let all = r.take_rest();
        let bom = if all.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let body = all.get(bom..).unwrap_or_default();
        let text = std::str::from_utf8(body).map_err(|e| {
            r.error_at(
                ErrorKind::BadString { encoding: "UTF-8" },
                start + bom + e.valid_up_to(),
            )
        })?;
        let doc = Doc {
            base: start + bom,
            text,
        };
        read_document(r, doc)
    }
}

fn read_document(r: &mut Reader<'_>, doc: Doc<'_>) -> Result<Manifest> {
    let mut x = quick_xml::reader::Reader::from_str(doc.text);
    x.config_mut().trim_text(false);
    x.config_mut().expand_empty_elements = false;
    // The prolog, then the OAB element.
    let (root, root_at, root_empty) = loop {
        let p = pos(&x);
        match x.read_event().map_err(|e| xml_err(r, doc, e, p))? {
            Event::Start(s) => break (s, p, false),
            Event::Empty(s) => break (s, p, true),
            Event::Eof => return Err(err(r, doc, "no OAB element", p)),
            Event::Text(t) if t.xml10_content().trim().is_empty() => {}
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            _ => return Err(err(r, doc, "text before the OAB element", p)),
        }
    };
    let name = root.name().into_inner().to_string();
    if name != "OAB" {
        return Err(err(
            r,
            doc,
            format!("the root element is {name}, not OAB"),
            root_at,
        ));
    }
    let m = r.frame("OAB", |r| {
        let mut m = Manifest {
            other_attributes: attributes(r, doc, &root, root_at)?,
            ..Manifest::default()
        };
        if root_empty {
            return Ok(m);
        }
        loop {
            let p = pos(&x);
            let ev = x.read_event().map_err(|e| xml_err(r, doc, e, p))?;
            let (s, empty) = match ev {
                Event::Start(s) => (s, false),
                Event::Empty(s) => (s, true),
                Event::End(_) => return Ok(m),
                Event::Eof => return Err(err(r, doc, "OAB element is not closed", root_at)),
                Event::Text(t) if t.xml10_content().trim().is_empty() => continue,
                Event::Comment(_) | Event::PI(_) => continue,
                _ => return Err(err(r, doc, "unexpected text in the OAB element", p)),
            };
            charge(r, doc, p)?;
            if s.name().into_inner() == "OAL" {
                let i = m.oals.len();
                let o = r.frame_indexed("OAL", i, |r| oal(r, doc, &mut x, &s, p, empty))?;
                m.oals.push(o);
            } else {
                m.other_elements
                    .push(raw_element(r, doc, &mut x, &s, p, empty)?);
            }
        }
    })?;
    // Only white space, comments and PIs may follow.
    loop {
        let p = pos(&x);
        match x.read_event().map_err(|e| xml_err(r, doc, e, p))? {
            Event::Eof => return Ok(m),
            Event::Text(t) if t.xml10_content().trim().is_empty() => {}
            Event::Comment(_) | Event::PI(_) => {}
            _ => return Err(err(r, doc, "content after the OAB element", p)),
        }
    }
}
