//! # ms-patch — [MS-PATCH] LZX DELTA Compression and Decompression (work in progress: nothing public yet)
#![forbid(unsafe_code)]
