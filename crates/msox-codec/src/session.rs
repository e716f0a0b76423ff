//! The decoding session: options, budget, structure path and defects of
//! one decode, carried by the [`crate::Reader`] from the entry point to
//! every leaf.
//!
//! A session is made once per decode from [`Options`] (a [`Mode`] and
//! [`Limits`]). It holds:
//!
//! - the **mode**: [`Mode::Strict`] refuses anything the spec does not
//!   allow; [`Mode::Lenient`] reads past what real producers get wrong,
//!   records a [`Defect`] for each repair, and never drops silently;
//! - the **budget**: bytes reserved from sizes the input declares, items
//!   built, output produced and nesting depth, each summed over the whole
//!   decode and checked against the [`Limits`];
//! - the **structure path**: a stack of [`Frame`]s pushed and popped by the
//!   decoders;
//! - the **defects** recorded so far.

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::path::{Frame, Path};

/// How a decoder treats input that breaks the spec's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Mode {
    /// Refuse: the first defect is an error.
    Strict,
    /// Repair at the smallest unit that can be delimited, keep what cannot
    /// be read as raw bytes, and report each repair as a [`Defect`].
    #[default]
    Lenient,
}

/// What a caller decides about one decode: the [`Mode`] and the [`Limits`].
///
/// ```
/// use msox_codec::{Limits, Mode, Options};
/// let strict = Options::strict();
/// assert_eq!(strict.mode, Mode::Strict);
/// let big = Options::default().with_limits(Limits::DEFAULT.with_max_alloc(2 << 30));
/// assert_eq!(big.mode, Mode::Lenient);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Options {
    /// Strict or lenient.
    pub mode: Mode,
    /// The budget of the decode.
    pub limits: Limits,
}

impl Options {
    /// Strict mode, default limits.
    pub const fn strict() -> Self {
        Options {
            mode: Mode::Strict,
            limits: Limits::DEFAULT,
        }
    }

    /// Lenient mode, default limits (the default).
    pub const fn lenient() -> Self {
        Options {
            mode: Mode::Lenient,
            limits: Limits::DEFAULT,
        }
    }

    /// Lenient mode with the small limits of [`Limits::fuzzing`].
    pub const fn fuzzing() -> Self {
        Options {
            mode: Mode::Lenient,
            limits: Limits::fuzzing(),
        }
    }

    /// These options with `mode`.
    #[must_use]
    pub const fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// These options with `limits`.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Whether the mode is strict.
    pub const fn is_strict(&self) -> bool {
        matches!(self.mode, Mode::Strict)
    }
}

/// Something wrong in the input that lenient decoding read past: what
/// (an [`Error`] with kind, offset and path) and what was done about it.
#[derive(Clone, PartialEq, Eq)]
pub struct Defect {
    error: Error,
    action: Cow<'static, str>,
}

impl Defect {
    /// A defect: the problem and what lenient decoding did about it
    /// (`"kept as raw bytes"`, `"value kept as read"`).
    pub fn new(error: Error, action: impl Into<Cow<'static, str>>) -> Self {
        Defect {
            error,
            action: action.into(),
        }
    }

    /// What was wrong, where, inside which structure.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The kind of problem.
    pub fn kind(&self) -> &ErrorKind {
        self.error.kind()
    }

    /// The byte offset (see [`Error::offset`]).
    pub fn offset(&self) -> Option<usize> {
        self.error.offset()
    }

    /// The structure path.
    pub fn path(&self) -> &Path {
        self.error.path()
    }

    /// What lenient decoding did about it.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The defect as an error (what strict mode returns instead).
    pub fn into_error(self) -> Error {
        self.error
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.action.is_empty() {
            write!(f, "{}", self.error)
        } else {
            write!(f, "{}; {}", self.error, self.action)
        }
    }
}

impl fmt::Debug for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Defect({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Defect {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Defect", 5)?;
        st.serialize_field("problem", &self.error.kind().to_string())?;
        st.serialize_field("offset", &self.error.offset())?;
        st.serialize_field("derived", &self.error.derived())?;
        st.serialize_field("path", self.error.path())?;
        st.serialize_field("action", &self.action)?;
        st.end()
    }
}

/// A decoded value with the defects lenient decoding reported on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// What was repaired (empty for clean input or in strict mode).
    pub defects: Vec<Defect>,
}

impl<T> Decoded<T> {
    /// Applies `f` to the value, keeping the defects.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded {
            value: f(self.value),
            defects: self.defects,
        }
    }

    /// Whether no defect was reported.
    pub fn is_clean(&self) -> bool {
        self.defects.is_empty()
    }
}

/// Counters of a session's budget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Bytes reserved from sizes the input declared.
    pub alloc: usize,
    /// Items built.
    pub items: usize,
    /// Output bytes produced.
    pub output: usize,
    /// Current nesting depth.
    pub depth: u32,
}

/// The state of one decode: options, budget, path, defects.
///
/// Owned by the outermost [`crate::Reader`]; passed on (moved, never
/// re-created) when a nested buffer is decoded with
/// [`crate::Reader::nested`]. Recover it with [`crate::Reader::into_session`].
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub(crate) options: Options,
    pub(crate) output_cap: usize,
    pub(crate) usage: Usage,
    pub(crate) path: Vec<Frame>,
    pub(crate) defects: Vec<Defect>,
    /// Defects past [`MAX_DEFECTS`], counted, not kept.
    pub(crate) defects_not_kept: u64,
}

/// Most defects one session keeps. A file can hold a defect in every few
/// bytes (a damaged chain per directory entry, say); past this many, the
/// rest are counted, and [`Session::take_defects`] ends the list with one
/// defect saying how many were not kept, so none is dropped silently and a
/// defect flood cannot cost more memory than the file.
pub const MAX_DEFECTS: usize = 10_000;

impl Session {
    /// A session for a decode of `input_len` bytes with `options`.
    pub fn new(options: Options, input_len: usize) -> Self {
        Session {
            output_cap: options.limits.output_cap(input_len),
            options,
            usage: Usage::default(),
            path: Vec::new(),
            defects: Vec::new(),
            defects_not_kept: 0,
        }
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.options.limits
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.options.mode
    }

    /// Whether the mode is strict.
    pub fn is_strict(&self) -> bool {
        self.options.is_strict()
    }

    /// The output this session may still produce.
    pub fn output_left(&self) -> usize {
        self.output_cap.saturating_sub(self.usage.output)
    }

    /// The output cap of this session ([`Limits::output_cap`] of its input).
    pub fn output_cap(&self) -> usize {
        self.output_cap
    }

    /// The budget used so far.
    pub fn usage(&self) -> Usage {
        self.usage
    }

    /// The current structure path.
    pub fn frames(&self) -> &[Frame] {
        &self.path
    }

    /// The defects recorded so far.
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }

    /// Takes the defects out (with a last one counting those not kept
    /// past [`MAX_DEFECTS`], if any).
    pub fn take_defects(&mut self) -> Vec<Defect> {
        let mut v = std::mem::take(&mut self.defects);
        if self.defects_not_kept > 0 {
            v.push(Defect::new(
                Error::new(ErrorKind::LimitExceeded {
                    what: "defect count",
                    value: (MAX_DEFECTS as u64).saturating_add(self.defects_not_kept),
                    max: MAX_DEFECTS as u64,
                }),
                format!("{} more defects counted, not kept", self.defects_not_kept),
            ));
            self.defects_not_kept = 0;
        }
        v
    }

    /// Records a defect (kept up to [`MAX_DEFECTS`], counted past it).
    pub(crate) fn push_defect(&mut self, d: Defect) {
        if self.defects.len() < MAX_DEFECTS {
            self.defects.push(d);
        } else {
            self.defects_not_kept += 1;
        }
    }

    /// Records a defect found by code that is not reading (a check after
    /// decoding, a conversion): in strict mode returns it as the error.
    pub fn defect(&mut self, error: Error, action: impl Into<Cow<'static, str>>) -> Result<()> {
        if self.is_strict() {
            Err(error)
        } else {
            self.push_defect(Defect::new(error, action));
            Ok(())
        }
    }

    /// Adds defects found by another session (a nested decode run
    /// separately), keeping their paths.
    pub fn extend_defects(&mut self, defects: impl IntoIterator<Item = Defect>) {
        for d in defects {
            self.push_defect(d);
        }
    }

    pub(crate) fn limit_error(&self, what: &'static str, value: usize, max: usize) -> ErrorKind {
        ErrorKind::LimitExceeded {
            what,
            value: value as u64,
            max: max as u64,
        }
    }

    /// Counts `n` bytes reserved from a size the input declared.
    #[inline]
    pub fn charge_alloc(
        &mut self,
        n: usize,
        what: &'static str,
    ) -> std::result::Result<(), ErrorKind> {
        let max = self.options.limits.max_alloc;
        match self.usage.alloc.checked_add(n) {
            Some(v) if v <= max => {
                self.usage.alloc = v;
                Ok(())
            }
            _ => Err(self.limit_error(what, self.usage.alloc.saturating_add(n), max)),
        }
    }

    /// Counts `n` items built.
    #[inline]
    pub fn charge_items(
        &mut self,
        n: usize,
        what: &'static str,
    ) -> std::result::Result<(), ErrorKind> {
        let max = self.options.limits.max_items;
        match self.usage.items.checked_add(n) {
            Some(v) if v <= max => {
                self.usage.items = v;
                Ok(())
            }
            _ => Err(self.limit_error(what, self.usage.items.saturating_add(n), max)),
        }
    }

    /// Counts `n` bytes of output.
    #[inline]
    pub fn charge_output(&mut self, n: usize) -> std::result::Result<(), ErrorKind> {
        let max = self.output_cap;
        match self.usage.output.checked_add(n) {
            Some(v) if v <= max => {
                self.usage.output = v;
                Ok(())
            }
            _ => Err(self.limit_error("output size", self.usage.output.saturating_add(n), max)),
        }
    }
}
