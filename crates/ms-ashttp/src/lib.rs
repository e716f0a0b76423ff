//! # ms-ashttp — [MS-ASHTTP] Exchange ActiveSync: HTTP Protocol
#![forbid(unsafe_code)]

pub mod codes;
pub mod headers;
pub mod query;
pub mod version;

pub use codes::{CommandCode, OPTION_ACCEPT_MULTIPART, OPTION_SAVE_IN_SENT, ParameterTag};
pub use headers::{RequestHeaders, ResponseHeaders};
pub use query::{Base64Query, EncodedQuery, Parameter, PlainQuery, Query, RequestLine};
pub use version::ProtocolVersion;
