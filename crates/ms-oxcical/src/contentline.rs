//! RFC 5545 3.1 content lines (and the same syntax of vCard, RFC 2425 /
//! RFC 6350 3.3, vCard 2.1 and vCalendar 1.0): unfolding, names with an
//! optional group, parameters (quoted values, RFC 6868 caret escapes,
//! vCard 2.1 parameters without a name), quoted-printable soft line
//! breaks, text escaping, and components nested with BEGIN/END.
//!
//! Reading is one decoding session ([`msox_codec::Reader`]): every content
//! line is an item of the budget, its bytes an allocation, every component
//! level a nesting level, so a flood of properties, a gigabyte line or a
//! thousand nested components cost what the caller's
//! [`Limits`](msox_codec::Limits) allow and no more. Components are kept on
//! an explicit stack (no recursion on input). Everything is kept: unknown
//! properties, unknown parameters, groups, parameter values as written.
//!
//! Why not a crate from crates.io: `icalendar` 0.17 (rust-version 1.88)
//! parses `&str` with its own error type, so it cannot report absolute
//! offsets or be bounded by the session's limits; `ical` 0.11 states no
//! licence or rust-version; `calcard` 0.3 states no rust-version and
//! brings JSCalendar/JSContact along. This lexer is small, keeps every
//! unknown property and parameter, and runs in the one decoding session.
//!
//! What RFC 5545 does not allow is a defect (an error in strict mode,
//! repaired and recorded in lenient mode): lines ended by LF alone, a last
//! line without its CRLF, empty lines, a line without `:`, bad characters
//! in a name, bytes that are not UTF-8 (unless a CHARSET parameter names
//! their encoding, as vCard 2.1 allows), an END that closes nothing or the
//! wrong component, components left open at the end, and content lines
//! outside any component.

use std::borrow::Cow;
use std::fmt::Write as _;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result};

/// The longest line [`write_line`] produces, in octets, without the CRLF
/// (RFC 5545 3.1: "SHOULD NOT be longer than 75 octets").
pub const FOLD_AT: usize = 75;

/// A hard ceiling on component nesting, whatever the limits say, so the
/// drop of a nested tree never recurses deeper than this.
pub const MAX_NESTING: u32 = 1000;

/// One parameter of a content line (RFC 5545 3.2): a name and its values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Parameter {
    /// The name, upper case (`TZID`, `CN`, `X-FOO`); a vCard 2.1 parameter
    /// written without a name (`TEL;WORK;VOICE:`) is a `TYPE`.
    pub name: String,
    /// The values as written (quotes removed, RFC 6868 escapes decoded).
    pub values: Vec<String>,
}

impl Parameter {
    /// A parameter with one value.
    pub fn new(name: &str, value: impl Into<String>) -> Self {
        Parameter {
            name: name.to_ascii_uppercase(),
            values: vec![value.into()],
        }
    }
}

/// One content line (RFC 5545 3.1): `[group.]NAME *(;param) : value`.
///
/// The value is kept as written (after unfolding): TEXT values are still
/// escaped ([`unescape_text`] reads them), so nothing is lost for
/// properties this crate does not interpret.
#[derive(Debug, Clone, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContentLine {
    /// The group (vCard `item1.EMAIL`), if any.
    pub group: Option<String>,
    /// The name, upper case.
    pub name: String,
    /// The parameters, in order.
    pub params: Vec<Parameter>,
    /// The value, unfolded, not unescaped.
    pub value: String,
    /// Where the line starts in the input (absolute offset), for lines read.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub offset: Option<usize>,
}

impl PartialEq for ContentLine {
    /// Equal when group, name, parameters and value are (the offset is
    /// where a line was read, not part of it).
    fn eq(&self, other: &Self) -> bool {
        self.group == other.group
            && self.name == other.name
            && self.params == other.params
            && self.value == other.value
    }
}

impl ContentLine {
    /// A line with a name and a raw value (already escaped as its type needs).
    pub fn new(name: &str, value: impl Into<String>) -> Self {
        ContentLine {
            group: None,
            name: name.to_ascii_uppercase(),
            params: Vec::new(),
            value: value.into(),
            offset: None,
        }
    }

    /// A TEXT line: `text` is escaped ([`escape_text`]).
    pub fn text(name: &str, text: &str) -> Self {
        Self::new(name, escape_text(text))
    }

    /// This line with a parameter added.
    #[must_use]
    pub fn with_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.push(Parameter::new(name, value));
        self
    }

    /// The first value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .and_then(|p| p.values.first())
            .map(String::as_str)
    }

    /// Every value of every parameter named `name` (`TYPE=WORK,VOICE` and
    /// `TYPE=WORK;TYPE=VOICE` alike).
    pub fn param_values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.params
            .iter()
            .filter(move |p| p.name.eq_ignore_ascii_case(name))
            .flat_map(|p| p.values.iter().map(String::as_str))
    }

    /// Whether parameter `name` has value `value` (both case-insensitive).
    pub fn has_param_value(&self, name: &str, value: &str) -> bool {
        self.param_values(name)
            .any(|v| v.eq_ignore_ascii_case(value))
    }

    /// The value as TEXT, unescaped ([`unescape_text`]); a value with
    /// `ENCODING=QUOTED-PRINTABLE` (vCard 2.1, vCalendar 1.0) is decoded
    /// first, in its CHARSET (UTF-8 when none is named).
    pub fn text_value(&self) -> String {
        match self.decoded_value() {
            Some(v) => unescape_text(&v),
            None => unescape_text(&self.value),
        }
    }

    /// The value of a quoted-printable line decoded in its CHARSET; `None`
    /// for a line that is not quoted-printable or whose `=XX` escapes are
    /// broken.
    pub fn decoded_value(&self) -> Option<String> {
        if !is_quoted_printable(self) {
            return None;
        }
        let bytes = decode_quoted_printable(&self.value)?;
        let enc = self
            .param("CHARSET")
            .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
            .unwrap_or(encoding_rs::UTF_8);
        Some(enc.decode(&bytes).0.into_owned())
    }
}

/// A component (RFC 5545 3.4, 3.6): `BEGIN:NAME`, its properties, its
/// sub-components, `END:NAME`.
#[derive(Debug, Clone, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Component {
    /// The name, upper case (`VCALENDAR`, `VEVENT`, `VCARD`).
    pub name: String,
    /// The properties in order (BEGIN and END lines are not among them).
    pub properties: Vec<ContentLine>,
    /// The sub-components in order.
    pub components: Vec<Component>,
    /// Where its BEGIN line starts in the input, for components read.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub offset: Option<usize>,
}

impl PartialEq for Component {
    /// Equal when name, properties and sub-components are (offsets aside).
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.properties == other.properties
            && self.components == other.components
    }
}

impl Component {
    /// An empty component.
    pub fn new(name: &str) -> Self {
        Component {
            name: name.to_ascii_uppercase(),
            ..Component::default()
        }
    }

    /// The first property named `name`.
    pub fn property(&self, name: &str) -> Option<&ContentLine> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Every property named `name`.
    pub fn properties_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s ContentLine> + 's {
        self.properties
            .iter()
            .filter(move |p| p.name.eq_ignore_ascii_case(name))
    }

    /// Every sub-component named `name`.
    pub fn components_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Component> + 's {
        self.components
            .iter()
            .filter(move |c| c.name.eq_ignore_ascii_case(name))
    }

    /// Adds a property.
    pub fn push(&mut self, line: ContentLine) {
        self.properties.push(line);
    }
}

/// A stream of content lines: the components at top level (one or more
/// VCALENDAR, one or more VCARD), read and written with the msox contract.
///
/// ```
/// use ms_oxcical::contentline::Document;
/// use msox_codec::{Decode, Encode};
/// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY;LANGUAGE=en:A long\r\n  meeting\\, really\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let doc = Document::decode_exact(text.as_bytes())?;
/// let ev = &doc.components[0].components[0];
/// assert_eq!(ev.property("SUMMARY").unwrap().text_value(), "A long meeting, really");
/// assert_eq!(ev.property("SUMMARY").unwrap().param("LANGUAGE"), Some("en"));
/// // Written back with the same lines (folded at 75 octets when longer).
/// assert_eq!(Document::decode_exact(&doc.to_vec()?)?, doc);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Document {
    /// The top-level components.
    pub components: Vec<Component>,
}

impl<'a> Decode<'a> for Document {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ContentLines", |r| {
            Ok(Document {
                components: read_components(r)?,
            })
        })
    }
}

impl Encode for Document {
    fn encoded_len(&self) -> usize {
        self.to_text().len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(self.to_text().as_bytes());
        Ok(())
    }
}

impl Document {
    /// The text of the document, CRLF line ends, folded at [`FOLD_AT`] octets.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.components {
            write_component(&mut out, c);
        }
        out
    }
}

/// Writes `c` (and its sub-components, with an explicit stack) to `out`.
pub fn write_component(out: &mut String, c: &Component) {
    enum Step<'c> {
        Open(&'c Component),
        Close(&'c str),
    }
    let mut stack = vec![Step::Open(c)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(c) => {
                write_line(out, &ContentLine::new("BEGIN", c.name.clone()));
                for p in &c.properties {
                    write_line(out, p);
                }
                stack.push(Step::Close(&c.name));
                for sub in c.components.iter().rev() {
                    stack.push(Step::Open(sub));
                }
            }
            Step::Close(name) => write_line(out, &ContentLine::new("END", name)),
        }
    }
}

/// Writes one content line, folded at [`FOLD_AT`] octets (never inside a
/// UTF-8 sequence), ended by CRLF. Parameter values with `:`, `;` or `,`
/// are quoted; `"`, newlines and `^` use the RFC 6868 caret escapes.
pub fn write_line(out: &mut String, line: &ContentLine) {
    let mut logical = String::with_capacity(line.name.len() + line.value.len() + 8);
    if let Some(g) = &line.group {
        logical.push_str(g);
        logical.push('.');
    }
    logical.push_str(&line.name);
    for p in &line.params {
        logical.push(';');
        logical.push_str(&p.name);
        logical.push('=');
        for (i, v) in p.values.iter().enumerate() {
            if i > 0 {
                logical.push(',');
            }
            write_param_value(&mut logical, v);
        }
    }
    logical.push(':');
    logical.push_str(&line.value);
    fold_into(out, &logical);
}

fn write_param_value(out: &mut String, v: &str) {
    let needs_quotes = v.contains([':', ';', ',']);
    if needs_quotes {
        out.push('"');
    }
    for ch in v.chars() {
        match ch {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    if needs_quotes {
        out.push('"');
    }
}

/// Appends `logical` folded into lines of at most [`FOLD_AT`] octets
/// (continuation lines start with one space), each ended by CRLF.
pub fn fold_into(out: &mut String, logical: &str) {
    let mut width = 0usize;
    for ch in logical.chars() {
        let n = ch.len_utf8();
        if width + n > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

/// Unescapes an RFC 5545 3.3.11 TEXT value: `\n` and `\N` are newlines,
/// `\\`, `\;`, `\,` the characters; any other escaped character is kept
/// without its backslash.
pub fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Escapes text for an RFC 5545 3.3.11 TEXT value (`\`, `;`, `,`, and
/// newlines as `\n`; a CRLF pair is one newline).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Splits a raw (still escaped) value at every `sep` not escaped by a
/// backslash: the items of a list (`CATEGORIES:a,b\,c`) or the fields of
/// a structured value (`N:Doe;John;;;`), each still escaped.
pub fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            out.push(s.get(start..i).unwrap_or(""));
            start = i + c.len_utf8();
        }
    }
    out.push(s.get(start..).unwrap_or(""));
    out
}

/// One physical-line reader state over the input.
struct Lines<'b> {
    input: &'b [u8],
    at: usize,
}

impl<'b> Lines<'b> {
    /// The next physical line (without its line end), where it starts,
    /// and how it ended.
    fn next_line(&mut self) -> Option<(&'b [u8], usize, LineEnd)> {
        let start = self.at;
        let rest = self.input.get(start..)?;
        if rest.is_empty() {
            return None;
        }
        match rest.iter().position(|b| *b == b'\n') {
            Some(nl) => {
                self.at = start + nl + 1;
                let line = rest.get(..nl).unwrap_or_default();
                match line.strip_suffix(b"\r") {
                    Some(l) => Some((l, start, LineEnd::CrLf)),
                    None => Some((line, start, LineEnd::Lf)),
                }
            }
            None => {
                self.at = self.input.len();
                let (line, end) = match rest.strip_suffix(b"\r") {
                    Some(l) => (l, LineEnd::Cr),
                    None => (rest, LineEnd::None),
                };
                Some((line, start, end))
            }
        }
    }

    /// Whether the next physical line is a continuation (starts with SP or HTAB).
    fn continues(&self) -> bool {
        matches!(self.input.get(self.at), Some(b' ' | b'\t'))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    CrLf,
    Lf,
    Cr,
    None,
}

/// What the session was told once already (so a file of LF lines is one
/// defect, not thousands).
#[derive(Default)]
struct Reported {
    lf: bool,
    blank: bool,
}

/// Reads every component at the reader's position to the end of its
/// window. See the [module documentation](self) for what is a defect.
pub fn read_components(r: &mut Reader<'_>) -> Result<Vec<Component>> {
    let base = r.pos();
    let input = r.rest();
    let max_depth = r.limits().max_depth.min(MAX_NESTING);
    let mut lines = Lines { input, at: 0 };
    let mut top: Vec<Component> = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let mut reported = Reported::default();
    let mut index = 0usize;
    let mut after_base64 = false;
    while let Some((first, start, end)) = lines.next_line() {
        let pos = base + start;
        check_end(r, end, pos + first.len(), &mut reported)?;
        // unfold
        let mut logical: Cow<'_, [u8]> = Cow::Borrowed(first);
        while lines.continues() {
            let Some((cont, cstart, cend)) = lines.next_line() else {
                break;
            };
            check_end(r, cend, base + cstart + cont.len(), &mut reported)?;
            logical
                .to_mut()
                .extend_from_slice(cont.get(1..).unwrap_or_default());
        }
        // A line that starts with white space but continues nothing (the
        // first line of the input, or the line after a quoted-printable
        // value): read without that white space, which no writer can put
        // at the start of a line (it would fold the line into the one
        // before).
        let lead = logical
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        if lead > 0 {
            r.defect_at(
                ErrorKind::Malformed("line starts with white space but continues nothing".into()),
                pos,
                "the white space dropped",
            )?;
            logical = match logical {
                Cow::Borrowed(b) => Cow::Borrowed(b.get(lead..).unwrap_or_default()),
                Cow::Owned(v) => Cow::Owned(v.get(lead..).unwrap_or_default().to_vec()),
            };
        }
        if logical.is_empty() {
            // vCard 2.1 (2.1.2.1): a BASE64 value ends with an empty line
            if after_base64 {
                after_base64 = false;
                continue;
            }
            if !reported.blank {
                reported.blank = true;
                r.defect_at(
                    ErrorKind::Malformed("empty line".into()),
                    pos,
                    "empty lines skipped",
                )?;
            }
            continue;
        }
        r.charge_items(1, "content line count")?;
        r.reserve(logical.len(), "content line length")?;
        let Some(mut line) =
            r.frame_indexed("ContentLine", index, |r| parse_line(r, &logical, pos))?
        else {
            index += 1;
            continue;
        };
        index += 1;
        after_base64 =
            line.has_param_value("ENCODING", "BASE64") || line.has_param_value("TYPE", "BASE64");
        // vCard 2.1 / vCalendar 1.0 quoted-printable soft line breaks
        if is_quoted_printable(&line) {
            while line.value.ends_with('=') {
                let Some((next, nstart, nend)) = lines.next_line() else {
                    break;
                };
                check_end(r, nend, base + nstart + next.len(), &mut reported)?;
                r.reserve(next.len(), "content line length")?;
                line.value.pop();
                line.value
                    .push_str(&decode_bytes(r, next, &line, base + nstart)?);
            }
        }
        match line.name.as_str() {
            "BEGIN" => {
                let depth = u32::try_from(stack.len() + 1).unwrap_or(u32::MAX);
                if depth > max_depth {
                    return Err(r.error_at(
                        ErrorKind::LimitExceeded {
                            what: "component nesting depth",
                            value: depth.into(),
                            max: max_depth.into(),
                        },
                        pos,
                    ));
                }
                let mut c = Component::new(line.value.trim());
                c.offset = Some(r.offset_of(pos));
                stack.push(c);
            }
            "END" => {
                let name = line.value.trim().to_ascii_uppercase();
                match stack.iter().rposition(|c| c.name == name) {
                    Some(i) => {
                        if i + 1 != stack.len() {
                            r.defect_at(
                                ErrorKind::Malformed(
                                    format!("END:{name} closes components still open").into(),
                                ),
                                pos,
                                "the inner components closed there",
                            )?;
                        }
                        while stack.len() > i {
                            close(&mut stack, &mut top);
                        }
                    }
                    None => {
                        r.defect_at(
                            ErrorKind::Malformed(format!("END:{name} closes nothing").into()),
                            pos,
                            "line ignored",
                        )?;
                    }
                }
            }
            _ => match stack.last_mut() {
                Some(c) => c.properties.push(line),
                None => {
                    r.defect_at(
                        ErrorKind::Malformed(format!("{} outside any component", line.name).into())
                            .clone(),
                        pos,
                        "line ignored",
                    )?;
                }
            },
        }
    }
    if let Some(open) = stack.last() {
        let name = open.name.clone();
        r.defect_at(
            ErrorKind::Malformed(format!("BEGIN:{name} without END").into()),
            base + input.len(),
            "open components closed at the end of the input",
        )?;
        while !stack.is_empty() {
            close(&mut stack, &mut top);
        }
    }
    if top.is_empty() {
        r.defect_at(
            ErrorKind::Malformed(
                "no component (an iCalendar or vCard stream has at least one)".into(),
            ),
            base + input.len(),
            "nothing read",
        )?;
    }
    r.skip(input.len())?;
    Ok(top)
}

fn close(stack: &mut Vec<Component>, top: &mut Vec<Component>) {
    if let Some(c) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.components.push(c),
            None => top.push(c),
        }
    }
}

fn check_end(r: &mut Reader<'_>, end: LineEnd, pos: usize, reported: &mut Reported) -> Result<()> {
    match end {
        LineEnd::CrLf => Ok(()),
        LineEnd::Lf => {
            if reported.lf {
                return Ok(());
            }
            reported.lf = true;
            r.defect_at(
                ErrorKind::Malformed("line ended by LF without CR".into()),
                pos,
                "LF accepted as a line end (reported once)",
            )
        }
        LineEnd::Cr | LineEnd::None => r.defect_at(
            ErrorKind::Malformed("last line without CRLF".into()),
            pos,
            "line read to the end of the input",
        ),
    }
}

fn is_quoted_printable(line: &ContentLine) -> bool {
    line.has_param_value("ENCODING", "QUOTED-PRINTABLE")
        || line.has_param_value("TYPE", "QUOTED-PRINTABLE")
}

/// Decodes the bytes of one line piece: UTF-8, or the CHARSET the line
/// names (vCard 2.1), or lossy UTF-8 with a defect.
fn decode_bytes(
    r: &mut Reader<'_>,
    bytes: &[u8],
    line: &ContentLine,
    pos: usize,
) -> Result<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if let Some(enc) = line
        .param("CHARSET")
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
    {
        let (text, _, _) = enc.decode(bytes);
        return Ok(text.into_owned());
    }
    r.defect_at(
        ErrorKind::BadString { encoding: "UTF-8" },
        pos,
        "invalid sequences replaced by U+FFFD",
    )?;
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Parses one unfolded line; `None` (after a defect) for a line that is
/// not a content line.
fn parse_line(r: &mut Reader<'_>, raw: &[u8], pos: usize) -> Result<Option<ContentLine>> {
    // name (with an optional group)
    let name_end = raw
        .iter()
        .position(|b| *b == b';' || *b == b':')
        .unwrap_or(raw.len());
    let full_name = raw.get(..name_end).unwrap_or_default();
    if raw.get(name_end).is_none() {
        r.defect_at(
            ErrorKind::Malformed("content line without ':'".into()),
            pos,
            "line ignored",
        )?;
        return Ok(None);
    }
    let (group, name) = match full_name.iter().rposition(|b| *b == b'.') {
        Some(dot) => (
            Some(full_name.get(..dot).unwrap_or_default()),
            full_name.get(dot + 1..).unwrap_or_default(),
        ),
        None => (None, full_name),
    };
    let group_ok = group.is_none_or(|g| g.iter().all(|b| is_name_byte(*b) || *b == b'.'));
    if name.is_empty() || !name.iter().all(|b| is_name_byte(*b)) || !group_ok {
        r.defect_at(
            ErrorKind::Malformed(
                format!(
                    "property name {:?} has characters RFC 5545 does not allow",
                    String::from_utf8_lossy(full_name)
                )
                .into(),
            ),
            pos,
            "name kept as read",
        )?;
    }
    let mut line = ContentLine {
        group: group.map(|g| String::from_utf8_lossy(g).into_owned()),
        name: String::from_utf8_lossy(name).to_ascii_uppercase(),
        params: Vec::new(),
        value: String::new(),
        offset: Some(r.offset_of(pos)),
    };
    // parameters
    let mut i = name_end;
    while raw.get(i) == Some(&b';') {
        i += 1;
        let pstart = i;
        while let Some(b) = raw.get(i) {
            if matches!(b, b'=' | b';' | b':') {
                break;
            }
            i += 1;
        }
        let pname = String::from_utf8_lossy(raw.get(pstart..i).unwrap_or_default())
            .trim()
            .to_ascii_uppercase();
        if raw.get(i) != Some(&b'=') {
            // vCard 2.1: a parameter value without a name is a TYPE
            if !pname.is_empty() {
                line.params.push(Parameter {
                    name: "TYPE".into(),
                    values: vec![pname],
                });
            }
            continue;
        }
        i += 1;
        let mut values = Vec::new();
        loop {
            let (v, next) = if raw.get(i) == Some(&b'"') {
                let vstart = i + 1;
                match raw
                    .get(vstart..)
                    .and_then(|rest| rest.iter().position(|b| *b == b'"'))
                {
                    Some(q) => (
                        raw.get(vstart..vstart + q).unwrap_or_default(),
                        vstart + q + 1,
                    ),
                    None => {
                        r.defect_at(
                            ErrorKind::Malformed(
                                "parameter value without its closing quote".into(),
                            ),
                            pos + i,
                            "value read to the end of the line",
                        )?;
                        (raw.get(vstart..).unwrap_or_default(), raw.len())
                    }
                }
            } else {
                let vstart = i;
                let mut j = i;
                while let Some(b) = raw.get(j) {
                    if matches!(b, b',' | b';' | b':') {
                        break;
                    }
                    j += 1;
                }
                (raw.get(vstart..j).unwrap_or_default(), j)
            };
            values.push(caret_decode(&String::from_utf8_lossy(v)));
            i = next;
            if raw.get(i) == Some(&b',') {
                i += 1;
                continue;
            }
            break;
        }
        line.params.push(Parameter {
            name: pname,
            values,
        });
        match raw.get(i) {
            Some(b';' | b':') | None => {}
            Some(_) => {
                r.defect_at(
                    ErrorKind::Malformed("characters after a quoted parameter value".into()),
                    pos + i,
                    "characters up to the next ';' or ':' ignored",
                )?;
                while let Some(b) = raw.get(i) {
                    if matches!(b, b';' | b':') {
                        break;
                    }
                    i += 1;
                }
            }
        }
    }
    if raw.get(i) != Some(&b':') {
        r.defect_at(
            ErrorKind::Malformed("content line without ':'".into()),
            pos,
            "line ignored",
        )?;
        return Ok(None);
    }
    let value = raw.get(i + 1..).unwrap_or_default();
    line.value = decode_bytes(r, value, &line, pos + i + 1)?;
    Ok(Some(line))
}

/// RFC 6868: `^n` newline, `^^` caret, `^'` double quote.
fn caret_decode(s: &str) -> String {
    if !s.contains('^') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes a quoted-printable value (RFC 2045 6.7: `=XX` octets, soft line
/// breaks already joined by the reader); `None` when an `=` is not followed
/// by two hex digits (the caller reports it).
pub fn decode_quoted_printable(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'=' {
            let hi = b.get(i + 1).and_then(|h| (*h as char).to_digit(16))?;
            let lo = b.get(i + 2).and_then(|h| (*h as char).to_digit(16))?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Some(out)
}

/// Encodes bytes as quoted-printable for a vCard 2.1 value (every byte
/// outside printable ASCII, and `=`, as `=XX`; no soft line breaks: the
/// content-line writer folds).
pub fn encode_quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if (0x20..0x7F).contains(&b) && b != b'=' {
            out.push(b as char);
        } else {
            let _ = write!(out, "={b:02X}");
        }
    }
    out
}
