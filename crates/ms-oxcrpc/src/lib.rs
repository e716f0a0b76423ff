//! # ms-oxcrpc
#![forbid(unsafe_code)]

pub mod ext;
pub mod lz77;
pub mod xor;

pub use ext::{
    ExtendedBuffer, ExtendedBufferSegment, Payload, RpcHeaderExt, RpcHeaderExtFlags, SegmentData,
};
