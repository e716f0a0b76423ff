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
//!
//! **libwbxml's XML** (with the ActiveSync DOCTYPE libwbxml writes,
//! `<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" ...>`)
//! is read by libwbxml's rules, so it gives the bytes libwbxml's
//! `xml2wbxml -n` gives: white-space-only text is dropped and the white
//! space around text is trimmed, a CDATA section is `OPAQUE` data (an
//! empty one nothing), and an element gets the content flag only when
//! something (text, CDATA, a child) is inside it (`<X></X>` is `<X/>`).
//!
//! The XML is untrusted input read in a decoding session: errors and
//! defects give byte offsets in the XML and the path of open elements
//! (`XML > Sync > Collections`); nesting counts against the session's depth
//! limit and the WBXML written against its output budget. Lenient encoding
//! reads past, each a [`Defect`](msox_codec::Defect) (strict refuses): an
//! element with no ActiveSync code page or tag (skipped with its content),
//! XML attributes (ignored), text outside the root element (ignored),
//! opaque content that is not base64 (written as a string), a `str-t`
//! instruction outside the string table (an empty string).

use crate::codepages;
use crate::document::Encoder;
use crate::event::{Event, Tag};
use crate::header::{Header, PublicId};
use crate::parser::Framing;
use crate::xml_out::UNKNOWN_PAGE_NS;

/// The public identifier of libwbxml's ActiveSync DOCTYPE: XML that
/// declares it is read by libwbxml's rules.
const ACTIVESYNC_PUBLIC_ID: &str = "-//MICROSOFT//DTD ActiveSync//EN";
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use msox_codec::{
    Decoded, Error, ErrorKind, Frame, Options, Reader, Result, Sink, decode_bytes_with_reader,
};
use quick_xml::events::{BytesText, Event as X};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

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

struct Open {
    opaque: bool,
    children: bool,
    name: &'static str,
}

struct Enc<'h, 's> {
    /// libwbxml's XML (an ActiveSync DOCTYPE): its rules (see the module
    /// docs).
    libwbxml: bool,
    /// libwbxml rules: the innermost element's start tag, not written yet
    /// (its content flag depends on whether anything is inside).
    deferred: Option<Tag>,
    max_open: usize,
    /// Output bytes charged so far.
    charged: usize,
    /// Where the output goes in pieces as it is written (else it is kept
    /// whole), and how much went there.
    sink: Option<&'s mut dyn Sink>,
    drained: usize,
    header: Header<'h>,
    framing: Framing,
    exact: bool,
    enc: Option<Encoder>,
    stack: Vec<Open>,
    /// Whether the root element was met (a document has one).
    root: bool,
    /// The pending text (the input is valid UTF-8, checked once, and text
    /// is cut from it at ASCII delimiters: no check again).
    text: Vec<u8>,
    pending: Pending,
    skip: u32,
    scratch: Vec<u8>,
    /// The output buffer's first capacity: most of the XML's size (WBXML
    /// of ActiveSync XML is about 2/3 of it), so it rarely grows.
    capacity: usize,
}

/// Converts XML to WBXML: the bytes and the defects.
///
/// ```
/// use ms_aswbxml::xml_to_wbxml;
/// use msox_codec::Options;
/// let xml = r#"<?xml version="1.0" encoding="utf-8"?>
/// <Ping xmlns="Ping">
///   <Status>1</Status>
/// </Ping>"#;
/// let out = xml_to_wbxml(xml.as_bytes(), &Options::default())?;
/// assert_eq!(out.value, [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01]);
///
/// // An element ActiveSync does not have: lenient skips it, strict refuses.
/// let odd = br#"<Ping xmlns="Ping"><Nope>x</Nope><Status>1</Status></Ping>"#;
/// let out = xml_to_wbxml(odd, &Options::lenient())?;
/// assert_eq!(out.defects[0].offset(), Some(19));
/// assert_eq!(out.defects[0].path().to_string(), "XML > Ping");
/// assert!(xml_to_wbxml(odd, &Options::strict()).is_err());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn xml_to_wbxml(xml: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    decode_bytes_with_reader(xml, options, read_xml)
}

/// [`xml_to_wbxml`] into a [`Sink`], in pieces of about 32 KiB as they are
/// written (memory stays flat whatever the output size): the number of
/// bytes written and the defects. On an error the sink may have taken
/// part of the output.
///
/// ```
/// use ms_aswbxml::xml_to_wbxml_into;
/// use msox_codec::Options;
/// let mut out = Vec::new();
/// let n = xml_to_wbxml_into(br#"<Ping xmlns="Ping"><Status>1</Status></Ping>"#, &Options::default(), &mut out)?;
/// assert_eq!(n.value, 13);
/// assert_eq!(out, [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn xml_to_wbxml_into<S: Sink>(
    xml: &[u8],
    options: &Options,
    sink: &mut S,
) -> Result<Decoded<u64>> {
    decode_bytes_with_reader(xml, options, |r| read_xml_into(r, sink))
}

/// [`xml_to_wbxml_into`] reading the XML from `input` as it goes (a file
/// through a [`std::io::BufReader`]): neither the XML nor the WBXML is held
/// whole, so memory stays flat whatever their size. Invalid UTF-8 is an
/// error at the start of the XML construct that holds it (the slice forms
/// give the byte); a read error is an error at the position reached.
///
/// ```
/// use ms_aswbxml::xml_to_wbxml_from;
/// use msox_codec::Options;
/// let xml = std::io::Cursor::new(r#"<Ping xmlns="Ping"><Status>1</Status></Ping>"#);
/// let mut out = Vec::new();
/// let n = xml_to_wbxml_from(xml, &Options::default(), &mut out)?;
/// assert_eq!(n.value, 13);
/// assert_eq!(out[6..], [0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn xml_to_wbxml_from<R: std::io::BufRead, S: Sink>(
    mut input: R,
    options: &Options,
    sink: &mut S,
) -> Result<Decoded<u64>> {
    decode_bytes_with_reader(&[], options, |r| {
        r.frame("XML", |r| {
            let bom = input
                .fill_buf()
                .is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"));
            let base = if bom {
                input.consume(3);
                3
            } else {
                0
            };
            let mut sink = sink;
            let x = Buffered(NsReader::from_reader(input));
            encode(r, base, x, 0, Some(&mut sink)).map(|(_, n)| n)
        })
    })
}

/// Encodes the XML that fills the rest of the reader's window as WBXML,
/// inside the caller's decoding session.
pub fn read_xml(r: &mut Reader<'_>) -> Result<Vec<u8>> {
    read_xml_to(r, None).map(|(v, _)| v)
}

/// [`read_xml`] into a [`Sink`] (see [`xml_to_wbxml_into`]): the number of
/// bytes written.
pub fn read_xml_into<S: Sink>(r: &mut Reader<'_>, sink: &mut S) -> Result<u64> {
    let mut sink = sink;
    read_xml_to(r, Some(&mut sink)).map(|(_, n)| n)
}

/// The output kept (none with a sink) and its whole length.
fn read_xml_to(r: &mut Reader<'_>, sink: Option<&mut dyn Sink>) -> Result<(Vec<u8>, u64)> {
    r.frame("XML", |r| {
        let mut base = r.pos();
        let all = r.take_rest();
        let xml = match all.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => {
                base += 3;
                rest
            }
            None => all,
        };
        let text = std::str::from_utf8(xml).map_err(|e| {
            r.error_at(
                ErrorKind::BadString { encoding: "UTF-8" },
                base + e.valid_up_to(),
            )
        })?;
        encode(r, base, NsReader::from_str(text), text.len(), sink)
    })
}

/// The output buffer when the output goes to a sink: it is emptied into
/// the sink once it holds this much.
const PIECE: usize = 32 << 10;

/// Where [`encode`] gets its XML events: a slice (events borrow it) or a
/// [`std::io::BufRead`] (events are copied into a buffer). The reader keeps
/// the namespace scopes; only start and empty elements have theirs
/// resolved to a code page, into `page`, and only when it is `Ok` on entry
/// (end tags and skipped content are not looked up; `Err(())` otherwise).
/// (The page is not returned beside the event: moving that pair cost more
/// than resolving it.)
trait Events {
    fn next_event<'s>(
        &'s mut self,
        buf: &'s mut Vec<u8>,
        pages: &mut PageCache,
        page: &mut std::result::Result<u8, ()>,
    ) -> quick_xml::Result<X<'s>>;
    fn config(&mut self) -> &mut quick_xml::reader::Config;
    fn position(&self) -> u64;
}

/// The code page of a start or empty element `ev`, when `page` is `Ok`.
#[inline]
fn page_of_event(
    resolver: &quick_xml::name::NamespaceResolver,
    ev: &X<'_>,
    pages: &mut PageCache,
    page: &mut std::result::Result<u8, ()>,
) {
    *page = match ev {
        X::Start(e) | X::Empty(e) if page.is_ok() => {
            pages.resolve(&resolver.resolve_element(e.name()).0)
        }
        _ => Err(()),
    };
}

impl Events for NsReader<&[u8]> {
    #[inline]
    fn next_event<'s>(
        &'s mut self,
        _: &'s mut Vec<u8>,
        pages: &mut PageCache,
        page: &mut std::result::Result<u8, ()>,
    ) -> quick_xml::Result<X<'s>> {
        let ev = self.read_event()?;
        page_of_event(self.resolver(), &ev, pages, page);
        Ok(ev)
    }
    fn config(&mut self) -> &mut quick_xml::reader::Config {
        self.config_mut()
    }
    fn position(&self) -> u64 {
        self.buffer_position()
    }
}

/// A [`std::io::BufRead`] source.
struct Buffered<R>(NsReader<R>);

impl<R: std::io::BufRead> Events for Buffered<R> {
    #[inline]
    fn next_event<'s>(
        &'s mut self,
        buf: &'s mut Vec<u8>,
        pages: &mut PageCache,
        page: &mut std::result::Result<u8, ()>,
    ) -> quick_xml::Result<X<'s>> {
        buf.clear();
        let ev = self.0.read_event_into(buf)?;
        page_of_event(self.0.resolver(), &ev, pages, page);
        Ok(ev)
    }
    fn config(&mut self) -> &mut quick_xml::reader::Config {
        self.0.config_mut()
    }
    fn position(&self) -> u64 {
        self.0.buffer_position()
    }
}

fn encode(
    r0: &mut Reader<'_>,
    base: usize,
    mut x: impl Events,
    len_hint: usize,
    sink: Option<&mut dyn Sink>,
) -> Result<(Vec<u8>, u64)> {
    x.config().expand_empty_elements = false;
    x.config().trim_text(false);
    let mut buf = Vec::new();
    let mut pages = PageCache::default();
    // The prolog, up to the first element or `<?wbxml ...?>` instruction,
    // says how the header is written (an instruction, libwbxml's DOCTYPE):
    // its events are kept, then handled as the rest once the encoder is
    // set up (the string table must outlive it).
    let mut table_owner: Vec<u8> = Vec::new();
    let mut framing = Framing::Document;
    let mut exact = false;
    let mut version = crate::header::VERSION_1_3;
    let mut public_id = PublicId::Known(1);
    let mut charset = Some(crate::header::CHARSET_UTF8);
    let mut libwbxml = false;
    let mut prolog: Vec<(usize, std::result::Result<u8, ()>, X<'static>)> = Vec::new();
    loop {
        let at = base + x.position() as usize;
        let mut page = Ok(0);
        let ev = x
            .next_event(&mut buf, &mut pages, &mut page)
            .map_err(|e| xml_err(r0, e, at))?;
        let stop = match &ev {
            X::PI(pi) if pi.target() == "wbxml" => {
                let body = pi.content().trim();
                if body == "headerless" {
                    framing = Framing::Headerless;
                    exact = true;
                } else if body.starts_with("version") {
                    exact = true;
                    for (k, v) in pi_attrs(body) {
                        match k {
                            "version" => {
                                version = parse_version(v).ok_or_else(|| bad_pi(r0, at))?
                            }
                            "public-id" => {
                                public_id = PublicId::Known(v.parse().map_err(|_| bad_pi(r0, at))?)
                            }
                            "public-id-index" => {
                                public_id =
                                    PublicId::StringTable(v.parse().map_err(|_| bad_pi(r0, at))?)
                            }
                            "charset" => charset = Some(v.parse().map_err(|_| bad_pi(r0, at))?),
                            "string-table" => {
                                table_owner = B64.decode(v).map_err(|_| bad_pi(r0, at))?
                            }
                            _ => return Err(bad_pi(r0, at)),
                        }
                    }
                    if version == 0 {
                        charset = None;
                    }
                }
                true
            }
            X::DocType(d) => {
                libwbxml |= d.xml10_content().contains(ACTIVESYNC_PUBLIC_ID);
                false
            }
            X::Start(_) | X::Empty(_) | X::Eof => true,
            _ => false,
        };
        // Kept: what the rest will act on (comments, the declaration, the
        // DOCTYPE and other instructions do nothing there), adjacent text
        // as one, every byte counted against the session's allocations.
        match ev {
            X::Comment(_) | X::Decl(_) | X::DocType(_) => {}
            X::PI(pi) if pi.target() != "wbxml" => {}
            X::Text(t) => {
                r0.reserve(t.len(), "XML text before the root element")?;
                match prolog.last_mut() {
                    Some((_, _, X::Text(last))) => {
                        // (the owned string grows in place: no copy per piece)
                        let mut both = std::mem::replace(last, BytesText::from_escaped(""))
                            .into_inner()
                            .into_owned();
                        both.push_str(&t);
                        *last = BytesText::from_escaped(both);
                    }
                    _ => prolog.push((at, page, X::Text(t.into_owned()))),
                }
            }
            ev => {
                r0.reserve(
                    std::mem::size_of::<X<'_>>() + ev.len(),
                    "XML events before the root element",
                )?;
                prolog.push((at, page, ev.into_owned()));
            }
        }
        if stop {
            break;
        }
    }
    let header = Header {
        version,
        public_id,
        charset,
        string_table: &table_owner,
    };
    let depth = r0.session().usage().depth as usize;
    let mut e = Enc {
        libwbxml: libwbxml && !exact,
        deferred: None,
        max_open: (r0.limits().max_depth as usize).saturating_sub(depth),
        charged: 0,
        capacity: if sink.is_some() {
            PIECE + 1024
        } else {
            (len_hint / 4 * 3).clamp(1024, 64 << 20)
        },
        sink,
        drained: 0,
        header,
        framing,
        exact,
        enc: None,
        stack: Vec::with_capacity(32),
        root: false,
        text: Vec::new(),
        pending: Pending::Default,
        skip: 0,
        scratch: Vec::new(),
    };
    let r = r0;
    for (at, page, ev) in prolog {
        if e.event(r, page, ev, at)? {
            let end = base + x.position() as usize;
            return e.finish(r, end);
        }
    }
    loop {
        let at = base + x.position() as usize;
        let mut page = if e.skip == 0 { Ok(0) } else { Err(()) };
        let ev = match x.next_event(&mut buf, &mut pages, &mut page) {
            Ok(v) => v,
            Err(err) => return Err(e.with_path(r, |r| xml_err(r, err, at))),
        };
        if e.event(r, page, ev, at)? {
            break;
        }
    }
    let end = base + x.position() as usize;
    e.finish(r, end)
}

impl Enc<'_, '_> {
    /// Handles one XML event (`page`: a start tag's code page). `Ok(true)`
    /// at the end of the document.
    fn event(
        &mut self,
        r: &mut Reader<'_>,
        page: std::result::Result<u8, ()>,
        ev: X<'_>,
        at: usize,
    ) -> Result<bool> {
        let e = self;
        match ev {
            X::Eof => return Ok(true),
            X::Start(_) if e.skip > 0 => e.skip += 1,
            X::End(_) if e.skip > 0 => e.skip -= 1,
            _ if e.skip > 0 => {}
            X::Start(s) => e.start(r, page, &s, true, at)?,
            X::Empty(s) => e.start(r, page, &s, false, at)?,
            X::End(_) => e.end(r, at)?,
            X::Text(t) => {
                e.commit(r, at)?;
                push_text(&mut e.text, t.as_bytes());
            }
            X::CData(c) if e.libwbxml => {
                // libwbxml: a CDATA section is OPAQUE (nothing when empty).
                e.commit(r, at)?;
                e.flush_text(r, 2, at)?;
                let data = c.xml10_content();
                if !data.is_empty() {
                    e.enc()?.opaque(data.as_bytes())?;
                    e.charge(r, at)?;
                }
            }
            X::CData(c) => push_text(&mut e.text, c.as_bytes()),
            X::GeneralRef(g) => {
                e.commit(r, at)?;
                let resolved = match g.resolve_char_ref() {
                    Ok(c) => c,
                    Err(err) => {
                        let kind = ErrorKind::Malformed(format!("XML: {err}").into());
                        return Err(e.error(r, kind, at));
                    }
                };
                let ch = match resolved {
                    Some(c) => c,
                    None => match &*g.xml10_content() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\u{27}',
                        "quot" => '"',
                        other => {
                            let kind = ErrorKind::Malformed(
                                format!("XML: unknown entity &{other};").into(),
                            );
                            return Err(e.error(r, kind, at));
                        }
                    },
                };
                let mut utf8 = [0; 4];
                e.text
                    .extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
            }
            X::PI(pi) => {
                if pi.target() == "wbxml" {
                    let body = pi.content().trim().to_string();
                    e.pi(r, &body, at)?;
                }
            }
            X::Comment(_) | X::Decl(_) | X::DocType(_) => {}
        }
        Ok(false)
    }
}

/// Appends a text or CDATA node's bytes with the XML 1.0 line ends (2.11:
/// `\r\n` and a lone `\r` are `\n`), what quick-xml's `xml10_content`
/// gives, without decoding the UTF-8 again.
fn push_text(text: &mut Vec<u8>, raw: &[u8]) {
    if memchr::memchr(b'\r', raw).is_none() {
        text.extend_from_slice(raw);
        return;
    }
    let mut rest = raw;
    while let Some(i) = rest.iter().position(|&b| b == b'\r') {
        text.extend_from_slice(rest.get(..i).unwrap_or_default());
        text.push(b'\n');
        let skip = if rest.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        rest = rest.get(i + skip..).unwrap_or_default();
    }
    text.extend_from_slice(rest);
}

/// The code page of an element's resolved namespace: `Ok(page)`, or
/// `Err(())` for no or an unknown namespace.
fn resolve_page(res: &ResolveResult<'_>) -> std::result::Result<u8, ()> {
    match res {
        ResolveResult::Bound(ns) => page_of(ns.0),
        _ => Err(()),
    }
}

fn page_of(ns: &str) -> std::result::Result<u8, ()> {
    if let Some(p) = codepages::page_by_namespace(ns) {
        return Ok(p);
    }
    ns.strip_prefix(UNKNOWN_PAGE_NS)
        .and_then(|n| n.parse().ok())
        .ok_or(())
}

/// [`resolve_page`] remembering the last namespace: elements mostly share
/// their parent's or sibling's.
#[derive(Default)]
struct PageCache {
    ns: String,
    page: Option<std::result::Result<u8, ()>>,
}

impl PageCache {
    fn resolve(&mut self, res: &ResolveResult<'_>) -> std::result::Result<u8, ()> {
        let ResolveResult::Bound(ns) = res else {
            return resolve_page(res);
        };
        match self.page {
            Some(p) if self.ns == ns.0 => p,
            _ => {
                let p = page_of(ns.0);
                self.ns.clear();
                self.ns.push_str(ns.0);
                self.page = Some(p);
                p
            }
        }
    }
}

impl Enc<'_, '_> {
    /// libwbxml rules: something is inside the innermost element, whose
    /// start tag is written now with the content flag.
    fn commit(&mut self, r: &mut Reader<'_>, at: usize) -> Result<()> {
        if let Some(t) = self.deferred.take() {
            self.enc()?.start(Tag::new(t.page, t.token, true))?;
            self.charge(r, at)?;
        }
        Ok(())
    }

    /// Runs `f` with the open elements pushed as frames.
    #[cold]
    fn with_path<T>(&self, r: &mut Reader<'_>, f: impl FnOnce(&mut Reader<'_>) -> T) -> T {
        for o in &self.stack {
            r.push_frame(Frame::new(o.name));
        }
        let v = f(r);
        for _ in &self.stack {
            r.pop_frame();
        }
        v
    }

    #[cold]
    fn error(&self, r: &mut Reader<'_>, kind: ErrorKind, at: usize) -> Error {
        self.with_path(r, |r| r.error_at(kind, at))
    }

    #[cold]
    fn defect(
        &self,
        r: &mut Reader<'_>,
        kind: ErrorKind,
        at: usize,
        action: &'static str,
    ) -> Result<()> {
        self.with_path(r, |r| r.defect_at(kind, at, action))
    }

    fn enc(&mut self) -> Result<&mut Encoder> {
        if self.enc.is_none() {
            self.enc = Some(Encoder::with_capacity(
                &self.header,
                self.framing,
                self.capacity,
            )?);
        }
        self.enc
            .as_mut()
            .ok_or_else(|| Error::new(ErrorKind::Malformed("no encoder".into())))
    }

    /// Charges the WBXML written since the last charge, and gives the
    /// output to the sink, if any, once there is a piece of it.
    fn charge(&mut self, r: &mut Reader<'_>, at: usize) -> Result<()> {
        let len = self.drained + self.enc.as_ref().map_or(0, Encoder::len);
        let n = len.saturating_sub(self.charged);
        if let Err(k) = r.session_mut().charge_output(n) {
            return Err(self.error(r, k, at));
        }
        self.charged = len;
        if let (Some(sink), Some(enc)) = (self.sink.as_deref_mut(), self.enc.as_mut())
            && enc.len() >= PIECE
        {
            self.drained += enc.len();
            enc.drain_into(sink)?;
        }
        Ok(())
    }

    /// Writes the pending text. `boundary`: 0 a child element starts, 1 the
    /// element ends, 2 an instruction.
    fn flush_text(&mut self, r: &mut Reader<'_>, boundary: u8, at: usize) -> Result<()> {
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
        let result = self.write_text(r, &text, pending, boundary, at);
        self.text = text;
        self.text.clear();
        result
    }

    fn write_text(
        &mut self,
        r: &mut Reader<'_>,
        text: &[u8],
        pending: Pending,
        boundary: u8,
        at: usize,
    ) -> Result<()> {
        let Some(frame) = self.stack.last() else {
            if text.iter().all(|b| b.is_ascii_whitespace()) {
                return Ok(());
            }
            if self.framing == Framing::Headerless {
                return self.enc()?.str_i(text);
            }
            return self.defect(
                r,
                ErrorKind::Malformed("text outside the root element".into()),
                at,
                "ignored",
            );
        };
        let white = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        let layout = !self.exact
            && text.iter().all(|&b| white(b))
            && (frame.children || boundary == 0 || self.libwbxml);
        if layout {
            return Ok(());
        }
        // libwbxml trims the white space around text.
        let text = if self.libwbxml {
            let first = text.iter().position(|&b| !white(b)).unwrap_or(text.len());
            let last = text
                .iter()
                .rposition(|&b| !white(b))
                .map_or(first, |i| i + 1);
            text.get(first..last).unwrap_or_default()
        } else {
            text
        };
        let opaque = match pending {
            Pending::Default => frame.opaque,
            Pending::Str => false,
            Pending::Opaque => true,
            Pending::SkipTable(i) => {
                if self.header.string_at(i) == Some(text) {
                    return Ok(());
                }
                frame.opaque
            }
        };
        if opaque {
            self.scratch.clear();
            let compact: Vec<u8> = text
                .iter()
                .copied()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            match B64.decode_vec(&compact, &mut self.scratch) {
                Ok(()) => {
                    let data = std::mem::take(&mut self.scratch);
                    let r = self.enc()?.opaque(&data);
                    self.scratch = data;
                    return r;
                }
                Err(_) => self.defect(
                    r,
                    ErrorKind::Malformed("opaque element content is not base64".into()),
                    at,
                    "written as a string",
                )?,
            }
        }
        self.enc()?.str_i(text)
    }

    fn start(
        &mut self,
        r: &mut Reader<'_>,
        page: std::result::Result<u8, ()>,
        s: &quick_xml::events::BytesStart<'_>,
        content: bool,
        at: usize,
    ) -> Result<()> {
        self.flush_text(r, 0, at)?;
        let local = s.local_name();
        let name = local.into_inner();
        if self.stack.is_empty() && self.framing == Framing::Document && self.root {
            // A document has one root element: WBXML readers take what
            // follows its end for trailing bytes. (A fragment, without a
            // header, has several; `<?wbxml headerless?>` says so.)
            let what = format!("a second root element ({name})");
            return self.skip_element(r, what, content, at);
        }
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
            return self.skip_element(r, what, content, at);
        };
        for a in s.attributes().with_checks(false).flatten() {
            if a.key.as_namespace_binding().is_none() {
                self.defect(
                    r,
                    ErrorKind::Unsupported("XML attributes have no WBXML form here".into()),
                    at,
                    "ignored",
                )?;
            }
        }
        self.commit(r, at)?;
        if let Some(f) = self.stack.last_mut() {
            f.children = true;
        } else {
            self.root = true;
        }
        let tag = Tag::new(page, token, content);
        if self.libwbxml && content {
            self.deferred = Some(tag);
        } else {
            self.enc()?.start(tag)?;
        }
        if content {
            if self.stack.len() >= self.max_open {
                let max = r.limits().max_depth;
                let value = (r.session().usage().depth as usize + self.stack.len() + 1) as u64;
                return Err(self.error(
                    r,
                    ErrorKind::LimitExceeded {
                        what: "nesting depth",
                        value,
                        max: u64::from(max),
                    },
                    at,
                ));
            }
            let def = tag.def();
            self.stack.push(Open {
                opaque: def.is_some_and(|d| d.is_opaque()),
                children: false,
                name: def.map_or("unknown tag", |d| d.name),
            });
        }
        self.charge(r, at)
    }

    /// An element not written: a defect (an error in strict mode), and
    /// its content skipped.
    fn skip_element(
        &mut self,
        r: &mut Reader<'_>,
        what: String,
        content: bool,
        at: usize,
    ) -> Result<()> {
        self.defect(
            r,
            ErrorKind::Malformed(what.into()),
            at,
            "skipped with its content",
        )?;
        if content {
            self.skip = 1;
        }
        Ok(())
    }

    fn end(&mut self, r: &mut Reader<'_>, at: usize) -> Result<()> {
        if let Some(t) = self.deferred.take() {
            // libwbxml: nothing inside, no content flag.
            self.stack.pop();
            self.enc()?.start(Tag::new(t.page, t.token, false))?;
            return self.charge(r, at);
        }
        self.flush_text(r, 1, at)?;
        if self.stack.pop().is_some() {
            self.enc()?.end();
        }
        self.charge(r, at)
    }

    fn pi(&mut self, r: &mut Reader<'_>, body: &str, at: usize) -> Result<()> {
        let (cmd, arg) = body.split_once(' ').unwrap_or((body, ""));
        let arg = arg.trim();
        match cmd {
            _ if cmd.starts_with("version") || cmd == "headerless" => {
                if self.enc.is_some() {
                    return Err(self.with_path(r, |r| bad_pi(r, at)));
                }
                Ok(())
            }
            "switch-page" => {
                self.flush_text(r, 2, at)?;
                let p: u8 = arg
                    .parse()
                    .map_err(|_| self.with_path(r, |r| bad_pi(r, at)))?;
                self.enc()?.event(&Event::SwitchPage(p))
            }
            "str-i" => {
                self.flush_text(r, 2, at)?;
                self.pending = Pending::Str;
                Ok(())
            }
            "opaque" => {
                self.flush_text(r, 2, at)?;
                self.pending = Pending::Opaque;
                Ok(())
            }
            "str-t" => {
                self.flush_text(r, 2, at)?;
                let i: u32 = arg
                    .parse()
                    .map_err(|_| self.with_path(r, |r| bad_pi(r, at)))?;
                let value = match self.header.string_at(i) {
                    Some(v) => v,
                    None => {
                        self.defect(
                            r,
                            ErrorKind::InvalidValue {
                                field: "string table index",
                                value: u64::from(i),
                            },
                            at,
                            "read as an empty string",
                        )?;
                        &[]
                    }
                };
                self.enc()?.event(&Event::StrT { index: i, value })?;
                self.pending = Pending::SkipTable(i);
                Ok(())
            }
            "str-i-b64" => {
                self.flush_text(r, 2, at)?;
                let data = B64
                    .decode(arg)
                    .map_err(|_| self.with_path(r, |r| bad_pi(r, at)))?;
                self.enc()?.str_i(&data)
            }
            "entity" => {
                self.flush_text(r, 2, at)?;
                let c: u32 = arg
                    .parse()
                    .map_err(|_| self.with_path(r, |r| bad_pi(r, at)))?;
                self.enc()?.event(&Event::Entity(c))
            }
            _ => Err(self.with_path(r, |r| bad_pi(r, at))),
        }
        .and_then(|()| self.charge(r, at))
    }

    fn finish(mut self, r: &mut Reader<'_>, at: usize) -> Result<(Vec<u8>, u64)> {
        self.flush_text(r, 1, at)?;
        if !self.stack.is_empty() || self.skip > 0 {
            return Err(self.error(
                r,
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                at,
            ));
        }
        if self.enc.is_none() && self.framing == Framing::Headerless {
            // An empty fragment is a fragment.
            self.enc()?;
        }
        self.charge(r, at)?;
        let Some(mut enc) = self.enc.take() else {
            return Err(r.error_at(ErrorKind::Malformed("no root element".into()), at));
        };
        let total = (self.drained + enc.len()) as u64;
        if let Some(sink) = self.sink.as_deref_mut() {
            enc.drain_into(sink)?;
        }
        Ok((enc.finish(), total))
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
fn bad_pi(r: &mut Reader<'_>, at: usize) -> Error {
    r.error_at(
        ErrorKind::Malformed("bad <?wbxml ...?> instruction".into()),
        at,
    )
}

#[cold]
fn xml_err(r: &mut Reader<'_>, e: quick_xml::Error, at: usize) -> Error {
    r.error_at(ErrorKind::Malformed(format!("XML: {e}").into()), at)
}
