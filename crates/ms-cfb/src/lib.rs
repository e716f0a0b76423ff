//! # ms-cfb — [MS-CFB] Compound File Binary File Format: a reader for hostile input, and a writer
//!
//! Outlook .msg files, OLE attachments and many other Microsoft formats are
//! compound files: a small file system of storages and streams inside one
//! file. This crate reads one from a byte slice, without I/O, for input from
//! strangers, in one decoding session ([`msox_codec::Reader`]):
//!
//! - [`CompoundFile`] is the one model of the container: decoding reads the
//!   header, DIFAT, FAT, mini FAT and directory, walks the directory tree
//!   (each entry linked once, one visited bitmap, no recursion) and the
//!   sector chain of every reachable stream (each only as far as its size
//!   needs; a sector claimed twice, by one chain or two, is a defect at
//!   the link that claims it). Nothing is copied while decoding.
//! - Stream bytes are read on demand in the caller's session:
//!   [`CompoundFile::read_stream`] runs a decoder on a stream (a window of
//!   the input when its sectors lie together, else a copy charged to the
//!   session's allocation budget and read with [`msox_codec::Origin::Mapped`],
//!   so offsets are file offsets either way); [`CompoundFile::stream_bytes`]
//!   gives the bytes.
//! - Errors and defects carry the absolute offset of the field at fault and
//!   a path (`CompoundFile > Directory > DirectoryEntry[12]`,
//!   `CompoundFile > Stream[7] > FAT chain`, the index being the stream ID);
//!   strict mode refuses what lenient mode reads past. Names are kept
//!   losslessly as [`msox_codec::Utf16String`].
//!
//! ```
//! use ms_cfb::CompoundFile;
//! use msox_codec::{Decode, Options, Reader};
//!
//! let bytes = ms_cfb::example_file();
//! let mut r = Reader::with_options(&bytes, &Options::strict());
//! let cf = CompoundFile::decode(&mut r)?;
//! let storage = cf.child(0, "Storage 1").expect("a storage");
//! let stream = cf.child(storage, "STREAM 1").expect("names compare case-insensitively");
//! assert_eq!(cf.entry(stream).unwrap().name.as_str(), "Stream 1");
//! assert_eq!(&cf.stream_bytes(&mut r, stream)?[..], b"Data for stream");
//!
//! // A stream whose chain loops back on itself: strict refuses, at the
//! // mini FAT entry that links back, naming the stream.
//! let mut bad = bytes.clone();
//! bad[1024 + 2 * 128 + 120] = 100; // Stream 1 claims 100 bytes: 2 mini sectors
//! bad[1536..1540].copy_from_slice(&0u32.to_le_bytes()); // mini sector 0 -> 0
//! let err = CompoundFile::decode_exact(&bad).unwrap_err();
//! assert_eq!(err.offset(), Some(1536));
//! assert_eq!(err.path().to_string(), "CompoundFile > Stream[2] > MiniFAT chain");
//! let read = CompoundFile::decode_bytes(&bad, &Options::lenient())?;
//! assert_eq!(read.defects.len(), 1);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.1 | sector numbers and types | [`sector`] constants, checked in every chain |
//! | 2.2 | header | [`Header`] (every field kept) |
//! | 2.3, 2.5 | FAT and DIFAT sectors | read; FAT sectors past the file, claimed twice, or fewer/more than the header says are defects |
//! | 2.4 | mini FAT, mini stream | read |
//! | 2.6 | directory entries, red-black trees | [`DirEntry`], [`CompoundFile::children`] (tree order; links to missing or already linked entries are defects) |
//! | 2.7 | stream sectors | chains checked at decode (cycles, cross-links, short or long chains); bytes by [`CompoundFile::read_stream`] |
//! | 2.8 | range lock sector | not applicable to reading |
//! | 3 | the spec's example layout | [`example_file`], test vector |
//! | — | writing | [`write_file`]: version 3 (version 4 when a stream needs it, or asked), FAT, DIFAT, mini FAT and mini stream, directory trees of black nodes, CLSIDs, state bits and timestamps as given; deterministic. [`tree_of`] / [`read_tree`] give a read file back as the [`Entry`] tree the writer takes |
#![forbid(unsafe_code)]

mod directory;
mod example;
mod file;
mod header;
mod write;

pub use directory::{DirEntry, ENTRY_SIZE, ObjectType};
pub use example::example_file;
pub use file::{CompoundFile, FileContents, MINI_SECTOR_SIZE, read_file};
pub use header::{HEADER_DIFAT_ENTRIES, Header, SIGNATURE, sector};
pub use write::{
    Entry, EntryKind, MAX_V3_STREAM, WriteOptions, read_tree, tree_of, write_file, write_file_with,
};
