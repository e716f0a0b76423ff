//! Caps that keep hostile input from exhausting memory, stack or time.

use crate::error::{Error, ErrorKind, Result};

/// Caps applied while decoding untrusted input.
///
/// The defaults are safe for input from strangers on a desktop or server:
/// large enough for every real file seen, small enough that one hostile file
/// cannot take the process down. Fuzz targets use [`Limits::fuzzing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Limits {
    /// Largest single allocation sized from a value read off the input,
    /// in bytes (a declared size that the input itself does not back).
    pub max_alloc: usize,
    /// Deepest nesting of recursive structures (restrictions, embedded
    /// messages, nested attachments, WBXML elements).
    pub max_depth: u32,
    /// Largest output a decompressor or decoder may produce, in bytes.
    pub max_output: usize,
    /// Largest number of items in one collection (records, attributes,
    /// properties) that a decoder will build.
    pub max_items: usize,
}

impl Limits {
    /// The default caps: 256 MiB per allocation, depth 64, 1 GiB of output,
    /// 16 Mi items.
    pub const DEFAULT: Limits = Limits {
        max_alloc: 256 << 20,
        max_depth: 64,
        max_output: 1 << 30,
        max_items: 16 << 20,
    };

    /// Small caps for fuzzing: 16 MiB per allocation and of output, depth 32.
    pub const fn fuzzing() -> Limits {
        Limits {
            max_alloc: 16 << 20,
            max_depth: 32,
            max_output: 16 << 20,
            max_items: 1 << 20,
        }
    }

    /// No caps beyond what the input itself backs (trusted input only).
    pub const fn unlimited() -> Limits {
        Limits {
            max_alloc: usize::MAX,
            max_depth: u32::MAX,
            max_output: usize::MAX,
            max_items: usize::MAX,
        }
    }

    /// Checks an allocation size against [`Limits::max_alloc`].
    pub fn check_alloc(&self, size: usize) -> Result<()> {
        if size > self.max_alloc {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "allocation size",
                value: size as u64,
                max: self.max_alloc as u64,
            }));
        }
        Ok(())
    }

    /// Checks an output length against [`Limits::max_output`].
    pub fn check_output(&self, len: usize) -> Result<()> {
        if len > self.max_output {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "output size",
                value: len as u64,
                max: self.max_output as u64,
            }));
        }
        Ok(())
    }

    /// Checks an item count against [`Limits::max_items`].
    pub fn check_items(&self, count: usize) -> Result<()> {
        if count > self.max_items {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "item count",
                value: count as u64,
                max: self.max_items as u64,
            }));
        }
        Ok(())
    }

    /// The depth tracker for a recursive decode starting at depth 0.
    pub fn depth(&self) -> Depth {
        Depth {
            current: 0,
            max: self.max_depth,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Current nesting depth of a recursive decode, with its cap.
///
/// Pass it by value into the recursive call after [`Depth::enter`]:
///
/// ```
/// use msox_codec::{Depth, Limits};
/// fn walk(depth: Depth, n: u32) -> msox_codec::Result<u32> {
///     let inner = depth.enter()?;           // error once nested too deep
///     if n == 0 { Ok(inner.current()) } else { walk(inner, n - 1) }
/// }
/// assert_eq!(walk(Limits::default().depth(), 10).unwrap(), 11);
/// assert!(walk(Limits::default().depth(), 1000).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth {
    current: u32,
    max: u32,
}

impl Depth {
    /// A tracker at depth 0 with cap `max`.
    pub const fn new(max: u32) -> Self {
        Depth { current: 0, max }
    }

    /// One level deeper, or [`ErrorKind::LimitExceeded`] past the cap.
    pub fn enter(self) -> Result<Depth> {
        let next = self.current.saturating_add(1);
        if next > self.max {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "nesting depth",
                value: u64::from(next),
                max: u64::from(self.max),
            }));
        }
        Ok(Depth {
            current: next,
            max: self.max,
        })
    }

    /// Levels entered so far.
    pub const fn current(&self) -> u32 {
        self.current
    }

    /// The cap.
    pub const fn max(&self) -> u32 {
        self.max
    }
}
