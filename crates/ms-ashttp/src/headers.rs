//! [MS-ASHTTP] 2.2.1.1.2 Request Headers and 2.2.2.1.2 / 2.2.4.1.2
//! Response Headers: a header block kept exactly as read, with typed
//! accessors on top.
//!
//! [`HeaderBlock`] keeps every line as it came: order, the spelling and
//! case of each name, repeated fields, values the model does not know, the
//! white space around values and each line's ending, so
//! [`HeaderBlock::to_bytes`] gives the input back byte for byte. Names are
//! matched without regard to ASCII case. A line that is not a header field
//! (no `:`, an empty or invalid name) and a value of a known header that
//! does not parse (`MS-ASProtocolVersion: 14`, `X-MS-PolicyKey: abc`) are
//! [`Defect`](msox_codec::Defect)s of the one line (errors in strict mode),
//! never a failure of the whole block: the line is kept as read and its
//! typed accessor returns the error.
//!
//! [`RequestHeaders`] and [`ResponseHeaders`] are the block with accessors
//! for the ActiveSync headers of each direction.
//!
//! ```
//! use ms_ashttp::{AcceptMultiPart, ProtocolVersion, RequestHeaders};
//! use msox_codec::{Decode, Options};
//!
//! let text = b"Content-Type: application/vnd.ms-sync.wbxml\r\n\
//!     MS-ASProtocolVersion:14.1\r\n\
//!     X-MS-PolicyKey: 3942919513\r\n\
//!     ms-asacceptmultipart: T\r\n\
//!     X-Custom: one\r\n\
//!     X-Custom: two\r\n\r\n";
//! let h = RequestHeaders::decode_exact(text)?;
//! assert_eq!(h.protocol_version(), Some(Ok(ProtocolVersion::new(14, 1))));
//! assert_eq!(h.policy_key(), Some(Ok(3942919513)));
//! assert_eq!(h.accept_multipart(), Some(AcceptMultiPart::True));
//! assert_eq!(h.block.get_all("x-custom").collect::<Vec<_>>(), ["one", "two"]);
//! assert_eq!(h.block.to_bytes(), text); // as read
//!
//! // A malformed value is a defect of its line, not of the block.
//! let odd = b"MS-ASProtocolVersion: fourteen\r\nUser-Agent: x\r\n";
//! let d = RequestHeaders::decode_bytes(odd, &Options::lenient())?;
//! assert_eq!(d.defects.len(), 1);
//! assert_eq!(d.defects[0].path().to_string(), "HeaderBlock > HeaderField[0]");
//! assert!(d.value.protocol_version().unwrap().is_err());
//! assert_eq!(d.value.user_agent(), Some("x"));
//! assert!(RequestHeaders::decode_exact(odd).is_err());
//! # Ok::<(), msox_codec::Error>(())
//! ```

use crate::version::ProtocolVersion;
use msox_codec::{Decode, Error, ErrorKind, Reader, Result};

/// One line of a header block, as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HeaderField {
    /// The whole line with its continuation lines (obsolete line folding)
    /// and its line ending, as read.
    pub raw: Vec<u8>,
    /// Where the name ends in `raw` (the `:`), or `None` for a line that is
    /// not a header field.
    colon: Option<usize>,
}

impl HeaderField {
    /// A field `Name: value` with a CR LF ending.
    pub fn new(name: &str, value: &str) -> Self {
        let raw = format!("{name}: {value}\r\n").into_bytes();
        HeaderField {
            colon: Some(name.len()),
            raw,
        }
    }

    /// The name as read (`None` for a line that is not a header field).
    pub fn name(&self) -> Option<&str> {
        let c = self.colon?;
        std::str::from_utf8(self.raw.get(..c)?).ok()
    }

    /// The value: after the `:`, without the white space around it or the
    /// line ending (continuation lines kept); `None` for a line that is
    /// not a header field or a value that is not UTF-8.
    pub fn value(&self) -> Option<&str> {
        let c = self.colon?;
        let v = self.raw.get(c + 1..)?;
        let v = std::str::from_utf8(v).ok()?;
        Some(v.trim_matches(|ch| matches!(ch, ' ' | '\t' | '\r' | '\n')))
    }

    /// Whether this line's name is `name` (ASCII case ignored).
    pub fn is(&self, name: &str) -> bool {
        self.name().is_some_and(|n| n.eq_ignore_ascii_case(name))
    }
}

/// A header block (the lines after the request or status line), kept as
/// read; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HeaderBlock {
    /// The lines, in order.
    pub fields: Vec<HeaderField>,
    /// The empty line that ends the block (`\r\n` or `\n`), when read.
    pub end: Vec<u8>,
}

impl HeaderBlock {
    /// The value of the first field named `name` (ASCII case ignored).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.is(name))
            .and_then(HeaderField::value)
    }

    /// The values of every field named `name`, in order.
    pub fn get_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.fields
            .iter()
            .filter(move |f| f.is(name))
            .filter_map(HeaderField::value)
    }

    /// Appends `Name: value` (CR LF).
    pub fn push(&mut self, name: &str, value: &str) {
        self.fields.push(HeaderField::new(name, value));
    }

    /// Replaces the first field named `name` with `Name: value` (keeping
    /// its place and the name's spelling as read), removes the others, or
    /// appends one.
    pub fn set(&mut self, name: &str, value: &str) {
        let mut seen = false;
        self.fields.retain_mut(|f| {
            if !f.is(name) {
                return true;
            }
            if seen {
                return false;
            }
            seen = true;
            let spelled = f.name().unwrap_or(name).to_string();
            *f = HeaderField::new(&spelled, value);
            true
        });
        if !seen {
            self.push(name, value);
        }
    }

    /// Removes every field named `name`.
    pub fn remove(&mut self, name: &str) {
        self.fields.retain(|f| !f.is(name));
    }

    /// The block as bytes: every line as read, then the end line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v: Vec<u8> = self
            .fields
            .iter()
            .flat_map(|f| f.raw.iter().copied())
            .collect();
        v.extend_from_slice(&self.end);
        v
    }

    /// (name, value) pairs of the header fields, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .iter()
            .filter_map(|f| Some((f.name()?, f.value()?)))
    }

    /// A block of `Name: value` lines (CR LF), no end line.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut b = HeaderBlock::default();
        for (n, v) in pairs {
            b.push(n, v);
        }
        b
    }
}

/// A header name (an RFC 9110 token).
fn is_token(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

/// The end of the line starting at `from` (after its `\n`, or the end).
fn line_end(buf: &[u8], from: usize) -> usize {
    buf.get(from..)
        .and_then(|s| s.iter().position(|&c| c == b'\n'))
        .map_or(buf.len(), |i| from + i + 1)
}

/// [MS-ASHTTP] 2.2.1.1.2 / 2.2.2.1.2: header lines until an empty line or
/// the end of the input, each framed `HeaderField[i]`; continuation lines
/// (starting with a space or tab) belong to the field before. A line that
/// is not `name: value` with a token name is a defect (kept as read).
impl<'a> Decode<'a> for HeaderBlock {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("HeaderBlock", |r| {
            let buf = r.buffer();
            let mut fields = Vec::new();
            let mut end = Vec::new();
            let mut i = 0usize;
            while !r.is_empty() {
                let start = r.pos();
                let mut stop = line_end(buf, start).min(r.end());
                let line = r.slice(start, stop);
                if line == b"\r\n" || line == b"\n" {
                    r.skip(line.len())?;
                    end = line.to_vec();
                    break;
                }
                // Continuation lines.
                while matches!(buf.get(stop), Some(b' ' | b'\t')) && stop < r.end() {
                    stop = line_end(buf, stop).min(r.end());
                }
                let raw = r.slice(start, stop);
                r.charge_items(1, "header fields")?;
                let field = r.frame_indexed("HeaderField", i, |r| {
                    r.reserve_backed(raw.len(), "header line")?;
                    let colon = raw.iter().position(|&c| c == b':');
                    let ok = colon.is_some_and(|c| raw.get(..c).is_some_and(is_token));
                    if !ok {
                        r.defect_at(
                            ErrorKind::Malformed("not a header field (name: value)".into()),
                            start,
                            "line kept as read",
                        )?;
                    }
                    let f = HeaderField {
                        raw: raw.to_vec(),
                        colon: colon.filter(|_| ok),
                    };
                    check_value(r, &f, start)?;
                    Ok(f)
                })?;
                r.skip(stop - start)?;
                fields.push(field);
                i += 1;
            }
            Ok(HeaderBlock { fields, end })
        })
    }
}

/// The value of a known ActiveSync header that does not parse: a defect
/// of its line (kept as read).
fn check_value(r: &mut Reader<'_>, f: &HeaderField, at: usize) -> Result<()> {
    let Some(name) = f.name() else {
        return Ok(());
    };
    let err = match name.to_ascii_lowercase().as_str() {
        "ms-asprotocolversion" => parse_version(f.value()).err(),
        "x-ms-policykey" => parse_policy_key(f.value()).err(),
        "ms-asacceptmultipart" => match f.value().map(AcceptMultiPart::from_text) {
            Some(AcceptMultiPart::Other(v)) => Some(Error::new(ErrorKind::Malformed(
                format!("MS-ASAcceptMultiPart {v:?} is neither T nor F").into(),
            ))),
            _ => None,
        },
        "ms-asprotocolversions" | "x-ms-rp" => parse_versions(f.value()).err(),
        _ => None,
    };
    match err {
        Some(e) => r.defect_at(e.kind().clone(), at, "value kept as read"),
        None => Ok(()),
    }
}

fn parse_version(v: Option<&str>) -> Result<ProtocolVersion> {
    v.ok_or_else(|| Error::new(ErrorKind::BadString { encoding: "UTF-8" }))?
        .parse()
}

fn parse_versions(v: Option<&str>) -> Result<Vec<ProtocolVersion>> {
    v.ok_or_else(|| Error::new(ErrorKind::BadString { encoding: "UTF-8" }))?
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(str::parse)
        .collect()
}

fn parse_policy_key(v: Option<&str>) -> Result<u32> {
    let v = v.ok_or_else(|| Error::new(ErrorKind::BadString { encoding: "UTF-8" }))?;
    v.parse::<u32>().map_err(|_| {
        Error::new(ErrorKind::Malformed(
            format!("X-MS-PolicyKey {v:?} is not a 32-bit unsigned integer").into(),
        ))
    })
}

/// [MS-ASHTTP] 2.2.1.1.2.5 `MS-ASAcceptMultiPart`, as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AcceptMultiPart {
    /// `T`.
    True,
    /// `F`.
    False,
    /// Anything else, as read.
    Other(String),
}

impl AcceptMultiPart {
    /// `T`, `F` (exactly, as the spec writes them) or anything else.
    pub fn from_text(v: &str) -> Self {
        match v {
            "T" => AcceptMultiPart::True,
            "F" => AcceptMultiPart::False,
            other => AcceptMultiPart::Other(other.to_string()),
        }
    }
}

/// [MS-ASHTTP] 2.2.1.1.2 — the request headers: the block as read, with
/// accessors for the ActiveSync ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestHeaders {
    /// Every line, as read.
    pub block: HeaderBlock,
}

impl<'a> Decode<'a> for RequestHeaders {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(RequestHeaders {
            block: HeaderBlock::decode(r)?,
        })
    }
}

impl RequestHeaders {
    /// A block of `Name: value` lines.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        RequestHeaders {
            block: HeaderBlock::from_pairs(pairs),
        }
    }

    /// 2.2.1.1.2.6 `MS-ASProtocolVersion` (`None` when absent; the error
    /// when it does not parse).
    pub fn protocol_version(&self) -> Option<Result<ProtocolVersion>> {
        let f = self
            .block
            .fields
            .iter()
            .find(|f| f.is("MS-ASProtocolVersion"))?;
        Some(parse_version(f.value()))
    }

    /// 2.2.1.1.2.8 `X-MS-PolicyKey`, a 32-bit unsigned integer.
    pub fn policy_key(&self) -> Option<Result<u32>> {
        let f = self.block.fields.iter().find(|f| f.is("X-MS-PolicyKey"))?;
        Some(parse_policy_key(f.value()))
    }

    /// 2.2.1.1.2.5 `MS-ASAcceptMultiPart`, as read.
    pub fn accept_multipart(&self) -> Option<AcceptMultiPart> {
        self.block
            .get("MS-ASAcceptMultiPart")
            .map(AcceptMultiPart::from_text)
    }

    /// 2.2.1.1.2.7 `User-Agent`.
    pub fn user_agent(&self) -> Option<&str> {
        self.block.get("User-Agent")
    }

    /// 2.2.1.1.2.3 `Content-Type`.
    pub fn content_type(&self) -> Option<&str> {
        self.block.get("Content-Type")
    }

    /// 2.2.1.1.2.1 `Accept-Language`.
    pub fn accept_language(&self) -> Option<&str> {
        self.block.get("Accept-Language")
    }

    /// 2.2.1.1.2.2 `Authorization`.
    pub fn authorization(&self) -> Option<&str> {
        self.block.get("Authorization")
    }

    /// 2.2.1.1.2.4 `Cookie`.
    pub fn cookie(&self) -> Option<&str> {
        self.block.get("Cookie")
    }
}

/// [MS-ASHTTP] 2.2.2.1.2 and 2.2.4.1.2 — the response headers (POST and
/// OPTIONS): the block as read, with accessors for the ActiveSync ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseHeaders {
    /// Every line, as read.
    pub block: HeaderBlock,
}

impl<'a> Decode<'a> for ResponseHeaders {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(ResponseHeaders {
            block: HeaderBlock::decode(r)?,
        })
    }
}

impl ResponseHeaders {
    /// A block of `Name: value` lines.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        ResponseHeaders {
            block: HeaderBlock::from_pairs(pairs),
        }
    }

    /// 2.2.2.1.2.8 / 2.2.4.1.2.2 `MS-ASProtocolVersions` (comma-separated).
    pub fn protocol_versions(&self) -> Option<Result<Vec<ProtocolVersion>>> {
        let f = self
            .block
            .fields
            .iter()
            .find(|f| f.is("MS-ASProtocolVersions"))?;
        Some(parse_versions(f.value()))
    }

    /// 2.2.2.1.2.7 / 2.2.4.1.2.1 `MS-ASProtocolCommands` (comma-separated).
    pub fn protocol_commands(&self) -> Option<Vec<&str>> {
        self.block.get("MS-ASProtocolCommands").map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
    }

    /// 2.2.2.1.2.5 `MS-Server-ActiveSync` (the server's version).
    pub fn server_version(&self) -> Option<&str> {
        self.block.get("MS-Server-ActiveSync")
    }

    /// 2.2.2.1.2.6 `X-MS-Location` (a redirect URL).
    pub fn location(&self) -> Option<&str> {
        self.block.get("X-MS-Location")
    }

    /// 2.2.2.1.2.9 `X-MS-RP` (versions, after a change).
    pub fn rp(&self) -> Option<Result<Vec<ProtocolVersion>>> {
        let f = self.block.fields.iter().find(|f| f.is("X-MS-RP"))?;
        Some(parse_versions(f.value()))
    }

    /// 2.2.2.1.2.10 `X-MS-Credential-Service-Url`.
    pub fn credential_service_url(&self) -> Option<&str> {
        self.block.get("X-MS-Credential-Service-Url")
    }

    /// 2.2.2.1.2.11 `X-MS-Credential-Expire` (days).
    pub fn credential_expire(&self) -> Option<&str> {
        self.block.get("X-MS-Credential-Expire")
    }

    /// 2.2.2.1.2.13 `X-MS-ASThrottle`.
    pub fn throttle(&self) -> Option<&str> {
        self.block.get("X-MS-ASThrottle")
    }

    /// 2.2.2.1.2.4 `Content-Type`.
    pub fn content_type(&self) -> Option<&str> {
        self.block.get("Content-Type")
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use msox_codec::Options;

    #[test]
    fn options_response_headers() {
        let h = ResponseHeaders::from_pairs([
            ("MS-ASProtocolVersions", "2.5,12.0,12.1,14.0,14.1,16.0,16.1"),
            ("MS-ASProtocolCommands", "Sync,SendMail,SmartForward,Find"),
            ("Allow", "OPTIONS,POST"),
        ]);
        assert_eq!(h.protocol_versions().unwrap().unwrap().len(), 7);
        assert_eq!(h.protocol_commands().unwrap()[3], "Find");
        assert_eq!(h.block.get("allow"), Some("OPTIONS,POST"));
        let bytes = h.block.to_bytes();
        let back = ResponseHeaders::decode_exact(&bytes).unwrap();
        assert_eq!(back, h);
    }

    #[test]
    fn request_headers_kept_as_read() {
        let text = b"ms-asprotocolversion:  14.1 \nX-MS-PolicyKey: 2401271238\r\n\
            Folded: one\r\n two\r\nno colon here\r\nMS-ASAcceptMultiPart: maybe\r\n";
        let d = RequestHeaders::decode_bytes(text, &Options::lenient()).unwrap();
        assert_eq!(d.defects.len(), 2, "{:?}", d.defects);
        assert_eq!(d.defects[0].offset(), Some(76));
        let h = d.value;
        assert_eq!(h.protocol_version(), Some(Ok(ProtocolVersion::new(14, 1))));
        assert_eq!(h.policy_key(), Some(Ok(2_401_271_238)));
        assert_eq!(h.block.get("folded"), Some("one\r\n two"));
        assert_eq!(
            h.accept_multipart(),
            Some(AcceptMultiPart::Other("maybe".into()))
        );
        assert_eq!(h.block.to_bytes(), text);
        let mut h = h;
        h.block.set("X-MS-PolicyKey", "0");
        assert_eq!(h.policy_key(), Some(Ok(0)));
        assert_eq!(h.block.fields.len(), 5);
    }
}
