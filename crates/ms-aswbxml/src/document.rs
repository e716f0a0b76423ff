//! [`Document`]: a header and its events, and [`Encoder`]: events back to
//! WBXML bytes ([WBXML 1.3] 5.3 Document Structure).

use crate::event::{Event, Tag};
use crate::header::Header;
use crate::parser::{Body, Framing, collect_events, in_reader};
use crate::token::*;
use msox_codec::{Decode, DecodeWith, Error, ErrorKind, Reader, Result, Sink};

/// A decoded WBXML document: the header and every token as an [`Event`],
/// borrowing from the input. Encoding it gives the input back byte for
/// byte (for input a strict decode accepts; a lenient decode's defects
/// list what it read past).
///
/// Decode it like every msox structure: `Document::decode_bytes(bytes,
/// &Options)` (a document with a header), `Document::decode_bytes_with(bytes,
/// Framing::Headerless, &Options)` (a body without one). The event vector
/// is charged to the session's item budget as it grows.
///
/// ```
/// use ms_aswbxml::{Document, Framing};
/// use msox_codec::{Decode, DecodeWith, Options};
/// let bytes = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, b'0', 0x00, 0x01, 0x01];
/// let doc = Document::decode_exact(&bytes)?;
/// assert_eq!(doc.encode()?, bytes);
/// let body = Document::decode_bytes_with(&bytes[4..], Framing::Headerless, &Options::lenient())?;
/// assert_eq!(body.value.events, doc.events);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    /// The header ([`Header::ACTIVESYNC`] for a headerless body).
    pub header: Header<'a>,
    /// Whether the bytes had a header.
    pub framing: Framing,
    /// Every token of the body.
    pub events: Vec<Event<'a>>,
}

/// A document with a header (frames `WBXML > header`, `WBXML > body >`
/// the open elements).
impl<'a> Decode<'a> for Document<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, Framing::Document)
    }
}

/// A document with or without a header.
impl<'a> DecodeWith<'a, Framing> for Document<'a> {
    fn decode_with(r: &mut Reader<'a>, framing: Framing) -> Result<Self> {
        in_reader(r, framing, |r, st: &mut Body<'a>| {
            let events = collect_events(r, st)?;
            Ok(Document {
                header: st.header,
                framing,
                events,
            })
        })
    }
}

impl<'a> Document<'a> {
    /// Encodes the header (unless headerless) and the events.
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut e = Encoder::with_capacity(&self.header, self.framing, self.encoded_len_hint())?;
        for ev in &self.events {
            e.event(ev)?;
        }
        Ok(e.finish())
    }

    fn encoded_len_hint(&self) -> usize {
        self.events
            .iter()
            .map(|e| match e {
                Event::Str(s) | Event::Opaque(s) | Event::ExtI { value: s, .. } => s.len() + 6,
                _ => 3,
            })
            .sum()
    }
}

/// Writes events as WBXML. A `SWITCH_PAGE` is inserted before a tag whose
/// page is not the one in force (so hand-built events need no
/// [`Event::SwitchPage`]); events that came from a decode already carry
/// every switch, so nothing is inserted and the bytes come back unchanged.
#[derive(Debug, Clone)]
pub struct Encoder {
    out: Vec<u8>,
    tag_page: u8,
    /// 0 content, 1 attribute list, 2 PI.
    state: u8,
}

impl Encoder {
    /// An encoder that has written `header` (nothing for headerless).
    pub fn new(header: &Header<'_>, framing: Framing) -> Result<Self> {
        Self::with_capacity(header, framing, 256)
    }

    /// [`Encoder::new`] with an output capacity hint.
    pub fn with_capacity(header: &Header<'_>, framing: Framing, capacity: usize) -> Result<Self> {
        let mut out = Vec::with_capacity(capacity);
        if framing == Framing::Document {
            header.write(&mut out)?;
        }
        Ok(Encoder {
            out,
            tag_page: 0,
            state: 0,
        })
    }

    /// The tag code page in force.
    pub fn tag_page(&self) -> u8 {
        self.tag_page
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    /// Gives the bytes written so far to `sink` and forgets them (the
    /// buffer is kept): for output in pieces. [`Encoder::len`] counts from
    /// here on.
    pub fn drain_into(&mut self, sink: &mut (impl Sink + ?Sized)) -> Result<()> {
        sink.write(&self.out)?;
        self.out.clear();
        Ok(())
    }

    fn termstr(&mut self, token: u8, s: &[u8]) -> Result<()> {
        if memchr::memchr(0, s).is_some() {
            return Err(Error::new(ErrorKind::Malformed(
                "an inline string cannot contain a NUL byte".into(),
            )));
        }
        self.out.push(token);
        self.out.extend_from_slice(s);
        self.out.push(0);
        Ok(())
    }

    /// Writes a start tag, switching page first when needed.
    #[inline]
    pub fn start(&mut self, tag: Tag) -> Result<()> {
        if !(0x05..=0x3F).contains(&tag.token) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "tag token",
                value: u64::from(tag.token),
            }));
        }
        if tag.page != self.tag_page {
            self.out.push(SWITCH_PAGE);
            self.out.push(tag.page);
            self.tag_page = tag.page;
        }
        self.out.push(tag.byte());
        if tag.attributes {
            self.state = 1;
        }
        Ok(())
    }

    /// Writes a `STR_I`.
    #[inline]
    pub fn str_i(&mut self, s: &[u8]) -> Result<()> {
        self.termstr(STR_I, s)
    }

    /// Writes an `OPAQUE`.
    #[inline]
    pub fn opaque(&mut self, data: &[u8]) -> Result<()> {
        self.out.push(OPAQUE);
        write_mb_u32(
            &mut self.out,
            msox_codec::fit_u32(data.len(), "OPAQUE length")?,
        );
        self.out.extend_from_slice(data);
        Ok(())
    }

    /// Writes an `END`.
    #[inline]
    pub fn end(&mut self) {
        self.out.push(END);
        self.state = 0;
    }

    /// Writes one event.
    pub fn event(&mut self, ev: &Event<'_>) -> Result<()> {
        match *ev {
            Event::SwitchPage(p) => {
                self.out.push(SWITCH_PAGE);
                self.out.push(p);
                if self.state == 0 {
                    self.tag_page = p;
                }
            }
            Event::Start(t) => self.start(t)?,
            Event::LiteralTag {
                index,
                content,
                attributes,
                ..
            } => {
                self.out.push(match (content, attributes) {
                    (false, false) => LITERAL,
                    (true, false) => LITERAL_C,
                    (false, true) => LITERAL_A,
                    (true, true) => LITERAL_AC,
                });
                write_mb_u32(&mut self.out, index);
                if attributes {
                    self.state = 1;
                }
            }
            Event::End => self.end(),
            Event::Str(s) => self.str_i(s)?,
            Event::StrT { index, .. } => {
                self.out.push(STR_T);
                write_mb_u32(&mut self.out, index);
            }
            Event::Entity(c) => {
                self.out.push(ENTITY);
                write_mb_u32(&mut self.out, c);
            }
            Event::Opaque(d) => self.opaque(d)?,
            Event::ExtI { n, value } => {
                self.termstr(EXT_I_0 + ext_n(n)?, value)?;
            }
            Event::ExtT { n, index } => {
                self.out.push(EXT_T_0 + ext_n(n)?);
                write_mb_u32(&mut self.out, index);
            }
            Event::Ext(n) => self.out.push(EXT_0 + ext_n(n)?),
            Event::Pi => {
                self.out.push(PI);
                self.state = 2;
            }
            Event::AttrStart(t) => {
                if t >= 0x80 || t <= LITERAL || (0x40..=0x44).contains(&t) {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "attribute start token",
                        value: u64::from(t),
                    }));
                }
                self.out.push(t);
            }
            Event::AttrLiteral { index, .. } => {
                self.out.push(LITERAL);
                write_mb_u32(&mut self.out, index);
            }
            Event::AttrValue(t) => {
                if t < 0x85 || (0xC0..=0xC4).contains(&t) {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "attribute value token",
                        value: u64::from(t),
                    }));
                }
                self.out.push(t);
            }
        }
        Ok(())
    }
}

fn ext_n(n: u8) -> Result<u8> {
    if n > 2 {
        return Err(Error::new(ErrorKind::InvalidValue {
            field: "extension number",
            value: u64::from(n),
        }));
    }
    Ok(n)
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redundant_switch_pages_survive_a_round_trip() {
        // Sync, SWITCH_PAGE 0 (redundant), Status "1", SWITCH 0 again, END END
        let b = [3, 1, 106, 0, 0x45, 0, 0, 0x4E, 3, b'1', 0, 1, 0, 0, 1];
        let doc = Document::decode_exact(&b).unwrap();
        assert_eq!(doc.encode().unwrap(), b);
    }

    #[test]
    fn hand_built_events_get_their_switches() {
        let mut e = Encoder::new(&Header::ACTIVESYNC, Framing::Document).unwrap();
        e.event(&Event::Start(Tag::new(13, 5, true))).unwrap();
        e.event(&Event::Start(Tag::new(13, 7, false))).unwrap();
        e.event(&Event::End).unwrap();
        assert_eq!(e.finish(), [3, 1, 106, 0, 0, 13, 0x45, 0x07, 1]);
    }

    #[test]
    fn bad_events_are_refused() {
        let mut e = Encoder::new(&Header::ACTIVESYNC, Framing::Headerless).unwrap();
        assert!(e.event(&Event::Str(b"a\0b")).is_err());
        assert!(e.event(&Event::Start(Tag::new(0, 1, false))).is_err());
        assert!(e.event(&Event::Ext(3)).is_err());
        assert!(e.event(&Event::AttrStart(0x43)).is_err());
        assert!(e.event(&Event::AttrValue(0xC3)).is_err());
        assert!(e.is_empty());
    }
}
