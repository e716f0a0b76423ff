//! [MS-OXRTFEX] 2.2.3 De-encapsulating RTF reader: recognising the
//! encapsulation (2.2.3.1) and extracting the original HTML (2.2.3.2) or
//! plain text (2.2.3.3).
//!
//! One pass over the tokens, with an explicit stack of group states (no
//! recursion), so the time is linear in the input and the memory in the
//! nesting depth, which is capped.

use std::collections::HashMap;
use std::fmt;

use msox_codec::{CodePage, Error, ErrorKind, Limits, Result};

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

/// The encapsulation and whether the FROM word came after `\fonttbl`.
fn detect_inner(rtf: &[u8]) -> Option<(Encapsulation, bool)> {
    if !rtf.starts_with(b"{\\rtf1") {
        return None;
    }
    let mut counted = 0;
    let mut seen_fonttbl = false;
    for (_, t) in Tokens::new(rtf) {
        match t {
            Token::GroupStart => {}
            Token::ControlWord { name, param } => match (name, param) {
                (b"fromhtml", Some(1)) => return Some((Encapsulation::Html, seen_fonttbl)),
                (b"fromtext", None) => return Some((Encapsulation::Text, seen_fonttbl)),
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

/// Options for de-encapsulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeencapsulateOptions {
    /// The deepest group nesting accepted; deeper is
    /// [`ErrorKind::LimitExceeded`]. Outlook nests a group per HTML
    /// element, so real bodies go deeper than [`Limits::DEFAULT`]'s 64.
    pub max_depth: u32,
    /// The largest output accepted, in bytes of UTF-8.
    pub max_output: usize,
    /// Refuse any [`Defect`] instead of reporting it.
    pub strict: bool,
}

impl DeencapsulateOptions {
    /// The default depth cap.
    pub const DEFAULT_MAX_DEPTH: u32 = 1000;

    /// Lenient, depth 1000, output cap of [`Limits::DEFAULT`].
    pub const fn new() -> Self {
        Self {
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_output: Limits::DEFAULT.max_output,
            strict: false,
        }
    }

    /// Strict: every defect is an error.
    pub const fn strict() -> Self {
        let mut o = Self::new();
        o.strict = true;
        o
    }

    /// Lenient, with the output cap of `limits` (and its depth cap when
    /// that is larger than the default's).
    pub fn from_limits(limits: &Limits) -> Self {
        Self {
            max_depth: limits.max_depth.max(Self::DEFAULT_MAX_DEPTH),
            max_output: limits.max_output,
            strict: false,
        }
    }
}

impl Default for DeencapsulateOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Something wrong with the RTF that the lenient reader worked around.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Defect {
    /// `\fromhtml1` / `\fromtext` after `\fonttbl` (2.1.3.1.1 says before).
    FromAfterFontTable,
    /// Groups still open at the end of the input.
    UnclosedGroups {
        /// How many.
        count: usize,
    },
    /// `\'` without two hex digits, or a backslash at the end (skipped).
    InvalidEscape {
        /// Byte offset.
        offset: usize,
    },
    /// A `\uN` UTF-16 surrogate without its pair (written as U+FFFD).
    LoneSurrogate {
        /// Byte offset of the `\u`.
        offset: usize,
        /// The code unit.
        value: u16,
    },
    /// Bytes that are not valid in their code page (written as U+FFFD);
    /// reported once per code page.
    InvalidText {
        /// The code page.
        code_page: u32,
        /// Byte offset of the first such text.
        offset: usize,
    },
    /// A code page encoding_rs does not support (decoded as windows-1252);
    /// reported once per code page.
    UnsupportedCodePage {
        /// The code page.
        code_page: u32,
    },
    /// Tokens after the group that closes the document (ignored).
    ContentAfterDocument {
        /// Byte offset.
        offset: usize,
    },
}

impl Defect {
    /// The error strict mode reports for this defect.
    pub fn to_error(&self) -> Error {
        let (kind, offset) = match *self {
            Defect::FromAfterFontTable => (
                ErrorKind::Malformed("\\fromhtml1/\\fromtext after \\fonttbl".into()),
                None,
            ),
            Defect::UnclosedGroups { count } => (
                ErrorKind::UnexpectedEnd {
                    needed: count as u64,
                    available: 0,
                },
                None,
            ),
            Defect::InvalidEscape { offset } => {
                (ErrorKind::Malformed("invalid escape".into()), Some(offset))
            }
            Defect::LoneSurrogate { offset, value } => (
                ErrorKind::InvalidValue {
                    field: "\\u",
                    value: u64::from(value),
                },
                Some(offset),
            ),
            Defect::InvalidText { offset, code_page } => (
                ErrorKind::BadString {
                    encoding: CodePage(code_page)
                        .encoding()
                        .map_or("windows-1252", |e| e.name()),
                },
                Some(offset),
            ),
            Defect::UnsupportedCodePage { code_page } => (
                ErrorKind::Unsupported(format!("code page {code_page}").into()),
                None,
            ),
            Defect::ContentAfterDocument { offset } => {
                (ErrorKind::TrailingBytes { count: 1 }, Some(offset))
            }
        };
        let e = match offset {
            Some(o) => Error::at_offset(kind, o),
            None => Error::new(kind),
        };
        e.context("RTF")
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Defect::FromAfterFontTable => {
                f.write_str("\\fromhtml1/\\fromtext comes after \\fonttbl")
            }
            Defect::UnclosedGroups { count } => write!(f, "{count} groups not closed"),
            Defect::InvalidEscape { offset } => write!(f, "invalid escape at byte {offset}"),
            Defect::LoneSurrogate { offset, value } => {
                write!(f, "lone surrogate \\u 0x{value:04X} at byte {offset}")
            }
            Defect::InvalidText { code_page, offset } => {
                write!(f, "text invalid in code page {code_page} at byte {offset}")
            }
            Defect::UnsupportedCodePage { code_page } => {
                write!(
                    f,
                    "code page {code_page} unsupported (read as windows-1252)"
                )
            }
            Defect::ContentAfterDocument { offset } => {
                write!(f, "content after the document at byte {offset}")
            }
        }
    }
}

/// The original document recovered from an RTF body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Deencapsulated {
    /// What it was.
    pub kind: Encapsulation,
    /// The HTML or text.
    pub content: String,
    /// What was wrong with the RTF (always empty in strict mode).
    pub defects: Vec<Defect>,
}

/// De-encapsulates with [`DeencapsulateOptions::default`].
///
/// ```
/// let rtf = br"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}
/// {\*\htmltag64}{\*\htmltag <p>}Caf\'e9 {\*\htmltag &amp;}\htmlrtf &\htmlrtf0  \u8364?\par
/// {\*\htmltag </p>}}";
/// let d = ms_oxrtfex::deencapsulate(rtf)?;
/// assert_eq!(d.kind, ms_oxrtfex::Encapsulation::Html);
/// assert_eq!(d.content, "<p>Café &amp; €\r\n</p>");
/// # Ok::<(), msox_codec::Error>(())
/// ```
///
/// Errors: the RTF encapsulates nothing ([`ErrorKind::Malformed`]); nesting
/// or output over the caps ([`ErrorKind::LimitExceeded`]).
pub fn deencapsulate(rtf: &[u8]) -> Result<Deencapsulated> {
    deencapsulate_with(rtf, &DeencapsulateOptions::default())
}

/// De-encapsulates with `options`.
pub fn deencapsulate_with(rtf: &[u8], options: &DeencapsulateOptions) -> Result<Deencapsulated> {
    let Some((kind, from_late)) = detect_inner(rtf) else {
        return Err(Error::new(ErrorKind::Malformed(
            "not encapsulated RTF: no \\fromhtml1 or \\fromtext in the first 10 tokens of a {\\rtf1 document"
                .into(),
        ))
        .context("RTF"));
    };
    let mut m = Reader::new(kind, options);
    if from_late {
        m.defect(Defect::FromAfterFontTable);
    }
    m.run(rtf)?;
    let content = m.out.finish(&mut m.defects)?;
    if options.strict
        && let Some(d) = m.defects.first()
    {
        return Err(d.to_error());
    }
    Ok(Deencapsulated {
        kind,
        content,
        defects: m.defects,
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

/// The output text, with 8-bit text collected until its code page changes.
struct Output {
    text: String,
    pending: Vec<u8>,
    pending_cp: CodePage,
    pending_offset: usize,
    max: usize,
    invalid_reported: Vec<u32>,
    unsupported_reported: Vec<u32>,
}

impl Output {
    fn flush(&mut self, defects: &mut Vec<Defect>) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let cp = self.pending_cp;
        let enc = match cp.encoding() {
            Some(e) => e,
            None => {
                if !self.unsupported_reported.contains(&cp.0) {
                    self.unsupported_reported.push(cp.0);
                    defects.push(Defect::UnsupportedCodePage { code_page: cp.0 });
                }
                encoding_rs::WINDOWS_1252
            }
        };
        let (s, had_errors) = enc.decode_without_bom_handling(&self.pending);
        if had_errors && !self.invalid_reported.contains(&cp.0) {
            self.invalid_reported.push(cp.0);
            defects.push(Defect::InvalidText {
                code_page: cp.0,
                offset: self.pending_offset,
            });
        }
        self.text.push_str(&s);
        self.pending.clear();
        self.check()
    }

    fn push_bytes(
        &mut self,
        b: &[u8],
        cp: CodePage,
        offset: usize,
        defects: &mut Vec<Defect>,
    ) -> Result<()> {
        if cp != self.pending_cp {
            self.flush(defects)?;
            self.pending_cp = cp;
        }
        if self.pending.is_empty() {
            self.pending_offset = offset;
        }
        self.pending.extend_from_slice(b);
        if self.pending.len() >= 1 << 16 {
            self.flush(defects)?;
        }
        Ok(())
    }

    fn push_str(&mut self, s: &str, defects: &mut Vec<Defect>) -> Result<()> {
        self.flush(defects)?;
        self.text.push_str(s);
        self.check()
    }

    fn push_char(&mut self, c: char, defects: &mut Vec<Defect>) -> Result<()> {
        self.flush(defects)?;
        self.text.push(c);
        self.check()
    }

    fn check(&self) -> Result<()> {
        if self.text.len() > self.max {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "de-encapsulated size",
                value: self.text.len() as u64,
                max: self.max as u64,
            })
            .context("RTF"));
        }
        Ok(())
    }

    fn finish(mut self, defects: &mut Vec<Defect>) -> Result<String> {
        self.flush(defects)?;
        Ok(self.text)
    }
}

/// The reader's state machine.
struct Reader {
    kind: Encapsulation,
    max_depth: u32,
    out: Output,
    defects: Vec<Defect>,
    stack: Vec<Group>,
    cur: Group,
    /// The next token is the first of a group.
    group_start: bool,
    /// `\*` was the first token of the group.
    star: bool,
    /// Fallback bytes of `\uN` still to skip.
    skip: u32,
    /// A high surrogate waiting for its low half.
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

impl Reader {
    fn new(kind: Encapsulation, options: &DeencapsulateOptions) -> Self {
        Self {
            kind,
            max_depth: options.max_depth,
            out: Output {
                text: String::new(),
                pending: Vec::new(),
                pending_cp: CodePage::WINDOWS_1252,
                pending_offset: 0,
                max: options.max_output,
                invalid_reported: Vec::new(),
                unsupported_reported: Vec::new(),
            },
            defects: Vec::new(),
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

    fn defect(&mut self, d: Defect) {
        self.defects.push(d);
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

    fn run(&mut self, rtf: &[u8]) -> Result<()> {
        for (offset, t) in Tokens::new(rtf) {
            if self.ended {
                let trivial = matches!(t, Token::Text(b) if b.iter().all(|&c| c == 0 || c.is_ascii_whitespace()));
                if !trivial {
                    self.defect(Defect::ContentAfterDocument { offset });
                    break;
                }
                continue;
            }
            self.token(offset, t)?;
        }
        self.lone_high()?;
        if !self.ended && !self.stack.is_empty() {
            let count = self.stack.len();
            self.defect(Defect::UnclosedGroups { count });
        }
        Ok(())
    }

    fn token(&mut self, offset: usize, t: Token<'_>) -> Result<()> {
        match t {
            Token::GroupStart => {
                if self.stack.len() >= self.max_depth as usize {
                    return Err(Error::at_offset(
                        ErrorKind::LimitExceeded {
                            what: "group nesting depth",
                            value: self.stack.len() as u64 + 1,
                            max: u64::from(self.max_depth),
                        },
                        offset,
                    )
                    .context("RTF"));
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
                    self.lone_high()?;
                    let cp = self.text_cp();
                    self.out
                        .push_bytes(rest, cp, offset + n, &mut self.defects)?;
                }
            }
            Token::HexByte(b) => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else if self.emitting() {
                    self.lone_high()?;
                    let cp = self.text_cp();
                    self.out.push_bytes(&[b], cp, offset, &mut self.defects)?;
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
                    self.lone_high()?;
                    self.out.push_str(text, &mut self.defects)?;
                }
            }
            Token::ControlWord { name, param } => self.control_word(offset, name, param)?,
            Token::Binary(_) => {}
            Token::Invalid(_) => self.defect(Defect::InvalidEscape { offset }),
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

    fn control_word(&mut self, offset: usize, name: &[u8], param: Option<i32>) -> Result<()> {
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
                self.unicode(unit, offset)?;
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
            self.lone_high()?;
            self.out.push_str(text, &mut self.defects)?;
        }
        Ok(())
    }

    /// A `\uN` code unit: a character, or half of a surrogate pair.
    fn unicode(&mut self, unit: u16, offset: usize) -> Result<()> {
        match unit {
            0xD800..=0xDBFF => {
                self.lone_high()?;
                self.high = Some((unit, offset));
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some((hi, _)) => {
                    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                    self.out.push_char(c, &mut self.defects)?;
                }
                None => {
                    self.defect(Defect::LoneSurrogate {
                        offset,
                        value: unit,
                    });
                    self.out.push_char('\u{FFFD}', &mut self.defects)?;
                }
            },
            _ => {
                self.lone_high()?;
                let c = char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}');
                self.out.push_char(c, &mut self.defects)?;
            }
        }
        Ok(())
    }

    /// Writes a pending high surrogate that found no low half.
    fn lone_high(&mut self) -> Result<()> {
        if let Some((value, offset)) = self.high.take() {
            self.defect(Defect::LoneSurrogate { offset, value });
            self.out.push_char('\u{FFFD}', &mut self.defects)?;
        }
        Ok(())
    }
}
