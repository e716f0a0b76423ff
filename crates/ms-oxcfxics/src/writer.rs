//! Writing FastTransfer streams, in pieces of a requested size.

use std::collections::VecDeque;

use ms_oxcdata::{PropertyName, PropertyTag, PropertyValue};
use msox_codec::Result;

use crate::grammar::Event;
use crate::lexical::{
    Atoms, FxProperty, write_fx_property, write_marker, write_property_bytes, write_property_value,
};
use crate::tags::Marker;

/// Where [`FxWriter`] may cut the stream into pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Split {
    /// At any byte: every piece but the last has exactly the requested size.
    #[default]
    Anywhere,
    /// As [MS-OXCFXICS] 2.2.4.1 requires of servers: between atoms (markers,
    /// propDefs, fixed-size values, lengths) or inside a varSizeValue,
    /// never inside an atom. A piece is at most the requested size, unless
    /// one atom alone is larger (a long named-property name), in which case
    /// that piece holds just the atom.
    Atoms,
}

#[derive(Debug, Default)]
struct AtomLog {
    spans: VecDeque<(usize, usize)>,
    base: usize,
    on: bool,
}

impl Atoms for AtomLog {
    fn atom(&mut self, start: usize, end: usize) {
        if self.on && end > start + 1 {
            self.spans.push_back((self.base + start, self.base + end));
        }
    }
}

/// [MS-OXCFXICS] 2.2.4 a FastTransfer stream writer: takes events
/// ([`FxWriter::event`]) or properties and markers directly, and hands the
/// stream out in pieces of a requested size (what
/// RopFastTransferSourceGetBuffer returns) with [`FxWriter::next_piece`].
///
/// Memory holds only what has not been handed out; bytes are copied once
/// into the stream.
///
/// ```
/// use ms_oxcfxics::{FxWriter, Marker, Split};
/// use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
/// let mut w = FxWriter::with_pieces(6, Split::Anywhere);
/// w.marker(Marker::StartRecip);
/// w.property_value(PropertyTag::new(0x3000, PropertyType::Integer32), None, &PropertyValue::Integer32(0))?;
/// w.marker(Marker::EndToRecip);
/// let mut pieces = Vec::new();
/// while let Some(p) = w.next_piece() {
///     pieces.push(p);
/// }
/// pieces.extend(w.finish());
/// assert_eq!(pieces.iter().map(Vec::len).collect::<Vec<_>>(), [6, 6, 4]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug)]
pub struct FxWriter {
    out: Vec<u8>,
    /// Bytes of `out` already handed out.
    start: usize,
    atoms: AtomLog,
    piece_size: usize,
    split: Split,
}

impl Default for FxWriter {
    fn default() -> Self {
        FxWriter::new()
    }
}

impl FxWriter {
    /// A writer that hands the stream out whole ([`FxWriter::into_bytes`]).
    pub fn new() -> Self {
        FxWriter {
            out: Vec::new(),
            start: 0,
            atoms: AtomLog::default(),
            piece_size: usize::MAX,
            split: Split::Anywhere,
        }
    }

    /// A writer that hands the stream out in pieces of `piece_size` bytes
    /// (at least 1), cut as `split` says.
    pub fn with_pieces(piece_size: usize, split: Split) -> Self {
        FxWriter {
            out: Vec::new(),
            start: 0,
            atoms: AtomLog {
                on: split == Split::Atoms,
                ..AtomLog::default()
            },
            piece_size: piece_size.max(1),
            split,
        }
    }

    /// Writes the tokens of an event (markers of Begin/End, nothing for
    /// Abort, properties as they are).
    pub fn event(&mut self, ev: &Event<'_>) -> Result<()> {
        match ev {
            Event::Begin(e) => {
                if let Some(m) = e.begin_marker() {
                    self.marker(m);
                }
            }
            Event::End(e) => {
                if let Some(m) = e.end_marker() {
                    self.marker(m);
                }
            }
            Event::Abort(_) => {}
            Event::Marker(m) => self.marker(*m),
            Event::Property(p) | Event::Meta(p) => self.property(p)?,
        }
        Ok(())
    }

    /// Writes a marker.
    pub fn marker(&mut self, m: Marker) {
        write_marker(&mut self.out, &mut self.atoms, m);
    }

    /// Writes a property token as it is (lossless: string terminators,
    /// code page types and raw values as read).
    pub fn property(&mut self, p: &FxProperty<'_>) -> Result<()> {
        let at = self.out.len();
        let r = write_fx_property(&mut self.out, &mut self.atoms, p);
        self.rollback_on_error(at, r)
    }

    /// Writes a property from the property model: `tag` is written as
    /// given (its type must fit the value: a code page type for a
    /// PtypString8 value in that code page), `name` is required exactly
    /// for IDs of 0x8000 and above; strings get their terminating null.
    pub fn property_value(
        &mut self,
        tag: PropertyTag,
        name: Option<&PropertyName>,
        value: &PropertyValue,
    ) -> Result<()> {
        let at = self.out.len();
        let r = match value {
            PropertyValue::Binary(b) | PropertyValue::Object(b) | PropertyValue::ServerId(b)
                if value.prop_type() == tag.prop_type =>
            {
                write_property_bytes(&mut self.out, &mut self.atoms, tag, name, b)
            }
            _ => write_property_value(&mut self.out, &mut self.atoms, tag, name, value, true),
        };
        self.rollback_on_error(at, r)
    }

    fn rollback_on_error(&mut self, at: usize, r: Result<()>) -> Result<()> {
        if r.is_err() {
            self.out.truncate(at);
            let abs = self.atoms.base + at;
            while self.atoms.spans.back().is_some_and(|s| s.1 > abs) {
                self.atoms.spans.pop_back();
            }
        }
        r
    }

    /// Stream offset of `out[0]`.
    fn base(&self) -> usize {
        self.atoms.base
    }

    /// Bytes written and not yet handed out.
    pub fn pending(&self) -> usize {
        self.out.len() - self.start
    }

    /// Where the next piece ends (an index into `out`), if a full piece is
    /// available.
    fn cut(&mut self, finishing: bool) -> Option<usize> {
        let avail = self.pending();
        if avail == 0 || (avail < self.piece_size && !finishing) {
            return None;
        }
        let want = self.start + self.piece_size.min(avail);
        if self.split == Split::Anywhere || want == self.out.len() {
            return Some(want);
        }
        let base = self.base();
        let s = base + self.start;
        let cut = base + want;
        while self.atoms.spans.front().is_some_and(|a| a.1 <= s) {
            self.atoms.spans.pop_front();
        }
        for &(a, b) in &self.atoms.spans {
            if a >= cut {
                break;
            }
            if cut < b {
                let c = if a > s { a } else { b };
                return Some(c - base);
            }
        }
        Some(want)
    }

    fn take(&mut self, end: usize) -> Vec<u8> {
        let piece = self.out.get(self.start..end).unwrap_or_default().to_vec();
        self.start = end;
        if self.start > 4096 && self.start * 2 > self.out.len() {
            self.out.drain(..self.start);
            self.atoms.base += self.start;
            self.start = 0;
        }
        piece
    }

    /// The next full piece, when enough of the stream is written.
    pub fn next_piece(&mut self) -> Option<Vec<u8>> {
        let end = self.cut(false)?;
        Some(self.take(end))
    }

    /// Ends the stream: the pieces not handed out yet.
    pub fn finish(mut self) -> Vec<Vec<u8>> {
        let mut v = Vec::new();
        while let Some(end) = self.cut(true) {
            v.push(self.take(end));
        }
        v
    }

    /// Ends the stream: everything not handed out, as one buffer.
    pub fn into_bytes(mut self) -> Vec<u8> {
        if self.start == 0 {
            return self.out;
        }
        self.out.split_off(self.start)
    }
}

/// Writes events into one buffer.
///
/// ```
/// use ms_oxcfxics::{Root, encode_events, parse_stream};
/// use msox_codec::Options;
/// let stream = [0x03, 0x00, 0x07, 0x0E, 0x01, 0x00, 0x00, 0x00];
/// let events = parse_stream(&stream, Root::MessageContent, &Options::strict())?.value;
/// assert_eq!(encode_events(&events)?, stream);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn encode_events<'e, 'a: 'e>(
    events: impl IntoIterator<Item = &'e Event<'a>>,
) -> Result<Vec<u8>> {
    let mut w = FxWriter::new();
    for e in events {
        w.event(e)?;
    }
    Ok(w.into_bytes())
}
