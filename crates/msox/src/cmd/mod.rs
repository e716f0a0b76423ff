//! One module per format: its `clap` subcommand and, where it has a
//! signature, its `inspect` entry.
pub mod ashttp;
pub mod wbxml;

pub mod lzx;
pub mod mszip;
pub mod rtf;
