//! The structure path: where in the nesting of structures a decoder is.
//!
//! A decoder pushes a [`Frame`] when it enters a structure and pops it when
//! it leaves ([`crate::Reader::frame`] does both); errors and defects copy the
//! stack at the moment they are raised, so their path is complete by
//! construction:
//!
//! ```text
//! TnefStream > attMAPIProps > TaggedPropertyValue[21] > PtypBoolean
//! ```

use std::borrow::Cow;
use std::fmt;

/// One level of the structure path: a static name with an optional index
/// (`attachment[2]`) and an optional variant (`rop[3](RopQueryRows)`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frame {
    name: &'static str,
    variant: &'static str,
    index: u64,
}

const NO_INDEX: u64 = u64::MAX;

impl Frame {
    /// A frame with a name only.
    #[inline]
    pub const fn new(name: &'static str) -> Self {
        Frame {
            name,
            variant: "",
            index: NO_INDEX,
        }
    }

    /// A frame with a name and an index (the n-th element of a list).
    #[inline]
    pub const fn indexed(name: &'static str, index: u64) -> Self {
        Frame {
            name,
            variant: "",
            index,
        }
    }

    /// The same frame with a variant (which kind of a structure it is).
    #[inline]
    #[must_use]
    pub const fn with_variant(mut self, variant: &'static str) -> Self {
        self.variant = variant;
        self
    }

    /// The same frame with an index.
    #[inline]
    #[must_use]
    pub const fn with_index(mut self, index: u64) -> Self {
        self.index = index;
        self
    }

    /// The structure's name.
    #[inline]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The index within its list, if any.
    #[inline]
    pub const fn index(&self) -> Option<u64> {
        if self.index == NO_INDEX {
            None
        } else {
            Some(self.index)
        }
    }

    /// The variant, if any.
    #[inline]
    pub const fn variant(&self) -> Option<&'static str> {
        if self.variant.is_empty() {
            None
        } else {
            Some(self.variant)
        }
    }
}

impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)?;
        if let Some(i) = self.index() {
            write!(f, "[{i}]")?;
        }
        if let Some(v) = self.variant() {
            write!(f, "({v})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A structure path, outermost first. Frames are usually static names; a
/// name built at run time (from an encoder or a caller) is kept as text.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    frames: Vec<PathItem>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum PathItem {
    Frame(Frame),
    Text(Cow<'static, str>),
}

impl fmt::Display for PathItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathItem::Frame(fr) => fmt::Display::fmt(fr, f),
            PathItem::Text(t) => f.write_str(t),
        }
    }
}

impl Path {
    /// An empty path.
    pub const fn new() -> Self {
        Path { frames: Vec::new() }
    }

    /// A path from frames, outermost first.
    pub fn from_frames(frames: &[Frame]) -> Self {
        Path {
            frames: frames.iter().copied().map(PathItem::Frame).collect(),
        }
    }

    /// Whether the path has no frames.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Number of frames.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Each frame as text, outermost first (`"TaggedPropertyValue[21]"`).
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = String> + ExactSizeIterator + '_ {
        self.frames.iter().map(|p| p.to_string())
    }

    /// The frames' names, outermost first (without indexes or variants).
    pub fn names(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        self.frames.iter().map(|p| match p {
            PathItem::Frame(f) => f.name(),
            PathItem::Text(t) => t.as_ref(),
        })
    }

    /// The frames pushed by decoders (text items left out), outermost first.
    pub fn frames(&self) -> impl Iterator<Item = &Frame> + '_ {
        self.frames.iter().filter_map(|p| match p {
            PathItem::Frame(f) => Some(f),
            PathItem::Text(_) => None,
        })
    }

    /// Whether the path starts with these names (`["TnefStream", "attMAPIProps"]`).
    pub fn starts_with(&self, names: &[&str]) -> bool {
        names.len() <= self.frames.len() && self.names().zip(names).all(|(a, b)| a == *b)
    }

    /// Adds a frame at the outer end (used as an error travels outward
    /// through code that has no reader, such as encoders).
    pub fn push_outer(&mut self, name: impl Into<Cow<'static, str>>) {
        self.frames.insert(0, PathItem::Text(name.into()));
    }

    /// Adds a frame at the inner end.
    pub fn push_inner(&mut self, frame: Frame) {
        self.frames.push(PathItem::Frame(frame));
    }

    /// Puts `outer` in front of this path.
    pub fn prefix(&mut self, outer: &[Frame]) {
        if outer.is_empty() {
            return;
        }
        let mut v: Vec<PathItem> = outer.iter().copied().map(PathItem::Frame).collect();
        v.append(&mut self.frames);
        self.frames = v;
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.frames.iter().enumerate() {
            if i > 0 {
                f.write_str(" > ")?;
            }
            fmt::Display::fmt(p, f)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.segments())
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_display_with_index_and_variant() {
        let p = Path::from_frames(&[
            Frame::new("RopBuffer"),
            Frame::indexed("rop", 3).with_variant("RopQueryRows"),
        ]);
        assert_eq!(p.to_string(), "RopBuffer > rop[3](RopQueryRows)");
        assert!(p.starts_with(&["RopBuffer", "rop"]));
        assert!(!p.starts_with(&["rop"]));
    }

    #[test]
    fn text_frames_go_outside() {
        let mut p = Path::from_frames(&[Frame::new("Inner")]);
        p.push_outer("outer thing");
        assert_eq!(p.to_string(), "outer thing > Inner");
        p.prefix(&[Frame::new("Top")]);
        assert_eq!(p.to_string(), "Top > outer thing > Inner");
    }
}
