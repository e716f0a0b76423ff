//! An RTF tokenizer ([MSFT-RTF] syntax: groups, control words, control
//! symbols, text), built from nom combinators.
//!
//! It is flat (groups are tokens, not recursion), takes each byte once and
//! never fails: bytes that do not form a valid token are reported as
//! [`Token::Invalid`] and skipped, so the caller decides what a defect
//! means. Raw CR and LF bytes are not text in RTF and are dropped; a
//! backslash before CR or LF is `\par`, as [MSFT-RTF] says.

use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take, take_while, take_while_m_n, take_while1};
use nom::combinator::{map, opt, recognize};
use nom::sequence::{pair, preceded};

/// One RTF token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `{`
    GroupStart,
    /// `}`
    GroupEnd,
    /// `\name` or `\nameN` (the delimiting space, if any, is part of it).
    ControlWord {
        /// The letters.
        name: &'a [u8],
        /// The numeric parameter, saturated to the `i32` range.
        param: Option<i32>,
    },
    /// `\x` for a non-letter `x` other than `'` (`\*`, `\~`, `\_`, `\-`,
    /// `\{`, `\}`, `\\`, ...). A backslash before CR or LF is `\par`
    /// and comes out as a [`Token::ControlWord`].
    ControlSymbol(u8),
    /// `\'hh`: one byte in the current code page.
    HexByte(u8),
    /// Plain text: a run of bytes other than `\`, `{`, `}`, CR and LF.
    Text(&'a [u8]),
    /// The data of `\binN` (N bytes, or fewer when the input ends first).
    Binary(&'a [u8]),
    /// Bytes that are not a valid token: `\'` without two hex digits, a
    /// backslash at the end of the input.
    Invalid(&'a [u8]),
}

type PResult<'a, T> = IResult<&'a [u8], T, ()>;

fn is_text_byte(b: u8) -> bool {
    !matches!(b, b'\\' | b'{' | b'}' | b'\r' | b'\n')
}

fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// Parses the digits of a parameter, saturating at the `i32` range.
fn parse_param(sign: Option<&[u8]>, digits: &[u8]) -> i32 {
    let mut v: i64 = 0;
    for &d in digits {
        v = (v * 10 + i64::from(d - b'0')).min(i64::from(i32::MAX) + 1);
    }
    if sign.is_some() { -v } else { v }.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

fn control_word(input: &[u8]) -> PResult<'_, Token<'_>> {
    let (rest, (name, param)) = preceded(
        tag(&b"\\"[..]),
        pair(
            take_while1(|b: u8| b.is_ascii_alphabetic()),
            opt(pair(
                opt(tag(&b"-"[..])),
                take_while1(|b: u8| b.is_ascii_digit()),
            )),
        ),
    )
    .parse(input)?;
    // A space delimiter belongs to the control word.
    let (rest, _) = opt(tag(&b" "[..])).parse(rest)?;
    let param = param.map(|(sign, digits)| parse_param(sign, digits));
    Ok((rest, Token::ControlWord { name, param }))
}

fn hex_byte(input: &[u8]) -> PResult<'_, Token<'_>> {
    map(
        preceded(
            tag(&b"\\'"[..]),
            take_while_m_n(2, 2, |b: u8| b.is_ascii_hexdigit()),
        ),
        |h: &[u8]| match h {
            [a, b] => Token::HexByte(hex_value(*a) << 4 | hex_value(*b)),
            _ => Token::HexByte(0),
        },
    )
    .parse(input)
}

fn control_symbol(input: &[u8]) -> PResult<'_, Token<'_>> {
    let (rest, sym) = preceded(tag(&b"\\"[..]), take(1usize)).parse(input)?;
    let b = sym.first().copied().unwrap_or(0);
    if b == b'\'' || b.is_ascii_alphabetic() {
        // `\'` without two hex digits: not a symbol (a letter is a control word).
        return Err(nom::Err::Error(()));
    }
    if b == b'\r' || b == b'\n' {
        return Ok((
            rest,
            Token::ControlWord {
                name: b"par",
                param: None,
            },
        ));
    }
    Ok((rest, Token::ControlSymbol(b)))
}

fn group(input: &[u8]) -> PResult<'_, Token<'_>> {
    alt((
        map(tag(&b"{"[..]), |_| Token::GroupStart),
        map(tag(&b"}"[..]), |_| Token::GroupEnd),
    ))
    .parse(input)
}

fn text(input: &[u8]) -> PResult<'_, Token<'_>> {
    map(take_while1(is_text_byte), Token::Text).parse(input)
}

fn invalid(input: &[u8]) -> PResult<'_, Token<'_>> {
    // `\'` and whatever hex digits follow it, or a lone trailing backslash.
    map(
        recognize(pair(
            tag(&b"\\"[..]),
            opt(pair(
                tag(&b"'"[..]),
                take_while_m_n(0, 1, |b: u8| b.is_ascii_hexdigit()),
            )),
        )),
        Token::Invalid,
    )
    .parse(input)
}

fn line_ends(input: &[u8]) -> PResult<'_, &[u8]> {
    take_while(|b| b == b'\r' || b == b'\n').parse(input)
}

/// The next token of `input` (which does not start with CR or LF) and the
/// rest; `\binN` is a control word here. `None` on empty input.
fn raw_token(input: &[u8]) -> Option<(Token<'_>, &[u8])> {
    if input.is_empty() {
        return None;
    }
    match alt((group, text, control_word, hex_byte, control_symbol, invalid)).parse(input) {
        Ok((rest, t)) => Some((t, rest)),
        // Unreachable in practice (`invalid` accepts any backslash, the
        // others every other byte); consume one byte to guarantee progress.
        Err(_) => {
            let (bad, rest) = input.split_at(1);
            Some((Token::Invalid(bad), rest))
        }
    }
}

/// The byte count of `\binN`'s data (0 for a negative or missing N).
fn bin_len(param: Option<i32>) -> usize {
    usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(0)
}

/// The next token of `input` and the rest, skipping raw CR/LF first;
/// `None` at the end of the input. Never fails on any input.
pub fn next_token(input: &[u8]) -> Option<(Token<'_>, &[u8])> {
    let (input, _) = line_ends(input).ok()?;
    match raw_token(input)? {
        (
            Token::ControlWord {
                name: b"bin",
                param,
            },
            rest,
        ) => {
            // \binN: N bytes of binary data follow the (space-delimited) word.
            let n = bin_len(param).min(rest.len());
            let (data, rest2) = rest.split_at(n);
            Some((Token::Binary(data), rest2))
        }
        t => Some(t),
    }
}

/// The most bytes a token carried over from one piece to the next may
/// take before it is shortened (see [`Lexer`]).
const CARRY_MAX: usize = 64;

/// Letters of a control word name kept when a carried word is shortened:
/// one more than the longest name the reader knows, so a shortened name
/// matches none, as the whole one would not.
const NAME_KEPT: usize = 33;

/// What the lexer's consumer says after a token.
pub(crate) enum Flow {
    /// Go on.
    Go,
    /// Stop: the consumer wants no more tokens.
    Stop,
}

/// The tokenizer for input that arrives in pieces: it hands out the same
/// tokens, at the same offsets, as [`Tokens`] over the whole input,
/// whatever the split, keeping only a bounded carry-over between pieces.
///
/// - A token is handed out once no later byte can change it: text at once
///   (a run of text split by a piece boundary comes out as two
///   [`Token::Text`], the second marked as continuing the first); a
///   control word once two more bytes follow it (`\ab-` might still be
///   `\ab-1`); `\`, `\'`, `\'h` once a byte follows. What is not yet
///   complete is carried over (at most [`CARRY_MAX`] bytes: a longer
///   control word keeps [`NAME_KEPT`] letters of its name, which then
///   matches no known word as the whole name would not, and its
///   parameter's value with the sign, which the tokenizer saturates
///   the same way).
/// - `\binN` comes out as one [`Token::Binary`] (with the data that is in
///   the piece) and its data is skipped as it arrives, not buffered.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexer {
    /// The bytes of an incomplete token (and what follows it).
    carry: Vec<u8>,
    /// The offset of `carry[0]`.
    carry_at: usize,
    /// Bytes the shortening of the carried token removed (offsets after
    /// the token count them).
    shift: usize,
    /// Offset just past the input taken so far.
    end: usize,
    /// Bytes of `\binN` data still to skip.
    bin_left: usize,
    /// The last token was text that reached the end of its piece.
    text_open: bool,
}

impl Lexer {
    /// Tokenizes the next `piece` (`last`: the input ends with it), handing
    /// each complete token to `f` with its offset and, for text, whether it
    /// continues the text token before it. Returns `false` if `f` stopped.
    pub(crate) fn feed<E>(
        &mut self,
        mut piece: &[u8],
        last: bool,
        f: &mut impl FnMut(usize, Token<'_>, bool) -> Result<Flow, E>,
    ) -> Result<bool, E> {
        self.end = self.end.saturating_add(piece.len());
        loop {
            if self.bin_left > 0 {
                let n = self.bin_left.min(piece.len());
                piece = piece.get(n..).unwrap_or_default();
                self.bin_left -= n;
                self.text_open = false;
                if self.bin_left > 0 {
                    return Ok(true);
                }
            }
            if self.carry.is_empty() {
                break;
            }
            // Complete the carried token one byte at a time (it is short).
            match piece.split_first() {
                Some((&b, rest)) => {
                    self.carry.push(b);
                    piece = rest;
                }
                None if !last => return Ok(true),
                None => {}
            }
            let fin = last && piece.is_empty();
            let buf = std::mem::take(&mut self.carry);
            let Some(i) = self.scan(&buf, self.carry_at, self.shift, fin, f)? else {
                return Ok(false);
            };
            if i > 0 {
                self.carry_at = self.carry_at + self.shift + i;
                self.shift = 0;
            }
            self.carry = buf;
            self.carry.drain(..i.min(self.carry.len()));
            self.shorten();
            if fin {
                return Ok(true);
            }
        }
        let at = self.end - piece.len();
        let Some(i) = self.scan(piece, at, 0, last, f)? else {
            return Ok(false);
        };
        let tail = piece.get(i..).unwrap_or_default();
        if !tail.is_empty() {
            self.carry.extend_from_slice(tail);
            self.carry_at = at + i;
            self.shift = 0;
            self.shorten();
        }
        Ok(true)
    }

    /// Hands out the complete tokens of `buf` (offset of index 0: `base`;
    /// of index i > 0: `base + shift + i`). Returns the index of the first
    /// byte not tokenized, `None` if `f` stopped.
    fn scan<E>(
        &mut self,
        buf: &[u8],
        base: usize,
        shift: usize,
        last: bool,
        f: &mut impl FnMut(usize, Token<'_>, bool) -> Result<Flow, E>,
    ) -> Result<Option<usize>, E> {
        let offset = |i: usize| if i == 0 { base } else { base + shift + i };
        let mut i = 0;
        loop {
            let rest_in = buf.get(i..).unwrap_or_default();
            let skipped = rest_in
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if skipped > 0 {
                self.text_open = false;
                i += skipped;
            }
            let rest_in = buf.get(i..).unwrap_or_default();
            let Some((t, rest)) = raw_token(rest_in) else {
                return Ok(Some(i));
            };
            let complete = last
                || match t {
                    Token::Invalid(_) => !rest.is_empty(),
                    Token::ControlWord { .. } => rest.len() >= 2,
                    _ => true,
                };
            if !complete {
                return Ok(Some(i));
            }
            let at = offset(i);
            let end = buf.len() - rest.len();
            if let Token::ControlWord {
                name: b"bin",
                param,
            } = t
            {
                let n = bin_len(param);
                let take = n.min(rest.len());
                self.text_open = false;
                let flow = f(
                    at,
                    Token::Binary(rest.get(..take).unwrap_or_default()),
                    false,
                )?;
                if matches!(flow, Flow::Stop) {
                    return Ok(None);
                }
                i = end + take;
                self.bin_left = n - take;
                if self.bin_left > 0 {
                    return Ok(Some(i));
                }
                continue;
            }
            let is_text = matches!(t, Token::Text(_));
            let continued = is_text && self.text_open && i == 0;
            self.text_open = is_text && rest.is_empty();
            if matches!(f(at, t, continued)?, Flow::Stop) {
                return Ok(None);
            }
            i = end;
        }
    }

    /// Shortens a carried control word longer than [`CARRY_MAX`] bytes.
    fn shorten(&mut self) {
        if self.carry.len() <= CARRY_MAX {
            return;
        }
        let Some((Token::ControlWord { name, param }, rest)) = raw_token(&self.carry) else {
            return;
        };
        let len = self.carry.len() - rest.len();
        let mut word = Vec::with_capacity(CARRY_MAX);
        word.push(b'\\');
        word.extend_from_slice(name.get(..NAME_KEPT).unwrap_or(name));
        if let Some(p) = param {
            if self.carry.get(1 + name.len()) == Some(&b'-') {
                word.push(b'-');
            }
            word.extend_from_slice(p.unsigned_abs().to_string().as_bytes());
        }
        if self.carry.get(len.wrapping_sub(1)) == Some(&b' ') {
            word.push(b' ');
        }
        word.extend_from_slice(rest);
        self.shift += self.carry.len() - word.len();
        self.carry = word;
    }
}

/// An iterator over the tokens of an RTF byte string, with each token's
/// byte offset.
///
/// ```
/// use ms_oxrtfex::token::{Token, Tokens};
/// let toks: Vec<_> = Tokens::new(b"{\\rtf1 a\\'e9{\\*\\x}}").map(|(_, t)| t).collect();
/// assert_eq!(toks, [
///     Token::GroupStart,
///     Token::ControlWord { name: b"rtf", param: Some(1) },
///     Token::Text(b"a"),
///     Token::HexByte(0xe9),
///     Token::GroupStart,
///     Token::ControlSymbol(b'*'),
///     Token::ControlWord { name: b"x", param: None },
///     Token::GroupEnd,
///     Token::GroupEnd,
/// ]);
/// ```
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    all: &'a [u8],
    rest: &'a [u8],
}

impl<'a> Tokens<'a> {
    /// Tokens of `rtf`.
    pub fn new(rtf: &'a [u8]) -> Self {
        Self {
            all: rtf,
            rest: rtf,
        }
    }

    /// Bytes not yet tokenized.
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let (skipped, _) = line_ends(self.rest).ok()?;
        let offset = self.all.len() - skipped.len();
        let (t, rest) = next_token(skipped)?;
        self.rest = rest;
        Some((offset, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &[u8]) -> Vec<Token<'_>> {
        Tokens::new(s).map(|(_, t)| t).collect()
    }

    #[test]
    fn control_word_delimiters() {
        assert_eq!(
            toks(b"\\b0  x\\u-3913?\\par\r\n\\tab"),
            [
                Token::ControlWord {
                    name: b"b",
                    param: Some(0)
                },
                Token::Text(b" x"),
                Token::ControlWord {
                    name: b"u",
                    param: Some(-3913)
                },
                Token::Text(b"?"),
                Token::ControlWord {
                    name: b"par",
                    param: None
                },
                Token::ControlWord {
                    name: b"tab",
                    param: None
                },
            ]
        );
    }

    #[test]
    fn backslash_newline_is_par_and_raw_newlines_vanish() {
        assert_eq!(
            toks(b"a\r\nb\\\nc"),
            [
                Token::Text(b"a"),
                Token::Text(b"b"),
                Token::ControlWord {
                    name: b"par",
                    param: None
                },
                Token::Text(b"c"),
            ]
        );
    }

    #[test]
    fn huge_parameters_saturate() {
        assert_eq!(
            toks(b"\\f99999999999999999999 \\f-99999999999999"),
            [
                Token::ControlWord {
                    name: b"f",
                    param: Some(i32::MAX)
                },
                Token::ControlWord {
                    name: b"f",
                    param: Some(i32::MIN)
                },
            ]
        );
    }

    #[test]
    fn bin_takes_its_bytes_even_braces() {
        assert_eq!(
            toks(b"\\bin3 {}\\x"),
            [Token::Binary(b"{}\\"), Token::Text(b"x")]
        );
        assert_eq!(toks(b"\\bin99 ab"), [Token::Binary(b"ab")]);
    }

    #[test]
    fn invalid_escapes_are_tokens_not_failures() {
        assert_eq!(
            toks(b"\\'4x\\'\\"),
            [
                Token::Invalid(b"\\'4"),
                Token::Text(b"x"),
                Token::Invalid(b"\\'"),
                Token::Invalid(b"\\")
            ]
        );
    }

    #[test]
    fn offsets_point_at_tokens() {
        let v: Vec<usize> = Tokens::new(b"{\\rtf1\r\n x}").map(|(o, _)| o).collect();
        assert_eq!(v, [0, 1, 8, 10]);
    }
}
