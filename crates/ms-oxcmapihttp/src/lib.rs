//! # ms-oxcmapihttp — [MS-OXCMAPIHTTP] MAPI over HTTP
#![forbid(unsafe_code)]

pub mod bodies;
pub mod fields;
pub mod values;

pub use bodies::*;
pub use values::*;
