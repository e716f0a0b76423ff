//! Runnable examples across the msox crates: `cargo run -p msox-examples --example NAME`.
#![forbid(unsafe_code)]
