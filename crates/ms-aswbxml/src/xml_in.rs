//! XML → WBXML, streaming from quick-xml's namespace-aware reader.
//!
//! Reads the XML form described in [`crate::xml_out`] and any ActiveSync
//! XML in the shape [MS-ASCMD] shows: namespaces by default declaration or
//! prefix (`AirSync`, libwbxml's `AirSync:`, `POOMMAIL`, any case), the
//! spec's element names or libwbxml's ([`crate::codepages`] aliases).
//!
//! Without the `<?wbxml ...?>` header instruction the output is what
//! Exchange and devices send: WBXML 1.3, public identifier 1, UTF-8, no
//! string table, `SWITCH_PAGE` only where the page changes, strings as
//! `STR_I`, base64 text of opaque elements as `OPAQUE`. Whitespace-only text
//! between child elements is layout and is dropped; whitespace-only text in
//! an element without children is data. With the header instruction (what
//! [`crate::XmlOptions::lossless`] writes) every text node is data and the
//! instructions restore the original bytes.

use crate::codepages;
use crate::document::Encoder;
use crate::event::{Event, Tag};
use crate::header::{Header, PublicId};
use crate::parser::{Defect, DefectKind, Framing, Mode};
use crate::xml_out::{Converted, UNKNOWN_PAGE_NS};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use msox_codec::{Error, ErrorKind, Limits, Result};
use quick_xml::events::Event as X;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// How to encode XML as WBXML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EncodeOptions {
    /// Strict refuses unknown elements and attributes; lenient skips them
    /// and reports a [`Defect`] (offsets are byte offsets in the XML).
    pub mode: Mode,
    /// Output size (`max_output`) and nesting depth (`max_depth`).
    pub limits: Limits,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    /// The next text is of the element's default kind.
    Default,
    /// `<?wbxml str-i?>`.
    Str,
    /// `<?wbxml opaque?>`.
    Opaque,
    /// After `<?wbxml str-t N?>`: the text equal to the table string is
    /// already written.
    SkipTable(u32),
}

struct Frame {
    opaque: bool,
    children: bool,
}

struct Enc<'h> {
    opts: EncodeOptions,
    header: Header<'h>,
    framing: Framing,
    exact: bool,
    enc: Option<Encoder>,
    stack: Vec<Frame>,
    text: String,
    pending: Pending,
    skip: u32,
    defects: Vec<Defect>,
    scratch: Vec<u8>,
}

/// Converts XML to WBXML.
///
/// ```
/// use ms_aswbxml::{xml_to_wbxml, EncodeOptions};
/// let xml = r#"<?xml version="1.0" encoding="utf-8"?>
/// <Ping xmlns="Ping">
///   <Status>1</Status>
/// </Ping>"#;
/// let out = xml_to_wbxml(xml.as_bytes(), EncodeOptions::default())?;
/// assert_eq!(out.output, [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn xml_to_wbxml(xml: &[u8], opts: EncodeOptions) -> Result<Converted<Vec<u8>>> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    let text = std::str::from_utf8(xml).map_err(|e| {
        Error::at_offset(ErrorKind::BadString { encoding: "UTF-8" }, e.valid_up_to())
    })?;
    let mut r = NsReader::from_str(text);
    r.config_mut().expand_empty_elements = false;
    r.config_mut().trim_text(false);
    let mut table_owner: Vec<u8> = Vec::new();
    // First pass over the prolog for the header instruction (the string
    // table must outlive the encoder).
    let mut framing = Framing::Document;
    let mut exact = false;
    let mut version = crate::header::VERSION_1_3;
    let mut public_id = PublicId::Known(1);
    let mut charset = Some(crate::header::CHARSET_UTF8);
    {
        let mut pr = NsReader::from_str(text);
        loop {
            let at = pr.buffer_position() as usize;
            match pr.read_event().map_err(|e| xml_err(e, at))? {
                X::PI(pi) if pi.target() == "wbxml" => {
                    let body = pi.content().trim();
                    if body == "headerless" {
                        framing = Framing::Headerless;
                        exact = true;
                        break;
                    }
                    if !body.starts_with("version") {
                        break;
                    }
                    exact = true;
                    for (k, v) in pi_attrs(body) {
                        match k {
                            "version" => version = parse_version(v).ok_or_else(|| bad_pi(at))?,
                            "public-id" => {
                                public_id = PublicId::Known(v.parse().map_err(|_| bad_pi(at))?)
                            }
                            "public-id-index" => {
                                public_id =
                                    PublicId::StringTable(v.parse().map_err(|_| bad_pi(at))?)
                            }
                            "charset" => charset = Some(v.parse().map_err(|_| bad_pi(at))?),
                            "string-table" => {
                                table_owner = B64.decode(v).map_err(|_| bad_pi(at))?
                            }
                            _ => return Err(bad_pi(at)),
                        }
                    }
                    if version == 0 {
                        charset = None;
                    }
                    break;
                }
                X::Start(_) | X::Empty(_) | X::Eof => break,
                _ => {}
            }
        }
    }
    let header = Header {
        version,
        public_id,
        charset,
        string_table: &table_owner,
    };
    let mut e = Enc {
        opts,
        header,
        framing,
        exact,
        enc: None,
        stack: Vec::with_capacity(32),
        text: String::new(),
        pending: Pending::Default,
        skip: 0,
        defects: Vec::new(),
        scratch: Vec::new(),
    };
    loop {
        let at = r.buffer_position() as usize;
        let (res, ev) = r.read_resolved_event().map_err(|err| xml_err(err, at))?;
        match ev {
            X::Eof => break,
            X::Start(_) if e.skip > 0 => e.skip += 1,
            X::End(_) if e.skip > 0 => e.skip -= 1,
            _ if e.skip > 0 => {}
            X::Start(s) => {
                let page = resolve_page(&res);
                e.start(page, &s, true, at)?;
            }
            X::Empty(s) => {
                let page = resolve_page(&res);
                e.start(page, &s, false, at)?;
            }
            X::End(_) => e.end(at)?,
            X::Text(t) => e.text.push_str(&t.xml10_content()),
            X::CData(c) => e.text.push_str(&c.xml10_content()),
            X::GeneralRef(g) => {
                let ch = match g.resolve_char_ref().map_err(|err| {
                    Error::at_offset(ErrorKind::Malformed(format!("XML: {err}").into()), at)
                })? {
                    Some(c) => c,
                    None => match &*g.xml10_content() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\u{27}',
                        "quot" => '"',
                        other => {
                            return Err(Error::at_offset(
                                ErrorKind::Malformed(
                                    format!("XML: unknown entity &{other};").into(),
                                ),
                                at,
                            )
                            .context("XML to WBXML"));
                        }
                    },
                };
                e.text.push(ch);
            }
            X::PI(pi) => {
                if pi.target() == "wbxml" {
                    let body = pi.content().trim().to_string();
                    e.pi(&body, at)?;
                }
            }
            X::Comment(_) | X::Decl(_) | X::DocType(_) => {}
        }
    }
    e.finish(r.buffer_position() as usize)
}

/// The code page of an element's resolved namespace: `Ok(page)`, or
/// `Err(())` for no or an unknown namespace.
fn resolve_page(res: &ResolveResult<'_>) -> std::result::Result<u8, ()> {
    match res {
        ResolveResult::Bound(ns) => {
            let ns = ns.0;
            if let Some(p) = codepages::page_by_namespace(ns) {
                return Ok(p);
            }
            ns.strip_prefix(UNKNOWN_PAGE_NS)
                .and_then(|n| n.parse().ok())
                .ok_or(())
        }
        _ => Err(()),
    }
}

impl Enc<'_> {
    fn strict(&self) -> bool {
        self.opts.mode == Mode::Strict
    }

    fn defect(&mut self, at: usize, kind: DefectKind, what: &str) -> Result<()> {
        if self.strict() {
            return Err(
                Error::at_offset(ErrorKind::Malformed(what.to_string().into()), at)
                    .context("XML to WBXML"),
            );
        }
        self.defects.push(Defect { offset: at, kind });
        Ok(())
    }

    fn enc(&mut self) -> Result<&mut Encoder> {
        if self.enc.is_none() {
            self.enc = Some(Encoder::with_capacity(&self.header, self.framing, 1024)?);
        }
        self.enc
            .as_mut()
            .ok_or_else(|| Error::new(ErrorKind::Malformed("no encoder".into())))
    }

    fn check_size(&self) -> Result<()> {
        let len = self.enc.as_ref().map_or(0, Encoder::len);
        if len > self.opts.limits.max_output {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "WBXML output size",
                value: len as u64,
                max: self.opts.limits.max_output as u64,
            }));
        }
        Ok(())
    }

    /// Writes the pending text. `boundary`: 0 a child element starts, 1 the
    /// element ends, 2 an instruction.
    fn flush_text(&mut self, boundary: u8, at: usize) -> Result<()> {
        let pending = std::mem::replace(&mut self.pending, Pending::Default);
        if self.text.is_empty() {
            // `<?wbxml str-i?>` or `<?wbxml opaque?>` with no text: empty data.
            return match pending {
                Pending::Str if self.skip == 0 => self.enc()?.str_i(b""),
                Pending::Opaque if self.skip == 0 => self.enc()?.opaque(b""),
                _ => Ok(()),
            };
        }
        let text = std::mem::take(&mut self.text);
        let result = self.write_text(&text, pending, boundary, at);
        self.text = text;
        self.text.clear();
        result
    }

    fn write_text(&mut self, text: &str, pending: Pending, boundary: u8, at: usize) -> Result<()> {
        let Some(frame) = self.stack.last() else {
            if text.bytes().all(|b| b.is_ascii_whitespace()) {
                return Ok(());
            }
            if self.framing == Framing::Headerless {
                return self.enc()?.str_i(text.as_bytes());
            }
            return self.defect(
                at,
                DefectKind::ContentOutsideRoot,
                "text outside the root element",
            );
        };
        let layout = !self.exact
            && text
                .bytes()
                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            && (frame.children || boundary == 0);
        if layout {
            return Ok(());
        }
        let opaque = match pending {
            Pending::Default => frame.opaque,
            Pending::Str => false,
            Pending::Opaque => true,
            Pending::SkipTable(i) => {
                if self.header.string_at(i) == Some(text.as_bytes()) {
                    return Ok(());
                }
                frame.opaque
            }
        };
        if opaque {
            self.scratch.clear();
            let compact: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
            match B64.decode_vec(&compact, &mut self.scratch) {
                Ok(()) => {
                    let data = std::mem::take(&mut self.scratch);
                    let r = self.enc()?.opaque(&data);
                    self.scratch = data;
                    return r;
                }
                Err(_) => self.defect(
                    at,
                    DefectKind::BadText,
                    "opaque element content is not base64",
                )?,
            }
        }
        self.enc()?.str_i(text.as_bytes())
    }

    fn start(
        &mut self,
        page: std::result::Result<u8, ()>,
        s: &quick_xml::events::BytesStart<'_>,
        content: bool,
        at: usize,
    ) -> Result<()> {
        self.flush_text(0, at)?;
        let local = s.local_name();
        let name = local.into_inner();
        let token = match page {
            Ok(p) => codepages::token_by_name(p, name).or_else(|| {
                name.strip_prefix("_0x")
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .filter(|t| (0x05..=0x3F).contains(t))
            }),
            Err(()) => None,
        };
        let (Ok(page), Some(token)) = (page, token) else {
            let what = format!(
                "unknown element {name} (no ActiveSync code page for its namespace, or no such tag on it)"
            );
            self.defect(at, DefectKind::Skipped("unknown XML element"), &what)?;
            if content {
                self.skip = 1;
            }
            return Ok(());
        };
        for a in s.attributes().with_checks(false).flatten() {
            if a.key.as_namespace_binding().is_none() {
                self.defect(
                    at,
                    DefectKind::Skipped("XML attributes"),
                    "XML attributes have no WBXML form here",
                )?;
            }
        }
        if let Some(f) = self.stack.last_mut() {
            f.children = true;
        }
        let tag = Tag::new(page, token, content);
        self.enc()?.start(tag)?;
        if content {
            if self.stack.len() as u64 >= u64::from(self.opts.limits.max_depth) {
                return Err(Error::at_offset(
                    ErrorKind::LimitExceeded {
                        what: "element nesting depth",
                        value: self.stack.len() as u64 + 1,
                        max: u64::from(self.opts.limits.max_depth),
                    },
                    at,
                ));
            }
            let opaque = tag.def().is_some_and(|d| d.is_opaque());
            self.stack.push(Frame {
                opaque,
                children: false,
            });
        }
        self.check_size()
    }

    fn end(&mut self, at: usize) -> Result<()> {
        self.flush_text(1, at)?;
        if self.stack.pop().is_some() {
            self.enc()?.end();
        }
        self.check_size()
    }

    fn pi(&mut self, body: &str, at: usize) -> Result<()> {
        let (cmd, arg) = body.split_once(' ').unwrap_or((body, ""));
        let arg = arg.trim();
        match cmd {
            _ if cmd.starts_with("version") || cmd == "headerless" => {
                if self.enc.is_some() {
                    return Err(bad_pi(at));
                }
                Ok(())
            }
            "switch-page" => {
                self.flush_text(2, at)?;
                let p: u8 = arg.parse().map_err(|_| bad_pi(at))?;
                self.enc()?.event(&Event::SwitchPage(p))
            }
            "str-i" => {
                self.flush_text(2, at)?;
                self.pending = Pending::Str;
                Ok(())
            }
            "opaque" => {
                self.flush_text(2, at)?;
                self.pending = Pending::Opaque;
                Ok(())
            }
            "str-t" => {
                self.flush_text(2, at)?;
                let i: u32 = arg.parse().map_err(|_| bad_pi(at))?;
                let value = match self.header.string_at(i) {
                    Some(v) => v,
                    None if self.strict() => return Err(bad_pi(at)),
                    None => &[],
                };
                self.enc()?.event(&Event::StrT { index: i, value })?;
                self.pending = Pending::SkipTable(i);
                Ok(())
            }
            "str-i-b64" => {
                self.flush_text(2, at)?;
                let data = B64.decode(arg).map_err(|_| bad_pi(at))?;
                self.enc()?.str_i(&data)
            }
            "entity" => {
                self.flush_text(2, at)?;
                let c: u32 = arg.parse().map_err(|_| bad_pi(at))?;
                self.enc()?.event(&Event::Entity(c))
            }
            _ => Err(bad_pi(at)),
        }
    }

    fn finish(mut self, at: usize) -> Result<Converted<Vec<u8>>> {
        self.flush_text(1, at)?;
        if !self.stack.is_empty() || self.skip > 0 {
            return Err(Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                at,
            )
            .context("XML to WBXML"));
        }
        if self.enc.is_none() && self.framing == Framing::Headerless {
            // An empty fragment is a fragment.
            self.enc()?;
        }
        let Some(enc) = self.enc.take() else {
            return Err(
                Error::at_offset(ErrorKind::Malformed("no root element".into()), at)
                    .context("XML to WBXML"),
            );
        };
        Ok(Converted {
            output: enc.finish(),
            defects: self.defects,
        })
    }
}

fn parse_version(v: &str) -> Option<u8> {
    let (maj, min) = v.split_once('.')?;
    let maj: u8 = maj.parse().ok()?;
    let min: u8 = min.parse().ok()?;
    if !(1..=16).contains(&maj) || min > 15 {
        return None;
    }
    Some(((maj - 1) << 4) | min)
}

/// `key="value"` pairs of an instruction body.
fn pi_attrs(body: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some((k, r)) = rest.split_once('=') {
        let r = r.trim_start();
        let Some(r) = r.strip_prefix('"') else { break };
        let Some((v, r)) = r.split_once('"') else {
            break;
        };
        out.push((k.trim(), v));
        rest = r;
    }
    out
}

#[cold]
fn bad_pi(at: usize) -> Error {
    Error::at_offset(
        ErrorKind::Malformed("bad <?wbxml ...?> instruction".into()),
        at,
    )
    .context("XML to WBXML")
}

#[cold]
fn xml_err(e: quick_xml::Error, at: usize) -> Error {
    Error::at_offset(ErrorKind::Malformed(format!("XML: {e}").into()), at).context("XML to WBXML")
}
