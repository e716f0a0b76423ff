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

use msox_codec::{
    CodePage, Decode, Decoded, ErrorKind, Options, Reader, Result, Sink, decode_bytes_with_reader,
};

use crate::charset::{charset_word_code_page, fcharset_code_page};
use crate::token::{Token, Tokens};

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

/// [MS-OXRTFEX] 2.2.3.1 Recognizing RTF Containing Encapsulation: whether
/// `rtf` starts with `{\rtf1` and has `\fromhtml1` or `\fromtext` among its
/// first 10 tokens (group starts and control words).
///
/// ```
/// use ms_oxrtfex::{detect, Encapsulation};
/// assert_eq!(detect(b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0 }"), Some(Encapsulation::Html));
/// assert_eq!(detect(b"{\\rtf1\\ansi\\fromtext x}"), Some(Encapsulation::Text));
/// assert_eq!(detect(b"{\\rtf1\\ansi\\deff0 plain rtf}"), None);
/// ```
pub fn detect(rtf: &[u8]) -> Option<Encapsulation> {
    detect_inner(rtf).map(|(e, _)| e)
}

/// The encapsulation and, when the FROM word came after `\fonttbl`, its
/// offset.
fn detect_inner(rtf: &[u8]) -> Option<(Encapsulation, Option<usize>)> {
    if !rtf.starts_with(b"{\\rtf1") {
        return None;
    }
    let mut counted = 0;
    let mut seen_fonttbl = false;
    for (offset, t) in Tokens::new(rtf) {
        let late = seen_fonttbl.then_some(offset);
        match t {
            Token::GroupStart => {}
            Token::ControlWord { name, param } => match (name, param) {
                (b"fromhtml", Some(1)) => return Some((Encapsulation::Html, late)),
                (b"fromtext", None) => return Some((Encapsulation::Text, late)),
                (b"fonttbl", _) => seen_fonttbl = true,
                _ => {}
            },
            _ => continue,
        }
        counted += 1;
        if counted >= DETECTION_TOKENS {
            break;
        }
    }
    None
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
    decode_bytes_with_reader(rtf, options, |r| read_deencapsulated(r, out))
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
        let base = r.pos();
        let rtf = r.take_rest();
        let Some((kind, late)) = detect_inner(rtf) else {
            return Err(r.error_at(
                ErrorKind::Malformed(
                    "not encapsulated RTF: no \\fromhtml1 or \\fromtext in the first 10 tokens of a {\\rtf1 document"
                        .into(),
                ),
                base,
            ));
        };
        if let Some(at) = late {
            r.defect_at(
                ErrorKind::Malformed("\\fromhtml1/\\fromtext after \\fonttbl".into()),
                base + at,
                "read as encapsulated",
            )?;
        }
        let mut m = Machine::new(kind, base, out);
        m.run(r, rtf)?;
        m.finish(r, base + rtf.len())?;
        Ok(kind)
    })
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

/// The output: 8-bit text collected until its code page changes, decoded
/// text staged, and handed to the sink (charged to the output budget) in
/// pieces.
struct Output<'o, S: ?Sized> {
    sink: &'o mut S,
    /// UTF-8 not yet handed to the sink.
    staged: Vec<u8>,
    pending: Vec<u8>,
    pending_cp: CodePage,
    /// Position (in the reader's buffer) of the first pending byte.
    pending_pos: usize,
    invalid_reported: Vec<u32>,
    unsupported_reported: Vec<u32>,
}

impl<S: Sink + ?Sized> Output<'_, S> {
    /// Decodes the pending 8-bit text. `pos` is where reading is (for a
    /// budget error).
    fn flush_pending(&mut self, r: &mut Reader<'_>, pos: usize) -> Result<()> {
        if self.pending.is_empty() {
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
        let (text, had_errors) = enc.decode_without_bom_handling(&self.pending);
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
        self.staged.extend_from_slice(text.as_bytes());
        self.pending.clear();
        self.stage_check(r, pos)
    }

    fn push_bytes(&mut self, r: &mut Reader<'_>, b: &[u8], cp: CodePage, pos: usize) -> Result<()> {
        if cp != self.pending_cp {
            self.flush_pending(r, pos)?;
            self.pending_cp = cp;
        }
        if self.pending.is_empty() {
            self.pending_pos = pos;
        }
        self.pending.extend_from_slice(b);
        if self.pending.len() >= PENDING_MAX {
            self.flush_pending(r, pos)?;
        }
        Ok(())
    }

    fn push_str(&mut self, r: &mut Reader<'_>, s: &str, pos: usize) -> Result<()> {
        self.flush_pending(r, pos)?;
        self.staged.extend_from_slice(s.as_bytes());
        self.stage_check(r, pos)
    }

    fn push_char(&mut self, r: &mut Reader<'_>, c: char, pos: usize) -> Result<()> {
        self.push_str(r, c.encode_utf8(&mut [0; 4]), pos)
    }

    fn stage_check(&mut self, r: &mut Reader<'_>, pos: usize) -> Result<()> {
        if self.staged.len() >= STAGE {
            self.emit(r, pos)?;
        }
        Ok(())
    }

    /// Charges the staged output and hands it to the sink.
    fn emit(&mut self, r: &mut Reader<'_>, pos: usize) -> Result<()> {
        if self.staged.is_empty() {
            return Ok(());
        }
        r.session_mut()
            .charge_output(self.staged.len())
            .map_err(|k| r.error_at(k, pos))?;
        self.sink
            .write(&self.staged)
            .map_err(|e| r.locate(e, pos))?;
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
struct Machine<'o, S: ?Sized> {
    kind: Encapsulation,
    base: usize,
    out: Output<'o, S>,
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
}

impl<'o, S: Sink + ?Sized> Machine<'o, S> {
    fn new(kind: Encapsulation, base: usize, sink: &'o mut S) -> Self {
        Self {
            kind,
            base,
            out: Output {
                sink,
                staged: Vec::new(),
                pending: Vec::new(),
                pending_cp: CodePage::WINDOWS_1252,
                pending_pos: base,
                invalid_reported: Vec::new(),
                unsupported_reported: Vec::new(),
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

    fn run(&mut self, r: &mut Reader<'_>, rtf: &[u8]) -> Result<()> {
        for (offset, t) in Tokens::new(rtf) {
            let pos = self.base + offset;
            if self.ended {
                let trivial = matches!(t, Token::Text(b) if b.iter().all(|&c| c == 0 || c.is_ascii_whitespace()));
                if !trivial {
                    defect(
                        r,
                        ErrorKind::TrailingBytes {
                            count: (rtf.len() - offset) as u64,
                        },
                        pos,
                        "content after the document ignored",
                    )?;
                    break;
                }
                continue;
            }
            self.token(r, pos, t)?;
        }
        Ok(())
    }

    /// Ends the document at position `end`: the pending output, and the
    /// groups left open.
    fn finish(&mut self, r: &mut Reader<'_>, end: usize) -> Result<()> {
        self.lone_high(r, end)?;
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
        self.out.flush_pending(r, end)?;
        self.out.emit(r, end)
    }

    fn token(&mut self, r: &mut Reader<'_>, pos: usize, t: Token<'_>) -> Result<()> {
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
                    self.lone_high(r, pos)?;
                    let cp = self.text_cp();
                    self.out.push_bytes(r, rest, cp, pos + n)?;
                }
            }
            Token::HexByte(b) => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else if self.emitting() {
                    self.lone_high(r, pos)?;
                    let cp = self.text_cp();
                    self.out.push_bytes(r, &[b], cp, pos)?;
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
                    self.lone_high(r, pos)?;
                    self.out.push_str(r, text, pos)?;
                }
            }
            Token::ControlWord { name, param } => self.control_word(r, pos, name, param)?,
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

    fn control_word(
        &mut self,
        r: &mut Reader<'_>,
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
                self.unicode(r, unit, pos)?;
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
            self.lone_high(r, pos)?;
            self.out.push_str(r, text, pos)?;
        }
        Ok(())
    }

    /// A `\uN` code unit at `pos`: a character, or half of a surrogate pair.
    fn unicode(&mut self, r: &mut Reader<'_>, unit: u16, pos: usize) -> Result<()> {
        match unit {
            0xD800..=0xDBFF => {
                self.lone_high(r, pos)?;
                self.high = Some((unit, pos));
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some((hi, _)) => {
                    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                    self.out.push_char(r, c, pos)?;
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
                    self.out.push_char(r, '\u{FFFD}', pos)?;
                }
            },
            _ => {
                self.lone_high(r, pos)?;
                let c = char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}');
                self.out.push_char(r, c, pos)?;
            }
        }
        Ok(())
    }

    /// Writes a pending high surrogate that found no low half (reading is
    /// at `now`).
    fn lone_high(&mut self, r: &mut Reader<'_>, now: usize) -> Result<()> {
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
            self.out.push_char(r, '\u{FFFD}', now)?;
        }
        Ok(())
    }
}
