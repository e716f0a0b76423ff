//! The pull parser: WBXML bytes in, [`Event`]s out, one token at a time,
//! borrowing strings and opaque data from the input ([WBXML 1.3] 5.8.1
//! Parsing State Machine; [MS-ASWBXML] 2.1.1).
//!
//! Nothing is allocated per token: a large ItemOperations or Sync response
//! streams through without a tree. [`crate::Document`] collects the events
//! when a caller wants them all.
//!
//! The parser reads through a [`msox_codec::Reader`]: the session's
//! [`Options`] decide strict or lenient and the limits, and errors and
//! defects carry the absolute offset and the path of open elements
//! (`WBXML > body > Sync > Collections > Collection`), built only when one
//! is raised.
//!
//! # Defects
//!
//! What lenient decoding reads past, each a [`Defect`] at the token (strict
//! mode refuses it with the same offset and path):
//!
//! | defect | kind | what lenient decoding does |
//! |---|---|---|
//! | an mb_u_int32 with leading zero groups | malformed | keeps the value (written back minimal) |
//! | the input ends inside an element, attribute list or string | unexpected end | keeps what was read |
//! | bytes after the root element that are not a PI | trailing bytes | ignores them |
//! | a `STR_T` / `LITERAL` index outside the string table | invalid string table index | reads an empty string |
//! | content outside the root element, a second root | malformed | keeps it |

use std::borrow::Cow;

use crate::codepages;
use crate::event::{Event, Tag};
use crate::header::{Header, read_header};
use crate::token::*;
use msox_codec::{Decoded, Defect, Error, ErrorKind, Frame, Options, Reader, Result, Session};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between elements / in element content.
    Content,
    /// In an element's attribute list; `content`: the element has content.
    Attributes { content: bool, elem: u16 },
    /// In a PI's target/value list.
    Pi,
}

/// An open element on the body's stack: `page << 8 | token`, or
/// [`LITERAL_ELEM`].
const LITERAL_ELEM: u16 = 0xFFFF;

fn elem_of(tag: Tag) -> u16 {
    u16::from(tag.page) << 8 | u16::from(tag.token)
}

fn elem_frame(e: u16) -> Frame {
    if e == LITERAL_ELEM {
        return Frame::new("literal tag");
    }
    let [page, token] = e.to_be_bytes();
    codepages::tag(page, token).map_or(Frame::new("unknown tag"), |d| Frame::new(d.name))
}

/// The state of a body being parsed, apart from the reader: what
/// [`Parser`], [`crate::Document`] and the converters share.
#[derive(Debug, Clone)]
pub(crate) struct Body<'a> {
    pub(crate) header: Header<'a>,
    pub(crate) framing: Framing,
    pub(crate) body_start: usize,
    /// Position of the header's charset field.
    pub(crate) charset_pos: Option<usize>,
    /// Open elements with content, outermost first.
    open: Vec<u16>,
    /// Most elements that may be open: the session's depth limit less the
    /// depth it had when the body started.
    max_open: usize,
    base_depth: usize,
    state: State,
    tag_page: u8,
    attr_page: u8,
    /// Top-level elements started so far.
    roots: u32,
    done: bool,
    pub(crate) last_offset: usize,
    /// Positions of the string table's NUL bytes, found on the first
    /// STR_T, so each reference is a binary search instead of a scan:
    /// a small file whose many STR_T name one long string costs what its
    /// size costs.
    nuls: Option<Vec<usize>>,
}

impl<'a> Body<'a> {
    /// Reads the header (unless headerless) at the reader's position.
    pub(crate) fn start(r: &mut Reader<'a>, framing: Framing) -> Result<Self> {
        let (header, charset_pos) = match framing {
            Framing::Document => read_header(r)?,
            Framing::Headerless => (Header::ACTIVESYNC, None),
        };
        let base_depth = r.session().usage().depth as usize;
        let body_start = r.pos();
        Ok(Body {
            header,
            framing,
            body_start,
            charset_pos,
            open: Vec::with_capacity(32),
            max_open: (r.limits().max_depth as usize).saturating_sub(base_depth),
            base_depth,
            state: State::Content,
            tag_page: 0,
            attr_page: 0,
            roots: 0,
            done: false,
            last_offset: body_start,
            nuls: None,
        })
    }

    /// Elements open (with content).
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// Runs `f` with the open elements pushed as frames.
    #[cold]
    fn with_path<T>(&self, r: &mut Reader<'a>, f: impl FnOnce(&mut Reader<'a>) -> T) -> T {
        for &e in &self.open {
            r.push_frame(elem_frame(e));
        }
        let v = f(r);
        for _ in &self.open {
            r.pop_frame();
        }
        v
    }

    /// An error at position `at`, with the open elements on its path.
    #[cold]
    pub(crate) fn error(&self, r: &mut Reader<'a>, kind: ErrorKind, at: usize) -> Error {
        self.with_path(r, |r| r.error_at(kind, at))
    }

    /// A defect at position `at`, with the open elements on its path.
    #[cold]
    pub(crate) fn defect(
        &self,
        r: &mut Reader<'a>,
        kind: ErrorKind,
        at: usize,
        action: impl Into<Cow<'static, str>>,
    ) -> Result<()> {
        self.with_path(r, |r| r.defect_at(kind, at, action))
    }

    /// A reader error (a failed read, which consumed nothing) again, with
    /// the open elements on its path.
    #[cold]
    fn reframe(&self, r: &mut Reader<'a>, e: Error) -> Error {
        let at = r.pos();
        self.error(r, e.kind().clone(), at)
    }

    #[inline]
    fn byte(&self, r: &mut Reader<'a>) -> Result<u8> {
        match r.u8() {
            Ok(b) => Ok(b),
            Err(e) => Err(self.reframe(r, e)),
        }
    }

    #[inline]
    fn mb(&self, r: &mut Reader<'a>) -> Result<u32> {
        let at = r.pos();
        let rest = r.rest();
        if let Some(&b) = rest.first()
            && b < 0x80
        {
            r.skip(1)?;
            return Ok(u32::from(b));
        }
        match mb_parse(rest) {
            Ok((v, n, overlong)) => {
                r.skip(n)?;
                if overlong {
                    self.defect(r, overlong_kind(), at, OVERLONG_ACTION)?;
                }
                Ok(v)
            }
            Err((kind, off)) => Err(self.error(r, kind, at + off)),
        }
    }

    /// A NUL-terminated inline string.
    #[inline]
    fn termstr(&self, r: &mut Reader<'a>) -> Result<&'a [u8]> {
        let rest = r.rest();
        match find_nul(rest) {
            Some(n) => {
                r.skip(n + 1)?;
                Ok(rest.get(..n).unwrap_or_default())
            }
            None => {
                let end = r.pos() + rest.len();
                self.defect(
                    r,
                    ErrorKind::UnexpectedEnd {
                        needed: 1,
                        available: 0,
                    },
                    end,
                    "string without its terminator kept",
                )?;
                Ok(r.take_rest())
            }
        }
    }

    fn table_string(&mut self, r: &mut Reader<'a>, index: u32, at: usize) -> Result<&'a [u8]> {
        let table = self.header.string_table;
        let nuls = self.nuls.get_or_insert_with(|| {
            table
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == 0)
                .map(|(i, _)| i)
                .collect()
        });
        let found = nuls
            .get(nuls.partition_point(|&n| n < index as usize))
            .and_then(|&end| table.get(index as usize..end));
        match found {
            Some(s) => Ok(s),
            None => {
                self.defect(
                    r,
                    ErrorKind::InvalidValue {
                        field: "string table index",
                        value: u64::from(index),
                    },
                    at,
                    "read as an empty string",
                )?;
                Ok(&[])
            }
        }
    }

    #[inline]
    fn enter(&mut self, r: &mut Reader<'a>, elem: u16, at: usize) -> Result<()> {
        if self.open.len() >= self.max_open {
            let max = r.limits().max_depth;
            return Err(self.error(
                r,
                ErrorKind::LimitExceeded {
                    what: "nesting depth",
                    value: (self.base_depth + self.open.len() + 1) as u64,
                    max: u64::from(max),
                },
                at,
            ));
        }
        self.open.push(elem);
        Ok(())
    }

    /// Bookkeeping for an element start (tag or literal tag) at `at`.
    #[inline]
    fn start_element(
        &mut self,
        r: &mut Reader<'a>,
        elem: u16,
        content: bool,
        attributes: bool,
        at: usize,
    ) -> Result<()> {
        if self.open.is_empty() {
            self.roots += 1;
            if self.roots > 1 && self.framing == Framing::Document {
                self.outside_root(r, at)?;
            }
        }
        if attributes {
            self.state = State::Attributes { content, elem };
        } else if content {
            self.enter(r, elem, at)?;
        }
        Ok(())
    }

    #[cold]
    fn outside_root(&self, r: &mut Reader<'a>, at: usize) -> Result<()> {
        self.defect(
            r,
            ErrorKind::Malformed("content outside the root element".into()),
            at,
            "kept",
        )
    }

    /// Content (a string, entity, opaque, extension) at top level.
    #[inline]
    fn check_in_element(&self, r: &mut Reader<'a>, at: usize) -> Result<()> {
        if self.open.is_empty() && self.state == State::Content && self.framing == Framing::Document
        {
            self.outside_root(r, at)?;
        }
        Ok(())
    }

    #[cold]
    fn at_end(&mut self, r: &mut Reader<'a>) -> Result<Option<Event<'a>>> {
        self.done = true;
        let open = self.open.len() + usize::from(self.state != State::Content);
        let at = r.pos();
        if open > 0 {
            self.defect(
                r,
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                at,
                format!("the input ends with {open} element(s) open; what was read is kept"),
            )?;
        } else if self.roots == 0 && self.framing == Framing::Document {
            return Err(self.error(r, ErrorKind::Malformed("no root element".into()), at));
        }
        Ok(None)
    }

    #[cold]
    fn trailing(&mut self, r: &mut Reader<'a>) -> Result<Option<Event<'a>>> {
        self.done = true;
        let at = r.pos();
        let count = r.remaining() as u64;
        self.defect(
            r,
            ErrorKind::TrailingBytes { count },
            at,
            "bytes after the root element ignored",
        )?;
        r.take_rest();
        Ok(None)
    }

    /// The next event, `Ok(None)` at the end of the body.
    #[inline]
    pub(crate) fn next(&mut self, r: &mut Reader<'a>) -> Result<Option<Event<'a>>> {
        if self.done {
            return Ok(None);
        }
        // After the root element only PIs may follow in a document.
        if self.open.is_empty()
            && self.state == State::Content
            && self.roots > 0
            && self.framing == Framing::Document
        {
            match r.peek_u8() {
                None => return self.at_end(r),
                Some(PI) => {}
                Some(_) => return self.trailing(r),
            }
        }
        let at = r.pos();
        self.last_offset = at;
        let Some(b) = r.peek_u8() else {
            return self.at_end(r);
        };
        r.skip(1)?;
        let ev = match b {
            SWITCH_PAGE => {
                let p = self.byte(r)?;
                match self.state {
                    State::Content => self.tag_page = p,
                    _ => self.attr_page = p,
                }
                Event::SwitchPage(p)
            }
            END => {
                match self.state {
                    State::Attributes { content, elem } => {
                        self.state = State::Content;
                        if content {
                            self.enter(r, elem, at)?;
                        }
                    }
                    State::Pi => self.state = State::Content,
                    State::Content => {
                        if self.open.pop().is_none() {
                            return Err(self.error(
                                r,
                                ErrorKind::Malformed("END without an open element".into()),
                                at,
                            ));
                        }
                    }
                }
                Event::End
            }
            ENTITY => {
                self.check_in_element(r, at)?;
                Event::Entity(self.mb(r)?)
            }
            STR_I => {
                self.check_in_element(r, at)?;
                Event::Str(self.termstr(r)?)
            }
            LITERAL | LITERAL_C | LITERAL_A | LITERAL_AC => {
                let index = self.mb(r)?;
                let name = self.table_string(r, index, at)?;
                match self.state {
                    State::Content => {
                        let content = b & TAG_CONTENT != 0;
                        let attributes = b & TAG_ATTRIBUTES != 0;
                        self.start_element(r, LITERAL_ELEM, content, attributes, at)?;
                        Event::LiteralTag {
                            index,
                            name,
                            content,
                            attributes,
                        }
                    }
                    _ if b == LITERAL => Event::AttrLiteral { index, name },
                    _ => {
                        return Err(self.error(
                            r,
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
                self.check_in_element(r, at)?;
                Event::ExtI {
                    n: b - 0x40,
                    value: self.termstr(r)?,
                }
            }
            PI => {
                if self.state != State::Content {
                    return Err(self.error(
                        r,
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
                self.check_in_element(r, at)?;
                Event::ExtT {
                    n: b - 0x80,
                    index: self.mb(r)?,
                }
            }
            STR_T => {
                self.check_in_element(r, at)?;
                let index = self.mb(r)?;
                let value = self.table_string(r, index, at)?;
                Event::StrT { index, value }
            }
            0xC0..=0xC2 => {
                self.check_in_element(r, at)?;
                Event::Ext(b - 0xC0)
            }
            OPAQUE => {
                self.check_in_element(r, at)?;
                let len_at = r.pos();
                let len = self.mb(r)? as usize;
                if len > r.remaining() {
                    let max = r.remaining() as u64;
                    return Err(self.error(
                        r,
                        ErrorKind::LimitExceeded {
                            what: "OPAQUE length",
                            value: len as u64,
                            max,
                        },
                        len_at,
                    ));
                }
                Event::Opaque(r.bytes(len)?)
            }
            _ => match self.state {
                State::Content => {
                    let tag = Tag {
                        page: self.tag_page,
                        token: b & 0x3F,
                        content: b & TAG_CONTENT != 0,
                        attributes: b & TAG_ATTRIBUTES != 0,
                    };
                    self.start_element(r, elem_of(tag), tag.content, tag.attributes, at)?;
                    Event::Start(tag)
                }
                _ if b < 0x80 => Event::AttrStart(b),
                _ => Event::AttrValue(b),
            },
        };
        Ok(Some(ev))
    }
}

/// The pull parser. Iterate it for `Result<Event>`; after an error it
/// yields nothing more. It owns its decoding session: the defects are
/// [`Parser::defects`] (lenient mode) and [`Parser::finish`].
///
/// ```
/// use ms_aswbxml::{Event, Framing, Parser};
/// use msox_codec::Options;
/// // <Ping xmlns="Ping"><Status>1</Status></Ping>
/// let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x47, 0x03, b'1', 0x00, 0x01, 0x01];
/// let mut p = Parser::new(&bytes, Framing::Document, &Options::strict())?;
/// assert_eq!(p.header().charset, Some(106));
/// let events: Vec<Event<'_>> = p.by_ref().collect::<Result<_, _>>()?;
/// assert_eq!(events.len(), 6);
/// assert_eq!(events[3], Event::Str(b"1"));
/// assert!(p.defects().is_empty());
///
/// // A cut after the string: strict refuses, with the open elements.
/// let mut p = Parser::new(&bytes[..11], Framing::Document, &Options::strict())?;
/// let e = p.find_map(Result::err).unwrap();
/// assert_eq!(e.to_string(), "unexpected end of input (needed 1 bytes, 0 left) \
///     at byte 11 in WBXML > body > Ping > Status");
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug)]
pub struct Parser<'a> {
    r: Reader<'a>,
    st: Body<'a>,
}

impl<'a> Parser<'a> {
    /// A parser over `data` in a new session with `options`; reads the
    /// header now (unless headerless).
    pub fn new(data: &'a [u8], framing: Framing, options: &Options) -> Result<Self> {
        let mut r = Reader::with_options(data, options);
        r.push_frame(Frame::new("WBXML"));
        let st = Body::start(&mut r, framing)?;
        r.push_frame(Frame::new("body"));
        Ok(Parser { r, st })
    }

    /// The header (or [`Header::ACTIVESYNC`] when headerless).
    pub fn header(&self) -> &Header<'a> {
        &self.st.header
    }

    /// Whether the input had a header.
    pub fn framing(&self) -> Framing {
        self.st.framing
    }

    /// The decoding session (options, budget used, defects so far).
    pub fn session(&self) -> &Session {
        self.r.session()
    }

    /// Byte offset where the body starts.
    pub fn body_start(&self) -> usize {
        self.st.body_start
    }

    /// Byte offset of the token the last event came from.
    pub fn last_offset(&self) -> usize {
        self.st.last_offset
    }

    /// Elements currently open (with content).
    pub fn depth(&self) -> u32 {
        self.st.depth() as u32
    }

    /// The tag code page in force.
    pub fn tag_page(&self) -> u8 {
        self.st.tag_page
    }

    /// What the lenient decode read past so far.
    pub fn defects(&self) -> &[Defect] {
        self.r.defects()
    }

    /// Takes the defects reported so far.
    pub fn take_defects(&mut self) -> Vec<Defect> {
        self.r.session_mut().take_defects()
    }

    /// Ends the session: the defects.
    pub fn finish(self) -> Vec<Defect> {
        self.r.into_session().take_defects()
    }

    /// The next event, `Ok(None)` at the end of the body.
    #[inline]
    pub fn next_event(&mut self) -> Result<Option<Event<'a>>> {
        let r = self.st.next(&mut self.r);
        if r.is_err() {
            self.st.done = true;
        }
        r
    }
}

impl<'a> Iterator for Parser<'a> {
    type Item = Result<Event<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.next_event().transpose()
    }
}

/// Collects every event of a body (the reader's window to its end), with
/// the session's item budget charged as the event vector grows.
pub(crate) fn collect_events<'a>(r: &mut Reader<'a>, st: &mut Body<'a>) -> Result<Vec<Event<'a>>> {
    let mut events: Vec<Event<'a>> = Vec::new();
    while let Some(e) = st.next(r)? {
        if events.len() == events.capacity() {
            // Each event takes at least one byte: the input bounds the count.
            let add = events.capacity().max(16).min(r.remaining() + 1);
            if let Err(k) = r.session_mut().charge_items(add, "WBXML event count") {
                let at = r.pos();
                return Err(st.error(r, k, at));
            }
            events.reserve_exact(add);
        }
        events.push(e);
    }
    Ok(events)
}

/// A decode of a whole body in a new session: the value and the defects.
pub(crate) fn in_session<'a, T>(
    data: &'a [u8],
    framing: Framing,
    options: &Options,
    f: impl FnOnce(&mut Reader<'a>, &mut Body<'a>) -> Result<T>,
) -> Result<Decoded<T>> {
    msox_codec::decode_bytes_with_reader(data, options, |r| in_reader(r, framing, f))
}

/// Reads the header and runs `f` on the body, in frames `WBXML` and
/// `body`, inside the reader's session.
pub(crate) fn in_reader<'a, T>(
    r: &mut Reader<'a>,
    framing: Framing,
    f: impl FnOnce(&mut Reader<'a>, &mut Body<'a>) -> Result<T>,
) -> Result<T> {
    r.frame("WBXML", |r| {
        let mut st = Body::start(r, framing)?;
        r.frame("body", |r| f(r, &mut st))
    })
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

    fn events<'a>(
        bytes: &'a [u8],
        framing: Framing,
        opts: &Options,
    ) -> Result<(Vec<Event<'a>>, Vec<Defect>)> {
        let mut p = Parser::new(bytes, framing, opts)?;
        let ev = p.by_ref().collect::<Result<Vec<_>>>()?;
        Ok((ev, p.finish()))
    }

    const DOC: Framing = Framing::Document;

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
        let (ev, d) = events(&b, DOC, &Options::strict()).unwrap();
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
            events(&b, DOC, &Options::strict())
                .unwrap_err()
                .is_unexpected_end()
        );
        let (ev, d) = events(&b, DOC, &Options::lenient()).unwrap();
        assert_eq!(ev.len(), 3);
        assert!(d[0].error().is_unexpected_end());
        assert_eq!(d[0].path().to_string(), "WBXML > body > Sync > Responses");
    }

    #[test]
    fn trailing_bytes_and_second_roots() {
        let b = [3, 1, 106, 0, 0x05, 0x05];
        assert!(matches!(
            events(&b, DOC, &Options::strict()).unwrap_err().kind(),
            ErrorKind::TrailingBytes { count: 1 }
        ));
        let (_, d) = events(&b, DOC, &Options::lenient()).unwrap();
        assert_eq!(d[0].kind(), &ErrorKind::TrailingBytes { count: 1 });
        assert_eq!(d[0].offset(), Some(5));
        // headerless bodies may hold several elements
        let (ev, d) = events(
            &[0x05, 0x06, 0x03, b'a', 0],
            Framing::Headerless,
            &Options::lenient(),
        )
        .unwrap();
        assert_eq!(ev.len(), 3);
        assert!(d.is_empty());
    }

    #[test]
    fn deep_nesting_hits_the_depth_limit() {
        let mut b = vec![3, 1, 106, 0];
        b.extend(std::iter::repeat_n(0x45, 100));
        let e = events(&b, DOC, &Options::lenient()).unwrap_err();
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
        let (ev, d) = events(&b, DOC, &Options::strict()).unwrap();
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
        let e = events(&b, DOC, &Options::lenient()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
        assert_eq!(e.offset(), Some(6));
    }
}
