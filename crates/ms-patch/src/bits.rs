//! [MS-PATCH] 2.1 / 3: the LZXD bitstream, a sequence of 16-bit
//! little-endian words whose bits are read most significant first; the
//! uncompressed-block bytes and chunk-size prefixes sit between them,
//! byte-aligned.

/// Reads bits MSB-first from 16-bit little-endian words.
///
/// Past the end of the input it reads zeros and counts them; decoders check
/// [`BitReader::overrun`] at their checkpoints (libmspack likewise supplies
/// up to two zero bytes at the end of a stream).
///
/// The buffer is left-aligned: the next bit is bit 63 of `buf`, and `n`
/// bits (whole words and the rest of a word) are valid; a refill loads two
/// words at once, so [`BitReader::ensure32`] costs one predictable branch.
#[derive(Debug, Clone)]
pub struct BitReader<'a> {
    data: &'a [u8],
    /// Next byte to load into `buf`.
    pos: usize,
    /// Buffered bits, valid in the top `n` bits; the rest are zero.
    buf: u64,
    n: u32,
}

impl<'a> BitReader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            pos: 0,
            buf: 0,
            n: 0,
        }
    }

    /// Loads words until at least 32 bits are buffered.
    #[inline(always)]
    pub fn refill(&mut self) {
        if self.n < 32 {
            self.refill32();
        }
    }

    /// Loads two words (`n` < 32 on entry).
    #[inline(always)]
    fn refill32(&mut self) {
        match self.data.get(self.pos..self.pos.wrapping_add(4)) {
            Some(&[a, b, c, d]) => {
                let w = (u32::from(u16::from_le_bytes([a, b])) << 16)
                    | u32::from(u16::from_le_bytes([c, d]));
                self.buf |= u64::from(w) << (32 - self.n);
                self.n += 32;
                self.pos += 4;
            }
            _ => self.refill_slow(),
        }
    }

    /// The end of the input: the last word, the last odd byte, then zeros.
    #[cold]
    #[inline(never)]
    fn refill_slow(&mut self) {
        while self.n < 32 {
            let w = match self.data.get(self.pos..self.pos.saturating_add(2)) {
                Some(&[a, b]) => u16::from_le_bytes([a, b]),
                _ => u16::from(self.data.get(self.pos).copied().unwrap_or(0)),
            };
            self.buf |= u64::from(w) << (48 - self.n);
            self.n += 16;
            self.pos = self.pos.saturating_add(2);
        }
    }

    /// Makes sure at least 32 bits are buffered.
    #[inline(always)]
    pub fn ensure32(&mut self) {
        if self.n < 32 {
            self.refill32();
        }
    }

    /// The next `k` (<= 32) bits without consuming them; call
    /// [`BitReader::ensure32`] first.
    #[inline(always)]
    pub fn peek(&self, k: u32) -> u32 {
        debug_assert!(k <= self.n && k <= 32);
        // Two shifts, so that k = 0 gives 0.
        ((self.buf >> 1) >> (63 - k.min(32))) as u32
    }

    /// Consumes `k` (<= 32) buffered bits.
    #[inline(always)]
    pub fn consume(&mut self, k: u32) {
        let k = k.min(self.n);
        self.buf <<= k;
        self.n -= k;
    }

    /// Reads `k` (<= 32) bits.
    #[inline(always)]
    pub fn read(&mut self, k: u32) -> u32 {
        self.ensure32();
        let v = self.peek(k);
        self.consume(k);
        v
    }

    /// The byte position of the next unconsumed bit's word (buffered whole
    /// words are not counted as consumed).
    #[inline]
    pub fn byte_pos(&self) -> usize {
        self.pos - (self.n as usize / 16) * 2
    }

    /// The byte position of the word that holds the next unconsumed bit
    /// (where decoding stands, for error offsets).
    #[inline]
    pub fn word_pos(&self) -> usize {
        self.pos.saturating_sub(self.n.div_ceil(16) as usize * 2)
    }

    /// Bytes read past the end of the input.
    #[inline]
    pub fn overrun(&self) -> usize {
        self.byte_pos().saturating_sub(self.data.len())
    }

    /// Whether words past the end of the input were loaded (a cheap test
    /// before [`BitReader::overrun`]).
    #[inline(always)]
    pub fn past_end(&self) -> bool {
        self.pos > self.data.len()
    }

    /// Drops the unconsumed bits of the current word (aligns to 16 bits).
    pub fn align_word(&mut self) {
        let partial = self.n % 16;
        self.consume(partial);
    }

    /// [MS-PATCH] 2.3.2.3: aligns for an uncompressed block: 1 to 16 bits of
    /// padding (a whole word when already aligned), then byte mode.
    pub fn align_uncompressed(&mut self) {
        if self.n.is_multiple_of(16) {
            self.ensure32();
            self.consume(16);
        } else {
            self.align_word();
        }
        self.to_bytes();
    }

    /// Switches to byte mode: the buffer must hold whole words only; they are
    /// given back to the input.
    pub fn to_bytes(&mut self) {
        self.pos = self.byte_pos();
        self.buf = 0;
        self.n = 0;
    }

    /// In byte mode: the next `len` bytes, or `None` when the input ends.
    pub fn take_bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        debug_assert_eq!(self.n, 0);
        let s = self.data.get(self.pos..self.pos.checked_add(len)?)?;
        self.pos += len;
        Some(s)
    }

    /// In byte mode: skips `len` bytes (padding); false when the input ends.
    pub fn skip_bytes(&mut self, len: usize) -> bool {
        self.take_bytes(len).is_some()
    }
}

/// Writes bits MSB-first into 16-bit little-endian words.
#[derive(Debug, Clone, Default)]
pub struct BitWriter {
    /// Output bytes.
    pub out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl BitWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the low `k` (<= 16) bits of `v`.
    #[inline(always)]
    pub fn write(&mut self, v: u32, k: u32) {
        debug_assert!(k <= 16);
        if k == 0 {
            return;
        }
        self.acc = (self.acc << k) | (v & ((1 << k) - 1));
        self.n += k;
        if self.n >= 16 {
            self.n -= 16;
            let w = (self.acc >> self.n) as u16;
            self.out.extend_from_slice(&w.to_le_bytes());
            self.acc &= (1 << self.n) - 1;
        }
    }

    /// Writes the low `k` (<= 32) bits of `v`.
    #[inline]
    pub fn write_long(&mut self, v: u32, k: u32) {
        if k > 16 {
            self.write(v >> 16, k - 16);
            self.write(v & 0xFFFF, 16);
        } else {
            self.write(v, k);
        }
    }

    /// Bits written into the current word.
    pub fn partial_bits(&self) -> u32 {
        self.n
    }

    /// Pads the current word with zero bits.
    pub fn align_word(&mut self) {
        if self.n > 0 {
            self.write(0, 16 - self.n);
        }
    }

    /// [MS-PATCH] 2.3.2.3: 1 to 16 bits of zero padding.
    pub fn align_uncompressed(&mut self) {
        if self.n == 0 {
            self.write(0, 16);
        } else {
            self.align_word();
        }
    }

    /// Appends raw bytes (word-aligned only).
    pub fn bytes(&mut self, b: &[u8]) {
        debug_assert_eq!(self.n, 0);
        self.out.extend_from_slice(b);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn writer_and_reader_agree() {
        let mut w = BitWriter::new();
        let items = [
            (1u32, 1u32),
            (5, 3),
            (0x1234, 16),
            (0x1FFFF, 17),
            (0, 2),
            (77, 7),
        ];
        for (v, k) in items {
            w.write_long(v, k);
        }
        w.align_word();
        let mut r = BitReader::new(&w.out);
        for (v, k) in items {
            assert_eq!(r.read(k), v);
        }
    }

    #[test]
    fn spec_example_header() {
        // [MS-PATCH] 3: chunk size 0x0014, then 0, 011, 24-bit size 3.
        let bytes = [0x14, 0x00, 0x00, 0x30, 0x30, 0x00];
        let mut r = BitReader::new(&bytes);
        assert_eq!(r.read(16), 0x14);
        assert_eq!(r.read(1), 0);
        assert_eq!(r.read(3), 3);
        assert_eq!((r.read(16) << 8) | r.read(8), 3);
        r.align_uncompressed();
        assert_eq!(r.byte_pos(), 6);
    }
}
