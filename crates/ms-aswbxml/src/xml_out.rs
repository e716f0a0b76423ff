//! WBXML → XML, streaming from the pull parser ([`crate::Parser`]; no tree is built).
//!
//! ## The XML form
//!
//! - Elements are named by the spec ([`crate::codepages`]); an element
//!   whose code page differs from its parent's declares it as the default
//!   namespace (`<BodyPreference xmlns="AirSyncBase">`), the namespace
//!   being the page's name as [MS-ASCMD] writes it (`AirSync`, `Gal`, ...).
//! - A tag with the content flag is written `<X></X>` even when empty; one
//!   without is `<X/>` — so the flag survives a round trip.
//! - Strings are text; `OPAQUE` data is base64 text (RFC 4648, padded, no
//!   line breaks — libwbxml's convention). Where an element's content is
//!   not of its default kind (an `OPAQUE` where a string is usual, or the
//!   reverse, see [`crate::codepages::TagFlags::OPAQUE`]), a
//!   `<?wbxml opaque?>` or `<?wbxml str-i?>` instruction precedes the text.
//! - `\r` is written `&#13;` so XML parsers do not fold it into `\n`.
//!
//! With [`XmlOptions::lossless`] the XML also records the wire choices, so
//! [`crate::xml_to_wbxml`] gives the original bytes back: a
//! `<?wbxml version="1.3" public-id="1" charset="106"?>` header instruction
//! (with `string-table="base64"` / `public-id-index="N"` when present, or
//! `<?wbxml headerless?>`), `<?wbxml switch-page N?>` for every
//! `SWITCH_PAGE`, `<?wbxml str-t N?>` before text that came from the
//! string table, `<?wbxml entity N?>` for `ENTITY`, `<?wbxml str-i?>`
//! between adjacent strings, `<?wbxml str-i-b64 B64?>` for a string XML
//! cannot carry (invalid UTF-8, control characters, the empty string), and
//! unknown tags as `_0xTT` elements (namespace `urn:x-msox:aswbxml:page:N`
//! for unknown pages). Lossless output is not indented (every text node is
//! data). Attributes, literal tags, PIs and extensions — WBXML features
//! ActiveSync does not use — have no XML form: an error in strict mode and
//! with `lossless`, skipped with a [`Defect`](msox_codec::Defect) otherwise.
//!
//! ## libwbxml's XML
//!
//! [`XmlOptions::libwbxml`] ([`wbxml_to_libwbxml_xml`]) writes the XML
//! libwbxml's `xml2wbxml` reads back to the same bytes: `<?xml
//! version="1.0"?>`, the ActiveSync DOCTYPE ([`ACTIVESYNC_DOCTYPE`]), the
//! root's code page as the default namespace (`xmlns="AirSync:"`, libwbxml's
//! names with a trailing `:`), other pages as prefixes (`<Email:To
//! xmlns:Email="Email:">`), libwbxml's tag spellings, compact. An element
//! with the content flag and nothing in it gets an empty CDATA section
//! (libwbxml then sets the flag and writes no data); opaque data is base64
//! in the elements libwbxml knows as opaque and a CDATA section elsewhere
//! (libwbxml writes CDATA as `OPAQUE`). What libwbxml's reading of XML
//! cannot give back is a defect of the conversion (strict mode: an error),
//! "libwbxml's XML cannot carry ...": an empty or white-space-only string
//! (it drops them), white space around a string (it trims it), two
//! strings in a row (it joins them), a string in an opaque element, binary
//! opaque data elsewhere, a redundant `SWITCH_PAGE`, a string table
//! reference, an `ENTITY`, a header other than 03 01 6A 00. Of the 99
//! real captures and device files of the corpus, 81 convert without a
//! defect and libwbxml gives each back byte for byte (`tests/libwbxml.rs`);
//! the other 18 all have strings with white space around them (mail
//! bodies ending in CR LF, mostly).
//!
//! ## Defects of the conversion
//!
//! Besides the parser's (see [`crate::parser`]), lenient conversion reads
//! past, each a defect at the token with the open elements on its path:
//! a tag or code page [MS-ASWBXML] does not define (invalid tag token /
//! code page: the element and its content are skipped; lossless XML keeps
//! them as `_0xTT`), text that is not UTF-8 or holds characters XML 1.0
//! forbids (bad string: U+FFFD written), the features above (unsupported:
//! skipped), a charset other than UTF-8 (invalid charset at the header
//! field: strings read as UTF-8).
//!
//! ## Output
//!
//! Every byte of XML is charged to the session's output budget
//! ([`Limits::output_cap`](msox_codec::Limits::output_cap) of the input)
//! before it goes to the [`Sink`] in pieces of about 32 KiB; string-table
//! references cannot amplify past it.

use crate::codepages::{self, TagDef};
use crate::event::Event;
use crate::parser::{Body, Framing, in_reader, in_session};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use msox_codec::{Decoded, ErrorKind, Options, Reader, Result, Sink};

/// Staged XML is charged and handed to the sink at this size.
const STAGE: usize = 32 << 10;

/// How to write XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlOptions {
    /// Spaces per level (`None`: no line breaks). Ignored when `lossless`
    /// or `libwbxml`.
    pub indent: Option<usize>,
    /// Record every wire choice (see the module docs).
    pub lossless: bool,
    /// Start with `<?xml version="1.0" encoding="utf-8"?>`.
    pub declaration: bool,
    /// libwbxml's XML (see [`XmlOptions::libwbxml`]); not with `lossless`.
    pub libwbxml: bool,
}

impl Default for XmlOptions {
    fn default() -> Self {
        XmlOptions {
            indent: Some(2),
            lossless: false,
            declaration: true,
            libwbxml: false,
        }
    }
}

impl XmlOptions {
    /// Lossless, compact XML.
    pub fn lossless() -> Self {
        XmlOptions {
            indent: None,
            lossless: true,
            declaration: true,
            libwbxml: false,
        }
    }

    /// The XML libwbxml reads: the ActiveSync DOCTYPE, `Page:` namespaces
    /// (the root's as the default namespace, the others as `Page:Tag`
    /// prefixes declared where first used), compact, so that libwbxml's
    /// `xml2wbxml -v 1.3 -n -a` gives the original bytes back. Where
    /// libwbxml's reading of XML cannot give them (see the module docs),
    /// the conversion reports a defect (strict mode: an error).
    pub fn libwbxml() -> Self {
        XmlOptions {
            indent: None,
            lossless: false,
            declaration: true,
            libwbxml: true,
        }
    }
}

/// Namespace URI for a code page [MS-ASWBXML] does not define.
pub const UNKNOWN_PAGE_NS: &str = "urn:x-msox:aswbxml:page:";

struct Frame {
    /// libwbxml style: the page whose prefix this element declares.
    declares: Option<u8>,
    /// Anything (text, data, a child) written inside.
    content: bool,
    page: u8,
    def: Option<&'static TagDef>,
    token: u8,
    /// An element with a child element.
    children: bool,
    /// An element with text.
    text: bool,
    /// What the last text written in it was: 0 nothing (or an
    /// instruction), 1 a string, 2 opaque data — adjacent texts need an
    /// instruction between them.
    last: u8,
}

/// Converts WBXML to XML: the text and the defects.
///
/// ```
/// use ms_aswbxml::{wbxml_to_xml, Framing, XmlOptions};
/// use msox_codec::Options;
/// let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01];
/// let xml = wbxml_to_xml(&bytes, Framing::Document, &Options::default(), XmlOptions::default())?;
/// assert_eq!(xml.value, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
///     <Ping xmlns=\"Ping\">\n  <Status>1</Status>\n</Ping>\n");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn wbxml_to_xml(
    data: &[u8],
    framing: Framing,
    options: &Options,
    xopts: XmlOptions,
) -> Result<Decoded<String>> {
    let cap = data
        .len()
        .saturating_mul(2)
        .min(options.limits.output_cap(data.len()))
        .min(1 << 26);
    // Written straight into the string (no sink): charged as it grows.
    in_session(data, framing, options, |r, st| {
        convert::<Vec<u8>>(r, st, xopts, None, cap + 64)
    })
}

/// Converts WBXML to the XML libwbxml reads ([`XmlOptions::libwbxml`]):
/// `wbxml_to_xml(data, Framing::Document, options, XmlOptions::libwbxml())`.
/// Its defects name what libwbxml's XML cannot carry (strict mode refuses
/// them); without defects, libwbxml's `xml2wbxml -v 1.3 -n -a` and
/// [`crate::xml_to_wbxml`] both give `data` back.
///
/// ```
/// use ms_aswbxml::{wbxml_to_libwbxml_xml, xml_to_wbxml};
/// use msox_codec::Options;
/// // Sync > Collections > To (Email page) "x", then an empty Collection.
/// let bytes = [3, 1, 0x6A, 0, 0x45, 0x5C, 0, 2, 0x56, 3, b'x', 0, 1, 0, 0, 0x0F, 1, 1];
/// let xml = wbxml_to_libwbxml_xml(&bytes, &Options::strict())?.value;
/// assert!(xml.starts_with("<?xml version=\"1.0\"?><!DOCTYPE ActiveSync PUBLIC"));
/// assert!(xml.ends_with(r#"<Sync xmlns="AirSync:"><Collections><Email:To xmlns:Email="Email:">x</Email:To><Collection/></Collections></Sync>"#));
/// assert_eq!(xml_to_wbxml(xml.as_bytes(), &Options::strict())?.value, bytes);
///
/// // A string with white space around it: libwbxml trims it.
/// let padded = [3, 1, 0x6A, 0, 0x45, 0x4B, 3, b' ', b'1', 0, 1, 1];
/// assert!(wbxml_to_libwbxml_xml(&padded, &Options::strict()).is_err());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn wbxml_to_libwbxml_xml(data: &[u8], options: &Options) -> Result<Decoded<String>> {
    wbxml_to_xml(data, Framing::Document, options, XmlOptions::libwbxml())
}

/// Converts WBXML to XML into `out` (a file, a socket): memory stays flat
/// in the size of the XML. What was written before an error stays written.
///
/// ```
/// use ms_aswbxml::{wbxml_to_xml_into, Framing, XmlOptions};
/// use msox_codec::{CountingSink, Limits, Options};
/// let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01];
/// let mut n = CountingSink::default();
/// wbxml_to_xml_into(&bytes, Framing::Document, &Options::default(), XmlOptions::lossless(), &mut n)?;
/// assert!(n.count > 50);
/// // Every byte counts against the output budget.
/// let tight = Options::default().with_limits(Limits::DEFAULT.with_max_output(20));
/// let e = wbxml_to_xml_into(&bytes, Framing::Document, &tight, XmlOptions::lossless(), &mut n);
/// assert!(e.unwrap_err().is_limit());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn wbxml_to_xml_into<S: Sink + ?Sized>(
    data: &[u8],
    framing: Framing,
    options: &Options,
    xopts: XmlOptions,
    out: &mut S,
) -> Result<Decoded<()>> {
    in_session(data, framing, options, |r, st| {
        convert(r, st, xopts, Some(out), STAGE + 1024).map(drop)
    })
}

/// Converts the WBXML that fills the rest of the reader's window into
/// `out`, inside the caller's decoding session.
pub fn write_xml<S: Sink + ?Sized>(
    r: &mut Reader<'_>,
    framing: Framing,
    xopts: XmlOptions,
    out: &mut S,
) -> Result<()> {
    in_reader(r, framing, |r, st| {
        convert(r, st, xopts, Some(out), STAGE + 1024).map(drop)
    })
}

/// Converts the body; with a sink the XML goes there in pieces (and the
/// string returned is empty), without one it is returned.
fn convert<'a, S: Sink + ?Sized>(
    r: &mut Reader<'a>,
    st: &mut Body<'a>,
    xopts: XmlOptions,
    sink: Option<&mut S>,
    capacity: usize,
) -> Result<String> {
    let mut w = XmlWriter::new(r, st, xopts, sink, capacity)?;
    while let Some(ev) = st.next(r)? {
        let at = st.last_offset;
        w.event(r, st, &ev, at)?;
        if w.out.len() - w.charged >= STAGE {
            w.flush(r, st)?;
        }
    }
    w.finish(r, st)
}

struct XmlWriter<'s, S: ?Sized> {
    /// Where the XML goes in pieces; `None`: it stays in `out`.
    sink: Option<&'s mut S>,
    /// XML not yet handed to the sink (all of it without a sink).
    out: String,
    /// Bytes of `out` charged to the output budget.
    charged: usize,
    stack: Vec<Frame>,
    indent: Option<usize>,
    lossless: bool,
    /// Depth of skipped element content still to pass (0: not skipping).
    skip: u32,
    /// Inside an attribute list or PI being skipped (until its END).
    skip_attrs: bool,
    /// After the skipped attribute list, content follows.
    skip_attrs_content: bool,
    /// The last byte handed to the sink (the staged XML continues it).
    flushed_last: Option<u8>,
    top_level_written: bool,
    b64: String,
    /// libwbxml style (see [`XmlOptions::libwbxml`]).
    libwbxml: bool,
    /// libwbxml style: the tag code page in force.
    page: u8,
    /// libwbxml style: a SWITCH_PAGE not yet followed by its tag (where).
    switch_at: Option<usize>,
}

/// The DOCTYPE libwbxml writes and reads for ActiveSync.
pub const ACTIVESYNC_DOCTYPE: &str = "<!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD ActiveSync//EN\" \"http://www.microsoft.com/\">";

/// What libwbxml's XML cannot carry: a defect of the conversion.
fn libwbxml_kind(what: &str) -> ErrorKind {
    ErrorKind::Unsupported(format!("libwbxml's XML cannot carry {what}").into())
}

impl<'s, S: Sink + ?Sized> XmlWriter<'s, S> {
    fn new<'a>(
        r: &mut Reader<'a>,
        st: &Body<'a>,
        o: XmlOptions,
        sink: Option<&'s mut S>,
        capacity: usize,
    ) -> Result<Self> {
        let mut out = String::with_capacity(capacity);
        let libwbxml = o.libwbxml && !o.lossless;
        if libwbxml {
            out.push_str("<?xml version=\"1.0\"?>");
            out.push_str(ACTIVESYNC_DOCTYPE);
        } else if o.declaration {
            out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        }
        let h = &st.header;
        if libwbxml {
            let plain = st.framing == Framing::Document
                && h.version == crate::header::VERSION_1_3
                && h.public_id == crate::PublicId::Known(1)
                && h.charset == Some(crate::header::CHARSET_UTF8)
                && h.string_table.is_empty();
            if !plain {
                let at = st.body_start;
                r.frame("header", |r| {
                    r.defect_at(
                        libwbxml_kind("this header (xml2wbxml writes 03 01 6A 00)"),
                        at,
                        "written as that header",
                    )
                })?;
            }
        }
        if o.lossless {
            if st.framing == Framing::Headerless {
                out.push_str("<?wbxml headerless?>");
            } else {
                out.push_str("<?wbxml version=\"");
                out.push_str(&h.version_string());
                out.push('"');
                match h.public_id {
                    crate::PublicId::Known(v) => out.push_str(&format!(" public-id=\"{v}\"")),
                    crate::PublicId::StringTable(i) => {
                        out.push_str(&format!(" public-id-index=\"{i}\""))
                    }
                }
                if let Some(c) = h.charset {
                    out.push_str(&format!(" charset=\"{c}\""));
                }
                if !h.string_table.is_empty() {
                    out.push_str(" string-table=\"");
                    out.push_str(&B64.encode(h.string_table));
                    out.push('"');
                }
                out.push_str("?>");
            }
        }
        if let Some(c) = h.charset
            && c != crate::header::CHARSET_UTF8
            && c != 3
        {
            let at = st.charset_pos.unwrap_or(st.body_start);
            r.frame("header", |r| {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "charset",
                        value: u64::from(c),
                    },
                    at,
                    "strings read as UTF-8",
                )
            })?;
        }
        Ok(XmlWriter {
            sink,
            out,
            charged: 0,
            stack: Vec::with_capacity(32),
            indent: if o.lossless || libwbxml {
                None
            } else {
                o.indent
            },
            lossless: o.lossless,
            libwbxml,
            page: 0,
            switch_at: None,
            skip: 0,
            skip_attrs: false,
            skip_attrs_content: false,
            flushed_last: None,
            top_level_written: false,
            b64: String::new(),
        })
    }

    /// Charges the staged XML and hands it to the sink.
    fn flush<'a>(&mut self, r: &mut Reader<'a>, st: &Body<'a>) -> Result<()> {
        let n = self.out.len() - self.charged;
        if n == 0 {
            return Ok(());
        }
        if let Err(k) = r.session_mut().charge_output(n) {
            let at = r.pos();
            return Err(st.error(r, k, at));
        }
        let Some(sink) = self.sink.as_mut() else {
            self.charged = self.out.len();
            return Ok(());
        };
        if let Err(e) = sink.write(self.out.as_bytes()) {
            let at = r.pos();
            return Err(r.locate(e, at));
        }
        self.flushed_last = self.out.as_bytes().last().copied();
        self.out.clear();
        Ok(())
    }

    /// The last byte of the XML so far (staged or handed over).
    fn tail(&self) -> Option<u8> {
        self.out.as_bytes().last().copied().or(self.flushed_last)
    }

    fn finish<'a>(mut self, r: &mut Reader<'a>, st: &Body<'a>) -> Result<String> {
        // Close what a truncated (lenient) input left open.
        while let Some(f) = self.stack.pop() {
            self.close(&f);
        }
        if !self.libwbxml && (self.indent.is_some() || self.tail() == Some(b'>')) {
            self.out.push('\n');
        }
        self.flush(r, st)?;
        Ok(self.out)
    }

    #[cold]
    fn unsupported<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        what: &'static str,
        at: usize,
    ) -> Result<()> {
        let kind = ErrorKind::Unsupported(format!("{what} have no XML form").into());
        // Lossless XML cannot skip: an error in both modes.
        if self.lossless {
            return Err(st.error(r, kind, at));
        }
        st.defect(r, kind, at, "skipped")
    }

    fn newline(&mut self, depth: usize) {
        if let Some(n) = self.indent {
            if self.tail().is_some_and(|c| c != b'\n') {
                self.out.push('\n');
            }
            for _ in 0..n * depth {
                self.out.push(' ');
            }
        }
    }

    fn pi(&mut self, body: &str) {
        self.out.push_str("<?wbxml ");
        self.out.push_str(body);
        self.out.push_str("?>");
    }

    /// Prepares for text in the innermost element; false when at top level
    /// of a document (nowhere to put it).
    fn before_text(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(f) => {
                f.text = true;
                true
            }
            None => false,
        }
    }

    fn event<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        ev: &Event<'_>,
        at: usize,
    ) -> Result<()> {
        if self.skip_attrs {
            if matches!(ev, Event::End) {
                self.skip_attrs = false;
                if self.skip_attrs_content {
                    self.skip += 1;
                }
            }
            return Ok(());
        }
        if self.skip > 0 {
            match ev {
                Event::Start(t) => {
                    if t.attributes {
                        self.skip_attrs = true;
                        self.skip_attrs_content = t.content;
                    } else if t.content {
                        self.skip += 1;
                    }
                }
                Event::LiteralTag {
                    content,
                    attributes,
                    ..
                } => {
                    if *attributes {
                        self.skip_attrs = true;
                        self.skip_attrs_content = *content;
                    } else if *content {
                        self.skip += 1;
                    }
                }
                Event::Pi => {
                    self.skip_attrs = true;
                    self.skip_attrs_content = false;
                }
                Event::End => self.skip -= 1,
                _ => {}
            }
            return Ok(());
        }
        if self.libwbxml {
            if let Some(sat) = self.switch_at.take()
                && !matches!(ev, Event::Start(_))
            {
                st.defect(
                    r,
                    libwbxml_kind("a SWITCH_PAGE that no tag follows"),
                    sat,
                    "dropped",
                )?;
            }
            match *ev {
                Event::SwitchPage(p) => {
                    if p == self.page {
                        st.defect(
                            r,
                            libwbxml_kind("a SWITCH_PAGE to the page in force"),
                            at,
                            "dropped",
                        )?;
                    } else {
                        self.switch_at = Some(at);
                    }
                    self.page = p;
                    return Ok(());
                }
                Event::Str(s) | Event::StrT { value: s, .. } => {
                    if matches!(ev, Event::StrT { .. }) {
                        st.defect(
                            r,
                            libwbxml_kind("a string table reference"),
                            at,
                            "written as its text",
                        )?;
                    }
                    if !self.before_text() {
                        return self.unsupported(r, st, "text outside an element", at);
                    }
                    return self.libwbxml_string(r, st, s, at);
                }
                Event::Opaque(d) => {
                    if !self.before_text() {
                        return self.unsupported(r, st, "opaque data outside an element", at);
                    }
                    return self.libwbxml_opaque(r, st, d, at);
                }
                Event::Entity(c) => {
                    st.defect(
                        r,
                        libwbxml_kind("an ENTITY"),
                        at,
                        "written as its character",
                    )?;
                    if !self.before_text() {
                        return self.unsupported(r, st, "text outside an element", at);
                    }
                    let mut b = [0u8; 4];
                    let text = char::from_u32(c)
                        .filter(|&ch| is_xml_char(ch))
                        .unwrap_or('\u{FFFD}');
                    return self.libwbxml_string(r, st, text.encode_utf8(&mut b).as_bytes(), at);
                }
                _ => {}
            }
        }
        match *ev {
            Event::SwitchPage(p) => {
                if self.lossless {
                    self.set_last(0);
                    self.pi(&format!("switch-page {p}"));
                }
            }
            Event::Start(t) => {
                let def = t.def();
                if def.is_none() && !self.lossless {
                    let kind = if codepages::page(t.page).is_some() {
                        ErrorKind::InvalidValue {
                            field: "tag token",
                            value: u64::from(t.token),
                        }
                    } else {
                        ErrorKind::InvalidValue {
                            field: "code page",
                            value: u64::from(t.page),
                        }
                    };
                    st.defect(r, kind, at, "element skipped with its content")?;
                    if t.attributes {
                        self.skip_attrs = true;
                        self.skip_attrs_content = t.content;
                    } else if t.content {
                        self.skip = 1;
                    }
                    return Ok(());
                }
                if t.attributes {
                    // Written without its attributes; they are skipped.
                    self.unsupported(r, st, "attributes", at)?;
                    self.skip_attrs = true;
                    self.skip_attrs_content = false;
                }
                self.open(t.page, t.token, def, t.content);
                if t.attributes && t.content {
                    // The END of the attribute list is swallowed by
                    // skip_attrs; the element stays open on the stack.
                }
            }
            Event::LiteralTag {
                content,
                attributes,
                ..
            } => {
                self.unsupported(r, st, "literal tags", at)?;
                if attributes {
                    self.skip_attrs = true;
                    self.skip_attrs_content = content;
                } else if content {
                    self.skip = 1;
                }
            }
            Event::Pi => {
                self.unsupported(r, st, "processing instructions", at)?;
                self.skip_attrs = true;
                self.skip_attrs_content = false;
            }
            Event::End => {
                if let Some(f) = self.stack.pop() {
                    self.close(&f);
                }
            }
            Event::Str(s) => {
                if !self.before_text() {
                    return self.unsupported(r, st, "text outside an element", at);
                }
                let opaque_default = self.top_is_opaque();
                self.string(r, st, s, opaque_default, at)?;
            }
            Event::StrT { index, value } => {
                if !self.before_text() {
                    return self.unsupported(r, st, "text outside an element", at);
                }
                if self.lossless {
                    self.pi(&format!("str-t {index}"));
                    let wrote = self.text_or_b64(r, st, value, at, true)?;
                    self.set_last(if wrote { 1 } else { 0 });
                } else {
                    let opaque_default = self.top_is_opaque();
                    self.string(r, st, value, opaque_default, at)?;
                }
            }
            Event::Entity(c) => {
                if !self.before_text() {
                    return self.unsupported(r, st, "text outside an element", at);
                }
                if self.lossless {
                    self.pi(&format!("entity {c}"));
                    self.set_last(0);
                } else {
                    match char::from_u32(c).filter(|&ch| is_xml_char(ch)) {
                        Some(ch) => {
                            let mut b = [0u8; 4];
                            self.escape_into(ch.encode_utf8(&mut b));
                            self.set_last(1);
                        }
                        None => self.bad_text(r, st, at)?,
                    }
                }
            }
            Event::Opaque(d) => {
                if !self.before_text() {
                    return self.unsupported(r, st, "opaque data outside an element", at);
                }
                if !self.top_is_opaque() || self.last() != 0 || d.is_empty() {
                    self.pi("opaque");
                }
                self.b64.clear();
                B64.encode_string(d, &mut self.b64);
                let b = std::mem::take(&mut self.b64);
                self.out.push_str(&b);
                self.b64 = b;
                self.set_last(2);
            }
            Event::ExtI { .. } | Event::ExtT { .. } | Event::Ext(_) => {
                self.unsupported(r, st, "extensions", at)?;
            }
            Event::AttrStart(_) | Event::AttrLiteral { .. } | Event::AttrValue(_) => {
                // Only reachable inside skipped attribute lists.
            }
        }
        Ok(())
    }

    fn top_is_opaque(&self) -> bool {
        self.stack
            .last()
            .and_then(|f| f.def)
            .is_some_and(TagDef::is_opaque)
    }

    fn last(&self) -> u8 {
        self.stack.last().map_or(0, |f| f.last)
    }

    fn set_last(&mut self, v: u8) {
        if let Some(f) = self.stack.last_mut() {
            f.last = v;
        }
    }

    /// A STR_I (or, not lossless, STR_T) string.
    fn string<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        s: &[u8],
        opaque_default: bool,
        at: usize,
    ) -> Result<()> {
        if s.is_empty() {
            // The instruction alone is the empty string.
            self.pi("str-i");
            self.set_last(1);
            return Ok(());
        }
        // A string XML cannot carry goes into a self-contained
        // `str-i-b64` instruction (lossless): no separator before it.
        let text = xml_text(s);
        if (text.is_some() || !self.lossless) && (opaque_default || self.last() != 0) {
            self.pi("str-i");
        }
        let wrote = self.text_or_b64_of(r, st, s, text, at, false)?;
        self.set_last(if wrote { 1 } else { 0 });
        Ok(())
    }

    /// Writes `s` as text; returns whether text (not an instruction or
    /// nothing) was written.
    fn text_or_b64<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        s: &[u8],
        at: usize,
        table: bool,
    ) -> Result<bool> {
        self.text_or_b64_of(r, st, s, xml_text(s), at, table)
    }

    /// [`Self::text_or_b64`] with `text` = `xml_text(s)` already known.
    fn text_or_b64_of<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        s: &[u8],
        text: Option<&str>,
        at: usize,
        table: bool,
    ) -> Result<bool> {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            self.escape_into(text);
            return Ok(true);
        }
        if self.lossless {
            if table {
                // The str-t instruction alone says it all.
                return Ok(false);
            }
            self.b64.clear();
            B64.encode_string(s, &mut self.b64);
            let b = std::mem::take(&mut self.b64);
            self.pi(&format!("str-i-b64 {b}"));
            self.b64 = b;
            return Ok(false);
        }
        if s.is_empty() {
            return Ok(false);
        }
        self.bad_text(r, st, at)?;
        let lossy = String::from_utf8_lossy(s);
        let cleaned: String = lossy
            .chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
            .collect();
        self.escape_into(&cleaned);
        Ok(true)
    }

    #[cold]
    fn bad_text<'a>(&mut self, r: &mut Reader<'a>, st: &Body<'a>, at: usize) -> Result<()> {
        let kind = ErrorKind::BadString { encoding: "UTF-8" };
        st.defect(r, kind, at, "characters XML cannot carry written as U+FFFD")
    }

    /// Escapes valid text; false (nothing written) if `s` is not UTF-8 or
    /// has characters XML 1.0 forbids.
    fn escape_into(&mut self, text: &str) {
        escape_to(&mut self.out, text);
    }

    fn open(&mut self, page: u8, token: u8, def: Option<&'static TagDef>, content: bool) {
        let parent_page = self.stack.last().map(|f| f.page);
        let depth = self.stack.len();
        let parent_text = match self.stack.last_mut() {
            Some(f) => {
                f.children = true;
                f.content = true;
                f.last = 0;
                f.text
            }
            None => false,
        };
        if !parent_text && (depth > 0 || self.top_level_written || self.tail().is_some()) {
            self.newline(depth);
        }
        if depth == 0 {
            self.top_level_written = true;
        }
        self.out.push('<');
        let mut declares = None;
        if self.libwbxml {
            // The root's page is the default namespace; the others are
            // prefixes, declared where first used in scope.
            let root_page = self.stack.first().map_or(page, |f| f.page);
            let name = codepages::page(page).map(|p| p.namespace);
            match name {
                Some(ns) if page != root_page => {
                    self.out.push_str(ns);
                    self.out.push(':');
                    self.push_name(token, def);
                    if !self.stack.iter().any(|f| f.declares == Some(page)) {
                        self.out.push_str(" xmlns:");
                        self.out.push_str(ns);
                        self.out.push_str("=\"");
                        self.out.push_str(ns);
                        self.out.push_str(":\"");
                        declares = Some(page);
                    }
                }
                _ => {
                    self.push_name(token, def);
                    if self.stack.is_empty() {
                        self.out.push_str(" xmlns=\"");
                        self.out.push_str(name.unwrap_or_default());
                        self.out.push_str(":\"");
                    }
                }
            }
            if content {
                self.out.push('>');
                self.stack.push(Frame {
                    declares,
                    content: false,
                    page,
                    def,
                    token,
                    children: false,
                    text: false,
                    last: 0,
                });
            } else {
                self.out.push_str("/>");
            }
            return;
        }
        self.push_name(token, def);
        if parent_page != Some(page) {
            self.out.push_str(" xmlns=\"");
            match codepages::page(page) {
                Some(p) => self.out.push_str(p.namespace),
                None => {
                    self.out.push_str(UNKNOWN_PAGE_NS);
                    self.out.push_str(&page.to_string());
                }
            }
            self.out.push('"');
        }
        if content {
            self.out.push('>');
            self.stack.push(Frame {
                declares,
                content: false,
                page,
                def,
                token,
                children: false,
                text: false,
                last: 0,
            });
        } else {
            self.out.push_str("/>");
        }
    }

    fn push_name(&mut self, token: u8, def: Option<&'static TagDef>) {
        match def {
            // libwbxml knows the tags by its own spelling.
            Some(d) if self.libwbxml => self.out.push_str(d.canonical),
            Some(d) => self.out.push_str(d.name),
            None => self.out.push_str(&format!("_0x{token:02X}")),
        }
    }

    fn close(&mut self, f: &Frame) {
        if f.children && !f.text {
            self.newline(self.stack.len());
        }
        if self.libwbxml && !f.content {
            // libwbxml gives an element with nothing in it no content flag,
            // one with an empty CDATA section the flag and no data.
            self.out.push_str("<![CDATA[]]>");
        }
        self.out.push_str("</");
        if self.libwbxml {
            let root_page = self.stack.first().map_or(f.page, |r| r.page);
            if f.page != root_page
                && let Some(p) = codepages::page(f.page)
            {
                self.out.push_str(p.namespace);
                self.out.push(':');
            }
        }
        self.push_name(f.token, f.def);
        self.out.push('>');
    }

    /// libwbxml style: a string, or a defect where libwbxml's reading of
    /// XML text cannot give it back (it drops empty and white-space-only
    /// text, trims the white space around text, joins adjacent texts, and
    /// reads the text of an opaque element as base64).
    fn libwbxml_string<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        s: &[u8],
        at: usize,
    ) -> Result<()> {
        let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let problem = if self.top_is_opaque() {
            Some("a string in an element it reads as base64 opaque data")
        } else if s.is_empty() {
            Some("an empty string")
        } else if s.iter().all(ws) {
            Some("a string of white space only")
        } else if s.first().is_some_and(ws) || s.last().is_some_and(ws) {
            Some("white space around a string (it trims it)")
        } else if self.last() == 1 {
            Some("two strings in a row (it joins them)")
        } else {
            None
        };
        if let Some(p) = problem {
            st.defect(r, libwbxml_kind(p), at, "written as text anyway")?;
        }
        if let Some(f) = self.stack.last_mut() {
            f.content = true;
        }
        if !s.is_empty() {
            self.text_or_b64(r, st, s, at, false)?;
        }
        self.set_last(1);
        Ok(())
    }

    /// libwbxml style: opaque data as base64 text in the elements libwbxml
    /// knows as opaque, as a CDATA section elsewhere (libwbxml writes CDATA
    /// as OPAQUE), or a defect where neither can carry it.
    fn libwbxml_opaque<'a>(
        &mut self,
        r: &mut Reader<'a>,
        st: &Body<'a>,
        d: &[u8],
        at: usize,
    ) -> Result<()> {
        if let Some(f) = self.stack.last_mut() {
            f.content = true;
        }
        if self.top_is_opaque() {
            let problem = if d.is_empty() {
                Some("empty opaque data")
            } else if self.last() != 0 {
                Some("opaque data after other data in the element (it joins them)")
            } else {
                None
            };
            if let Some(p) = problem {
                st.defect(r, libwbxml_kind(p), at, "written as base64 anyway")?;
            }
            self.b64.clear();
            B64.encode_string(d, &mut self.b64);
            let b = std::mem::take(&mut self.b64);
            self.out.push_str(&b);
            self.b64 = b;
            self.set_last(2);
            return Ok(());
        }
        let cdata = !d.is_empty()
            && std::str::from_utf8(d)
                .is_ok_and(|t| text_is_xml(d) && !t.contains("]]>") && !t.contains('\r'));
        if cdata {
            self.out.push_str("<![CDATA[");
            self.out
                .push_str(std::str::from_utf8(d).unwrap_or_default());
            self.out.push_str("]]>");
        } else {
            st.defect(
                r,
                libwbxml_kind(
                    "opaque data that is not text, outside the elements it knows as opaque",
                ),
                at,
                "written as base64 text",
            )?;
            self.b64.clear();
            B64.encode_string(d, &mut self.b64);
            let b = std::mem::take(&mut self.b64);
            self.out.push_str(&b);
            self.b64 = b;
        }
        self.set_last(2);
        Ok(())
    }
}

/// Whether `c` may appear in XML 1.0 text.
#[inline]
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` with `<`, `>`, `&` and CR escaped. Runs of 32 bytes
/// with none of them are skipped whole (a test the compiler makes one
/// vector compare per byte class).
fn escape_to(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    loop {
        let (start, n) = next_window(bytes, i, needs_escape);
        for (j, &b) in bytes.iter().enumerate().skip(start).take(n) {
            let rep = match b {
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'&' => "&amp;",
                b'\r' => "&#13;",
                _ => continue,
            };
            out.push_str(text.get(last..j).unwrap_or_default());
            out.push_str(rep);
            last = j + 1;
        }
        if n < 32 {
            break;
        }
        i = start + n;
    }
    out.push_str(text.get(last..).unwrap_or_default());
}

/// The next window of `bytes` at or after `i` to look at byte by byte:
/// runs of 32 bytes in which `suspect` holds for none are skipped whole (a
/// test the compiler makes one vector compare per byte class). Returns the
/// window's start and length: 32, or less for the rest of the bytes.
#[inline(always)]
fn next_window(bytes: &[u8], mut i: usize, suspect: impl Fn(u8) -> bool) -> (usize, usize) {
    loop {
        match bytes.get(i..).and_then(|t| t.first_chunk::<32>()) {
            Some(c) if !c.iter().fold(false, |a, &b| a | suspect(b)) => i += 32,
            Some(_) => return (i, 32),
            None => return (i, bytes.len().saturating_sub(i)),
        }
    }
}

/// `s` as text XML can carry: UTF-8 ([`text_is_xml`]).
#[inline]
fn xml_text(s: &[u8]) -> Option<&str> {
    std::str::from_utf8(s).ok().filter(|_| text_is_xml(s))
}

/// Whether text escapes `b` (`<`, `>`, `&`, CR).
#[inline(always)]
fn needs_escape(b: u8) -> bool {
    (b == b'<') | (b == b'>') | (b == b'&') | (b == b'\r')
}

/// For valid UTF-8: no control characters XML 1.0 forbids, no U+FFFE/U+FFFF.
/// Runs of 32 bytes with no control character but TAB, LF, CR and no 0xEF
/// (the first byte of U+FFFE/U+FFFF) are passed whole.
#[inline]
fn text_is_xml(s: &[u8]) -> bool {
    let suspect = |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF);
    let mut i = 0;
    loop {
        let (start, n) = next_window(s, i, suspect);
        for j in start..start + n {
            let Some(&b) = s.get(j) else { break };
            if b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' {
                return false;
            }
            if b == 0xEF
                && s.get(j + 1) == Some(&0xBF)
                && matches!(s.get(j + 2), Some(&0xBE) | Some(&0xBF))
            {
                return false;
            }
        }
        if n < 32 {
            return true;
        }
        i = start + n;
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_to, text_is_xml};

    fn escape_naive(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\r' => out.push_str("&#13;"),
                c => out.push(c),
            }
        }
        out
    }

    fn is_xml_naive(s: &[u8]) -> bool {
        std::str::from_utf8(s).is_ok_and(|t| {
            t.chars()
                .all(|c| super::is_xml_char(c) && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
    }

    /// The 32-byte skipping scans give what a byte-by-byte scan gives, with
    /// the bytes that matter at every offset around the run boundaries.
    #[test]
    fn chunked_scans_match_byte_scans() {
        let pieces: [&str; 12] = [
            "a", "<", ">", "&", "\r", "\n", "\t", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
            "\u{F000}",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..140 {
            for _ in 0..40 {
                let mut t = String::new();
                while t.len() < len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // mostly plain text, now and then a piece that matters
                    let i = (seed % 64) as usize;
                    t.push_str(pieces.get(i).copied().unwrap_or("x"));
                }
                let mut got = String::new();
                escape_to(&mut got, &t);
                assert_eq!(got, escape_naive(&t), "{t:?}");
                assert_eq!(
                    text_is_xml(t.as_bytes()),
                    is_xml_naive(t.as_bytes()),
                    "{t:?}"
                );
            }
        }
    }
}
