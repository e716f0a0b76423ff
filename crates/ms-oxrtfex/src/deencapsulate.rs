//! [MS-OXRTFEX] 2.2.3 De-encapsulating RTF reader: recognising the
//! encapsulation (2.2.3.1) and extracting the original HTML (2.2.3.2) or
//! plain text (2.2.3.3).
//!
//! A converter: it reads RTF text (usually decompressed with `ms-oxrtfcp`;
//! offsets are offsets in the RTF, and a caller reading a decompressed body
//! inside its own session nests it with `Origin::Derived`) and writes the
//! HTML or text as UTF-8 into a [`Sink`], charging every byte to the
//! session's output budget.
//!
//! One pass over the tokens, with an explicit stack of group states (no
//! recursion), so the time is linear in the input and the memory in the
//! nesting depth, which counts against the session's depth limit
//! ([`Limits::max_depth`](msox_codec::Limits::max_depth)).
//!
//! # Defects
//!
//! Broken RTF is read through in lenient mode and reported as a
//! [`Defect`](msox_codec::Defect) at its offset in the RTF, path `RTF`; strict mode
//! refuses it with the same offset and path:
//!
//! | defect | kind | what lenient reading does |
//! |---|---|---|
//! | `\fromhtml1` / `\fromtext` after `\fonttbl` (2.1.3.1.1 says before) | malformed, at the word | reads it as encapsulated |
//! | `\'` without two hex digits, a backslash at the end | malformed, at the escape | skips it |
//! | a `\uN` surrogate without its pair | invalid `\u`, at the `\u` | writes U+FFFD |
//! | bytes invalid in their code page | bad string, at the text (once per code page) | writes U+FFFD |
//! | a code page encoding_rs does not support | unsupported, at the text (once per code page) | reads it as windows-1252 |
//! | tokens after the group that closes the document | trailing bytes, at the first | ignores them |
//! | groups still open at the end | unexpected end (the `}` bytes missing), at the end | keeps the text read |
//!
//! Not encapsulated RTF, nesting deeper than the limit and output over the
//! budget are errors in both modes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use msox_codec::{CodePage, Decode, Decoded, ErrorKind, Options, Reader, Result, Session, Sink};

use crate::charset::{charset_word_code_page, fcharset_code_page};
use crate::token::{Flow, Lexer, Token};

/// What an RTF body encapsulates ([MS-OXRTFEX] 2.1.3.1.1, 2.1.3.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Encapsulation {
    /// `\fromhtml1`: an HTML document.
    Html,
    /// `\fromtext`: a plain text document.
    Text,
}

impl fmt::Display for Encapsulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encapsulation::Html => "HTML",
            Encapsulation::Text => "plain text",
        })
    }
}

/// How many tokens (group starts and control words) the reader inspects
/// for `\fromhtml1` / `\fromtext` ([MS-OXRTFEX] 2.2.3.1).
pub const DETECTION_TOKENS: usize = 10;

/// How many bytes from the start of the RTF the reader looks at for those
/// tokens: 1 MiB. The header that carries `\fromhtml1` / `\fromtext` is
/// the first few dozen bytes of a real body; the bound lets a reader that
/// gets the RTF in pieces ([`Deencapsulator`]) decide after buffering at
/// most this much, and [`detect`] decides the same way on the whole RTF.
pub const DETECTION_WINDOW: usize = 1 << 20;

/// [MS-OXRTFEX] 2.2.3.1 Recognizing RTF Containing Encapsulation: whether
/// `rtf` starts with `{\rtf1` and has `\fromhtml1` or `\fromtext` among its
/// first 10 tokens (group starts and control words), counting the tokens
/// that lie in the first [`DETECTION_WINDOW`] bytes.
///
/// ```
/// use ms_oxrtfex::{detect, Encapsulation};
/// assert_eq!(detect(b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0 }"), Some(Encapsulation::Html));
/// assert_eq!(detect(b"{\\rtf1\\ansi\\fromtext x}"), Some(Encapsulation::Text));
/// assert_eq!(detect(b"{\\rtf1\\ansi\\deff0 plain rtf}"), None);
/// ```
pub fn detect(rtf: &[u8]) -> Option<Encapsulation> {
    match detect_inner(rtf.get(..DETECTION_WINDOW).unwrap_or(rtf), true) {
        Detection::Found(e, _) => Some(e),
        Detection::NotFound | Detection::NeedMore => None,
    }
}

/// What the start of an RTF says about its encapsulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detection {
    /// The encapsulation and, when the FROM word came after `\fonttbl`,
    /// its offset.
    Found(Encapsulation, Option<usize>),
    /// Not encapsulated RTF.
    NotFound,
    /// Undecided: more of the RTF is needed.
    NeedMore,
}

/// Detection on the start of an RTF (`last`: all of the bytes to look
/// at); decides only on tokens that more input cannot change.
fn detect_inner(rtf: &[u8], last: bool) -> Detection {
    const HEAD: &[u8] = b"{\\rtf1";
    if !rtf.starts_with(HEAD) {
        return if !last && HEAD.starts_with(rtf) {
            Detection::NeedMore
        } else {
            Detection::NotFound
        };
    }
    let mut counted = 0;
    let mut seen_fonttbl = false;
    let mut found = None;
    let mut lexer = Lexer::default();
    let _ = lexer.feed::<std::convert::Infallible>(rtf, last, &mut |offset, t, _| {
        let late = seen_fonttbl.then_some(offset);
        match t {
            Token::GroupStart => {}
            Token::ControlWord { name, param } => match (name, param) {
                (b"fromhtml", Some(1)) => {
                    found = Some(Detection::Found(Encapsulation::Html, late));
                    return Ok(Flow::Stop);
                }
                (b"fromtext", None) => {
                    found = Some(Detection::Found(Encapsulation::Text, late));
                    return Ok(Flow::Stop);
                }
                (b"fonttbl", _) => seen_fonttbl = true,
                _ => {}
            },
            _ => return Ok(Flow::Go),
        }
        counted += 1;
        if counted >= DETECTION_TOKENS {
            found = Some(Detection::NotFound);
            return Ok(Flow::Stop);
        }
        Ok(Flow::Go)
    });
    match found {
        Some(d) => d,
        None if last => Detection::NotFound,
        None => Detection::NeedMore,
    }
}

/// The original document recovered from an RTF body (with the defects,
/// in [`Decoded`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Deencapsulated {
    /// What it was.
    pub kind: Encapsulation,
    /// The HTML or text.
    pub content: String,
}

/// De-encapsulates the RTF that fills the reader's window (all of it).
impl<'a> Decode<'a> for Deencapsulated {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let mut buf = Vec::new();
        let kind = read_deencapsulated(r, &mut buf)?;
        // The converter writes whole UTF-8 sequences only.
        let content =
            String::from_utf8(buf).map_err(|_| r.malformed("de-encapsulated text is not UTF-8"))?;
        Ok(Deencapsulated { kind, content })
    }
}

/// De-encapsulates a whole RTF document: the one entry shape, bytes and
/// [`Options`] in, the HTML or text and the defects out.
///
/// ```
/// use msox_codec::Options;
/// let rtf = br"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}
/// {\*\htmltag64}{\*\htmltag <p>}Caf\'e9 {\*\htmltag &amp;}\htmlrtf &\htmlrtf0  \u8364?\par
/// {\*\htmltag </p>}}";
/// let d = ms_oxrtfex::deencapsulate(rtf, &Options::default())?;
/// assert_eq!(d.value.kind, ms_oxrtfex::Encapsulation::Html);
/// assert_eq!(d.value.content, "<p>Café &amp; €\r\n</p>");
/// assert!(d.defects.is_empty());
///
/// // A bad escape: lenient reading skips it and says where; strict refuses.
/// let bad = b"{\\rtf1\\fromhtml1 a\\'zb}";
/// let d = ms_oxrtfex::deencapsulate(bad, &Options::lenient())?;
/// assert_eq!(d.value.content, "azb");
/// assert_eq!(d.defects[0].to_string(), "invalid escape at byte 18 in RTF; skipped");
/// assert!(ms_oxrtfex::deencapsulate(bad, &Options::strict()).is_err());
/// # Ok::<(), msox_codec::Error>(())
/// ```
///
/// Errors: the RTF encapsulates nothing ([`ErrorKind::Malformed`] at its
/// first byte); nesting or output over the limits
/// ([`ErrorKind::LimitExceeded`]); in strict mode, every defect.
pub fn deencapsulate(rtf: &[u8], options: &Options) -> Result<Decoded<Deencapsulated>> {
    Deencapsulated::decode_bytes(rtf, options)
}

/// De-encapsulates a whole RTF document into `out` as UTF-8 (a file, a
/// socket): memory stays flat in the size of the output. Returns what the
/// RTF encapsulated, with the defects.
///
/// ```
/// use msox_codec::Options;
/// let rtf = ms_oxrtfex::encapsulate_text("line\r\nline");
/// let mut out = Vec::new();
/// let d = ms_oxrtfex::deencapsulate_to(&rtf, &Options::default(), &mut out)?;
/// assert_eq!(d.value, ms_oxrtfex::Encapsulation::Text);
/// assert_eq!(out, b"line\r\nline");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn deencapsulate_to<S: Sink + ?Sized>(
    rtf: &[u8],
    options: &Options,
    out: &mut S,
) -> Result<Decoded<Encapsulation>> {
    let mut d = Deencapsulator::new(options);
    d.feed(rtf, out)?;
    d.finish(out)
}

/// De-encapsulates the RTF that fills the rest of `r`'s window into `out`,
/// inside the caller's decoding session (mode, output budget, depth,
/// defects). For a body decompressed from a message, nest it:
/// `r.nested(&rtf, Origin::Derived("decompressed RTF"), |r| read_deencapsulated(r, out))`.
pub fn read_deencapsulated<S: Sink + ?Sized>(
    r: &mut Reader<'_>,
    out: &mut S,
) -> Result<Encapsulation> {
    r.frame("RTF", |r| {
        let mut engine = Engine::new(r.pos(), false);
        let rtf = r.take_rest();
        engine.feed(r, rtf, out)?;
        engine.finish(r, out)
    })
}

/// A de-encapsulator that takes the RTF in pieces ([MS-OXRTFEX] 2.2.3):
/// for RTF that is not in memory as a whole, such as the output of
/// `ms-oxrtfcp`'s streaming decompressor ([`Deencapsulator::sink`]).
///
/// Feed it the pieces as they arrive ([`Deencapsulator::feed`]); each call
/// hands the HTML or text it could finish to the sink; then
/// [`Deencapsulator::finish`] writes the rest and returns what the RTF
/// encapsulated, with the defects (strict mode: the first is the error).
/// The output, the defects and the errors (offsets count from the start of
/// the RTF, path `RTF`) are those of [`deencapsulate_to`] on the whole RTF,
/// whatever the split, and memory stays flat: the reader keeps the first
/// [`DETECTION_WINDOW`] bytes at most until it has recognised the
/// encapsulation (2.2.3.1; a real header takes a few dozen), then only an
/// incomplete token (a few dozen bytes) between pieces; `\binN` data is
/// skipped as it arrives. The output budget is
/// [`Limits::output_cap`](msox_codec::Limits::output_cap) of the RTF fed so
/// far (as for `ms-oxrtfcp`'s `Decompressor`; de-encapsulated output is
/// never more than 3 bytes per RTF byte, so under the default ratio only
/// `max_output` can stop it).
///
/// ```
/// use ms_oxrtfex::{Deencapsulator, Encapsulation};
/// use msox_codec::Options;
/// let rtf = ms_oxrtfex::encapsulate_html("<p>Grüße, in pieces</p>");
/// let mut d = Deencapsulator::new(&Options::default());
/// let mut out = Vec::new();
/// for piece in rtf.chunks(7) {
///     d.feed(piece, &mut out)?;
/// }
/// let done = d.finish(&mut out)?;
/// assert_eq!(done.value, Encapsulation::Html);
/// assert_eq!(String::from_utf8(out).unwrap(), "<p>Grüße, in pieces</p>");
/// assert!(done.defects.is_empty());
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug)]
pub struct Deencapsulator {
    session: Session,
    engine: Engine,
}

impl Deencapsulator {
    /// A de-encapsulator at the start of an RTF document, with `options`
    /// (mode and limits).
    pub fn new(options: &Options) -> Self {
        Self {
            session: Session::new(*options, 0),
            engine: Engine::new(0, true),
        }
    }

    /// What the RTF encapsulates, once its start has been read (2.2.3.1).
    pub fn kind(&self) -> Option<Encapsulation> {
        match &self.engine.state {
            State::Running { machine, .. } => Some(machine.kind),
            State::Detecting { .. } => None,
        }
    }

    /// Bytes of RTF fed so far.
    pub fn input_len(&self) -> u64 {
        self.engine.fed as u64
    }

    /// Feeds the next piece of the RTF and hands the HTML or text it
    /// completes to `out`.
    ///
    /// Errors: the RTF encapsulates nothing ([`ErrorKind::Malformed`] at
    /// byte 0, once its start has been read); nesting or output over the
    /// limits ([`ErrorKind::LimitExceeded`]); errors of the sink; in strict
    /// mode, every defect. After an error the de-encapsulator must not be
    /// fed again.
    pub fn feed<S: Sink + ?Sized>(&mut self, piece: &[u8], out: &mut S) -> Result<()> {
        let engine = &mut self.engine;
        with_reader(&mut self.session, |r| engine.feed(r, piece, out))
    }

    /// Ends the RTF: writes what is left to `out` and returns what the RTF
    /// encapsulated, with the defects (strict mode: the first defect is the
    /// error). Errors: as [`Deencapsulator::feed`].
    pub fn finish<S: Sink + ?Sized>(mut self, out: &mut S) -> Result<Decoded<Encapsulation>> {
        let engine = &mut self.engine;
        let kind = with_reader(&mut self.session, |r| engine.finish(r, out))?;
        Ok(Decoded {
            value: kind,
            defects: self.session.take_defects(),
        })
    }

    /// A [`Sink`] that feeds what is written to it to this de-encapsulator,
    /// whose output goes to `out`: for a streaming producer of RTF, such as
    /// `ms-oxrtfcp`'s `Decompressor::feed`, so the RTF is never in memory
    /// as a whole. Call [`Deencapsulator::finish`] after the producer.
    pub fn sink<'a, S: Sink + ?Sized>(&'a mut self, out: &'a mut S) -> FeedSink<'a, S> {
        FeedSink { d: self, out }
    }
}

/// The [`Sink`] of [`Deencapsulator::sink`]: RTF written to it is fed to a
/// [`Deencapsulator`].
#[derive(Debug)]
pub struct FeedSink<'a, S: ?Sized> {
    d: &'a mut Deencapsulator,
    out: &'a mut S,
}

impl<S: Sink + ?Sized> Sink for FeedSink<'_, S> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.d.feed(bytes, self.out)
    }
}

/// Runs `f` in the `RTF` frame of a reader (over no bytes: its positions
/// are offsets in the RTF) that continues `session`.
fn with_reader<T>(
    session: &mut Session,
    f: impl FnOnce(&mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    let mut r = Reader::with_session(&[], std::mem::take(session));
    let res = r.frame("RTF", f);
    *session = r.into_session();
    res
}

/// Where a de-encapsulation is.
#[derive(Debug)]
enum State {
    /// Reading the start of the RTF, kept until the encapsulation is
    /// known (at most [`DETECTION_WINDOW`] bytes).
    Detecting {
        head: Vec<u8>,
        /// Length of `head` at which to try again.
        next_try: usize,
    },
    /// Converting.
    Running {
        lexer: Lexer,
        machine: Box<Machine>,
        /// The consumer stopped (content after the document): the rest of
        /// the input is only counted.
        stopped: bool,
    },
}

/// The one de-encapsulation path: detection, then tokens from the
/// streaming tokenizer into the converter, for the whole RTF at once
/// ([`read_deencapsulated`]) or in pieces ([`Deencapsulator`]).
#[derive(Debug)]
struct Engine {
    /// The RTF's first byte's position in the reader's buffer.
    base: usize,
    /// Charge the output to a budget of the input fed so far (a
    /// [`Deencapsulator`]), not to the session's.
    own_budget: bool,
    fed: usize,
    state: State,
}

impl Engine {
    fn new(base: usize, own_budget: bool) -> Self {
        Engine {
            base,
            own_budget,
            fed: 0,
            state: State::Detecting {
                head: Vec::new(),
                next_try: 0,
            },
        }
    }

    fn feed<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        piece: &[u8],
        out: &mut S,
    ) -> Result<()> {
        self.fed = self.fed.saturating_add(piece.len());
        let State::Detecting { head, next_try } = &mut self.state else {
            return self.run(r, piece, false, out);
        };
        if head.is_empty() {
            let window = piece.get(..DETECTION_WINDOW).unwrap_or(piece);
            match detect_inner(window, piece.len() >= DETECTION_WINDOW) {
                Detection::NeedMore => {
                    head.extend_from_slice(piece);
                    *next_try = piece.len().saturating_mul(2).max(64);
                    Ok(())
                }
                d => {
                    self.start(r, d)?;
                    self.run(r, piece, false, out)
                }
            }
        } else {
            let take = piece.len().min(DETECTION_WINDOW - head.len());
            let (now, later) = piece.split_at(take);
            head.extend_from_slice(now);
            let full = head.len() >= DETECTION_WINDOW;
            if !full && head.len() < *next_try {
                return Ok(());
            }
            match detect_inner(head, full) {
                Detection::NeedMore => {
                    *next_try = head.len().saturating_mul(2);
                    Ok(())
                }
                d => {
                    let head = std::mem::take(head);
                    self.start(r, d)?;
                    self.run(r, &head, false, out)?;
                    self.run(r, later, false, out)
                }
            }
        }
    }

    fn finish<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
    ) -> Result<Encapsulation> {
        if let State::Detecting { head, .. } = &mut self.state {
            let head = std::mem::take(head);
            self.start(r, detect_inner(&head, true))?;
            self.run(r, &head, false, out)?;
        }
        self.run(r, &[], true, out)?;
        let end = self.base + self.fed;
        let State::Running { machine, .. } = &mut self.state else {
            return Err(r.error_at(
                ErrorKind::Malformed("not encapsulated RTF".into()),
                self.base,
            ));
        };
        machine.finish(r, out, self.fed, end)?;
        Ok(machine.kind)
    }

    /// Starts converting once detection has decided.
    fn start(&mut self, r: &mut Reader<'_>, d: Detection) -> Result<()> {
        let Detection::Found(kind, late) = d else {
            return Err(r.error_at(
                ErrorKind::Malformed(
                    "not encapsulated RTF: no \\fromhtml1 or \\fromtext in the first 10 tokens of a {\\rtf1 document"
                        .into(),
                ),
                self.base,
            ));
        };
        if let Some(at) = late {
            r.defect_at(
                ErrorKind::Malformed("\\fromhtml1/\\fromtext after \\fonttbl".into()),
                self.base + at,
                "read as encapsulated",
            )?;
        }
        self.state = State::Running {
            lexer: Lexer::default(),
            machine: Box::new(Machine::new(kind, self.base, self.own_budget)),
            stopped: false,
        };
        Ok(())
    }

    /// Tokenizes `piece` into the converter.
    fn run<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        piece: &[u8],
        last: bool,
        out: &mut S,
    ) -> Result<()> {
        let State::Running {
            lexer,
            machine,
            stopped,
        } = &mut self.state
        else {
            return Ok(());
        };
        machine.out.fed = self.fed;
        if *stopped {
            return Ok(());
        }
        let go = lexer.feed(piece, last, &mut |offset, t, continued| {
            machine.on_token(r, out, offset, t, continued)
        })?;
        *stopped = !go;
        Ok(())
    }
}

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    /// Document text.
    Body,
    /// `{\*\htmltag ...}` content.
    HtmlTag,
    /// The font table: parsed for code pages, not output.
    FontTable,
    /// Any other destination (`\*` groups, `\colortbl`, `\stylesheet`,
    /// `\mhtmltag`, ...): skipped.
    Skip,
}

/// The state a group inherits from its parent and restores on exit.
#[derive(Debug, Clone, Copy)]
struct Group {
    htmlrtf: bool,
    dest: Dest,
    uc: u32,
    font: Option<i32>,
}

/// Destinations that are not document text, written without `\*`
/// ([MSFT-RTF]); their groups are skipped.
const SKIPPED_DESTINATIONS: &[&[u8]] = &[
    b"colortbl",
    b"stylesheet",
    b"info",
    b"pict",
    b"object",
    b"header",
    b"headerl",
    b"headerr",
    b"headerf",
    b"footer",
    b"footerl",
    b"footerr",
    b"footerf",
    b"footnote",
    b"listtable",
    b"listoverridetable",
    b"revtbl",
    b"rsidtbl",
    b"generator",
    b"xmlnstbl",
    b"themedata",
    b"colorschememapping",
    b"latentstyles",
    b"datastore",
    b"filetbl",
    b"pgdsctbl",
    b"userprops",
    b"docvar",
    b"private",
    b"nonshppict",
    b"fldinst",
    b"atnid",
    b"atnauthor",
    b"annotation",
];

/// Output waiting for the sink is handed over once it reaches this size.
const STAGE: usize = 8 << 10;

/// 8-bit text is decoded once this much has collected in one code page.
const PENDING_MAX: usize = 64 << 10;

/// The output: 8-bit text collected until its code page changes (and
/// decoded every [`PENDING_MAX`] bytes, the decoder keeping a character
/// split there), decoded text staged, and handed to the sink (charged to
/// the output budget) in pieces. Where it decodes and hands over depends
/// only on the text, not on how the RTF was tokenized or split.
struct Output {
    /// UTF-8 not yet handed to the sink.
    staged: Vec<u8>,
    pending: Vec<u8>,
    pending_cp: CodePage,
    /// Position (in the reader's buffer) of the first pending byte.
    pending_pos: usize,
    /// The decoder of `pending_cp`, between two pieces of one run of text.
    decoder: Option<encoding_rs::Decoder>,
    invalid_reported: Vec<u32>,
    unsupported_reported: Vec<u32>,
    /// Charge the output to a budget of its own (`charged` of
    /// `output_cap(fed)`), not to the session's.
    own_budget: bool,
    charged: usize,
    fed: usize,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("staged", &self.staged.len())
            .field("pending", &self.pending.len())
            .field("pending_cp", &self.pending_cp)
            .finish_non_exhaustive()
    }
}

impl Output {
    /// Decodes the pending 8-bit text (`last`: the run of text in this
    /// code page ends here). `pos` is where reading is (for a budget
    /// error).
    fn flush_pending<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        pos: usize,
        last: bool,
    ) -> Result<()> {
        if self.pending.is_empty() && !(last && self.decoder.is_some()) {
            return Ok(());
        }
        let cp = self.pending_cp;
        let at = self.pending_pos;
        let enc = match cp.encoding() {
            Some(e) => e,
            None => {
                if !self.unsupported_reported.contains(&cp.0) {
                    self.unsupported_reported.push(cp.0);
                    r.defect_at(
                        ErrorKind::Unsupported(format!("code page {}", cp.0).into()),
                        at,
                        "read as windows-1252",
                    )?;
                }
                encoding_rs::WINDOWS_1252
            }
        };
        let mut had_errors = false;
        if last && self.decoder.is_none() {
            // A whole run of text: what a fresh decoder gives, in one go.
            let (text, errors) = enc.decode_without_bom_handling(&self.pending);
            self.staged.extend_from_slice(text.as_bytes());
            had_errors = errors;
        } else {
            let decoder = self
                .decoder
                .get_or_insert_with(|| enc.new_decoder_without_bom_handling());
            let mut src = &self.pending[..];
            loop {
                let room = decoder
                    .max_utf8_buffer_length(src.len())
                    .unwrap_or(src.len().saturating_mul(3).saturating_add(16));
                let len = self.staged.len();
                self.staged.resize(len + room, 0);
                let dst = self.staged.get_mut(len..).unwrap_or_default();
                let (res, read, written, errors) = decoder.decode_to_utf8(src, dst, last);
                self.staged.truncate(len + written);
                had_errors |= errors;
                src = src.get(read..).unwrap_or_default();
                if res == encoding_rs::CoderResult::InputEmpty {
                    break;
                }
            }
            if last {
                self.decoder = None;
            }
        }
        if had_errors && !self.invalid_reported.contains(&cp.0) {
            self.invalid_reported.push(cp.0);
            r.defect_at(
                ErrorKind::BadString {
                    encoding: enc.name(),
                },
                at,
                "written as U+FFFD (reported once per code page)",
            )?;
        }
        self.pending.clear();
        self.stage_check(r, out, pos)
    }

    fn push_bytes<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        mut b: &[u8],
        cp: CodePage,
        mut pos: usize,
    ) -> Result<()> {
        if cp != self.pending_cp {
            self.flush_pending(r, out, pos, true)?;
            self.pending_cp = cp;
        }
        while !b.is_empty() {
            if self.pending.is_empty() {
                self.pending_pos = pos;
            }
            let take = b.len().min(PENDING_MAX - self.pending.len());
            let (now, later) = b.split_at(take);
            self.pending.extend_from_slice(now);
            b = later;
            pos += take;
            if self.pending.len() >= PENDING_MAX {
                self.flush_pending(r, out, pos, false)?;
            }
        }
        Ok(())
    }

    fn push_str<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        s: &str,
        pos: usize,
    ) -> Result<()> {
        self.flush_pending(r, out, pos, true)?;
        self.staged.extend_from_slice(s.as_bytes());
        self.stage_check(r, out, pos)
    }

    fn push_char<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        c: char,
        pos: usize,
    ) -> Result<()> {
        self.push_str(r, out, c.encode_utf8(&mut [0; 4]), pos)
    }

    fn stage_check<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        pos: usize,
    ) -> Result<()> {
        if self.staged.len() >= STAGE {
            self.emit(r, out, pos)?;
        }
        Ok(())
    }

    /// Charges the staged output and hands it to the sink.
    fn emit<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        pos: usize,
    ) -> Result<()> {
        if self.staged.is_empty() {
            return Ok(());
        }
        let n = self.staged.len();
        let charged = if self.own_budget {
            let cap = r.limits().output_cap(self.fed);
            match self.charged.checked_add(n) {
                Some(v) if v <= cap => {
                    self.charged = v;
                    Ok(())
                }
                _ => Err(ErrorKind::LimitExceeded {
                    what: "output size",
                    value: self.charged.saturating_add(n) as u64,
                    max: cap as u64,
                }),
            }
        } else {
            r.session_mut().charge_output(n)
        };
        charged.map_err(|k| r.error_at(k, pos))?;
        out.write(&self.staged).map_err(|e| r.locate(e, pos))?;
        self.staged.clear();
        Ok(())
    }
}

/// What the converter reports about its input, to the reader's session.
fn defect(r: &mut Reader<'_>, kind: ErrorKind, pos: usize, action: &'static str) -> Result<()> {
    r.defect_at(kind, pos, Cow::Borrowed(action))
}

/// The converter's state machine. Offsets of tokens count from the start
/// of the RTF; `base` is the RTF's position in the reader's buffer.
#[derive(Debug)]
struct Machine {
    kind: Encapsulation,
    base: usize,
    out: Output,
    stack: Vec<Group>,
    cur: Group,
    /// The next token is the first of a group.
    group_start: bool,
    /// `\*` was the first token of the group.
    star: bool,
    /// Fallback bytes of `\uN` still to skip.
    skip: u32,
    /// A high surrogate waiting for its low half, and its position.
    high: Option<(u16, usize)>,
    default_cp: CodePage,
    ansicpg_seen: bool,
    deff: Option<i32>,
    fonts: HashMap<i32, Option<CodePage>>,
    /// The font being defined in the font table.
    font_def: Option<i32>,
    /// The group closing the document was read.
    ended: bool,
    /// After the end: the offset of the text token being read (a run of
    /// text split between pieces starts at the first part).
    trail_text: usize,
    /// After the end: the offset of the first token that is not white
    /// space (content after the document).
    trail: Option<usize>,
}

impl Machine {
    fn new(kind: Encapsulation, base: usize, own_budget: bool) -> Self {
        Self {
            kind,
            base,
            out: Output {
                staged: Vec::new(),
                pending: Vec::new(),
                pending_cp: CodePage::WINDOWS_1252,
                pending_pos: base,
                decoder: None,
                invalid_reported: Vec::new(),
                unsupported_reported: Vec::new(),
                own_budget,
                charged: 0,
                fed: 0,
            },
            stack: Vec::new(),
            cur: Group {
                htmlrtf: false,
                dest: Dest::Body,
                uc: 1,
                font: None,
            },
            group_start: false,
            star: false,
            skip: 0,
            high: None,
            default_cp: CodePage::WINDOWS_1252,
            ansicpg_seen: false,
            deff: None,
            fonts: HashMap::new(),
            font_def: None,
            ended: false,
            trail_text: 0,
            trail: None,
        }
    }

    /// Whether text of the current group goes to the output.
    fn emitting(&self) -> bool {
        !self.cur.htmlrtf
            && !self.stack.is_empty()
            && match self.cur.dest {
                Dest::Body => true,
                Dest::HtmlTag => self.kind == Encapsulation::Html,
                Dest::FontTable | Dest::Skip => false,
            }
    }

    /// The code page of 8-bit text here: the default one inside HTMLTAG
    /// ([MS-OXRTFEX] 2.2.3.2), the current font's elsewhere.
    fn text_cp(&self) -> CodePage {
        if self.cur.dest == Dest::HtmlTag {
            return self.default_cp;
        }
        self.cur
            .font
            .or(self.deff)
            .and_then(|f| self.fonts.get(&f).copied().flatten())
            .unwrap_or(self.default_cp)
    }

    /// One token at `offset` in the RTF (`continued`: text continuing the
    /// text token before it). Stops at content after the document.
    fn on_token<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        offset: usize,
        t: Token<'_>,
        continued: bool,
    ) -> Result<Flow> {
        if !self.ended {
            self.token(r, out, self.base + offset, t)?;
            return Ok(Flow::Go);
        }
        let at = match t {
            Token::Text(b) => {
                let start = if continued { self.trail_text } else { offset };
                self.trail_text = start;
                if b.iter().all(|&c| c == 0 || c.is_ascii_whitespace()) {
                    return Ok(Flow::Go);
                }
                start
            }
            _ => offset,
        };
        self.trail = Some(at);
        Ok(Flow::Stop)
    }

    /// Ends the document of `len` bytes at position `end`: content after
    /// it, the pending output, and the groups left open.
    fn finish<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        len: usize,
        end: usize,
    ) -> Result<()> {
        if let Some(at) = self.trail {
            defect(
                r,
                ErrorKind::TrailingBytes {
                    count: len.saturating_sub(at) as u64,
                },
                self.base + at,
                "content after the document ignored",
            )?;
        }
        self.lone_high(r, out, end)?;
        if !self.ended && !self.stack.is_empty() {
            defect(
                r,
                ErrorKind::UnexpectedEnd {
                    needed: self.stack.len() as u64,
                    available: 0,
                },
                end,
                "groups not closed; the text read is kept",
            )?;
        }
        self.out.flush_pending(r, out, end, true)?;
        self.out.emit(r, out, end)
    }

    fn token<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        pos: usize,
        t: Token<'_>,
    ) -> Result<()> {
        match t {
            Token::GroupStart => {
                // The session's depth limit, counted without recursion
                // (the stack is explicit).
                let depth = r.session().usage().depth as usize + self.stack.len() + 1;
                let max = r.limits().max_depth;
                if depth > max as usize {
                    return Err(r.error_at(
                        ErrorKind::LimitExceeded {
                            what: "nesting depth",
                            value: depth as u64,
                            max: u64::from(max),
                        },
                        pos,
                    ));
                }
                self.stack.push(self.cur);
                self.group_start = true;
                self.star = false;
                self.skip = 0;
                return Ok(());
            }
            Token::GroupEnd => {
                self.skip = 0;
                self.group_start = false;
                // The document starts with `{` (detection checked it) and
                // reading stops when its group closes, so a group is open.
                if let Some(g) = self.stack.pop() {
                    self.cur = g;
                }
                if self.stack.is_empty() {
                    self.ended = true;
                }
                return Ok(());
            }
            Token::ControlSymbol(b'*') if self.group_start => {
                self.star = true;
                return Ok(());
            }
            Token::ControlWord { name, .. } if self.group_start => {
                self.group_start = false;
                self.enter_destination(name);
            }
            _ => self.group_start = false,
        }
        if self.cur.dest == Dest::Skip {
            return Ok(());
        }
        if self.cur.dest == Dest::FontTable {
            if let Token::ControlWord { name, param } = t {
                self.font_table_word(name, param);
            }
            return Ok(());
        }
        match t {
            Token::Text(bytes) => {
                let n = (self.skip as usize).min(bytes.len());
                self.skip -= n as u32;
                let rest = bytes.get(n..).unwrap_or_default();
                if !rest.is_empty() && self.emitting() {
                    self.lone_high(r, out, pos)?;
                    let cp = self.text_cp();
                    self.out.push_bytes(r, out, rest, cp, pos + n)?;
                }
            }
            Token::HexByte(b) => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else if self.emitting() {
                    self.lone_high(r, out, pos)?;
                    let cp = self.text_cp();
                    self.out.push_bytes(r, out, &[b], cp, pos)?;
                }
            }
            Token::ControlSymbol(s) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return Ok(());
                }
                let text = match s {
                    b'{' => "{",
                    b'}' => "}",
                    b'\\' => "\\",
                    b'~' => "\u{00A0}",
                    b'_' | b'-' => "\u{00AD}",
                    _ => "",
                };
                if !text.is_empty() && self.emitting() {
                    self.lone_high(r, out, pos)?;
                    self.out.push_str(r, out, text, pos)?;
                }
            }
            Token::ControlWord { name, param } => self.control_word(r, out, pos, name, param)?,
            Token::Binary(_) => {}
            Token::Invalid(_) => defect(
                r,
                ErrorKind::Malformed("invalid escape".into()),
                pos,
                "skipped",
            )?,
            Token::GroupStart | Token::GroupEnd => {}
        }
        Ok(())
    }

    /// Sets the destination of a group from its first control word.
    fn enter_destination(&mut self, name: &[u8]) {
        let star = std::mem::take(&mut self.star);
        let dest = match self.cur.dest {
            Dest::Skip => Dest::Skip,
            // `{\*\panose ...}` and friends inside a font entry.
            Dest::FontTable if star => Dest::Skip,
            Dest::FontTable => Dest::FontTable,
            _ if star => match name {
                b"htmltag" if self.kind == Encapsulation::Html => Dest::HtmlTag,
                _ => Dest::Skip,
            },
            _ if name == b"fonttbl" => Dest::FontTable,
            _ if SKIPPED_DESTINATIONS.contains(&name) => Dest::Skip,
            d => d,
        };
        self.cur.dest = dest;
    }

    fn font_table_word(&mut self, name: &[u8], param: Option<i32>) {
        match (name, param) {
            (b"f", Some(n)) => {
                self.font_def = Some(n);
                self.fonts.entry(n).or_insert(None);
            }
            (b"fcharset", Some(c)) => {
                if let Some(f) = self.font_def {
                    self.fonts.insert(f, fcharset_code_page(c));
                }
            }
            (b"cpg", Some(c)) => {
                // \fcharset wins when a font has both ([MSFT-RTF]).
                if let Some(f) = self.font_def {
                    let e = self.fonts.entry(f).or_insert(None);
                    if e.is_none() {
                        *e = u32::try_from(c).ok().map(CodePage);
                    }
                }
            }
            _ => {}
        }
    }

    fn control_word<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        pos: usize,
        name: &[u8],
        param: Option<i32>,
    ) -> Result<()> {
        // State that changes whatever the output.
        match (name, param) {
            (b"htmlrtf", p) => {
                self.cur.htmlrtf = p != Some(0);
                return Ok(());
            }
            (b"uc", Some(n)) => {
                self.cur.uc = u32::try_from(n).unwrap_or(0).min(16);
                return Ok(());
            }
            (b"f", Some(n)) => {
                self.cur.font = Some(n);
                return Ok(());
            }
            (b"ansicpg", Some(n)) => {
                if let Ok(n) = u32::try_from(n) {
                    self.default_cp = CodePage(n);
                    self.ansicpg_seen = true;
                }
                return Ok(());
            }
            (b"deff", Some(n)) => {
                self.deff = Some(n);
                return Ok(());
            }
            (b"ansi" | b"mac" | b"pc" | b"pca", None) => {
                if !self.ansicpg_seen
                    && let Some(cp) = charset_word_code_page(name)
                {
                    self.default_cp = cp;
                }
                return Ok(());
            }
            _ => {}
        }
        if name == b"u" {
            let unit = param.unwrap_or(0) as u16;
            let emitting = self.skip == 0 && self.emitting();
            if self.skip > 0 {
                self.skip -= 1;
                return Ok(());
            }
            self.skip = self.cur.uc;
            if emitting {
                self.unicode(r, out, unit, pos)?;
            }
            return Ok(());
        }
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        let in_tag = self.cur.dest == Dest::HtmlTag;
        // [MS-OXRTFEX] 2.1.3.1.4.2 (inside HTMLTAG), 2.2.3.2 and 2.2.3.3.
        let text = match name {
            b"par" => "\r\n",
            b"line" if !in_tag => "\r\n",
            b"tab" => "\t",
            b"lquote" => "\u{2018}",
            b"rquote" => "\u{2019}",
            b"ldblquote" => "\u{201C}",
            b"rdblquote" => "\u{201D}",
            b"bullet" => "\u{2022}",
            b"endash" => "\u{2013}",
            b"emdash" => "\u{2014}",
            b"emspace" if !in_tag => "\u{2003}",
            b"enspace" if !in_tag => "\u{2002}",
            b"qmspace" if !in_tag => "\u{2005}",
            b"zwj" if !in_tag => "\u{200D}",
            b"zwnj" if !in_tag => "\u{200C}",
            b"ltrmark" if !in_tag => "\u{200E}",
            b"rtlmark" if !in_tag => "\u{200F}",
            _ => return Ok(()),
        };
        if self.emitting() {
            self.lone_high(r, out, pos)?;
            self.out.push_str(r, out, text, pos)?;
        }
        Ok(())
    }

    /// A `\uN` code unit at `pos`: a character, or half of a surrogate pair.
    fn unicode<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        unit: u16,
        pos: usize,
    ) -> Result<()> {
        match unit {
            0xD800..=0xDBFF => {
                self.lone_high(r, out, pos)?;
                self.high = Some((unit, pos));
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some((hi, _)) => {
                    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                    self.out.push_char(r, out, c, pos)?;
                }
                None => {
                    defect(
                        r,
                        ErrorKind::InvalidValue {
                            field: "\\u",
                            value: u64::from(unit),
                        },
                        pos,
                        "lone surrogate written as U+FFFD",
                    )?;
                    self.out.push_char(r, out, '\u{FFFD}', pos)?;
                }
            },
            _ => {
                self.lone_high(r, out, pos)?;
                let c = char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}');
                self.out.push_char(r, out, c, pos)?;
            }
        }
        Ok(())
    }

    /// Writes a pending high surrogate that found no low half (reading is
    /// at `now`).
    fn lone_high<S: Sink + ?Sized>(
        &mut self,
        r: &mut Reader<'_>,
        out: &mut S,
        now: usize,
    ) -> Result<()> {
        if let Some((value, at)) = self.high.take() {
            defect(
                r,
                ErrorKind::InvalidValue {
                    field: "\\u",
                    value: u64::from(value),
                },
                at,
                "lone surrogate written as U+FFFD",
            )?;
            self.out.push_char(r, out, '\u{FFFD}', now)?;
        }
        Ok(())
    }
}
