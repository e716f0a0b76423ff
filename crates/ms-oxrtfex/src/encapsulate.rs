//! [MS-OXRTFEX] 2.1 Encapsulating RTF writer: HTML (2.1.3.2) and plain
//! text (2.1.3.3) into RTF that an RTF reader renders and a
//! de-encapsulating reader turns back into the same HTML or text.
//!
//! The RTF has Outlook's shape: `\ansicpg1252` with `\fromhtml1` or
//! `\fromtext` after `\rtf1`, the font and colour tables Outlook writes,
//! `\uc1`. Every character of the input is written so that
//! [`crate::deencapsulate()`] returns it unchanged: `\`, `{`, `}` escaped,
//! CR LF as `\par`, a lone CR or LF as `\'0d` / `\'0a`, tab as `\tab`,
//! U+00A0–U+00FF as `\'hh` (the same code point in windows-1252), other
//! non-ASCII characters as `\uN?` (UTF-16 units, surrogate pairs for
//! characters beyond the BMP).
//!
//! For HTML, markup (tags, comments, doctypes) and the text of `<head>`,
//! `<script>`, `<style>` and `<title>` go into `{\*\htmltagN ...}` groups
//! with the HTMLTagParameter of 2.1.3.1.4.1 (Destination and TagType
//! flags); body text stays visible RTF; line breaks inside body text and
//! character references go into HTMLTAG groups, with an RTF rendering
//! beside them marked with `\htmlrtf` (a space for a line break, the
//! character for `&amp;`, `&nbsp;` and the like, a paragraph mark after
//! block elements).

/// Outlook's RTF header up to the FROM word.
const PROLOGUE: &str = "{\\rtf1\\ansi\\ansicpg1252";

/// Outlook's font and colour tables.
const TABLES: &str = "\\deff0{\\fonttbl\r\n{\\f0\\fswiss Arial;}\r\n{\\f1\\fmodern Courier New;}\r\n{\\f2\\fnil\\fcharset2 Symbol;}\r\n{\\f3\\fmodern\\fcharset0 Courier New;}}\r\n{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n";

/// Encapsulates plain text ([MS-OXRTFEX] 2.1.3.3): `\fromtext` RTF whose
/// de-encapsulation is `text`.
///
/// ```
/// let rtf = ms_oxrtfex::encapsulate_text("Hello {world}\r\nCafé €");
/// let back = ms_oxrtfex::deencapsulate(&rtf, &msox_codec::Options::strict())?.value;
/// assert_eq!(back.kind, ms_oxrtfex::Encapsulation::Text);
/// assert_eq!(back.content, "Hello {world}\r\nCafé €");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn encapsulate_text(text: &str) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(PROLOGUE);
    w.raw("\\fromtext \\fbidis ");
    w.raw(TABLES);
    w.raw("\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 ");
    w.text(text);
    w.raw("}");
    w.out
}

/// Encapsulates HTML ([MS-OXRTFEX] 2.1.3.2): `\fromhtml1` RTF whose
/// de-encapsulation is `html`.
///
/// ```
/// let html = "<html><body><p>Fish &amp; chips</p>\r\n</body></html>";
/// let rtf = ms_oxrtfex::encapsulate_html(html);
/// assert!(rtf.starts_with(b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 "));
/// let back = ms_oxrtfex::deencapsulate(&rtf, &msox_codec::Options::strict())?;
/// assert_eq!(back.value.content, html);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn encapsulate_html(html: &str) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(PROLOGUE);
    w.raw("\\fromhtml1 \\fbidis ");
    w.raw(TABLES);
    w.raw("\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 \r\n{\\*\\htmltag64}");
    let mut dest = if contains_ignore_case(html, "<html") {
        OUTHTML
    } else {
        INBODY
    };
    for piece in HtmlPieces::new(html) {
        match piece {
            Piece::Markup(m) => {
                let info = tag_info(m);
                // Where the tag itself sits: a closing </head> is still in
                // the head, an opening <head> is in <html>.
                let here = match (info.name.as_str(), info.closing) {
                    ("html", _) => OUTHTML,
                    ("head" | "body", false) => INHTML,
                    ("head", true) => INHEAD,
                    ("body", true) => INHTML,
                    _ => dest,
                };
                let param = here | info.tag_type | if info.closing { CLOSE } else { 0 };
                w.htmltag(param, m);
                dest = match (info.name.as_str(), info.closing) {
                    ("html", false) => INHTML,
                    ("html", true) => OUTHTML,
                    ("head", false) => INHEAD,
                    ("head", true) | ("body", true) => INHTML,
                    ("body", false) => INBODY,
                    _ => dest,
                };
                if dest == INBODY && info.breaks_line() {
                    w.raw("\\htmlrtf\\par\\htmlrtf0 \r\n");
                }
            }
            Piece::RawText(t) => w.htmltag(dest, t),
            Piece::Text(t) if dest != INBODY || t.trim_ascii().is_empty() => {
                w.htmltag(dest, t);
            }
            Piece::Text(t) => w.body_text(t),
            Piece::Reference(r) if dest != INBODY => w.htmltag(dest, r),
            Piece::Reference(r) => {
                w.htmltag(INBODY, r);
                if let Some(c) = reference_char(r) {
                    w.raw("\\htmlrtf ");
                    w.text(c.encode_utf8(&mut [0; 4]));
                    w.raw("\\htmlrtf0 ");
                }
            }
        }
    }
    w.raw("}");
    w.out
}

// [MS-OXRTFEX] 2.1.3.1.4.1 HTMLTagParameter flags.
const INBODY: u16 = 0x0000;
const INHEAD: u16 = 0x0001;
const INHTML: u16 = 0x0002;
const OUTHTML: u16 = 0x0003;
const CLOSE: u16 = 0x0008;

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// `{\*\htmltagN CONTENT}`.
    fn htmltag(&mut self, param: u16, content: &str) {
        self.raw("{\\*\\htmltag");
        self.raw(&param.to_string());
        self.raw(" ");
        self.text(content);
        self.raw("}");
    }

    /// Visible body text: line breaks go into HTMLTAG groups (exact in the
    /// HTML, a space in the RTF rendering).
    fn body_text(&mut self, t: &str) {
        let mut rest = t;
        while let Some(i) = rest.find(['\r', '\n']) {
            let (before, after) = rest.split_at(i);
            self.text(before);
            let n = after
                .bytes()
                .take_while(|&b| b == b'\r' || b == b'\n')
                .count();
            let (breaks, after) = after.split_at(n);
            self.htmltag(INBODY, breaks);
            self.raw("\\htmlrtf  \\htmlrtf0 ");
            rest = after;
        }
        self.text(rest);
    }

    /// Text, escaped so the reader gets exactly `s` back.
    fn text(&mut self, s: &str) {
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => self.raw("\\\\"),
                '{' => self.raw("\\{"),
                '}' => self.raw("\\}"),
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    self.raw("\\par\r\n");
                }
                '\t' => self.raw("\\tab "),
                ' '..='~' => self.out.push(c as u8),
                '\u{00}'..='\u{1F}' | '\u{7F}' | '\u{A0}'..='\u{FF}' => {
                    self.raw(&format!("\\'{:02x}", c as u32));
                }
                _ => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        self.raw(&format!("\\u{}?", *u as i16));
                    }
                }
            }
        }
    }
}

/// One piece of an HTML document, as the encapsulating writer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    /// A tag, comment, doctype or processing instruction, `<` to `>`.
    Markup(&'a str),
    /// The content of `<script>`, `<style>`, `<title>`, `<textarea>`.
    RawText(&'a str),
    /// Character data.
    Text(&'a str),
    /// A character reference, `&...;`.
    Reference(&'a str),
}

/// Splits HTML into pieces that, concatenated, give the input back.
struct HtmlPieces<'a> {
    s: &'a str,
    pos: usize,
    /// Inside a raw-text element: its closing tag, lower case.
    raw_until: Option<&'static str>,
}

impl<'a> HtmlPieces<'a> {
    fn new(s: &'a str) -> Self {
        Self {
            s,
            pos: 0,
            raw_until: None,
        }
    }
}

impl<'a> Iterator for HtmlPieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let rest = self.s.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        if let Some(end_tag) = self.raw_until.take() {
            let n = find_ignore_case(rest, end_tag).unwrap_or(rest.len());
            if n > 0 {
                self.pos += n;
                return rest.get(..n).map(Piece::RawText);
            }
        }
        let b = rest.as_bytes();
        let (len, kind) = if rest.starts_with("<!--") {
            let n = rest
                .get(4..)
                .and_then(|r| r.find("-->"))
                .map_or(rest.len(), |i| i + 7);
            (n, 0)
        } else if b.first() == Some(&b'<')
            && matches!(b.get(1), Some(c) if c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?')
        {
            (markup_len(rest), 0)
        } else if b.first() == Some(&b'&') {
            match reference_len(rest) {
                Some(n) => (n, 1),
                None => (1 + text_len(rest.get(1..).unwrap_or_default()), 2),
            }
        } else {
            (text_len(rest).max(1), 2)
        };
        let piece = rest.get(..len)?;
        self.pos += len;
        Some(match kind {
            0 => {
                let info = tag_info(piece);
                if !info.closing {
                    self.raw_until = match info.name.as_str() {
                        "script" => Some("</script"),
                        "style" => Some("</style"),
                        "title" => Some("</title"),
                        "textarea" => Some("</textarea"),
                        _ => None,
                    };
                }
                Piece::Markup(piece)
            }
            1 => Piece::Reference(piece),
            _ => Piece::Text(piece),
        })
    }
}

/// Length of the text before the next `<` or `&`.
fn text_len(s: &str) -> usize {
    s.find(['<', '&']).unwrap_or(s.len())
}

/// Length of a tag from `<` to its `>` (quotes respected), or to the end.
fn markup_len(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// Length of a character reference (`&name;`, `&#N;`, `&#xH;`), if `s`
/// starts with one.
fn reference_len(s: &str) -> Option<usize> {
    let body = s.get(1..)?;
    let n = body
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    (n > 0 && body.as_bytes().get(n) == Some(&b';')).then_some(n + 2)
}

/// The character a reference stands for, for the RTF rendering (a few
/// common names and numeric references).
fn reference_char(r: &str) -> Option<char> {
    let name = r.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(v).filter(|c| !c.is_control());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "euro" => '\u{20AC}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

struct TagInfo {
    name: String,
    closing: bool,
    tag_type: u16,
}

impl TagInfo {
    /// Elements after which the RTF rendering starts a new line.
    fn breaks_line(&self) -> bool {
        matches!(
            (self.name.as_str(), self.closing),
            ("br", false)
                | (
                    "p" | "div"
                        | "li"
                        | "tr"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "pre"
                        | "blockquote"
                        | "table"
                        | "ul"
                        | "ol",
                    true
                )
        )
    }
}

fn tag_info(markup: &str) -> TagInfo {
    let inner = markup.strip_prefix('<').unwrap_or(markup);
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    // [MS-OXRTFEX] 2.1.3.1.4.1 TagType; 0x60 for <div> and 0xF0 for other
    // elements, comments and doctypes, as Outlook writes them.
    let tag_type = match name.as_str() {
        "html" => 0x10,
        "head" => 0x20,
        "body" => 0x30,
        "p" => 0x40,
        "div" => 0x60,
        "br" => 0x70,
        "pre" => 0x80,
        "font" => 0x90,
        _ => 0xF0,
    };
    TagInfo {
        name,
        closing,
        tag_type,
    }
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    find_ignore_case(hay, needle).is_some()
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_concatenate_to_the_input() {
        let html = "<!DOCTYPE html><html><head><style>p{x:1}<b></style><title>a&b</title></head>\r\n<body a='>'>x &amp; y &bogus < 3<!-- c --><script>if(a<b){}</script>&#169;</body></html>";
        let joined: String = HtmlPieces::new(html)
            .map(|p| match p {
                Piece::Markup(s) | Piece::RawText(s) | Piece::Text(s) | Piece::Reference(s) => s,
            })
            .collect();
        assert_eq!(joined, html);
        let raw: Vec<_> = HtmlPieces::new(html)
            .filter_map(|p| match p {
                Piece::RawText(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(raw, ["p{x:1}<b>", "a&b", "if(a<b){}"]);
    }

    #[test]
    fn tag_parameters_follow_the_flags() {
        let rtf = String::from_utf8(encapsulate_html(
            "<html><head><meta x></head><body><p>a</p><div>b</div><br></body></html>",
        ))
        .unwrap();
        for want in [
            "\\htmltag19 <html>",
            "\\htmltag34 <head>",
            "\\htmltag241 <meta x>",
            "\\htmltag41 </head>",
            "\\htmltag50 <body>",
            "\\htmltag64 <p>",
            "\\htmltag72 </p>",
            "\\htmltag96 <div>",
            "\\htmltag104 </div>",
            "\\htmltag112 <br>",
            "\\htmltag58 </body>",
            "\\htmltag27 </html>",
        ] {
            assert!(rtf.contains(want), "{want} missing in {rtf}");
        }
    }
}
