//! Hex text, as test vectors and the command line use it.
//!
//! [`decode`] accepts the `.hex` vector format of `test-vectors/`: hex digit
//! pairs separated by any whitespace, `#` comments to the end of the line,
//! and optional `0x` prefixes or `,` separators (so bytes pasted from a spec
//! or a C array work).

/// Lower-case hex of `bytes`, no separators.
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        for nibble in [b >> 4, b & 15] {
            s.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    s
}

/// Parses hex text (see the [module docs](self)); the error names the line.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 2);
    for (lineno, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let mut pending: Option<u8> = None;
        for token in line.split(|c: char| c.is_whitespace() || c == ',') {
            let token = token
                .strip_prefix("0x")
                .or_else(|| token.strip_prefix("0X"))
                .unwrap_or(token);
            for c in token.chars() {
                let d = c
                    .to_digit(16)
                    .ok_or_else(|| format!("line {}: {c:?} is not a hex digit", lineno + 1))?
                    as u8;
                match pending.take() {
                    None => pending = Some(d),
                    Some(hi) => out.push(hi << 4 | d),
                }
            }
            if pending.is_some() {
                return Err(format!(
                    "line {}: odd number of hex digits in {token:?}",
                    lineno + 1
                ));
            }
        }
    }
    Ok(out)
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #[test]
    fn decodes_spaced_commented_and_prefixed_hex() {
        let v = super::decode("# a comment\n01 02 0x0A,0xff # tail\n  cafe\n").unwrap();
        assert_eq!(v, [1, 2, 10, 255, 0xca, 0xfe]);
        assert_eq!(super::encode(&v), "01020affcafe");
        assert!(super::decode("0").is_err());
        assert!(super::decode("zz").is_err());
    }
}
