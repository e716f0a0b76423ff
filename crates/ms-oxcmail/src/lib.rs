//! # ms-oxcmail — [MS-OXCMAIL] Internet message <-> MAPI message conversion
#![forbid(unsafe_code)]

pub mod mime;
