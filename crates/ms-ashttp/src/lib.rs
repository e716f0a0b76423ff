//! # ms-ashttp — [MS-ASHTTP] Exchange ActiveSync: HTTP Protocol
//!
//! ActiveSync is HTTP POSTs to `/Microsoft-Server-ActiveSync?<query>` with a
//! WBXML body ([MS-ASWBXML], crate `ms-aswbxml`). This crate models what is
//! ActiveSync-specific in the HTTP layer — types and codecs only, no
//! client:
//!
//! - the query value in both forms: [`Base64Query`] (the packed byte
//!   sequence of 2.2.1.1.1.1, with [`EncodedQuery`] keeping its text form)
//!   and [`PlainQuery`] (`Cmd=...&User=...`, 2.2.1.1.1.2); [`Query`] picks
//!   the form; [`RequestLine`] splits `POST <URI> HTTP/1.1`;
//! - the [`CommandCode`] and [`ParameterTag`] tables;
//! - header blocks kept as read ([`HeaderBlock`]: order, spelling,
//!   repeats, unknown values, line endings; a malformed line is a defect of
//!   that line) with typed accessors: [`RequestHeaders`]
//!   (`MS-ASProtocolVersion`, `X-MS-PolicyKey`, `MS-ASAcceptMultiPart` as
//!   read, ...) and [`ResponseHeaders`] (`MS-ASProtocolVersions`,
//!   `MS-ASProtocolCommands`, `X-MS-RP`, ...).
//!
//! Everything parsed writes back the same text or bytes. The byte form of
//! the base64 query decodes like every msox structure,
//! `Base64Query::decode_bytes(bytes, &Options)` (errors with offset and
//! path, `Base64Query > CommandParameter[2]`); the text parsers are strict
//! and place errors in the decoded bytes of a base64 value.
//!
//! ```
//! use ms_ashttp::{Query, RequestLine, CommandCode};
//! let line = RequestLine::parse("POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1")?;
//! let Some(Query::Base64(q)) = &line.query else { unreachable!() };
//! assert_eq!(q.query.command, CommandCode::Sync);
//! assert_eq!(q.query.protocol_version.to_string(), "14.0");
//! assert_eq!(line.to_text()?, "POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.2.1.1.1 | request line | [`RequestLine`] |
//! | 2.2.1.1.1.1 | base64-encoded query value | [`Base64Query`], [`EncodedQuery`] |
//! | 2.2.1.1.1.1.1 | encoded parameter (tag, length, value) | [`Parameter`] |
//! | 2.2.1.1.1.1.2 | command codes | [`CommandCode`] |
//! | 2.2.1.1.1.1.3 | command parameters, Options flags | [`ParameterTag`], [`OPTION_SAVE_IN_SENT`], [`OPTION_ACCEPT_MULTIPART`] |
//! | 2.2.1.1.1.2 | plain text query value | [`PlainQuery`] |
//! | 2.2.1.1.2 | request headers | [`RequestHeaders`] over a [`HeaderBlock`] kept as read |
//! | 2.2.2.1.2, 2.2.4.1.2 | POST and OPTIONS response headers | [`ResponseHeaders`] over a [`HeaderBlock`] |
//! | 2.2.1.1.3, 2.2.2.1.3 | request and response bodies | crate `ms-aswbxml` |
//! | 3 | HTTP behaviour (status codes, retries) | not applicable (no client) |
#![forbid(unsafe_code)]

pub mod codes;
pub mod headers;
pub mod query;
pub mod version;

pub use codes::{CommandCode, OPTION_ACCEPT_MULTIPART, OPTION_SAVE_IN_SENT, ParameterTag};
pub use headers::{AcceptMultiPart, HeaderBlock, HeaderField, RequestHeaders, ResponseHeaders};
pub use query::{Base64Query, EncodedQuery, Parameter, PlainQuery, Query, RequestLine};
pub use version::ProtocolVersion;
