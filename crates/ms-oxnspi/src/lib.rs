//! # ms-oxnspi — [MS-OXNSPI] / [MS-NSPI] address book structures and their NDR encoding
#![forbid(unsafe_code)]

pub mod constants;
pub mod ndr;
pub mod strings;
pub mod types;

pub use constants::*;
pub use types::*;
pub mod entryid;
pub mod methods;
pub use entryid::*;
pub use methods::*;
