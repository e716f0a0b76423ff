//! Caps that keep hostile input from exhausting memory, stack or time.

use crate::error::{Error, ErrorKind, Result};

/// Caps applied while decoding untrusted input: one budget for a whole
/// decode session.
///
/// The caps are sums over the session, not per allocation: the bytes a
/// decoder reserves from sizes the input declares, the items it builds and
/// the output it produces all count against one budget (see
/// [`crate::Session`]), so a file of many small reservations cannot add up to
/// gigabytes. Output is also capped relative to the input
/// ([`Limits::output_cap`]): at most [`Limits::max_ratio`] bytes of output
/// per input byte, or [`Limits::ratio_floor`] bytes, whichever is larger.
///
/// The defaults are safe for input from strangers on a desktop or server:
/// large enough for every real file seen, small enough that one hostile file
/// cannot take the process down. Fuzz targets use [`Limits::fuzzing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Limits {
    /// Bytes a decode may allocate from sizes the input declares, summed
    /// over the session (copies of input bytes, buffers sized from length
    /// fields).
    pub max_alloc: usize,
    /// Deepest nesting of recursive structures (restrictions, embedded
    /// messages, nested attachments, WBXML elements).
    pub max_depth: u32,
    /// Most output a decompressor or converter may produce in one session,
    /// in bytes, whatever the input size.
    pub max_output: usize,
    /// Most items (records, attributes, properties, list elements) one
    /// session builds.
    pub max_items: usize,
    /// Output bytes allowed per input byte (see [`Limits::output_cap`]).
    pub max_ratio: u32,
    /// Output allowed whatever the input size, when `max_ratio` × input is
    /// less (see [`Limits::output_cap`]).
    pub ratio_floor: usize,
}

impl Limits {
    /// The default caps: 256 MiB allocated from declared sizes, depth 64,
    /// output at most 1 GiB and at most 200 bytes per input byte (at least
    /// 64 MiB), 64 Mi items.
    pub const DEFAULT: Limits = Limits {
        max_alloc: 256 << 20,
        max_depth: 64,
        max_output: 1 << 30,
        max_items: 64 << 20,
        max_ratio: 200,
        ratio_floor: 64 << 20,
    };

    /// Small caps for fuzzing: 16 MiB of allocation and output, depth 32.
    pub const fn fuzzing() -> Limits {
        Limits {
            max_alloc: 16 << 20,
            max_depth: 32,
            max_output: 16 << 20,
            max_items: 1 << 20,
            max_ratio: 200,
            ratio_floor: 16 << 20,
        }
    }

    /// No caps beyond what the input itself backs (trusted input only).
    pub const fn unlimited() -> Limits {
        Limits {
            max_alloc: usize::MAX,
            max_depth: u32::MAX,
            max_output: usize::MAX,
            max_items: usize::MAX,
            max_ratio: u32::MAX,
            ratio_floor: usize::MAX,
        }
    }

    /// These limits with `max_alloc` set.
    #[must_use]
    pub const fn with_max_alloc(mut self, v: usize) -> Self {
        self.max_alloc = v;
        self
    }

    /// These limits with `max_depth` set.
    #[must_use]
    pub const fn with_max_depth(mut self, v: u32) -> Self {
        self.max_depth = v;
        self
    }

    /// These limits with `max_output` set (and the ratio rule lifted up to it).
    #[must_use]
    pub const fn with_max_output(mut self, v: usize) -> Self {
        self.max_output = v;
        self.ratio_floor = v;
        self
    }

    /// These limits with `max_items` set.
    #[must_use]
    pub const fn with_max_items(mut self, v: usize) -> Self {
        self.max_items = v;
        self
    }

    /// The output a session over `input_len` bytes may produce:
    /// `min(max_output, max(ratio_floor, max_ratio × input_len))`.
    ///
    /// ```
    /// use msox_codec::Limits;
    /// let l = Limits::DEFAULT;
    /// assert_eq!(l.output_cap(1_000), 64 << 20);          // the floor
    /// assert_eq!(l.output_cap(1_000_000), 200_000_000);   // 200 per input byte
    /// assert_eq!(l.output_cap(100_000_000), 1 << 30);     // the absolute cap
    /// ```
    pub const fn output_cap(&self, input_len: usize) -> usize {
        let by_ratio = input_len.saturating_mul(self.max_ratio as usize);
        let v = if by_ratio > self.ratio_floor {
            by_ratio
        } else {
            self.ratio_floor
        };
        if v < self.max_output {
            v
        } else {
            self.max_output
        }
    }

    /// Checks one allocation size against [`Limits::max_alloc`] (for code
    /// without a session; sessions sum allocations with
    /// [`crate::Reader::reserve`]).
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

    /// Checks an output length against [`Limits::max_output`] (for code
    /// without a session; see [`crate::OutputBudget`]).
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

    /// The depth tracker for a recursive walk starting at depth 0 (for code
    /// without a session; sessions track depth in [`crate::Reader::nest`]).
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

/// A running total of output against a cap, for decompressors and
/// converters that produce output without a [`crate::Reader`].
///
/// ```
/// use msox_codec::{Limits, OutputBudget};
/// let mut b = OutputBudget::new(Limits::DEFAULT.output_cap(10));
/// b.charge(1000).unwrap();
/// assert!(b.charge(usize::MAX).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputBudget {
    used: usize,
    cap: usize,
}

impl OutputBudget {
    /// A budget of `cap` bytes.
    pub const fn new(cap: usize) -> Self {
        OutputBudget { used: 0, cap }
    }

    /// Counts `n` more bytes of output, or fails once the cap is passed.
    #[inline]
    pub fn charge(&mut self, n: usize) -> Result<()> {
        match self.used.checked_add(n) {
            Some(u) if u <= self.cap => {
                self.used = u;
                Ok(())
            }
            _ => Err(Error::new(ErrorKind::LimitExceeded {
                what: "output size",
                value: self.used.saturating_add(n) as u64,
                max: self.cap as u64,
            })),
        }
    }

    /// Bytes counted so far.
    pub const fn used(&self) -> usize {
        self.used
    }

    /// The cap.
    pub const fn cap(&self) -> usize {
        self.cap
    }

    /// Bytes left before the cap.
    pub const fn left(&self) -> usize {
        self.cap.saturating_sub(self.used)
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
