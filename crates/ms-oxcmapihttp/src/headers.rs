//! [MS-OXCMAPIHTTP] 2.2.3.3 X-Header Fields as typed values: parse a
//! header's value, format it back. No HTTP here: the caller's HTTP library
//! carries the headers; these types say what their values mean.

use std::fmt;
use std::str::FromStr;

use ms_dtyp::Guid;
use msox_codec::{Error, Result};

fn bad(header: &'static str, value: &str) -> Error {
    Error::malformed(format!("{header}: cannot parse {value:?}"))
}

macro_rules! request_types {
    ($($(#[$m:meta])* $v:ident = $s:literal,)*) => {
        /// [MS-OXCMAPIHTTP] 2.2.3.3.1 X-RequestType: the request type of a
        /// request (and echoed in its response). Values not listed are kept.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum RequestType {
            $($(#[$m])* $v,)*
            /// A value this crate does not know, as sent.
            Other(String),
        }

        impl RequestType {
            /// Every request type of 2.2.4, 2.2.5 and 2.2.6.
            pub const ALL: &'static [RequestType] = &[$(RequestType::$v),*];

            /// The header value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(RequestType::$v => $s,)*
                    RequestType::Other(s) => s,
                }
            }
        }

        impl FromStr for RequestType {
            type Err = Error;
            /// Case-insensitive, as header values are compared.
            fn from_str(s: &str) -> Result<Self> {
                let t = s.trim();
                if t.is_empty() {
                    return Err(bad("X-RequestType", s));
                }
                $(if t.eq_ignore_ascii_case($s) { return Ok(RequestType::$v); })*
                Ok(RequestType::Other(t.to_string()))
            }
        }
    };
}

request_types! {
    /// 2.2.4.1 Connect (mailbox endpoint).
    Connect = "Connect",
    /// 2.2.4.2 Execute.
    Execute = "Execute",
    /// 2.2.4.3 Disconnect.
    Disconnect = "Disconnect",
    /// 2.2.4.4 NotificationWait.
    NotificationWait = "NotificationWait",
    /// 2.2.6 PING (either endpoint).
    Ping = "PING",
    /// 2.2.5.1 Bind (address book endpoint).
    Bind = "Bind",
    /// 2.2.5.2 Unbind.
    Unbind = "Unbind",
    /// 2.2.5.3 CompareMinIds.
    CompareMinIds = "CompareMIds",
    /// 2.2.5.4 DnToMinId.
    DnToMinId = "DNToMId",
    /// 2.2.5.5 GetMatches.
    GetMatches = "GetMatches",
    /// 2.2.5.6 GetPropList.
    GetPropList = "GetPropList",
    /// 2.2.5.7 GetProps.
    GetProps = "GetProps",
    /// 2.2.5.8 GetSpecialTable.
    GetSpecialTable = "GetSpecialTable",
    /// 2.2.5.9 GetTemplateInfo.
    GetTemplateInfo = "GetTemplateInfo",
    /// 2.2.5.10 ModLinkAtt.
    ModLinkAtt = "ModLinkAtt",
    /// 2.2.5.11 ModProps.
    ModProps = "ModProps",
    /// 2.2.5.12 QueryRows.
    QueryRows = "QueryRows",
    /// 2.2.5.13 QueryColumns.
    QueryColumns = "QueryColumns",
    /// 2.2.5.14 ResolveNames.
    ResolveNames = "ResolveNames",
    /// 2.2.5.15 ResortRestriction.
    ResortRestriction = "ResortRestriction",
    /// 2.2.5.16 SeekEntries.
    SeekEntries = "SeekEntries",
    /// 2.2.5.17 UpdateStat.
    UpdateStat = "UpdateStat",
    /// 2.2.5.18 GetMailboxUrl.
    GetMailboxUrl = "GetMailboxUrl",
    /// 2.2.5.19 GetAddressBookUrl.
    GetAddressBookUrl = "GetAddressBookUrl",
}

impl fmt::Display for RequestType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A GUID and a decimal counter: X-RequestId (`{GUID}:counter`, 2.2.3.3.2)
/// and X-ClientInfo (`{GUID}-counter`, 2.2.3.3.4).
fn parse_guid_counter(header: &'static str, s: &str, sep: char) -> Result<(Guid, u64)> {
    let t = s.trim();
    let (g, n) = t.rsplit_once(sep).ok_or_else(|| bad(header, s))?;
    if !g.starts_with('{') || !g.ends_with('}') {
        return Err(bad(header, s));
    }
    let guid = Guid::from_str(g).map_err(|_| bad(header, s))?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(header, s));
    }
    let counter = n.parse::<u64>().map_err(|_| bad(header, s))?;
    Ok((guid, counter))
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.2 X-RequestId: a GUID unique to the session
/// context and a counter increased with every request
/// (`{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestId {
    /// The GUID.
    pub guid: Guid,
    /// The decimal counter.
    pub counter: u64,
}

impl FromStr for RequestId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_guid_counter("X-RequestId", s, ':').map(|(guid, counter)| RequestId { guid, counter })
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}:{}", self.guid, self.counter)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.4 X-ClientInfo: a GUID identifying the client
/// and a counter (`{A7A47AAD-233C-412B-9D10-DDE9108FEBD7}-5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ClientInfo {
    /// The GUID.
    pub guid: Guid,
    /// The decimal counter.
    pub counter: u64,
}

impl FromStr for ClientInfo {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_guid_counter("X-ClientInfo", s, '-')
            .map(|(guid, counter)| ClientInfo { guid, counter })
    }
}

impl fmt::Display for ClientInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}-{}", self.guid, self.counter)
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCMAPIHTTP] 2.2.3.3.3 X-ResponseCode: the transport-level result
    /// (0 success; otherwise the response body is diagnostic).
    pub enum ResponseCode: u32 {
        /// The request was properly formatted and accepted.
        Success = 0 => "Success",
        /// An unknown failure.
        UnknownFailure = 1 => "Unknown Failure",
        /// An invalid verb.
        InvalidVerb = 2 => "Invalid Verb",
        /// An invalid path.
        InvalidPath = 3 => "Invalid Path",
        /// An invalid header.
        InvalidHeader = 4 => "Invalid Header",
        /// An invalid X-RequestType.
        InvalidRequestType = 5 => "Invalid Request Type",
        /// An invalid session context cookie.
        InvalidContextCookie = 6 => "Invalid Context Cookie",
        /// A required header is missing.
        MissingHeader = 7 => "Missing Header",
        /// Anonymous requests are not accepted.
        AnonymousNotAllowed = 8 => "Anonymous Not Allowed",
        /// The request is too large.
        TooLarge = 9 => "Too Large",
        /// The session context is not found.
        ContextNotFound = 10 => "Context Not Found",
        /// No privileges to the session context.
        NoPrivilege = 11 => "No Privilege",
        /// The request body is invalid.
        InvalidRequestBody = 12 => "Invalid Request Body",
        /// A required cookie is missing.
        MissingCookie = 13 => "Missing Cookie",
        /// Reserved; ignored by the client.
        Reserved = 14 => "Reserved",
        /// More than one request at a time per session context.
        InvalidSequence = 15 => "Invalid Sequence",
        /// The endpoint is disabled.
        EndpointDisabled = 16 => "Endpoint Disabled",
        /// The response is invalid.
        InvalidResponse = 17 => "Invalid Response",
        /// The endpoint is shutting down.
        EndpointShuttingDown = 18 => "Endpoint Shutting Down",
    }
}

impl ResponseCode {
    /// Parses the header value (a decimal number).
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("X-ResponseCode", s));
        }
        t.parse::<u32>()
            .map(ResponseCode::from)
            .map_err(|_| bad("X-ResponseCode", s))
    }

    /// The header value.
    pub fn header_value(self) -> String {
        self.value().to_string()
    }
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.7 X-ServerApplication (and 2.2.3.3.6
/// X-ClientApplication): a product and its version, `Exchange/15.00.0847.4040`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Application {
    /// The product name.
    pub product: String,
    /// The version (dotted numbers, as sent).
    pub version: String,
}

impl Application {
    /// The version's numeric parts (`15.00.0847.4040` → `[15, 0, 847, 4040]`),
    /// if it is dotted decimal.
    pub fn version_parts(&self) -> Option<Vec<u32>> {
        self.version.split('.').map(|p| p.parse().ok()).collect()
    }
}

impl FromStr for Application {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        let (p, v) = t
            .split_once('/')
            .ok_or_else(|| bad("X-ServerApplication", s))?;
        if p.is_empty() || v.is_empty() || v.contains(char::is_whitespace) {
            return Err(bad("X-ServerApplication", s));
        }
        Ok(Application {
            product: p.to_string(),
            version: v.to_string(),
        })
    }
}

impl fmt::Display for Application {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.product, self.version)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.5 X-PendingPeriod: milliseconds between
/// PENDING meta-tags (default 30,000); also the form of 2.2.3.3.9
/// X-ElapsedTime (milliseconds the server spent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Milliseconds(pub u64);

impl Milliseconds {
    /// X-PendingPeriod's default.
    pub const DEFAULT_PENDING_PERIOD: Milliseconds = Milliseconds(30_000);
}

impl FromStr for Milliseconds {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("milliseconds", s));
        }
        t.parse()
            .map(Milliseconds)
            .map_err(|_| bad("milliseconds", s))
    }
}

impl fmt::Display for Milliseconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The header names this crate types.
pub mod names {
    /// 2.2.3.3.1.
    pub const X_REQUEST_TYPE: &str = "X-RequestType";
    /// 2.2.3.3.2.
    pub const X_REQUEST_ID: &str = "X-RequestId";
    /// 2.2.3.3.3.
    pub const X_RESPONSE_CODE: &str = "X-ResponseCode";
    /// 2.2.3.3.4.
    pub const X_CLIENT_INFO: &str = "X-ClientInfo";
    /// 2.2.3.3.5.
    pub const X_PENDING_PERIOD: &str = "X-PendingPeriod";
    /// 2.2.3.3.6.
    pub const X_CLIENT_APPLICATION: &str = "X-ClientApplication";
    /// 2.2.3.3.7.
    pub const X_SERVER_APPLICATION: &str = "X-ServerApplication";
    /// 2.2.3.3.8.
    pub const X_EXPIRATION_INFO: &str = "X-ExpirationInfo";
    /// 2.2.3.3.9.
    pub const X_ELAPSED_TIME: &str = "X-ElapsedTime";
    /// 2.2.3.3.10.
    pub const X_START_TIME: &str = "X-StartTime";
    /// 2.2.3.2.2: `application/mapi-http`.
    pub const CONTENT_TYPE_MAPI_HTTP: &str = "application/mapi-http";
}
