//! The pull parser: WBXML bytes in, [`Event`]s out, one token at a time,
//! borrowing strings and opaque data from the input ([WBXML 1.3] 5.8.1
//! Parsing State Machine; [MS-ASWBXML] 2.1.1).
//!
//! Nothing is allocated per token: a large ItemOperations or Sync response
//! streams through without a tree. [`crate::Document`] collects the events
//! when a caller wants them all.

use crate::event::{Event, Tag};
use crate::header::Header;
use crate::token::*;
use msox_codec::{Error, ErrorKind, Limits, Result};
use std::fmt;

/// Whether the input starts with a WBXML header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Framing {
    /// A whole document: header, then one root element
    /// ([WBXML 1.3] 5.3 `start = version publicid charset strtbl body`).
    #[default]
    Document,
    /// A body without header, as some servers store fragments (Horde's
    /// ActiveSync fixtures): the header is taken to be
    /// [`Header::ACTIVESYNC`], code page 0 is in force at the start, and the
    /// body may hold any number of top-level elements and strings.
    Headerless,
}

/// Strict refuses every deviation; lenient (the default) decodes what is
/// there and reports each deviation as a [`Defect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Mode {
    /// Decode what is there; report deviations as [`Defect`]s.
    #[default]
    Lenient,
    /// Any deviation is an error.
    Strict,
}

/// How to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecodeOptions {
    /// Header or not.
    pub framing: Framing,
    /// Strict or lenient.
    pub mode: Mode,
    /// Depth (`max_depth`), string-table size (`max_alloc`), number of
    /// events a [`crate::Document`] collects (`max_items`) and XML output
    /// size (`max_output`).
    pub limits: Limits,
}

impl DecodeOptions {
    /// Strict decoding of a whole document.
    pub fn strict() -> Self {
        DecodeOptions {
            mode: Mode::Strict,
            ..Self::default()
        }
    }

    /// Lenient decoding of a headerless body.
    pub fn headerless() -> Self {
        DecodeOptions {
            framing: Framing::Headerless,
            ..Self::default()
        }
    }
}

/// What a lenient decode repaired or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DefectKind {
    /// An mb_u_int32 with leading zero groups (re-encoded minimal).
    OverlongInteger,
    /// The input ended inside an element, attribute list or string.
    Truncated {
        /// Elements still open.
        open_elements: u32,
    },
    /// Bytes after the root element that are not a PI.
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// A `STR_T` or `LITERAL` index outside the string table or pointing at
    /// an unterminated string (the event carries an empty string).
    BadStringTableIndex {
        /// The index.
        index: u32,
    },
    /// Content outside the root element, or a second root element.
    ContentOutsideRoot,
    /// A tag on a code page [MS-ASWBXML] does not define (XML conversion
    /// skipped the element and its content).
    UnknownCodePage {
        /// The page.
        page: u8,
    },
    /// A token its code page does not define (XML conversion skipped the
    /// element and its content).
    UnknownTag {
        /// The page.
        page: u8,
        /// The token.
        token: u8,
    },
    /// Something XML cannot carry was skipped (attributes, PIs, literal
    /// tags, extensions) during XML conversion.
    Skipped(&'static str),
    /// A string is not valid UTF-8 or holds characters XML 1.0 forbids;
    /// the XML has U+FFFD in their place.
    BadText,
    /// The header names a charset other than UTF-8 (106); strings were
    /// read as UTF-8 anyway.
    Charset(u32),
}

/// One defect a lenient decode reports: what, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    /// Byte offset in the input.
    pub offset: usize,
    /// What.
    pub kind: DefectKind,
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DefectKind::OverlongInteger => write!(f, "overlong mb_u_int32")?,
            DefectKind::Truncated { open_elements } => {
                write!(f, "input ends with {open_elements} element(s) open")?
            }
            DefectKind::TrailingBytes { count } => write!(f, "{count} trailing bytes ignored")?,
            DefectKind::BadStringTableIndex { index } => {
                write!(f, "string table index {index} is out of range")?
            }
            DefectKind::ContentOutsideRoot => write!(f, "content outside the root element")?,
            DefectKind::UnknownCodePage { page } => {
                write!(f, "unknown code page {page}: element skipped")?
            }
            DefectKind::UnknownTag { page, token } => write!(
                f,
                "unknown tag 0x{token:02X} on code page {page}: element skipped"
            )?,
            DefectKind::Skipped(what) => write!(f, "{what} skipped")?,
            DefectKind::BadText => write!(f, "text not representable in XML replaced")?,
            DefectKind::Charset(c) => write!(f, "charset {c} read as UTF-8")?,
        }
        write!(f, " at byte {}", self.offset)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between elements / in element content.
    Content,
    /// In an element's attribute list; `content`: the element has content.
    Attributes { content: bool },
    /// In a PI's target/value list.
    Pi,
}

/// The pull parser. Iterate it for `Result<Event>`; after an error it
/// yields nothing more.
///
/// ```
/// use ms_aswbxml::{Event, Parser, DecodeOptions};
/// // <Ping xmlns="Ping"><Status>1</Status></Ping>
/// let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01];
/// let mut p = Parser::new(&bytes, DecodeOptions::default())?;
/// assert_eq!(p.header().charset, Some(106));
/// let events: Vec<Event<'_>> = p.by_ref().collect::<Result<_, _>>()?;
/// assert_eq!(events.len(), 6);
/// assert_eq!(events[3], Event::Str(b"1"));
/// assert!(p.defects().is_empty());
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
    header: Header<'a>,
    body_start: usize,
    opts: DecodeOptions,
    depth: u32,
    state: State,
    tag_page: u8,
    attr_page: u8,
    /// Top-level elements started so far.
    roots: u32,
    done: bool,
    last_offset: usize,
    defects: Vec<Defect>,
}

impl<'a> Parser<'a> {
    /// A parser over `data`; reads the header now (unless headerless).
    pub fn new(data: &'a [u8], opts: DecodeOptions) -> Result<Self> {
        let mut defects = Vec::new();
        let (header, body_start) = match opts.framing {
            Framing::Document => {
                let (h, n, overlong) =
                    Header::parse(data, &opts.limits).map_err(|e| e.context("WBXML header"))?;
                if overlong {
                    if opts.mode == Mode::Strict {
                        return Err(Error::at_offset(
                            ErrorKind::Malformed("overlong mb_u_int32".into()),
                            0,
                        )
                        .context("WBXML header"));
                    }
                    defects.push(Defect {
                        offset: 0,
                        kind: DefectKind::OverlongInteger,
                    });
                }
                (h, n)
            }
            Framing::Headerless => (Header::ACTIVESYNC, 0),
        };
        Ok(Parser {
            data,
            pos: body_start,
            header,
            body_start,
            opts,
            depth: 0,
            state: State::Content,
            tag_page: 0,
            attr_page: 0,
            roots: 0,
            done: false,
            last_offset: body_start,
            defects,
        })
    }

    /// The header (or [`Header::ACTIVESYNC`] when headerless).
    pub fn header(&self) -> &Header<'a> {
        &self.header
    }

    /// The options in force.
    pub fn options(&self) -> &DecodeOptions {
        &self.opts
    }

    /// Byte offset where the body starts.
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    /// Byte offset of the token the last event came from.
    pub fn last_offset(&self) -> usize {
        self.last_offset
    }

    /// Elements currently open (with content).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The tag code page in force.
    pub fn tag_page(&self) -> u8 {
        self.tag_page
    }

    /// What the lenient decode repaired so far.
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }

    /// Takes the defects reported so far.
    pub fn take_defects(&mut self) -> Vec<Defect> {
        std::mem::take(&mut self.defects)
    }

    fn strict(&self) -> bool {
        self.opts.mode == Mode::Strict
    }

    #[cold]
    fn err(&self, kind: ErrorKind, offset: usize) -> Error {
        Error::at_offset(kind, offset).context("WBXML body")
    }

    #[cold]
    fn defect(&mut self, offset: usize, kind: DefectKind) -> Result<()> {
        if self.strict() {
            let msg = Defect {
                offset,
                kind: kind.clone(),
            }
            .to_string();
            let msg = msg
                .rsplit_once(" at byte ")
                .map_or(msg.clone(), |(m, _)| m.to_string());
            return Err(self.err(ErrorKind::Malformed(msg.into()), offset));
        }
        self.defects.push(Defect { offset, kind });
        Ok(())
    }

    #[inline]
    fn byte(&mut self) -> Result<u8> {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.err(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                self.pos,
            )),
        }
    }

    #[inline]
    fn mb(&mut self) -> Result<u32> {
        let at = self.pos;
        let (v, overlong) =
            read_mb_u32(self.data, &mut self.pos).map_err(|e| e.context("WBXML body"))?;
        if overlong {
            self.defect(at, DefectKind::OverlongInteger)?;
        }
        Ok(v)
    }

    /// A NUL-terminated inline string.
    #[inline]
    fn termstr(&mut self) -> Result<&'a [u8]> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        match find_nul(rest) {
            Some(n) => {
                self.pos += n + 1;
                Ok(rest.get(..n).unwrap_or_default())
            }
            None => {
                if self.strict() {
                    return Err(self.err(
                        ErrorKind::UnexpectedEnd {
                            needed: 1,
                            available: 0,
                        },
                        self.data.len(),
                    ));
                }
                self.defects.push(Defect {
                    offset: self.data.len(),
                    kind: DefectKind::Truncated {
                        open_elements: self.depth,
                    },
                });
                self.pos = self.data.len();
                Ok(rest)
            }
        }
    }

    fn table_string(&mut self, index: u32, at: usize) -> Result<&'a [u8]> {
        match self.header.string_at(index) {
            Some(s) => Ok(s),
            None => {
                self.defect(at, DefectKind::BadStringTableIndex { index })?;
                Ok(&[])
            }
        }
    }

    fn enter(&mut self, at: usize) -> Result<()> {
        let next = self.depth.saturating_add(1);
        if next > self.opts.limits.max_depth {
            return Err(self.err(
                ErrorKind::LimitExceeded {
                    what: "element nesting depth",
                    value: u64::from(next),
                    max: u64::from(self.opts.limits.max_depth),
                },
                at,
            ));
        }
        self.depth = next;
        Ok(())
    }

    /// Bookkeeping for an element start (tag or literal tag) at `at`.
    fn start_element(&mut self, content: bool, attributes: bool, at: usize) -> Result<()> {
        if self.depth == 0 {
            self.roots += 1;
            if self.roots > 1 && self.opts.framing == Framing::Document {
                self.defect(at, DefectKind::ContentOutsideRoot)?;
            }
        }
        if attributes {
            self.state = State::Attributes { content };
        } else if content {
            self.enter(at)?;
        }
        Ok(())
    }

    /// Content (a string, entity, opaque, extension) at top level.
    fn check_in_element(&mut self, at: usize) -> Result<()> {
        if self.depth == 0 && self.state == State::Content && self.opts.framing == Framing::Document
        {
            self.defect(at, DefectKind::ContentOutsideRoot)?;
        }
        Ok(())
    }

    fn at_end(&mut self) -> Result<Option<Event<'a>>> {
        self.done = true;
        let open = self.depth + u32::from(self.state != State::Content);
        if open > 0 {
            if self.strict() {
                return Err(self.err(
                    ErrorKind::UnexpectedEnd {
                        needed: 1,
                        available: 0,
                    },
                    self.pos,
                ));
            }
            self.defects.push(Defect {
                offset: self.pos,
                kind: DefectKind::Truncated {
                    open_elements: self.depth,
                },
            });
        } else if self.roots == 0 && self.opts.framing == Framing::Document {
            return Err(self.err(ErrorKind::Malformed("no root element".into()), self.pos));
        }
        Ok(None)
    }

    /// The next event, `Ok(None)` at the end of the body.
    pub fn next_event(&mut self) -> Result<Option<Event<'a>>> {
        if self.done {
            return Ok(None);
        }
        // After the root element only PIs may follow in a document.
        if self.depth == 0
            && self.state == State::Content
            && self.roots > 0
            && self.opts.framing == Framing::Document
        {
            match self.data.get(self.pos) {
                None => return self.at_end(),
                Some(&PI) => {}
                Some(_) => {
                    let count = self.data.len() - self.pos;
                    let at = self.pos;
                    if self.strict() {
                        self.done = true;
                        return Err(self.err(
                            ErrorKind::TrailingBytes {
                                count: count as u64,
                            },
                            at,
                        ));
                    }
                    self.defects.push(Defect {
                        offset: at,
                        kind: DefectKind::TrailingBytes { count },
                    });
                    self.done = true;
                    return Ok(None);
                }
            }
        }
        let at = self.pos;
        self.last_offset = at;
        let Some(&b) = self.data.get(self.pos) else {
            return self.at_end();
        };
        self.pos += 1;
        let ev = match b {
            SWITCH_PAGE => {
                let p = self.byte()?;
                match self.state {
                    State::Content => self.tag_page = p,
                    _ => self.attr_page = p,
                }
                Event::SwitchPage(p)
            }
            END => {
                match self.state {
                    State::Attributes { content } => {
                        self.state = State::Content;
                        if content {
                            self.enter(at)?;
                        }
                    }
                    State::Pi => self.state = State::Content,
                    State::Content => {
                        if self.depth == 0 {
                            return Err(self.err(
                                ErrorKind::Malformed("END without an open element".into()),
                                at,
                            ));
                        }
                        self.depth -= 1;
                    }
                }
                Event::End
            }
            ENTITY => {
                self.check_in_element(at)?;
                Event::Entity(self.mb()?)
            }
            STR_I => {
                self.check_in_element(at)?;
                Event::Str(self.termstr()?)
            }
            LITERAL | LITERAL_C | LITERAL_A | LITERAL_AC => {
                let index = self.mb()?;
                let name = self.table_string(index, at)?;
                match self.state {
                    State::Content => {
                        let content = b & TAG_CONTENT != 0;
                        let attributes = b & TAG_ATTRIBUTES != 0;
                        self.start_element(content, attributes, at)?;
                        Event::LiteralTag {
                            index,
                            name,
                            content,
                            attributes,
                        }
                    }
                    _ if b == LITERAL => Event::AttrLiteral { index, name },
                    _ => {
                        return Err(self.err(
                            ErrorKind::InvalidValue {
                                field: "token in attribute list",
                                value: u64::from(b),
                            },
                            at,
                        ));
                    }
                }
            }
            0x40..=0x42 => {
                self.check_in_element(at)?;
                Event::ExtI {
                    n: b - 0x40,
                    value: self.termstr()?,
                }
            }
            PI => {
                if self.state != State::Content {
                    return Err(self.err(
                        ErrorKind::InvalidValue {
                            field: "token in attribute list",
                            value: u64::from(b),
                        },
                        at,
                    ));
                }
                self.state = State::Pi;
                Event::Pi
            }
            0x80..=0x82 => {
                self.check_in_element(at)?;
                Event::ExtT {
                    n: b - 0x80,
                    index: self.mb()?,
                }
            }
            STR_T => {
                self.check_in_element(at)?;
                let index = self.mb()?;
                let value = self.table_string(index, at)?;
                Event::StrT { index, value }
            }
            0xC0..=0xC2 => {
                self.check_in_element(at)?;
                Event::Ext(b - 0xC0)
            }
            OPAQUE => {
                self.check_in_element(at)?;
                let len_at = self.pos;
                let len = self.mb()? as usize;
                let available = self.data.len() - self.pos;
                if len > available {
                    return Err(self.err(
                        ErrorKind::LimitExceeded {
                            what: "OPAQUE length",
                            value: len as u64,
                            max: available as u64,
                        },
                        len_at,
                    ));
                }
                let data = self.data.get(self.pos..self.pos + len).unwrap_or_default();
                self.pos += len;
                Event::Opaque(data)
            }
            _ => match self.state {
                State::Content => {
                    let tag = Tag {
                        page: self.tag_page,
                        token: b & 0x3F,
                        content: b & TAG_CONTENT != 0,
                        attributes: b & TAG_ATTRIBUTES != 0,
                    };
                    self.start_element(tag.content, tag.attributes, at)?;
                    Event::Start(tag)
                }
                _ if b < 0x80 => Event::AttrStart(b),
                _ => Event::AttrValue(b),
            },
        };
        Ok(Some(ev))
    }
}

impl<'a> Iterator for Parser<'a> {
    type Item = Result<Event<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self.next_event() {
            Ok(Some(e)) => Some(Ok(e)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Position of the first NUL byte, a word at a time.
#[inline]
fn find_nul(s: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    for c in chunks.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let v = u64::from_le_bytes(w);
        if (v.wrapping_sub(LO) & !v & HI) != 0 {
            return c.iter().position(|&b| b == 0).map(|i| base + i);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == 0)
        .map(|i| base + i)
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn events(bytes: &[u8], opts: DecodeOptions) -> Result<(Vec<Event<'_>>, Vec<Defect>)> {
        let mut p = Parser::new(bytes, opts)?;
        let ev = p.by_ref().collect::<Result<Vec<_>>>()?;
        Ok((ev, p.take_defects()))
    }

    #[test]
    fn find_nul_finds_every_position() {
        for len in 0..40 {
            for at in 0..=len {
                let mut v = vec![b'x'; len];
                if at < len {
                    v[at] = 0;
                }
                let want = (at < len).then_some(at);
                assert_eq!(find_nul(&v), want, "len {len} at {at}");
            }
        }
    }

    #[test]
    fn tags_strings_and_pages() {
        // Sync, SWITCH_PAGE 17, BodyPreference/Type "1", END END
        let b = [3, 1, 106, 0, 0x45, 0, 17, 0x45, 0x46, 3, b'1', 0, 1, 1, 1];
        let (ev, d) = events(&b, DecodeOptions::strict()).unwrap();
        assert!(d.is_empty());
        assert_eq!(ev[0], Event::Start(Tag::new(0, 5, true)));
        assert_eq!(ev[1], Event::SwitchPage(17));
        assert_eq!(ev[2], Event::Start(Tag::new(17, 5, true)));
        assert_eq!(ev[4], Event::Str(b"1"));
    }

    #[test]
    fn truncation_is_an_error_in_strict_and_a_defect_in_lenient() {
        let b = [3, 1, 106, 0, 0x45, 0x46, 3, b'1'];
        assert!(
            events(&b, DecodeOptions::strict())
                .unwrap_err()
                .is_unexpected_end()
        );
        let (ev, d) = events(&b, DecodeOptions::default()).unwrap();
        assert_eq!(ev.len(), 3);
        assert!(matches!(d[0].kind, DefectKind::Truncated { .. }));
    }

    #[test]
    fn trailing_bytes_and_second_roots() {
        let b = [3, 1, 106, 0, 0x05, 0x05];
        assert!(matches!(
            events(&b, DecodeOptions::strict()).unwrap_err().kind(),
            ErrorKind::TrailingBytes { count: 1 }
        ));
        let (_, d) = events(&b, DecodeOptions::default()).unwrap();
        assert_eq!(d[0].kind, DefectKind::TrailingBytes { count: 1 });
        // headerless bodies may hold several elements
        let (ev, d) = events(&[0x05, 0x06, 0x03, b'a', 0], DecodeOptions::headerless()).unwrap();
        assert_eq!(ev.len(), 3);
        assert!(d.is_empty());
    }

    #[test]
    fn deep_nesting_hits_the_depth_limit() {
        let mut b = vec![3, 1, 106, 0];
        b.extend(std::iter::repeat_n(0x45, 100));
        let e = events(&b, DecodeOptions::default()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
    }

    #[test]
    fn attributes_pi_literals_and_string_table() {
        // header with string table "ab\0", body: PI(attr 0x05, value 0x85) END,
        // LITERAL_AC idx 0, attr 0x06, STR_T 0, END, STR_T 0, END
        let b = [
            3, 1, 106, 3, b'a', b'b', 0, 0x43, 0x05, 0x85, 0x01, 0xC4, 0x00, 0x06, 0x83, 0x00,
            0x01, 0x83, 0x00, 0x01,
        ];
        let (ev, d) = events(&b, DecodeOptions::strict()).unwrap();
        assert!(d.is_empty());
        assert_eq!(
            ev,
            [
                Event::Pi,
                Event::AttrStart(5),
                Event::AttrValue(0x85),
                Event::End,
                Event::LiteralTag {
                    index: 0,
                    name: b"ab",
                    content: true,
                    attributes: true
                },
                Event::AttrStart(6),
                Event::StrT {
                    index: 0,
                    value: b"ab"
                },
                Event::End,
                Event::StrT {
                    index: 0,
                    value: b"ab"
                },
                Event::End,
            ]
        );
    }

    #[test]
    fn opaque_longer_than_input_is_refused() {
        let b = [3, 1, 106, 0, 0x45, 0xC3, 0x7F, 1, 2];
        let e = events(&b, DecodeOptions::default()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
        assert_eq!(e.offset(), Some(6));
    }
}
