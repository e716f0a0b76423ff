//! # ms-cfb — [MS-CFB] Compound File Binary File Format, a reader for hostile input
//!
//! Outlook .msg files, OLE attachments and many other Microsoft formats are
//! compound files: a small file system of storages and streams inside one
//! file. This crate reads one from a byte slice, without I/O, for input from
//! strangers: every sector number is checked, every chain is bounded by the
//! file's sector count (so loops end), directory trees are walked without
//! recursion and each entry is visited once, and caps from
//! [`msox_codec::Limits`] bound entries, depth and bytes. Files that break
//! the spec in the ways real writers do (a name length past 64 bytes, a
//! chain longer than the stream, a truncated last sector) are read, and each
//! such thing is reported as a [`Defect`].
//!
//! ```
//! use ms_cfb::{CompoundFile, EntryKind};
//! # let bytes = ms_cfb::example_file();
//! let (cf, defects) = CompoundFile::parse(&bytes, &msox_codec::Limits::DEFAULT)?;
//! assert!(defects.is_empty());
//! let tree = cf.tree()?;
//! for e in tree.children() {
//!     println!("{} {:?}", e.name, matches!(e.kind, EntryKind::Stream(_)));
//! }
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.1 | sector numbers and types | [`sector`] constants, checked everywhere |
//! | 2.2 | header | [`Header`] |
//! | 2.3, 2.5 | FAT and DIFAT sectors | read (DIFAT chain bounded) |
//! | 2.4 | mini FAT, mini stream | read |
//! | 2.6 | directory entries, red-black trees | [`DirEntry`], [`CompoundFile::children`] (in name order, cycle-safe) |
//! | 2.8 | range lock sector | not applicable to reading |
//! | 3 | the spec's example file | test vector |
//! | — | writing | not here (ms-oxmsg writes with the `cfb` crate) |
#![forbid(unsafe_code)]

mod reader;

pub use reader::{
    CompoundFile, Defect, DirEntry, Entry, EntryKind, Header, ObjectType, example_file, sector,
};
