//! [MS-OXRTFCP] 2.1.2.1 Dictionary and 2.1.3.1.3 Dictionary Reference.

/// [MS-OXRTFCP] 2.1.2.1: the size of the circular dictionary.
pub const DICTIONARY_SIZE: usize = 4096;

/// [MS-OXRTFCP] 2.1.2.1: the 207 bytes the dictionary starts with, at
/// offset 0 (the write position starts just after them, at 207).
///
/// Note the `\r\n` after `\blue0`: several ports of other implementations
/// carry `\n\r` there, which changes the output of streams that refer to
/// those two bytes.
pub const INITIAL_DICTIONARY: &[u8; 207] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/// The dictionary's write position after initialisation.
pub const INITIAL_WRITE_OFFSET: u16 = 207;

/// The shortest run a dictionary reference can copy.
pub const MIN_MATCH: usize = 2;

/// The longest run a dictionary reference can copy (4 bits of length + 2).
pub const MAX_MATCH: usize = 17;

/// [MS-OXRTFCP] 2.1.3.1.3 Dictionary Reference: a 16-bit big-endian value
/// whose upper 12 bits are an offset into the dictionary and lower 4 bits
/// the run length minus 2. A reference whose offset equals the dictionary's
/// write position ends the compressed data.
///
/// ```
/// use ms_oxrtfcp::DictionaryReference;
/// let r = DictionaryReference::from_bytes([0x0a, 0x80]);
/// assert_eq!((r.offset(), r.length()), (0x0a8, 2));
/// assert_eq!(DictionaryReference::new(0x0a8, 2).unwrap().to_bytes(), [0x0a, 0x80]);
/// assert!(DictionaryReference::new(4096, 2).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DictionaryReference(u16);

impl DictionaryReference {
    /// A reference to `length` bytes (2..=17) at `offset` (0..4096).
    pub const fn new(offset: u16, length: u8) -> Option<Self> {
        if offset as usize >= DICTIONARY_SIZE
            || (length as usize) < MIN_MATCH
            || length as usize > MAX_MATCH
        {
            return None;
        }
        Some(Self((offset << 4) | (length as u16 - MIN_MATCH as u16)))
    }

    /// The end-of-data reference for a dictionary whose write position is
    /// `write_offset` (its length field is written as 0).
    pub const fn end(write_offset: u16) -> Self {
        Self((write_offset & 0x0FFF) << 4)
    }

    /// The reference read from its two wire bytes (big-endian).
    pub const fn from_bytes(b: [u8; 2]) -> Self {
        Self(u16::from_be_bytes(b))
    }

    /// The two wire bytes (big-endian).
    pub const fn to_bytes(self) -> [u8; 2] {
        self.0.to_be_bytes()
    }

    /// The 12-bit dictionary offset.
    pub const fn offset(self) -> u16 {
        self.0 >> 4
    }

    /// The run length, 2..=17.
    pub const fn length(self) -> u8 {
        (self.0 & 0x0F) as u8 + MIN_MATCH as u8
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_dictionary_is_207_bytes_ending_in_tx() {
        assert_eq!(INITIAL_DICTIONARY.len(), usize::from(INITIAL_WRITE_OFFSET));
        assert!(INITIAL_DICTIONARY.starts_with(b"{\\rtf1\\ansi\\mac"));
        assert!(INITIAL_DICTIONARY.ends_with(b"\\tab\\tx"));
        let crlf = INITIAL_DICTIONARY
            .windows(2)
            .position(|w| w == b"\r\n")
            .unwrap_or(0);
        assert_eq!(&INITIAL_DICTIONARY[crlf - 6..crlf], b"\\blue0");
    }

    #[test]
    fn reference_bounds() {
        assert!(DictionaryReference::new(0, 1).is_none());
        assert!(DictionaryReference::new(0, 18).is_none());
        let r = DictionaryReference::new(0xFFF, 17).unwrap();
        assert_eq!(r.to_bytes(), [0xFF, 0xFF]);
        assert_eq!(DictionaryReference::end(0x0CF).to_bytes(), [0x0C, 0xF0]);
    }
}
