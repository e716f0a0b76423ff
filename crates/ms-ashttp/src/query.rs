//! [MS-ASHTTP] 2.2.1.1.1 Request Line: the query value of the request URI,
//! in its base64-encoded (2.2.1.1.1.1) and plain text (2.2.1.1.1.2) forms.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Encode, Error, ErrorKind, Options, Origin, Reader, Result, Session, fit_u8,
};

use crate::codes::{CommandCode, ParameterTag};
use crate::version::ProtocolVersion;

/// [MS-ASHTTP] 2.2.1.1.1.1.3 — one command parameter of the base64 form:
/// a tag, a one-byte length and the value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Parameter {
    /// Which parameter.
    pub tag: ParameterTag,
    /// Its value as sent (a string for most tags; a bit mask byte for
    /// `Options`).
    pub value: Vec<u8>,
}

/// [MS-ASHTTP] 2.2.1.1.1.1 Base64-Encoded Query Value — the byte sequence
/// (before base64).
///
/// ```
/// use ms_ashttp::{Base64Query, CommandCode};
/// use msox_codec::{Decode, Encode};
/// let q = Base64Query::from_base64("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l")?;
/// assert_eq!(q.protocol_version.to_string(), "14.0");
/// assert_eq!(q.command, CommandCode::Sync);
/// assert_eq!(q.locale, 0x0409);
/// assert_eq!(q.device_id, b"v140Device");
/// assert_eq!(q.device_type, b"SmartPhone");
/// assert_eq!(q.to_base64(false)?, "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l");
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Base64Query {
    /// Protocol version (1 byte: 141 for 14.1).
    pub protocol_version: ProtocolVersion,
    /// Command code (1 byte).
    pub command: CommandCode,
    /// Locale (2 bytes, little-endian), an [MS-LCID] value.
    pub locale: u16,
    /// Device ID (1-byte length, then the bytes): a string or the 16 bytes
    /// of a GUID. The spec requires a length above 0.
    pub device_id: Vec<u8>,
    /// Policy key (1-byte length, then the key): empty, or 4 bytes holding a
    /// little-endian `u32` (see [`Base64Query::policy_key`]).
    pub policy_key_bytes: Vec<u8>,
    /// Device type (1-byte length, then the string).
    pub device_type: Vec<u8>,
    /// Command parameters, in order.
    pub parameters: Vec<Parameter>,
}

impl Base64Query {
    /// The policy key, when the field holds the 4 bytes of one.
    pub fn policy_key(&self) -> Option<u32> {
        let b: [u8; 4] = self.policy_key_bytes.as_slice().try_into().ok()?;
        Some(u32::from_le_bytes(b))
    }

    /// Sets (or with `None` removes) the policy key.
    pub fn set_policy_key(&mut self, key: Option<u32>) {
        self.policy_key_bytes = key.map(|k| Vec::from(k.to_le_bytes())).unwrap_or_default();
    }

    /// The first parameter with `tag`.
    pub fn parameter(&self, tag: ParameterTag) -> Option<&[u8]> {
        self.parameters
            .iter()
            .find(|p| p.tag == tag)
            .map(|p| p.value.as_slice())
    }

    /// Decodes the base64 text of a query value (with or without `=`
    /// padding; `%2B`, `%2F`, `%3D` escapes allowed), strictly; errors in
    /// the decoded bytes give their offset in them (a
    /// [`Derived`](msox_codec::Derived) buffer).
    pub fn from_base64(text: &str) -> Result<Self> {
        Ok(EncodedQuery::parse(text)?.query)
    }

    /// The base64 text (padded or not; the spec's examples need no padding).
    pub fn to_base64(&self, padded: bool) -> Result<String> {
        let bytes = self.to_vec()?;
        Ok(if padded {
            STANDARD.encode(bytes)
        } else {
            STANDARD_NO_PAD.encode(bytes)
        })
    }
}

/// A field with a one-byte length in front, in a frame named `name`.
fn counted<'a>(r: &mut Reader<'a>, name: &'static str) -> Result<&'a [u8]> {
    r.frame(name, |r| {
        let n = r.u8()?;
        r.bytes(usize::from(n))
    })
}

/// [MS-ASHTTP] 2.2.1.1.1.1: the fields in order, then command parameters
/// to the end of the input (each one item of the session's budget).
impl<'a> Decode<'a> for Base64Query {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("Base64Query", |r| {
            let protocol_version = ProtocolVersion::from_byte(r.u8()?);
            let command = CommandCode::from(r.u8()?);
            let locale = r.u16()?;
            let device_id = counted(r, "DeviceId")?.to_vec();
            let policy_key_bytes = counted(r, "PolicyKey")?.to_vec();
            let device_type = counted(r, "DeviceType")?.to_vec();
            let mut parameters = Vec::new();
            while !r.is_empty() {
                let i = parameters.len();
                r.frame_indexed("CommandParameter", i, |r| {
                    r.check_count(1, 2, "command parameter count")?;
                    let tag = ParameterTag::from(r.u8()?);
                    let n = r.u8()?;
                    let value = r.bytes(usize::from(n))?.to_vec();
                    parameters.push(Parameter { tag, value });
                    Ok(())
                })?;
            }
            Ok(Base64Query {
                protocol_version,
                command,
                locale,
                device_id,
                policy_key_bytes,
                device_type,
                parameters,
            })
        })
    }
}

impl Encode for Base64Query {
    fn encoded_len(&self) -> usize {
        4 + 1
            + self.device_id.len()
            + 1
            + self.policy_key_bytes.len()
            + 1
            + self.device_type.len()
            + self
                .parameters
                .iter()
                .map(|p| 2 + p.value.len())
                .sum::<usize>()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        // Check every length before writing anything.
        let id = fit_u8(self.device_id.len(), "Device ID length")?;
        let pk = fit_u8(self.policy_key_bytes.len(), "Policy key length")?;
        let ty = fit_u8(self.device_type.len(), "Device type length")?;
        for p in &self.parameters {
            fit_u8(p.value.len(), "Command parameter length")?;
        }
        buf.put_u8(self.protocol_version.to_byte()?);
        buf.put_u8(self.command.value());
        buf.put_u16_le(self.locale);
        buf.put_u8(id);
        buf.put_slice(&self.device_id);
        buf.put_u8(pk);
        buf.put_slice(&self.policy_key_bytes);
        buf.put_u8(ty);
        buf.put_slice(&self.device_type);
        for p in &self.parameters {
            buf.put_u8(p.tag.value());
            buf.put_u8(fit_u8(p.value.len(), "Command parameter length")?);
            buf.put_slice(&p.value);
        }
        Ok(())
    }
}

/// A base64 query value with the form it was written in, so that
/// [`EncodedQuery::to_text`] gives the same text back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EncodedQuery {
    /// The decoded fields.
    pub query: Base64Query,
    /// The text had `=` padding.
    pub padded: bool,
    /// The text escaped `+`, `/` and `=` as `%2B`, `%2F`, `%3D`.
    pub percent_escaped: bool,
}

impl EncodedQuery {
    /// Parses the base64 text of a query value, strictly (see
    /// [`Base64Query::from_base64`]; the bytes alone decode with
    /// [`Base64Query::decode_bytes`](msox_codec::Decode::decode_bytes)).
    ///
    /// ```
    /// let e = ms_ashttp::EncodedQuery::parse("jAAJBAp2MTQw").unwrap_err();
    /// assert_eq!(e.to_string(), "unexpected end of input (needed 10 bytes, 4 left) \
    ///     at byte 5 of the decoded query value in Base64Query > DeviceId");
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        let percent_escaped = text.contains('%');
        let unescaped = if percent_escaped {
            let mut s = String::with_capacity(text.len());
            let mut rest = text;
            while let Some(i) = rest.find('%') {
                s.push_str(rest.get(..i).unwrap_or_default());
                let code = rest.get(i + 1..i + 3).unwrap_or_default();
                let c = match code.to_ascii_uppercase().as_str() {
                    "2B" => '+',
                    "2F" => '/',
                    "3D" => '=',
                    _ => {
                        return Err(Error::at_offset(
                            ErrorKind::Malformed("bad %-escape in a base64 query value".into()),
                            text.len() - rest.len() + i,
                        ));
                    }
                };
                s.push(c);
                rest = rest.get(i + 3..).unwrap_or_default();
            }
            s.push_str(rest);
            s
        } else {
            text.to_string()
        };
        let padded = unescaped.ends_with('=');
        let bytes = if padded {
            STANDARD.decode(&unescaped)
        } else {
            STANDARD_NO_PAD.decode(&unescaped)
        }
        .map_err(|e| Error::new(ErrorKind::Malformed(format!("base64: {e}").into())))?;
        // The fields' offsets count in the decoded bytes, and errors say so.
        let session = Session::new(Options::strict(), bytes.len());
        let mut r =
            Reader::with_session_at(&bytes, Origin::Derived("decoded query value"), session);
        let query = Base64Query::decode(&mut r)?;
        r.expect_end()?;
        Ok(EncodedQuery {
            query,
            padded,
            percent_escaped,
        })
    }

    /// The text, in the recorded form.
    pub fn to_text(&self) -> Result<String> {
        let s = self.query.to_base64(self.padded)?;
        if !self.percent_escaped {
            return Ok(s);
        }
        Ok(s.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D"))
    }
}

/// [MS-ASHTTP] 2.2.1.1.1.2 Plain Text Query Value: `Cmd=...&User=...&
/// DeviceId=...&DeviceType=...` and command-specific parameters
/// (2.2.1.1.1.2.5). The pairs are kept as written (order, case,
/// %-escapes), so [`PlainQuery::to_text`] gives the text back.
///
/// ```
/// use ms_ashttp::PlainQuery;
/// let q = PlainQuery::parse("Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone");
/// assert_eq!(q.command(), Some("Sync".into()));
/// assert_eq!(q.get("deviceid").as_deref(), Some("v140Device"));
/// assert_eq!(q.to_text(), "Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PlainQuery {
    /// `name=value` pairs as written (`value` still %-escaped; `None`
    /// when the pair has no `=`).
    pub pairs: Vec<(String, Option<String>)>,
}

impl PlainQuery {
    /// Splits a query value into its pairs.
    pub fn parse(text: &str) -> Self {
        let pairs = if text.is_empty() {
            Vec::new()
        } else {
            text.split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (p.to_string(), None),
                })
                .collect()
        };
        PlainQuery { pairs }
    }

    /// A query from (name, value) pairs, %-escaping the values.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        PlainQuery {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), Some(percent_encode(v))))
                .collect(),
        }
    }

    /// The text.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                s.push('&');
            }
            s.push_str(k);
            if let Some(v) = v {
                s.push('=');
                s.push_str(v);
            }
        }
        s
    }

    /// The %-decoded value of the first parameter named `name` (ASCII case
    /// ignored).
    pub fn get(&self, name: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| percent_decode(v.as_deref().unwrap_or("")))
    }

    /// `Cmd` (2.2.1.1.1.2.1).
    pub fn command(&self) -> Option<String> {
        self.get("Cmd")
    }

    /// `User` (2.2.1.1.1.2.2).
    pub fn user(&self) -> Option<String> {
        self.get("User")
    }

    /// `DeviceId` (2.2.1.1.1.2.3).
    pub fn device_id(&self) -> Option<String> {
        self.get("DeviceId")
    }

    /// `DeviceType` (2.2.1.1.1.2.4).
    pub fn device_type(&self) -> Option<String> {
        self.get("DeviceType")
    }
}

/// Either form of the query value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Query {
    /// [MS-ASHTTP] 2.2.1.1.1.2.
    Plain(PlainQuery),
    /// [MS-ASHTTP] 2.2.1.1.1.1.
    Base64(EncodedQuery),
}

impl Query {
    /// Parses a query value (the part of the URI after `?`): the plain form
    /// when it has a `name=value` pair, else the base64 form.
    pub fn parse(text: &str) -> Result<Self> {
        let is_plain = text.contains('&')
            || text
                .split_once('=')
                .is_some_and(|(_, v)| !v.is_empty() && !v.bytes().all(|b| b == b'='));
        if is_plain || text.is_empty() {
            Ok(Query::Plain(PlainQuery::parse(text)))
        } else {
            Ok(Query::Base64(EncodedQuery::parse(text)?))
        }
    }

    /// The text, as it was parsed.
    pub fn to_text(&self) -> Result<String> {
        match self {
            Query::Plain(p) => Ok(p.to_text()),
            Query::Base64(e) => e.to_text(),
        }
    }
}

/// [MS-ASHTTP] 2.2.1.1.1 — `POST <URI> HTTP/1.1`, split up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestLine {
    /// `POST` (or `OPTIONS`, 2.2.3.1.1).
    pub method: String,
    /// The path (`/Microsoft-Server-ActiveSync`, or an absolute URI's
    /// scheme, host and path).
    pub path: String,
    /// The query value, when the URI has one.
    pub query: Option<Query>,
    /// `HTTP/1.1`.
    pub version: String,
}

impl RequestLine {
    /// Parses `METHOD URI VERSION`.
    pub fn parse(line: &str) -> Result<Self> {
        let mut it = line.trim_end_matches(['\r', '\n']).splitn(3, ' ');
        let (Some(method), Some(uri), Some(version)) = (it.next(), it.next(), it.next()) else {
            return Err(Error::new(ErrorKind::Malformed(
                "a request line is METHOD URI VERSION".into(),
            )));
        };
        let (path, query) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(Query::parse(q)?)),
            None => (uri, None),
        };
        Ok(RequestLine {
            method: method.to_string(),
            path: path.to_string(),
            query,
            version: version.to_string(),
        })
    }

    /// The line, as parsed.
    pub fn to_text(&self) -> Result<String> {
        let mut s = format!("{} {}", self.method, self.path);
        if let Some(q) = &self.query {
            s.push('?');
            s.push_str(&q.to_text()?);
        }
        s.push(' ');
        s.push_str(&self.version);
        Ok(s)
    }
}

/// %-decodes (invalid escapes are kept as written; `+` is not a space in
/// ActiveSync query values).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%'
            && let Some(h) = b.get(i + 1..i + 3)
            && let Ok(hs) = std::str::from_utf8(h)
            && let Ok(v) = u8::from_str_radix(hs, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// %-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            o.push(char::from(b));
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}
