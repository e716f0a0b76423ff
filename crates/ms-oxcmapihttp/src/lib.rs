//! # ms-oxcmapihttp — [MS-OXCMAPIHTTP] MAPI over HTTP
//!
//! MAPI over HTTP is how Outlook talks to Exchange since 2013 SP1: HTTP
//! POSTs to a mailbox endpoint (EMSMDB: Connect, Execute with a ROP buffer,
//! Disconnect, NotificationWait) and an address book endpoint (NSPI: Bind,
//! QueryRows, ResolveNames, ...), each with a binary request body and a
//! binary response body behind a few meta-tag lines. This crate decodes
//! and encodes every request and response body, types the X- headers, and
//! parses the response stream incrementally (meta-tags, additional headers,
//! body; the chunked transfer coding too). It does no I/O: bring your own
//! HTTP client or server.
//!
//! The address book bodies carry the structures of ms-oxnspi ([`ms_oxnspi::Stat`])
//! and values in the ms-oxcdata model ([`ms_oxcdata::PropertyValue`],
//! [`ms_oxcdata::Restriction`]) in MAPI/HTTP's own flat encoding (32-bit
//! counts, the HasValue bytes of 2.2.1.1). Execute's RopBuffer and every
//! AuxiliaryBuffer are kept as bytes for ms-oxcrpc / ms-oxcrops to decode.
//!
//! ```
//! use ms_oxcmapihttp::chunked::{Event, ResponseStream};
//! use ms_oxcmapihttp::{QueryRowsResponse, QueryRowsSuccess, RequestType, Response, ResponseCode};
//! use msox_codec::{Decode, Encode, Options};
//!
//! // Headers: typed values.
//! assert_eq!("QueryRows".parse::<RequestType>()?, RequestType::QueryRows);
//! assert_eq!(ResponseCode::parse("10")?, ResponseCode::ContextNotFound);
//!
//! // A response stream as the server sends it (after the chunked coding).
//! let body = Response::Success(QueryRowsSuccess {
//!     error_code: 0.into(), state: None, columns_and_rows: None, auxiliary_buffer: vec![],
//! });
//! let mut stream = Vec::from(&b"PROCESSING\r\nDONE\r\nX-ElapsedTime: 3\r\n\r\n"[..]);
//! stream.extend(body.to_vec()?);
//! let (events, _) = ResponseStream::parse_all(&stream, &Options::strict())?;
//! let Some(Event::Body(bytes)) = events.last() else { panic!() };
//! let resp = QueryRowsResponse::decode_exact(bytes)?;
//! assert_eq!(resp, body);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! Not byte-lossless in one respect: an optional field's Has* byte is
//! "nonzero" for present; any nonzero byte reads as present and is written
//! back as 0xFF (TRUE). HasValue bytes of 2.2.1.1 other than 0x00/0xFF are
//! defects (strict: errors).
//!
//! ## Coverage ([MS-OXCMAPIHTTP] 2.2)
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.2.1.1 | AddressBookPropertyValue | [`AddressBookPropertyValue`] |
//! | 2.2.1.2 | AddressBookTaggedPropertyValue | [`AddressBookTaggedPropertyValue`] |
//! | 2.2.1.3 | AddressBookPropertyValueList | [`AddressBookPropertyValueList`] |
//! | 2.2.1.4 | AddressBookTypedPropertyValue | [`AddressBookTypedPropertyValue`] |
//! | 2.2.1.5 | AddressBookFlaggedPropertyValue | [`AddressBookFlaggedPropertyValue`] |
//! | 2.2.1.6 | AddressBookFlaggedPropertyValueWithType | [`AddressBookFlaggedPropertyValueWithType`] |
//! | 2.2.1.7 | AddressBookPropertyRow | [`AddressBookPropertyRow`] (with [`ColumnsAndRows`]) |
//! | 2.2.1.8 | LargePropertyTagArray | [`LargePropertyTagArray`] |
//! | 2.2.2.1 | common request format | not applicable (HTTP; headers typed in [`headers`]) |
//! | 2.2.2.2 | common response format: meta-tags, additional headers, body | [`chunked::ResponseStream`], [`chunked::TransferDecoder`] |
//! | 2.2.3.1-2.2.3.2.5 | Host, Content-*, cookies, Transfer-Encoding | not applicable (HTTP) |
//! | 2.2.3.3.1 | X-RequestType | [`RequestType`] |
//! | 2.2.3.3.2 | X-RequestId | [`RequestId`] |
//! | 2.2.3.3.3 | X-ResponseCode | [`ResponseCode`] |
//! | 2.2.3.3.4 | X-ClientInfo | [`ClientInfo`] |
//! | 2.2.3.3.5 / 2.2.3.3.9 | X-PendingPeriod, X-ElapsedTime | [`Milliseconds`] |
//! | 2.2.3.3.6 / 2.2.3.3.7 | X-ClientApplication, X-ServerApplication | [`Application`] |
//! | 2.2.3.3.8 / 2.2.3.3.10 / 2.2.3.3.11 | X-ExpirationInfo, X-StartTime, X-DeviceInfo | names in [`headers::names`]; values kept as strings (events of [`chunked::ResponseStream`]) |
//!
//! Request types ([`RequestType`]) and their bodies; each response is a
//! [`Response`] of its success body (2.2.x.y.2) or a [`FailureResponse`]
//! (2.2.x.y.3):
//!
//! | section | request type | request body | response body |
//! |---|---|---|---|
//! | 2.2.4.1 | Connect | [`ConnectRequest`] | [`ConnectResponse`] |
//! | 2.2.4.2 | Execute | [`ExecuteRequest`] | [`ExecuteResponse`] |
//! | 2.2.4.3 | Disconnect | [`DisconnectRequest`] | [`DisconnectResponse`] |
//! | 2.2.4.4 | NotificationWait | [`NotificationWaitRequest`] | [`NotificationWaitResponse`] |
//! | 2.2.5.1 | Bind | [`BindRequest`] | [`BindResponse`] |
//! | 2.2.5.2 | Unbind | [`UnbindRequest`] | [`UnbindResponse`] |
//! | 2.2.5.3 | CompareMinIds | [`CompareMinIdsRequest`] | [`CompareMinIdsResponse`] |
//! | 2.2.5.4 | DnToMinId | [`DnToMinIdRequest`] | [`DnToMinIdResponse`] |
//! | 2.2.5.5 | GetMatches | [`GetMatchesRequest`] | [`GetMatchesResponse`] |
//! | 2.2.5.6 | GetPropList | [`GetPropListRequest`] | [`GetPropListResponse`] |
//! | 2.2.5.7 | GetProps | [`GetPropsRequest`] | [`GetPropsResponse`] |
//! | 2.2.5.8 | GetSpecialTable | [`GetSpecialTableRequest`] | [`GetSpecialTableResponse`] |
//! | 2.2.5.9 | GetTemplateInfo | [`GetTemplateInfoRequest`] | [`GetTemplateInfoResponse`] |
//! | 2.2.5.10 | ModLinkAtt | [`ModLinkAttRequest`] | [`ModLinkAttResponse`] |
//! | 2.2.5.11 | ModProps | [`ModPropsRequest`] | [`ModPropsResponse`] |
//! | 2.2.5.12 | QueryRows | [`QueryRowsRequest`] | [`QueryRowsResponse`] |
//! | 2.2.5.13 | QueryColumns | [`QueryColumnsRequest`] | [`QueryColumnsResponse`] |
//! | 2.2.5.14 | ResolveNames | [`ResolveNamesRequest`] | [`ResolveNamesResponse`] |
//! | 2.2.5.15 | ResortRestriction | [`ResortRestrictionRequest`] | [`ResortRestrictionResponse`] |
//! | 2.2.5.16 | SeekEntries | [`SeekEntriesRequest`] | [`SeekEntriesResponse`] |
//! | 2.2.5.17 | UpdateStat | [`UpdateStatRequest`] | [`UpdateStatResponse`] |
//! | 2.2.5.18 | GetMailboxUrl | [`GetMailboxUrlRequest`] | [`GetMailboxUrlResponse`] |
//! | 2.2.5.19 | GetAddressBookUrl | [`GetAddressBookUrlRequest`] | [`GetAddressBookUrlResponse`] |
//! | 2.2.6 | PING | no request body | no response body beyond the meta-tags ([`chunked::ResponseStream`]) |
//! | 2.2.7 | response meta-tags | [`chunked::MetaTag`] |
//!
//! Execute's RopBuffer is [MS-OXCRPC] 3.1.4.2's rgbIn/rgbOut (RPC_HEADER_EXT
//! and the ROP buffer) and every AuxiliaryBuffer is [MS-OXCRPC] 3.1.4.1.1's
//! auxiliary buffer: kept as `Vec<u8>` here, decoded by ms-oxcrpc /
//! ms-oxcrops.
#![forbid(unsafe_code)]

pub mod bodies;
pub mod chunked;
pub mod fields;
pub mod headers;
pub mod values;

pub use bodies::*;
pub use headers::*;
pub use values::*;
