//! Header field values: unfolding (RFC 5322 section 2.2.3), encoded words
//! (RFC 2047), parameters (RFC 2045, RFC 2231), addresses (RFC 5322
//! section 3.4, with the obsolete forms of section 4.4), dates (section
//! 3.3 and 4.3) and message identifiers (section 3.6.4).
//!
//! The functions read leniently and say whether they had to repair
//! something (the caller records a defect at the field's offset).

use std::borrow::Cow;

use ms_dtyp::FileTime;

use super::charset;

/// Removes folding: a line break followed by white space becomes the
/// white space alone (RFC 5322 section 2.2.3).
pub fn unfold(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.iter().any(|&b| b == b'\n' || b == b'\r') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&c) = raw.get(i) {
        match c {
            b'\r' | b'\n' => {}
            _ => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// Text with raw 8-bit bytes: UTF-8 when valid (RFC 6532), else in the
/// fallback charset; `true` when the bytes were not UTF-8.
pub fn raw_text<'b>(bytes: &'b [u8], fallback: Option<&str>) -> (Cow<'b, str>, bool) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), false);
    }
    let enc = fallback
        .and_then(charset::encoding_for_label)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (t, _) = charset::decode_with(bytes, enc);
    (t, true)
}

/// One RFC 2047 encoded word at the start of `s`: (decoded bytes, charset,
/// length of the word), or `None` when `s` does not start with one.
fn encoded_word(s: &[u8]) -> Option<(Vec<u8>, &str, usize)> {
    let rest = s.strip_prefix(b"=?")?;
    let q1 = rest.iter().position(|&b| b == b'?')?;
    let cs = std::str::from_utf8(rest.get(..q1)?).ok()?;
    if cs.is_empty() || cs.bytes().any(|b| b <= b' ' || b >= 0x7F) {
        return None;
    }
    let enc = *rest.get(q1 + 1)?;
    if rest.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let text_start = q1 + 3;
    let body = rest.get(text_start..)?;
    let end = body.windows(2).position(|w| w == b"?=")?;
    let text = body.get(..end)?;
    if text.iter().any(|&b| b == b' ' || b == b'\t') {
        // white space inside: read on anyway (lenient), as many readers do
    }
    let decoded = match enc {
        b'B' | b'b' => super::transfer::decode_base64(text).0,
        b'Q' | b'q' => {
            let mut out = Vec::with_capacity(text.len());
            let mut i = 0;
            while let Some(&c) = text.get(i) {
                match c {
                    b'_' => out.push(b' '),
                    b'=' => {
                        let h = text.get(i + 1).copied().and_then(hex);
                        let l = text.get(i + 2).copied().and_then(hex);
                        if let (Some(h), Some(l)) = (h, l) {
                            out.push(h << 4 | l);
                            i += 2;
                        } else {
                            out.push(b'=');
                        }
                    }
                    _ => out.push(c),
                }
                i += 1;
            }
            out
        }
        _ => return None,
    };
    Some((decoded, cs, 2 + text_start + end + 2))
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// Decodes RFC 2047 encoded words in (unfolded) text: white space between
/// adjacent encoded words is dropped, adjacent words in one charset are
/// joined before decoding (so a character split over two words survives),
/// and words are recognised inside other text too (lenient). Raw 8-bit
/// bytes are read as UTF-8, else in `fallback`. Returns the text and
/// whether something had to be repaired.
pub fn decode_words(raw: &[u8], fallback: Option<&str>) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut repaired = false;
    let mut pending: Vec<u8> = Vec::new();
    let mut pending_cs = String::new();
    let mut plain_start = 0;
    let mut prev_word_end: Option<usize> = None;
    let mut i = 0;
    let flush = |out: &mut String, pending: &mut Vec<u8>, cs: &str, repaired: &mut bool| {
        if pending.is_empty() {
            return;
        }
        let (t, unknown, bad) = charset::decode_label(pending, Some(cs));
        *repaired |= unknown | bad;
        out.push_str(&t);
        pending.clear();
    };
    while i < raw.len() {
        let rest = raw.get(i..).unwrap_or_default();
        if rest.starts_with(b"=?")
            && let Some((bytes, cs, len)) = encoded_word(rest)
        {
            let between = raw.get(plain_start..i).unwrap_or_default();
            let adjacent = prev_word_end == Some(plain_start)
                && between.iter().all(|b| matches!(b, b' ' | b'\t'));
            if !adjacent {
                flush(&mut out, &mut pending, &pending_cs, &mut repaired);
                let (t, bad) = raw_text(between, fallback);
                repaired |= bad;
                out.push_str(&t);
            } else if !pending_cs.eq_ignore_ascii_case(cs) {
                flush(&mut out, &mut pending, &pending_cs, &mut repaired);
            }
            pending_cs = cs.to_string();
            pending.extend_from_slice(&bytes);
            i += len;
            plain_start = i;
            prev_word_end = Some(i);
            continue;
        }
        i += 1;
    }
    flush(&mut out, &mut pending, &pending_cs, &mut repaired);
    let (t, bad) = raw_text(raw.get(plain_start..).unwrap_or_default(), fallback);
    repaired |= bad;
    out.push_str(&t);
    (out, repaired)
}

/// An unstructured header value (Subject, Thread-Topic...): unfolded,
/// encoded words decoded, leading white space trimmed.
pub fn unstructured(raw: &[u8], fallback: Option<&str>) -> (String, bool) {
    let unfolded = unfold(raw);
    let (s, bad) = decode_words(&unfolded, fallback);
    (s.trim().to_string(), bad)
}

// ---- tokens -----------------------------------------------------------------

/// A tokenizer over structured header values (RFC 5322 section 3.2).
struct Lexer<'b> {
    s: &'b [u8],
    i: usize,
    repaired: bool,
}

impl<'b> Lexer<'b> {
    fn new(s: &'b [u8]) -> Self {
        Lexer {
            s,
            i: 0,
            repaired: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    /// Skips white space and comments; returns the text of the last
    /// comment skipped (for `addr (Name)`).
    fn skip_cfws(&mut self) -> Option<Vec<u8>> {
        let mut comment = None;
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.i += 1,
                Some(b'(') => comment = Some(self.comment()),
                _ => return comment,
            }
        }
    }

    fn comment(&mut self) -> Vec<u8> {
        // at '(' ; nesting counted, no recursion
        let mut depth = 0usize;
        let mut text = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'(' => {
                    if depth > 0 {
                        text.push(c);
                    }
                    depth += 1;
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return text;
                    }
                    text.push(c);
                }
                b'\\' => {
                    if let Some(n) = self.peek() {
                        text.push(n);
                        self.i += 1;
                    }
                }
                _ => text.push(c),
            }
        }
        self.repaired = true; // unterminated comment
        text
    }

    /// A quoted string at '"'; its content without quotes and escapes.
    fn quoted(&mut self) -> Vec<u8> {
        self.i += 1;
        let mut text = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'"' => return text,
                b'\\' => {
                    if let Some(n) = self.peek() {
                        text.push(n);
                        self.i += 1;
                    }
                }
                b'\r' | b'\n' => {}
                _ => text.push(c),
            }
        }
        self.repaired = true; // unterminated quoted string
        text
    }

    /// An atom-like run up to one of `stops` or white space.
    fn run(&mut self, stops: &[u8]) -> &'b [u8] {
        let start = self.i;
        while let Some(c) = self.peek() {
            if stops.contains(&c) || matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'(' | b'"') {
                break;
            }
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }
}

// ---- parameters ---------------------------------------------------------------

/// A parsed Content-Type or Content-Disposition value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ParamValue {
    /// The value before the parameters, lower-cased (`text/plain`,
    /// `attachment`).
    pub value: String,
    /// The parameters, names lower-cased, values decoded (RFC 2231
    /// continuations joined and charsets applied; RFC 2047 words in quoted
    /// values decoded too, as many writers put them there).
    pub params: Vec<(String, String)>,
}

impl ParamValue {
    /// The parameter called `name` (lower case).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The top-level media type (`text` of `text/plain`).
    pub fn main_type(&self) -> &str {
        self.value.split('/').next().unwrap_or("")
    }

    /// The subtype (`plain` of `text/plain`).
    pub fn sub_type(&self) -> &str {
        self.value.split_once('/').map_or("", |(_, s)| s)
    }
}

fn pct_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if c == b'%'
            && let (Some(h), Some(l)) = (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Parses `value; name=value; name*=charset'lang'pct; name*0=...` (RFC 2045
/// section 5.1, RFC 2231). Returns the value and whether something was
/// repaired.
pub fn parse_params(raw: &[u8], fallback: Option<&str>) -> (ParamValue, bool) {
    let unfolded = unfold(raw);
    let mut lx = Lexer::new(&unfolded);
    lx.skip_cfws();
    let head = lx.run(b";");
    let mut head = String::from_utf8_lossy(head).trim().to_ascii_lowercase();
    lx.skip_cfws();
    // `text / plain` with spaces, seen in the wild
    while let Some(c) = lx.peek() {
        if c == b';' {
            break;
        }
        let more = lx.run(b";");
        if more.is_empty() {
            lx.i += 1;
        } else {
            head.push_str(&String::from_utf8_lossy(more).to_ascii_lowercase());
        }
        lx.skip_cfws();
    }
    // name -> (section, extended, raw value)
    let mut raw_params: Vec<(String, Option<u32>, bool, Vec<u8>)> = Vec::new();
    while lx.peek() == Some(b';') {
        lx.i += 1;
        lx.skip_cfws();
        if lx.at_end() {
            break;
        }
        let name = String::from_utf8_lossy(lx.run(b"=;")).to_ascii_lowercase();
        lx.skip_cfws();
        if lx.peek() != Some(b'=') {
            if !name.is_empty() {
                lx.repaired = true; // a parameter without a value
            }
            // skip to the next ';'
            while !matches!(lx.peek(), None | Some(b';')) {
                lx.i += 1;
            }
            continue;
        }
        lx.i += 1;
        lx.skip_cfws();
        let value = if lx.peek() == Some(b'"') {
            lx.quoted()
        } else {
            let v = lx.run(b";").to_vec();
            // an unquoted value with spaces (broken writers): take up to ';'
            let mut v = v;
            while !matches!(lx.peek(), None | Some(b';')) {
                let save = lx.i;
                lx.skip_cfws();
                let more = lx.run(b";");
                if more.is_empty() && lx.i == save {
                    lx.i += 1;
                    continue;
                }
                if !more.is_empty() {
                    lx.repaired = true;
                    v.push(b' ');
                    v.extend_from_slice(more);
                }
            }
            v
        };
        lx.skip_cfws();
        let (base, section, extended) = split_param_name(&name);
        raw_params.push((base, section, extended, value));
    }
    let mut repaired = lx.repaired;
    // assemble continuations in order of first appearance
    let mut params: Vec<(String, String)> = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    for (name, _, _, _) in &raw_params {
        if done.contains(&name.as_str()) {
            continue;
        }
        done.push(name);
        let mut pieces: Vec<&(String, Option<u32>, bool, Vec<u8>)> =
            raw_params.iter().filter(|p| &p.0 == name).collect();
        let has_sections = pieces.iter().any(|p| p.1.is_some());
        let value = if has_sections {
            pieces.retain(|p| p.1.is_some());
            pieces.sort_by_key(|p| p.1);
            let mut cs: Option<String> = None;
            let mut bytes = Vec::new();
            for (k, p) in pieces.iter().enumerate() {
                if p.2 {
                    let v = if k == 0 {
                        let (c, rest) = split_2231_charset(&p.3);
                        cs = c;
                        rest
                    } else {
                        &p.3[..]
                    };
                    bytes.extend_from_slice(&pct_decode(v));
                } else {
                    bytes.extend_from_slice(&p.3);
                }
            }
            let (t, unknown, bad) = charset::decode_label(&bytes, cs.as_deref().or(fallback));
            repaired |= unknown | bad;
            t.into_owned()
        } else {
            // prefer the extended form when both are given
            let p = pieces
                .iter()
                .find(|p| p.2)
                .or_else(|| pieces.first())
                .copied();
            match p {
                Some(p) if p.2 => {
                    let (cs, rest) = split_2231_charset(&p.3);
                    let bytes = pct_decode(rest);
                    let (t, unknown, bad) =
                        charset::decode_label(&bytes, cs.as_deref().or(fallback));
                    repaired |= unknown | bad;
                    t.into_owned()
                }
                Some(p) => {
                    let (t, bad) = decode_words(&p.3, fallback);
                    repaired |= bad;
                    t
                }
                None => String::new(),
            }
        };
        params.push((name.clone(), value));
    }
    (
        ParamValue {
            value: head,
            params,
        },
        repaired,
    )
}

fn split_param_name(name: &str) -> (String, Option<u32>, bool) {
    let (n, extended) = match name.strip_suffix('*') {
        Some(n) => (n, true),
        None => (name, false),
    };
    if let Some((base, sec)) = n.rsplit_once('*')
        && let Ok(k) = sec.parse::<u32>()
    {
        return (base.to_string(), Some(k), extended);
    }
    (n.to_string(), None, extended)
}

fn split_2231_charset(v: &[u8]) -> (Option<String>, &[u8]) {
    let mut it = v.splitn(3, |&b| b == b'\'');
    match (it.next(), it.next(), it.next()) {
        (Some(cs), Some(_lang), Some(rest)) => {
            let cs = String::from_utf8_lossy(cs).into_owned();
            ((!cs.is_empty()).then_some(cs), rest)
        }
        _ => (None, v),
    }
}

// ---- addresses ----------------------------------------------------------------

/// One mailbox of an address header (RFC 5322 section 3.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mailbox {
    /// The display name, decoded (empty when none).
    pub name: String,
    /// The address (`local@domain`), as written.
    pub address: String,
}

/// Parses an address list (mailboxes and groups; groups are flattened).
/// Lenient: `addr (Name)`, missing commas between angle addresses,
/// unbalanced quotes, encoded words inside quoted names, bare names
/// without an address (kept with an empty address). Returns the mailboxes
/// and whether something was repaired.
pub fn parse_addresses(raw: &[u8], fallback: Option<&str>) -> (Vec<Mailbox>, bool) {
    let unfolded = unfold(raw);
    let mut lx = Lexer::new(&unfolded);
    let mut out = Vec::new();
    let mut repaired = false;
    // phrase words collected for the current mailbox
    let mut phrase: Vec<u8> = Vec::new();
    let mut bare: Vec<u8> = Vec::new(); // an addr-spec without angle brackets
    let mut comment: Option<Vec<u8>> = None;
    let mut angle: Option<Vec<u8>> = None;
    let finish = |phrase: &mut Vec<u8>,
                  bare: &mut Vec<u8>,
                  angle: &mut Option<Vec<u8>>,
                  comment: &mut Option<Vec<u8>>,
                  out: &mut Vec<Mailbox>,
                  repaired: &mut bool| {
        let (addr, name_bytes) = match angle.take() {
            Some(a) => {
                let mut name = std::mem::take(phrase);
                if !bare.is_empty() {
                    if !name.is_empty() {
                        name.push(b' ');
                    }
                    name.extend_from_slice(bare);
                }
                (a, name)
            }
            None => {
                if bare.contains(&b'@') || phrase.is_empty() {
                    let name = comment.take().unwrap_or_else(|| std::mem::take(phrase));
                    (std::mem::take(bare), name)
                } else {
                    // words without an address
                    *repaired = true;
                    let mut name = std::mem::take(phrase);
                    if !bare.is_empty() {
                        if !name.is_empty() {
                            name.push(b' ');
                        }
                        name.extend_from_slice(bare);
                    }
                    (Vec::new(), name)
                }
            }
        };
        bare.clear();
        phrase.clear();
        *comment = None;
        let (name, bad) = decode_words(&name_bytes, fallback);
        *repaired |= bad;
        let (address, bad) = raw_text(&addr, fallback);
        *repaired |= bad;
        let address = address.trim().to_string();
        let name = name.trim().to_string();
        if !address.is_empty() || !name.is_empty() {
            out.push(Mailbox { name, address });
        }
    };
    loop {
        if let Some(c) = lx.skip_cfws() {
            comment = Some(c);
        }
        match lx.peek() {
            None => {
                finish(
                    &mut phrase,
                    &mut bare,
                    &mut angle,
                    &mut comment,
                    &mut out,
                    &mut repaired,
                );
                break;
            }
            Some(b',') | Some(b';') => {
                lx.i += 1;
                finish(
                    &mut phrase,
                    &mut bare,
                    &mut angle,
                    &mut comment,
                    &mut out,
                    &mut repaired,
                );
            }
            Some(b':') => {
                // group name: drop the phrase
                lx.i += 1;
                phrase.clear();
                bare.clear();
            }
            Some(b'<') => {
                if angle.is_some() {
                    // a second angle address without a comma between
                    repaired = true;
                    finish(
                        &mut phrase,
                        &mut bare,
                        &mut angle,
                        &mut comment,
                        &mut out,
                        &mut repaired,
                    );
                }
                lx.i += 1;
                let start = lx.i;
                while !matches!(lx.peek(), None | Some(b'>')) {
                    lx.i += 1;
                }
                let mut a = lx.s.get(start..lx.i).unwrap_or_default().to_vec();
                if lx.peek() == Some(b'>') {
                    lx.i += 1;
                } else {
                    repaired = true;
                }
                // obsolete route: <@a,@b:user@host>
                if a.first() == Some(&b'@')
                    && let Some(p) = a.iter().position(|&b| b == b':')
                {
                    a.drain(..=p);
                }
                // a quoted local part: "a b"@domain -> a b@domain
                let quoted_end = (a.first() == Some(&b'"'))
                    .then(|| a.iter().skip(1).position(|&b| b == b'"'))
                    .flatten();
                if let Some(q) = quoted_end {
                    let local: Vec<u8> = a
                        .get(1..=q)
                        .unwrap_or_default()
                        .iter()
                        .copied()
                        .filter(|&b| b != b'\\')
                        .collect();
                    let mut rest = a.get(q + 2..).unwrap_or_default().to_vec();
                    rest.retain(|b| !matches!(b, b' ' | b'\t'));
                    a = local;
                    a.extend_from_slice(&rest);
                } else if a.contains(&b'@') {
                    a.retain(|b| !matches!(b, b' ' | b'\t'));
                }
                // `<x@y;>`: list punctuation caught inside the brackets
                while matches!(a.last(), Some(b';' | b',')) {
                    repaired = true;
                    a.pop();
                }
                angle = Some(a);
            }
            Some(b'"') => {
                let q = lx.quoted();
                if lx.peek() == Some(b'@') && angle.is_none() {
                    // a quoted local part: `"a b"@domain`
                    if !bare.is_empty() {
                        if !phrase.is_empty() {
                            phrase.push(b' ');
                        }
                        phrase.extend_from_slice(&bare);
                    }
                    bare = q;
                } else {
                    if !phrase.is_empty() {
                        phrase.push(b' ');
                    }
                    phrase.extend_from_slice(&q);
                }
            }
            Some(b'>') => {
                lx.i += 1;
                repaired = true;
            }
            Some(_) => {
                let w = lx.run(b",;:<>").to_vec();
                if w.is_empty() {
                    lx.i += 1;
                    continue;
                }
                if angle.is_some() {
                    // words after <addr>: part of a broken name
                    repaired = true;
                    if !phrase.is_empty() {
                        phrase.push(b' ');
                    }
                    phrase.extend_from_slice(&w);
                } else if w.contains(&b'@') || bare.ends_with(b"@") {
                    bare.extend_from_slice(&w);
                } else {
                    if !bare.is_empty() {
                        if !phrase.is_empty() {
                            phrase.push(b' ');
                        }
                        phrase.extend_from_slice(&bare);
                    }
                    bare = w;
                }
            }
        }
    }
    repaired |= lx.repaired;
    (out, repaired)
}

/// Message identifiers (`<a@b> <c@d>`), with their angle brackets.
pub fn parse_msg_ids(raw: &[u8]) -> Vec<String> {
    let unfolded = unfold(raw);
    let s = String::from_utf8_lossy(&unfolded);
    let mut out = Vec::new();
    let mut rest = s.as_ref();
    while let Some(a) = rest.find('<') {
        let Some(b) = rest.get(a..).and_then(|r| r.find('>')) else {
            break;
        };
        if let Some(id) = rest.get(a..=a + b) {
            let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
            out.push(id);
        }
        rest = rest.get(a + b + 1..).unwrap_or("");
    }
    if out.is_empty() {
        let t = s.trim();
        if !t.is_empty() {
            out.extend(t.split_whitespace().map(str::to_string));
        }
    }
    out
}

// ---- dates --------------------------------------------------------------------

fn month_number(m: &str) -> Option<u8> {
    let m = m.get(..3)?.to_ascii_lowercase();
    Some(match m.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn zone_minutes(z: &str) -> Option<i64> {
    let z = z.trim_matches(|c| c == '(' || c == ')');
    if let Some(sign) = z.chars().next().filter(|c| *c == '+' || *c == '-') {
        let digits = z.get(1..)?;
        if digits.len() < 3 || !digits.bytes().take(4).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: i64 = digits.get(..4).unwrap_or(digits).parse().ok()?;
        let m = d / 100 * 60 + d % 100;
        return Some(if sign == '-' { -m } else { m });
    }
    Some(match z.to_ascii_uppercase().as_str() {
        "UT" | "UTC" | "GMT" | "Z" => 0,
        "EST" => -5 * 60,
        "EDT" => -4 * 60,
        "CST" => -6 * 60,
        "CDT" => -5 * 60,
        "MST" => -7 * 60,
        "MDT" => -6 * 60,
        "PST" => -8 * 60,
        "PDT" => -7 * 60,
        _ => return None,
    })
}

/// Parses an RFC 5322 date-time (with the obsolete forms: two-digit
/// years, named zones, missing day of week or seconds, extra comments) to
/// a FILETIME in UTC. `None` when it cannot be read.
pub fn parse_date(raw: &[u8]) -> Option<FileTime> {
    let unfolded = unfold(raw);
    let s = String::from_utf8_lossy(&unfolded);
    let mut toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    // drop a day-of-week
    if toks
        .first()
        .is_some_and(|t| t.chars().all(char::is_alphabetic) && month_number(t).is_none())
    {
        toks.remove(0);
    }
    let mut it = toks.into_iter();
    let a = it.next()?;
    let b = it.next()?;
    // "17 May 2000" or "May 17 2000"
    let (day, month) = match (a.parse::<u8>(), month_number(b)) {
        (Ok(d), Some(m)) => (d, m),
        _ => (b.parse::<u8>().ok()?, month_number(a)?),
    };
    let mut year: i64 = it.next()?.parse().ok()?;
    if year < 50 {
        year += 2000;
    } else if year < 1000 {
        year += 1900;
    }
    let time = it.next().unwrap_or("00:00:00");
    let mut tp = time.split(':');
    let hour: u8 = tp.next()?.parse().ok()?;
    let minute: u8 = tp.next().unwrap_or("0").parse().ok()?;
    let second: u8 = tp
        .next()
        .map(|s| s.split('.').next().unwrap_or("0"))
        .unwrap_or("0")
        .parse()
        .ok()?;
    let zone = it.next().and_then(zone_minutes).unwrap_or(0);
    let second = second.min(59); // a leap second
    let local = FileTime::from_utc(year, month, day, hour, minute, second, 0)?;
    let shifted = i128::from(local.0) - i128::from(zone) * 60 * 10_000_000;
    u64::try_from(shifted).ok().map(FileTime)
}

/// Formats a FILETIME as an RFC 5322 date-time in UTC
/// (`Wed, 17 May 2000 23:36:13 +0000`).
pub fn format_date(t: FileTime) -> String {
    let (y, mo, d, h, mi, s, _) = t.to_utc();
    let days = ms_dtyp::filetime::days_from_civil(y, mo, d);
    // 1970-01-01 was a Thursday
    let dow = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        .get(days.rem_euclid(7) as usize)
        .copied()
        .unwrap_or("Mon");
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .get(usize::from(mo.saturating_sub(1)))
    .copied()
    .unwrap_or("Jan");
    format!("{dow}, {d} {mon} {y:04} {h:02}:{mi:02}:{s:02} +0000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_join_and_decode() {
        let (s, bad) = decode_words(b"=?utf-8?B?R3LDvA==?= =?utf-8?Q?=C3=9Fe?= and more", None);
        assert_eq!(s, "Grüße and more");
        assert!(!bad);
        let (s, _) = decode_words(b"Re: =?ISO-8859-1?Q?Caf=E9?=", None);
        assert_eq!(s, "Re: Café");
        // a character split across two words
        let (s, _) = decode_words(b"=?utf-8?B?w6k=?= =?utf-8?B?4oKs?=", None);
        assert_eq!(s, "é€");
    }

    #[test]
    fn params_rfc2231_and_quoted() {
        let (p, _) = parse_params(
            b"attachment; filename*0*=utf-8''na%C3%AF; filename*1=\"ve.txt\"; size=3",
            None,
        );
        assert_eq!(p.value, "attachment");
        assert_eq!(p.param("filename"), Some("naïve.txt"));
        assert_eq!(p.param("size"), Some("3"));
        let (p, _) = parse_params(b"multipart/mixed;\r\n boundary=\"----=_X\"", None);
        assert_eq!(p.value, "multipart/mixed");
        assert_eq!(p.param("boundary"), Some("----=_X"));
        let (p, _) = parse_params(b"text/plain; name=\"=?utf-8?B?w6kudHh0?=\"", None);
        assert_eq!(p.param("name"), Some("é.txt"));
    }

    #[test]
    fn addresses_common_and_odd_forms() {
        let (a, bad) = parse_addresses(
            b"\"Doe, John\" <john@example.com>, jane@example.com (Jane D), Team: a@b.c, d@e.f;",
            None,
        );
        assert!(!bad);
        assert_eq!(a.len(), 4);
        assert_eq!(a[0].name, "Doe, John");
        assert_eq!(a[0].address, "john@example.com");
        assert_eq!(a[1].name, "Jane D");
        assert_eq!(a[2].address, "a@b.c");
        let (a, _) = parse_addresses(b"=?utf-8?Q?J=C3=B6rg?= <j@x.de>", None);
        assert_eq!(a[0].name, "Jörg");
    }

    #[test]
    fn dates_with_zones_and_obsolete_forms() {
        let t = parse_date(b"Wed, 17 May 2000 19:36:13 -0400").unwrap();
        assert_eq!(format_date(t), "Wed, 17 May 2000 23:36:13 +0000");
        let t = parse_date(b"17 May 00 19:36 EDT").unwrap();
        assert_eq!(format_date(t), "Wed, 17 May 2000 23:36:00 +0000");
        assert!(parse_date(b"garbage").is_none());
    }
}
