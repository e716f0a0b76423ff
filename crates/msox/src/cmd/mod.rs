//! One module per format: its `clap` subcommand and, where it has a
//! signature, its `inspect` entry.
pub mod abkt;
pub mod ashttp;
pub mod cab;
pub mod cal;
pub mod chm;
pub mod dtyp;
pub mod eml;
pub mod fxics;
pub mod ics;
pub mod oab;
pub mod oxcdata;
pub mod oxcrpc;
pub mod wbxml;

pub mod lzx;
pub mod mapihttp;
pub mod message;
pub mod msg;
pub mod mszip;
pub mod nspi;
pub mod prop;
pub mod rops;
pub mod rtf;
pub mod show;

pub mod tnef;
