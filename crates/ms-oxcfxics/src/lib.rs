//! # ms-oxcfxics — [MS-OXCFXICS] Bulk Data Transfer Protocol
//!
//! Exchange moves mailbox content in bulk with FastTransfer streams
//! (RopFastTransferSource*/Destination* copy operations) and keeps clients
//! in step with Incremental Change Synchronization (ICS:
//! RopSynchronization*). This crate is the codec of what those operations
//! carry:
//!
//! - the **ICS data structures** of 2.2.2: [`Cn`], [`Xid`] / [`SizedXid`],
//!   [`PredecessorChangeList`] with the conflict detection and merge rules
//!   of 3.1.5.6, [`IdSet`] in both forms (REPLID, REPLGUID) with set
//!   operations, [`GlobSet`] with the command encoding of 3.1.5.4.3,
//!   [`ProgressInformation`], [`PropertyGroupInfo`], [`FolderReplicaInfo`],
//!   [`ExtendedErrorInfo`];
//! - the **FastTransfer stream** of 2.2.4: its lexical layer (markers,
//!   meta-properties, property values serialized through ms-oxcdata's one
//!   value policy) and its syntactic layer (the ABNF of 2.2.4.2) as an
//!   incremental pull parser, [`FxParser`], that takes the stream in pieces
//!   split at any byte and yields the same [`Event`]s whatever the split,
//!   borrowing values from the pieces; and a writer, [`FxWriter`], that
//!   hands a stream out in pieces of a requested size;
//! - the **message model**: messageContent to and from the ms-oxcmsg
//!   [`Message`](ms_oxcmsg::Message) ([`MessageBuilder`],
//!   [`write_message_content`]).
//!
//! ```
//! use ms_oxcfxics::{
//!     Event, FxParser, FxWriter, IdSetReplId, MessageBuilder, Root, Split, write_message_content,
//!     WriteOptions,
//! };
//! use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
//! use msox_codec::{Decode, Encode, Options};
//!
//! // A message written as a FastTransfer stream in 64-byte pieces...
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Quarterly report");
//! m.recipients.push(Recipient::new("Ann", "ann@example.com", RecipientType::To));
//! m.attachments.push(Attachment::by_value("report.txt", vec![7; 1000]));
//! let mut w = FxWriter::with_pieces(64, Split::Atoms);
//! write_message_content(&m, &mut w, &WriteOptions::default())?;
//! let mut pieces = Vec::new();
//! while let Some(p) = w.next_piece() {
//!     pieces.push(p);
//! }
//! pieces.extend(w.finish());
//!
//! // ...and read back piece by piece, as RopFastTransferSourceGetBuffer returns them.
//! let mut parser = FxParser::new(Root::MessageContent, &Options::strict());
//! let mut builder = MessageBuilder::new();
//! for piece in &pieces {
//!     let mut feed = parser.feed(piece);
//!     while let Some(event) = feed.next_event()? {
//!         builder.event(event)?;
//!     }
//! }
//! for event in parser.finish()? {
//!     builder.event(event)?;
//! }
//! let back = builder.finish()?;
//! assert_eq!(back.subject().as_deref(), Some("Quarterly report"));
//! assert_eq!(back.attachments[0].data(), Some(&[7u8; 1000][..]));
//!
//! // An IDSET (REPLID form), as MetaTagIdsetDeleted carries it.
//! let deleted = IdSetReplId::decode_exact(&[
//!     0x01, 0x00,                               // REPLID 1
//!     0x05, 0x00, 0x00, 0x00, 0x01, 0x00,       // Push 5 high-order bytes
//!     0x52, 0x00, 0x05,                         // Range 0x00..0x05
//!     0x50, 0x00,                               // Pop, End
//! ])?;
//! assert!(deleted.contains(&1, 0x0000_0001_0003));
//! assert_eq!(deleted.len(), 6);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.2.1.1, 2.2.1.3 | ICS state and difference properties (tags) | [`tags`] constants; values are [`IdSet`]s |
//! | 2.2.2.1 | CN | [`Cn`] |
//! | 2.2.2.2 | XID | [`Xid`], [`LocalId`]; the 22-byte GID of [MS-OXCDATA] 2.2.1.3 is [`Gid`] |
//! | 2.2.2.3 / 2.2.2.3.1 | PredecessorChangeList, SizedXid | [`PredecessorChangeList`], [`SizedXid`] |
//! | 2.2.2.4 / .1 / .2 | IDSET / CNSET, REPLID and REPLGUID forms | [`IdSet`], [`IdSetReplId`], [`IdSetReplGuid`], [`CnSet`] |
//! | 2.2.2.5 | GLOBCNT | [`Globcnt`] (ms-oxcdata's `GlobalCounter`) |
//! | 2.2.2.6 / .1-.5 | GLOBSET and its Push, Pop, Bitmask, Range, End commands | [`GlobSet`], [`GlobSetCommand`] |
//! | 2.2.2.7 | ProgressInformation | [`ProgressInformation`] |
//! | 2.2.2.8 / .1 / .1.1 | PropertyGroupInfo, PropertyGroup, GroupPropertyName | [`PropertyGroupInfo`], [`PropertyGroup`], [`GroupPropertyName`] |
//! | 2.2.2.9 | FolderReplicaInfo | [`FolderReplicaInfo`] |
//! | 2.2.2.10 | ExtendedErrorInfo | [`ExtendedErrorInfo`] |
//! | 2.2.3 | ROP request and response buffers | not here: they belong to the ROP codec (ms-oxcrops); this crate decodes what their buffers carry |
//! | 2.2.4.1 / .1 / .1.1 / .2 / .3 | lexical structure, property types, code page types, propValue, serialization of simple types | [`FxProperty`], [`FxValue`], [`FxParser`], [`FxWriter`] |
//! | 2.2.4.1.4 | markers | [`Marker`] |
//! | 2.2.4.1.5 / .1-.6 | meta-properties | [`tags`] (`META_TAG_*`), [`Event::Meta`] |
//! | 2.2.4.2, 2.2.4.3.1-25 | syntactic structure, every element | [`Root`], [`Element`], [`Event`]; the parser checks the ABNF (not the per-element property restriction tables, which are about content) |
//! | 2.2.4.3.16 / .1 / .23 | messageContent, attachmentContent, recipient as a [`Message`](ms_oxcmsg::Message) | [`MessageBuilder`], [`write_message_content`] |
//! | 2.2.4.4 | streams in ROPs | [`Root`] (the caller says which operation produced the stream) |
//! | 3.1.5.4 | serializing IDSETs and GLOBSETs | [`IdSet`], [`GlobSet`] (encoding as Exchange does; other valid encodings read and kept) |
//! | 3.1.5.5 | compact IDSETs | [`GlobSet`] ranges; collapsing ranges is the caller's policy |
//! | 3.1.5.6.1 / 3.1.5.6.2 | conflict detection, PCL merge | [`PredecessorChangeList::relation`], [`PredecessorChangeList::merge`] |
//! | 3.1.5.6.2.2 | last writer wins | not here: it compares object properties, not an encoding |
//! | 3.2, 3.3 | server and client behaviour | not applicable (no I/O) |
//! | 4.4 | IDSET serialization example | `test-vectors/oxcfxics/idset-4.4-example.hex` from the example's four Message IDs (the serialized bytes follow the commands the example describes; the page's byte listing could not be retrieved to compare) |
//! | 4.1-4.3 | ROP sequences | not here: ROP buffers belong to ms-oxcrops |
//!
//! ## Lossless reading
//!
//! Decoding then encoding gives the input back: a GLOBSET encoded another
//! way than [`GlobSet`] encodes it (another producer's valid command
//! choice) keeps its bytes; PCL and IDSET entries stay in the order read;
//! reserved fields and paddings are kept; a FastTransfer string sent
//! without its terminating null is written back without it; a PtypBoolean
//! other than 0 or 1 is kept as [`PropertyValue::Raw`](ms_oxcdata::PropertyValue::Raw)
//! bytes of [`ValueEncoding::FastTransfer`](ms_oxcdata::ValueEncoding::FastTransfer).
//! Writing [`Event`]s back with [`FxWriter::event`] reproduces the stream.
//! The message model is not byte-lossless (meta-properties and string
//! terminator choices are not in it); it round-trips the model.
//!
//! ## Streaming and cost
//!
//! [`FxParser`] holds at most one unfinished token between pieces: a
//! value split across pieces is gathered once (its buffer sized from the
//! declared length, capped by the allocation budget left), a value whole
//! in its piece is borrowed. Scanning resumes where it stopped, so feeding
//! a stream byte by byte stays linear. Element nesting is limited by
//! [`Limits::max_depth`](msox_codec::Limits), values and items by the
//! session budget. [`GlobSet`] / [`IdSet`] operations are linear merges
//! over ranges (a union of two million-ID sets takes tens of
//! milliseconds).
#![forbid(unsafe_code)]

mod globset;
mod grammar;
mod ids;
mod idset;
mod lexical;
mod model;
mod parser;
mod pcl;
mod structures;
pub mod tags;
mod writer;
mod xid;

pub use globset::{GlobCntRange, GlobSet, GlobSetCommand};
pub use grammar::{Element, Event, Root};
pub use ids::{Cn, GLOBCNT_MAX, Gid, Globcnt};
pub use idset::{CnSet, IdSet, IdSetEntry, IdSetReplGuid, IdSetReplId, Replica, ShortTermId};
pub use lexical::{FxContext, FxProperty, FxValue, Token, is_fast_transfer_type};
pub use model::{
    MessageBuilder, WriteOptions, decode_message_content, decode_message_pieces,
    encode_message_content, write_message_content,
};
pub use parser::{Feed, FxParser, parse_pieces, parse_stream};
pub use pcl::{PclRelation, PredecessorChangeList};
pub use structures::{
    ExtendedErrorInfo, FolderReplicaInfo, GroupNameKind, GroupProperty, GroupPropertyName,
    ProgressInformation, PropertyGroup, PropertyGroupInfo,
};
pub use tags::Marker;
pub use writer::{FxWriter, Split, encode_events};
pub use xid::{LocalId, SizedXid, Xid, guid_wire_cmp};
