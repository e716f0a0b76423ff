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

/// The next token of `input` and the rest, skipping raw CR/LF first;
/// `None` at the end of the input. Never fails on any input.
pub fn next_token(input: &[u8]) -> Option<(Token<'_>, &[u8])> {
    let (input, _) = line_ends(input).ok()?;
    if input.is_empty() {
        return None;
    }
    let r = alt((group, text, control_word, hex_byte, control_symbol, invalid)).parse(input);
    match r {
        Ok((
            rest,
            Token::ControlWord {
                name: b"bin",
                param,
            },
        )) => {
            // \binN: N bytes of binary data follow the (space-delimited) word.
            let n = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(0);
            let n = n.min(rest.len());
            let (data, rest2) = rest.split_at(n);
            Some((Token::Binary(data), rest2))
        }
        Ok((rest, t)) => Some((t, rest)),
        // Unreachable in practice (`invalid` accepts any backslash, the
        // others every other byte); consume one byte to guarantee progress.
        Err(_) => {
            let (bad, rest) = input.split_at(1);
            Some((Token::Invalid(bad), rest))
        }
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
