//! One module per format: its `clap` subcommand and, where it has a
//! signature, its `inspect` entry.
pub mod ashttp;
pub mod oxcdata;
pub mod wbxml;

pub mod rtf;
