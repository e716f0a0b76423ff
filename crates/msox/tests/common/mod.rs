//! Helpers shared by integration tests: the small JSON Schema validator.

pub mod schema;
