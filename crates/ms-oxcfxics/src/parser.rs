//! The incremental FastTransfer stream parser: pieces in (as
//! RopFastTransferSourceGetBuffer returns them, split at any byte), events
//! out, the same events whatever the split.

use std::borrow::Cow;
use std::collections::VecDeque;

use msox_codec::{
    Decoded, Defect, Error, ErrorKind, Frame, Options, Origin, Reader, Result, Session,
};

use crate::grammar::{Event, Grammar, GrammarError, Root, Tok, Use};
use crate::lexical::{FxContext, Scanned, Scanner, Token, View, decode_token};
use crate::tags::META_TAG_FX_DEL_PROP;

/// The most a split value's buffer is sized in advance from its declared
/// length (larger values grow as their bytes arrive).
const MAX_PREALLOCATION: usize = 64 << 20;

/// [MS-OXCFXICS] 2.2.4 a pull parser for FastTransfer streams that takes
/// the stream in pieces of any size (a token, even a property value, may
/// be split across pieces) and yields [`Event`]s: the same events for
/// every split.
///
/// A property value that lies whole in one piece is borrowed from it
/// ([`crate::FxValue::Bytes`] is `Cow::Borrowed`); one that spans pieces
/// is gathered once into an owned buffer. Offsets in errors and defects
/// count from the start of the stream; paths name the ABNF elements
/// (`messageContent > attachment > attachmentContent > propList > propValue`).
/// The session's [`Options`] apply to the whole stream: strict mode
/// refuses what the spec does not allow; lenient mode reports it and reads
/// on (tokens the grammar does not allow are passed through as events).
///
/// ```
/// use ms_oxcfxics::{Event, FxParser, Root};
/// use msox_codec::Options;
/// // PidTagSubject "Hi", then a recipient with PidTagRowid 0.
/// let stream = [
///     0x1F, 0x00, 0x37, 0x00, 0x06, 0x00, 0x00, 0x00, b'H', 0, b'i', 0, 0, 0,
///     0x03, 0x00, 0x03, 0x40,                          // StartRecip
///     0x03, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00,  // PidTagRowid = 0
///     0x03, 0x00, 0x04, 0x40,                          // EndToRecip
/// ];
/// let mut parser = FxParser::new(Root::MessageContent, &Options::strict());
/// let mut events = Vec::new();
/// for piece in stream.chunks(5) {
///     let mut feed = parser.feed(piece);
///     while let Some(ev) = feed.next_event()? {
///         events.push(ev.into_owned());
///     }
/// }
/// events.extend(parser.finish()?);
/// assert_eq!(events.len(), 4);
/// assert!(matches!(events[1], Event::Begin(ms_oxcfxics::Element::Recipient)));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug)]
pub struct FxParser {
    ctx: FxContext,
    grammar: Grammar,
    session: Session,
    /// Stream bytes before the current piece.
    fed: usize,
    scan: Option<Scanner>,
    head: Vec<u8>,
    body: Vec<u8>,
    body_left: usize,
    in_body: bool,
    token_start: usize,
    pending: VecDeque<Event<'static>>,
    failed: Option<Error>,
    finished: bool,
}

impl FxParser {
    /// A parser for a stream whose root element is `root` (the operation
    /// that produced the stream determines it, [MS-OXCFXICS] 2.2.4.4).
    pub fn new(root: Root, options: &Options) -> Self {
        FxParser {
            ctx: FxContext::default(),
            grammar: Grammar::new(root, options.limits.max_depth as usize),
            session: Session::new(*options, usize::MAX),
            fed: 0,
            scan: None,
            head: Vec::new(),
            body: Vec::new(),
            body_left: 0,
            in_body: false,
            token_start: 0,
            pending: VecDeque::new(),
            failed: None,
            finished: false,
        }
    }

    /// The same parser reading PtypString8 values in the code page of
    /// `ctx` (windows-1252 by default).
    #[must_use]
    pub fn with_context(mut self, ctx: FxContext) -> Self {
        self.ctx = ctx;
        self
    }

    /// Starts reading the next piece of the stream. Take its events with
    /// [`Feed::next_event`] until it returns `None` (a `Feed` dropped
    /// earlier parses the rest of its piece eagerly and keeps the events).
    pub fn feed<'s, 'p>(&'s mut self, piece: &'p [u8]) -> Feed<'s, 'p> {
        Feed {
            parser: self,
            piece,
            pos: 0,
            held: None,
        }
    }

    /// Ends the stream: the events still due (ends of open elements), or an
    /// error if the stream stops inside a token or before its root element
    /// is complete.
    pub fn finish(&mut self) -> Result<Vec<Event<'static>>> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if self.finished {
            return Ok(Vec::new());
        }
        if self.scan.is_some() || self.in_body {
            let pending = if self.in_body { self.body_left } else { 1 };
            let e = self.error_at(
                ErrorKind::UnexpectedEnd {
                    needed: pending as u64,
                    available: 0,
                },
                self.fed,
            );
            self.failed = Some(e.clone());
            return Err(e);
        }
        if let Err(g) = self.grammar.finish(&mut self.pending) {
            let e = self.grammar_error(g, self.fed);
            if let Err(e) = self.session.defect(e, "the stream ends early") {
                self.failed = Some(e.clone());
                return Err(e);
            }
        }
        self.finished = true;
        Ok(self.pending.drain(..).collect())
    }

    /// The defects lenient parsing reported so far.
    pub fn defects(&self) -> &[Defect] {
        self.session.defects()
    }

    /// Ends the parser, returning its session (defects and budget used).
    pub fn into_session(self) -> Session {
        self.session
    }

    /// Bytes of the stream taken so far (pieces whose [`Feed`] is done).
    pub fn position(&self) -> usize {
        self.fed
    }

    // ---- errors ---------------------------------------------------------

    /// Runs `f` with a reader over `buf` (at stream offset `off`) in this
    /// parser's session, with the grammar's elements on the path.
    fn with_reader<'b, T>(
        &mut self,
        buf: &'b [u8],
        off: usize,
        f: impl FnOnce(&mut Reader<'b>) -> Result<T>,
    ) -> Result<T> {
        let session = std::mem::take(&mut self.session);
        let mut r = Reader::with_session_at(buf, Origin::At(off), session);
        let mut n = 0;
        for name in self.grammar.path() {
            r.push_frame(Frame::new(name));
            n += 1;
        }
        let res = f(&mut r);
        for _ in 0..n {
            r.pop_frame();
        }
        self.session = r.into_session();
        res
    }

    fn error_at(&mut self, kind: ErrorKind, off: usize) -> Error {
        let kind2 = kind.clone();
        match self.with_reader(&[], off, |r| Err::<(), _>(r.error(kind))) {
            Err(e) => e,
            Ok(()) => Error::at_offset(kind2, off),
        }
    }

    fn grammar_error(&mut self, g: GrammarError, off: usize) -> Error {
        match g {
            GrammarError::Violation(msg) => self.error_at(ErrorKind::Malformed(msg), off),
            GrammarError::Depth(d) => self.error_at(
                ErrorKind::LimitExceeded {
                    what: "element nesting depth",
                    value: d as u64,
                    max: self.grammar_max_depth(),
                },
                off,
            ),
        }
    }

    fn grammar_max_depth(&self) -> u64 {
        u64::from(self.session.limits().max_depth)
    }

    fn charge(&mut self, n: usize, off: usize) -> Result<()> {
        match self.session.charge_alloc(n, "FastTransfer value bytes") {
            Ok(()) => Ok(()),
            Err(k) => Err(self.error_at(k, off)),
        }
    }

    // ---- tokens ---------------------------------------------------------

    /// Room for a value of `declared` bytes that spans pieces, so it is
    /// copied once: never more than the allocation budget has left (the
    /// bytes are charged as they arrive), and only one value is gathered
    /// at a time.
    fn reserve_body(&mut self, declared: usize) {
        let left = self
            .session
            .limits()
            .max_alloc
            .saturating_sub(self.session.usage().alloc);
        self.body.reserve(declared.min(left).min(MAX_PREALLOCATION));
    }

    fn decode<'p>(
        &mut self,
        head: &[u8],
        body: Option<Cow<'p, [u8]>>,
        off: usize,
    ) -> Result<Token<'p>> {
        let ctx = self.ctx;
        self.with_reader(head, off, |r| {
            let t = decode_token(r, body, &ctx)?;
            if !r.is_empty() {
                return Err(r.malformed("token bytes left over"));
            }
            Ok(t)
        })
    }

    /// The next token that is complete in `piece` (from `*pos`), with its
    /// stream offset; `None` when the piece is used up.
    fn lex<'p>(&mut self, piece: &'p [u8], pos: &mut usize) -> Result<Option<(Token<'p>, usize)>> {
        let base = self.fed;
        let rest = piece.get(*pos..).unwrap_or_default();
        if self.in_body {
            let take = self.body_left.min(rest.len());
            self.charge(take, base + *pos)?;
            self.body
                .extend_from_slice(rest.get(..take).unwrap_or_default());
            *pos += take;
            self.body_left -= take;
            if self.body_left > 0 {
                return Ok(None);
            }
            self.in_body = false;
            let head = std::mem::take(&mut self.head);
            let body = std::mem::take(&mut self.body);
            let start = self.token_start;
            let tok = self.decode(&head, Some(Cow::Owned(body)), start);
            self.head = head;
            self.head.clear();
            return tok.map(|t| Some((t, start)));
        }
        if rest.is_empty() {
            return Ok(None);
        }
        if self.scan.is_none() {
            self.token_start = base + *pos;
            self.scan = Some(Scanner::new());
        }
        let stashed = self.head.len();
        let scanned = match self.scan.as_mut() {
            Some(s) => s.advance(View {
                a: &self.head,
                b: rest,
            }),
            None => Scanned::More,
        };
        let start = self.token_start;
        match scanned {
            Scanned::More => {
                self.charge(rest.len(), base + *pos)?;
                self.head.extend_from_slice(rest);
                *pos = piece.len();
                Ok(None)
            }
            Scanned::Bad { at, field, value } => Err(self.error_at(
                ErrorKind::InvalidValue { field, value },
                start.saturating_add(at),
            )),
            Scanned::Overflow { at } => Err(self.error_at(
                ErrorKind::LimitExceeded {
                    what: "FastTransfer value size",
                    value: u64::MAX,
                    max: usize::MAX as u64,
                },
                start.saturating_add(at),
            )),
            Scanned::Done { head, body } => {
                self.scan = None;
                let from_rest = head.saturating_sub(stashed);
                if stashed == 0 {
                    // The head is whole in this piece.
                    let head_bytes = rest.get(..head).unwrap_or_default();
                    match body {
                        None => {
                            *pos += head;
                            let t = self.decode(head_bytes, None, start)?;
                            Ok(Some((t, start)))
                        }
                        Some(l) => match rest.get(head..head.saturating_add(l)) {
                            Some(b) if head.checked_add(l).is_some() => {
                                *pos += head + l;
                                let t = self.decode(head_bytes, Some(Cow::Borrowed(b)), start)?;
                                Ok(Some((t, start)))
                            }
                            _ => {
                                let tail = rest.get(head..).unwrap_or_default();
                                self.charge(head + tail.len(), base + *pos)?;
                                self.head.extend_from_slice(head_bytes);
                                self.reserve_body(l);
                                self.body.extend_from_slice(tail);
                                self.body_left = l - tail.len();
                                self.in_body = true;
                                *pos = piece.len();
                                Ok(None)
                            }
                        },
                    }
                } else {
                    let add = rest.get(..from_rest).unwrap_or_default();
                    self.charge(add.len(), base + *pos)?;
                    self.head.extend_from_slice(add);
                    *pos += from_rest;
                    match body {
                        None => {
                            let h = std::mem::take(&mut self.head);
                            let t = self.decode(&h, None, start);
                            self.head = h;
                            self.head.clear();
                            t.map(|t| Some((t, start)))
                        }
                        Some(l) => {
                            self.body_left = l;
                            self.body.clear();
                            self.reserve_body(l);
                            self.in_body = true;
                            self.lex(piece, pos)
                        }
                    }
                }
            }
        }
    }

    /// Places a token in the grammar: the events go to `pending`; returns
    /// the token's own event when it has one.
    fn place<'p>(&mut self, tok: Token<'p>, off: usize) -> Result<Option<Event<'p>>> {
        let g = match &tok {
            Token::Marker(m) => Tok::Marker(*m),
            Token::Property(p) => Tok::Prop {
                tag: p.tag,
                u32: if p.tag == META_TAG_FX_DEL_PROP {
                    p.as_u32()
                } else {
                    None
                },
            },
        };
        let lenient = !self.session.is_strict();
        let used = match self.grammar.process(&g, &mut self.pending, lenient) {
            Ok(u) => u,
            Err(GrammarError::Violation(msg)) => {
                let e = self.error_at(ErrorKind::Malformed(msg), off);
                self.session
                    .defect(e, "token passed through outside the grammar")?;
                if let Token::Marker(m) = tok {
                    self.pending.push_back(Event::Marker(m));
                }
                Grammar::loose(&g)
            }
            Err(d) => return Err(self.grammar_error(d, off)),
        };
        Ok(match (used, tok) {
            (Use::Emit, Token::Property(p)) => Some(if p.is_meta() {
                Event::Meta(p)
            } else {
                Event::Property(p)
            }),
            _ => None,
        })
    }
}

/// One piece of a stream being read by an [`FxParser`]: its events borrow
/// from the piece.
#[derive(Debug)]
pub struct Feed<'s, 'p> {
    parser: &'s mut FxParser,
    piece: &'p [u8],
    pos: usize,
    held: Option<Event<'p>>,
}

impl<'p> Feed<'_, 'p> {
    /// The next event, or `None` when the piece is used up (the parser
    /// keeps an unfinished token for the next piece).
    pub fn next_event(&mut self) -> Result<Option<Event<'p>>> {
        loop {
            if let Some(e) = self.parser.pending.pop_front() {
                return Ok(Some(e));
            }
            if let Some(h) = self.held.take() {
                return Ok(Some(h));
            }
            if let Some(e) = &self.parser.failed {
                return Err(e.clone());
            }
            if self.parser.finished {
                if self.pos < self.piece.len() {
                    let off = self.parser.fed + self.pos;
                    let e = self.parser.error_at(
                        ErrorKind::TrailingBytes {
                            count: (self.piece.len() - self.pos) as u64,
                        },
                        off,
                    );
                    self.parser.failed = Some(e.clone());
                    return Err(e);
                }
                return Ok(None);
            }
            let res = self
                .parser
                .lex(self.piece, &mut self.pos)
                .and_then(|t| match t {
                    Some((tok, off)) => self.parser.place(tok, off).map(Some),
                    None => Ok(None),
                });
            match res {
                Ok(Some(Some(ev))) => {
                    if self.parser.pending.is_empty() {
                        return Ok(Some(ev));
                    }
                    self.held = Some(ev);
                }
                Ok(Some(None)) => {}
                Ok(None) => return Ok(None),
                Err(e) => {
                    self.parser.failed = Some(e.clone());
                    return Err(e);
                }
            }
        }
    }
}

impl Drop for Feed<'_, '_> {
    fn drop(&mut self) {
        if let Some(h) = self.held.take() {
            self.parser.pending.push_back(h.into_owned());
        }
        if self.parser.failed.is_none() {
            // The rest of the piece: parsed now, its events kept.
            loop {
                let res = self
                    .parser
                    .lex(self.piece, &mut self.pos)
                    .and_then(|t| match t {
                        Some((tok, off)) => self.parser.place(tok, off).map(Some),
                        None => Ok(None),
                    });
                match res {
                    Ok(Some(Some(ev))) => self.parser.pending.push_back(ev.into_owned()),
                    Ok(Some(None)) => {}
                    Ok(None) => break,
                    Err(e) => {
                        self.parser.failed = Some(e);
                        break;
                    }
                }
            }
        }
        self.parser.fed += self.piece.len();
    }
}

/// Parses a whole stream held in one buffer: the events (borrowing from
/// `bytes`) and the defects lenient parsing reported.
///
/// ```
/// use ms_oxcfxics::{Event, Root, parse_stream};
/// use msox_codec::Options;
/// let stream = [0x03, 0x00, 0x07, 0x0E, 0x01, 0x00, 0x00, 0x00]; // PidTagMessageFlags = 1
/// let d = parse_stream(&stream, Root::MessageContent, &Options::strict())?;
/// assert!(matches!(&d.value[..], [Event::Property(_)]));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn parse_stream<'a>(
    bytes: &'a [u8],
    root: Root,
    options: &Options,
) -> Result<Decoded<Vec<Event<'a>>>> {
    parse_pieces([bytes], root, options)
}

/// Parses a stream given as pieces (any split).
pub fn parse_pieces<'a>(
    pieces: impl IntoIterator<Item = &'a [u8]>,
    root: Root,
    options: &Options,
) -> Result<Decoded<Vec<Event<'a>>>> {
    let mut p = FxParser::new(root, options);
    let mut out = Vec::new();
    for piece in pieces {
        let mut f = p.feed(piece);
        while let Some(ev) = f.next_event()? {
            out.push(ev);
        }
    }
    out.extend(p.finish()?);
    let mut session = p.into_session();
    Ok(Decoded {
        value: out,
        defects: session.take_defects(),
    })
}
