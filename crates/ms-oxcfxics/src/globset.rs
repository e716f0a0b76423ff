//! [MS-OXCFXICS] 2.2.2.6 GLOBSET and its encoding commands (2.2.2.6.1-5),
//! with the serialization algorithm of 3.1.5.4.3 and the set operations
//! ICS needs.

use std::fmt;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result};

use crate::ids::GLOBCNT_MAX;

/// A range of GLOBCNT values, both ends included, as 48-bit numbers
/// ([MS-OXCFXICS] 2.2.2.6: "a single GLOBCNT range identifies only the
/// lowest and highest values in a set of consecutive GLOBCNT values").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GlobCntRange {
    /// The lowest GLOBCNT of the range.
    pub low: u64,
    /// The highest GLOBCNT of the range (at least `low`).
    pub high: u64,
}

impl GlobCntRange {
    /// A range, or `None` unless `low <= high <= 2^48 - 1`.
    pub const fn new(low: u64, high: u64) -> Option<Self> {
        if low <= high && high <= GLOBCNT_MAX {
            Some(GlobCntRange { low, high })
        } else {
            None
        }
    }

    /// A range of one value (`None` past 48 bits).
    pub const fn single(v: u64) -> Option<Self> {
        Self::new(v, v)
    }

    /// Number of values in the range.
    pub const fn len(&self) -> u64 {
        self.high - self.low + 1
    }

    /// Always false (a range holds at least one value).
    pub const fn is_empty(&self) -> bool {
        false
    }

    /// Whether the range holds `v`.
    pub const fn contains(&self, v: u64) -> bool {
        self.low <= v && v <= self.high
    }
}

/// One GLOBSET encoding command ([MS-OXCFXICS] 2.2.2.6.1-2.2.2.6.5), for
/// inspecting how a GLOBSET is (or would be) encoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GlobSetCommand {
    /// 2.2.2.6.1 Push (0x01-0x06): high-order bytes for the common byte
    /// stack (a push that fills it to 6 bytes adds a singleton range).
    Push(Vec<u8>),
    /// 2.2.2.6.2 Pop (0x50): removes the bytes of the last Push.
    Pop,
    /// 2.2.2.6.3 Bitmask (0x42): StartingValue and Bitmask.
    Bitmask {
        /// StartingValue: the low-order byte of the first GLOBCNT.
        starting_value: u8,
        /// Bitmask: bit n set means StartingValue + 1 + n is in the set.
        bitmask: u8,
    },
    /// 2.2.2.6.4 Range (0x52): LowValue and HighValue (the low-order bytes
    /// not on the stack).
    Range {
        /// LowValue.
        low: Vec<u8>,
        /// HighValue.
        high: Vec<u8>,
    },
    /// 2.2.2.6.5 End (0x00).
    End,
}

/// Command bytes.
const CMD_END: u8 = 0x00;
const CMD_POP: u8 = 0x50;
const CMD_BITMASK: u8 = 0x42;
const CMD_RANGE: u8 = 0x52;

/// [MS-OXCFXICS] 2.2.2.6 GLOBSET Structure: a set of GLOBCNT values
/// (2.2.2.5), held as sorted, disjoint, non-adjacent ranges, serialized
/// with the Push / Pop / Bitmask / Range / End commands.
///
/// Encoding follows 3.1.5.4.3.1: high-order bytes shared by a group of
/// ranges are pushed once; ranges that differ in the next byte are split
/// by it; when five bytes are on the stack, ranges whose low-order bytes
/// lie within eight of each other go into one Bitmask command; a lone
/// value completes the stack with a Push (a singleton, popped
/// automatically); any other range is a Range command. This is the
/// encoding Exchange produces (it reproduces the Bitmask examples of
/// 3.1.5.4.3.1.3 and of Exchange-written ICS state byte for byte).
///
/// A decoded GLOBSET whose bytes differ from that encoding (another
/// producer's valid choice of commands) keeps its original bytes and is
/// written back unchanged; any change made through the set operations
/// returns a canonically encoded value. Equality compares the sets.
///
/// ```
/// use ms_oxcfxics::GlobSet;
/// use msox_codec::{Decode, Encode};
/// // 3.1.5.4.3.1.3: {0x01-0x03, 0x05, 0x07-0x09} under five common bytes.
/// let base = 0x0000_0006_8900;
/// let set = GlobSet::from_values([1, 2, 3, 5, 7, 8, 9].map(|v| base + v))?;
/// assert_eq!(set.ranges().len(), 3);
/// assert_eq!(set.to_vec()?, [0x05, 0x00, 0x00, 0x00, 0x06, 0x89, 0x42, 0x01, 0xEB, 0x50, 0x00]);
/// assert_eq!(GlobSet::decode_exact(&set.to_vec()?)?, set);
/// assert!(set.contains(base + 5) && !set.contains(base + 4));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GlobSet {
    ranges: Vec<GlobCntRange>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    original: Option<Box<[u8]>>,
}

impl PartialEq for GlobSet {
    fn eq(&self, other: &Self) -> bool {
        self.ranges == other.ranges
    }
}

impl Eq for GlobSet {}

impl fmt::Debug for GlobSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GlobSet{")?;
        for (i, r) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            if r.low == r.high {
                write!(f, "{:#x}", r.low)?;
            } else {
                write!(f, "{:#x}-{:#x}", r.low, r.high)?;
            }
        }
        if self.original.is_some() {
            f.write_str("; original encoding kept")?;
        }
        f.write_str("}")
    }
}

fn out_of_range(v: u64) -> Error {
    Error::too_large("GLOBCNT", v, GLOBCNT_MAX)
}

/// Sorts and merges overlapping or adjacent ranges.
fn normalize(ranges: &mut Vec<GlobCntRange>) {
    if ranges
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.high.saturating_add(1) < b.low))
    {
        return;
    }
    ranges.sort_unstable();
    let mut out: Vec<GlobCntRange> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match out.last_mut() {
            Some(last) if r.low <= last.high.saturating_add(1) => {
                last.high = last.high.max(r.high);
            }
            _ => out.push(r),
        }
    }
    *ranges = out;
}

impl GlobSet {
    /// The empty set.
    pub const fn new() -> Self {
        GlobSet {
            ranges: Vec::new(),
            original: None,
        }
    }

    /// The set of the values in `ranges` (they may overlap or come in any
    /// order).
    pub fn from_ranges(ranges: impl IntoIterator<Item = GlobCntRange>) -> Self {
        let mut v: Vec<GlobCntRange> = ranges.into_iter().collect();
        normalize(&mut v);
        GlobSet {
            ranges: v,
            original: None,
        }
    }

    /// The set of `values` (any order, repeats allowed); values above 48
    /// bits are an error.
    pub fn from_values(values: impl IntoIterator<Item = u64>) -> Result<Self> {
        let mut v: Vec<u64> = values.into_iter().collect();
        if let Some(&bad) = v.iter().find(|&&x| x > GLOBCNT_MAX) {
            return Err(out_of_range(bad));
        }
        v.sort_unstable();
        let mut ranges: Vec<GlobCntRange> = Vec::new();
        for x in v {
            match ranges.last_mut() {
                Some(last) if x <= last.high.saturating_add(1) => last.high = last.high.max(x),
                _ => ranges.push(GlobCntRange { low: x, high: x }),
            }
        }
        Ok(GlobSet {
            ranges,
            original: None,
        })
    }

    /// The ranges: sorted, disjoint and non-adjacent.
    pub fn ranges(&self) -> &[GlobCntRange] {
        &self.ranges
    }

    /// Number of GLOBCNT values in the set.
    pub fn len(&self) -> u64 {
        self.ranges.iter().map(GlobCntRange::len).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Every value, in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.ranges.iter().flat_map(|r| r.low..=r.high)
    }

    /// Whether `v` is in the set.
    pub fn contains(&self, v: u64) -> bool {
        let i = self.ranges.partition_point(|r| r.high < v);
        self.ranges.get(i).is_some_and(|r| r.low <= v)
    }

    /// Adds one value (an error above 48 bits).
    pub fn insert(&mut self, v: u64) -> Result<()> {
        self.insert_range(v, v)
    }

    /// Adds the values `low..=high` (an error unless `low <= high` and both
    /// fit in 48 bits).
    pub fn insert_range(&mut self, low: u64, high: u64) -> Result<()> {
        let r = GlobCntRange::new(low, high).ok_or_else(|| out_of_range(low.max(high)))?;
        self.original = None;
        let i = self
            .ranges
            .partition_point(|x| x.high.saturating_add(1) < r.low);
        let mut j = i;
        let mut merged = r;
        while let Some(x) = self.ranges.get(j) {
            if x.low > merged.high.saturating_add(1) {
                break;
            }
            merged.low = merged.low.min(x.low);
            merged.high = merged.high.max(x.high);
            j += 1;
        }
        self.ranges.splice(i..j, [merged]);
        Ok(())
    }

    /// Removes one value.
    pub fn remove(&mut self, v: u64) {
        if let Some(r) = GlobCntRange::single(v) {
            *self = self.difference(&GlobSet::from_ranges([r]));
        }
    }

    /// The values in either set.
    pub fn union(&self, other: &GlobSet) -> GlobSet {
        let (a, b) = (&self.ranges, &other.ranges);
        let mut out: Vec<GlobCntRange> = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        loop {
            let next = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => {
                    if x.low <= y.low {
                        i += 1;
                        *x
                    } else {
                        j += 1;
                        *y
                    }
                }
                (Some(x), None) => {
                    i += 1;
                    *x
                }
                (None, Some(y)) => {
                    j += 1;
                    *y
                }
                (None, None) => break,
            };
            match out.last_mut() {
                Some(last) if next.low <= last.high.saturating_add(1) => {
                    last.high = last.high.max(next.high);
                }
                _ => out.push(next),
            }
        }
        GlobSet {
            ranges: out,
            original: None,
        }
    }

    /// The values in both sets.
    pub fn intersection(&self, other: &GlobSet) -> GlobSet {
        let (a, b) = (&self.ranges, &other.ranges);
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            let low = x.low.max(y.low);
            let high = x.high.min(y.high);
            if low <= high {
                out.push(GlobCntRange { low, high });
            }
            if x.high < y.high {
                i += 1;
            } else {
                j += 1;
            }
        }
        GlobSet {
            ranges: out,
            original: None,
        }
    }

    /// The values in `self` but not in `other`.
    pub fn difference(&self, other: &GlobSet) -> GlobSet {
        let b = &other.ranges;
        let mut out = Vec::with_capacity(self.ranges.len());
        let mut j = 0;
        for x in &self.ranges {
            let mut low = x.low;
            let high = x.high;
            // skip the ranges of `other` entirely below this one
            while b.get(j).is_some_and(|y| y.high < low) {
                j += 1;
            }
            let mut k = j;
            let mut done = false;
            while let Some(y) = b.get(k) {
                if y.low > high {
                    break;
                }
                if y.low > low {
                    out.push(GlobCntRange {
                        low,
                        high: y.low - 1,
                    });
                }
                if y.high >= high {
                    done = true;
                    break;
                }
                low = y.high + 1;
                k += 1;
            }
            if !done {
                out.push(GlobCntRange { low, high });
            }
        }
        GlobSet {
            ranges: out,
            original: None,
        }
    }

    /// Whether every value of `other` is in `self`.
    pub fn is_superset(&self, other: &GlobSet) -> bool {
        other.difference(self).is_empty()
    }

    /// Whether the value is written exactly as the canonical encoding
    /// (false when a decoded value keeps another producer's bytes).
    pub fn is_canonical(&self) -> bool {
        self.original.is_none()
    }

    /// The same set, encoded canonically from now on.
    #[must_use]
    pub fn into_canonical(mut self) -> Self {
        self.original = None;
        self
    }

    /// The commands [`Encode::encode`] writes, in order.
    pub fn commands(&self) -> Vec<GlobSetCommand> {
        let bytes = match &self.original {
            Some(b) => b.to_vec(),
            None => {
                let mut v = Vec::new();
                encode_canonical(&self.ranges, &mut v);
                v
            }
        };
        parse_commands(&bytes)
    }

    /// Reads a GLOBSET (commands up to and including End).
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.frame("GLOBSET", |r| {
            let start = r.pos();
            let ranges = decode_commands(r)?;
            let read = r.since(start);
            let mut canonical = Vec::with_capacity(read.len());
            encode_canonical(&ranges, &mut canonical);
            let original = if canonical == read {
                None
            } else {
                r.reserve(read.len(), "GLOBSET bytes")?;
                Some(read.into())
            };
            Ok(GlobSet { ranges, original })
        })
    }
}

impl<'a> Decode<'a> for GlobSet {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        GlobSet::read(r)
    }
}

impl Encode for GlobSet {
    fn encoded_len(&self) -> usize {
        match &self.original {
            Some(b) => b.len(),
            None => {
                let mut c = Count(0);
                encode_canonical(&self.ranges, &mut c);
                c.0
            }
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match &self.original {
            Some(b) => buf.put_slice(b),
            None => {
                let mut v = Vec::new();
                encode_canonical(&self.ranges, &mut v);
                buf.put_slice(&v);
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Decoding (3.1.5.4.3.2)

fn combine(stack: &[u8; 6], depth: usize, low_order: &[u8]) -> u64 {
    let mut v = 0u64;
    for &b in stack.iter().take(depth).chain(low_order.iter()) {
        v = (v << 8) | u64::from(b);
    }
    v
}

/// Reads commands up to End: the ranges, normalized. Reports (strict:
/// refuses) ranges out of order, Range commands with LowValue above
/// HighValue, and End with bytes still on the stack.
fn decode_commands(r: &mut Reader<'_>) -> Result<Vec<GlobCntRange>> {
    let mut stack = [0u8; 6];
    let mut depth = 0usize;
    let mut pushes = [0u8; 6];
    let mut npush = 0usize;
    let mut ranges: Vec<GlobCntRange> = Vec::new();
    let mut ordered = true;
    let start = r.pos();
    let mut add = |r: &mut Reader<'_>, ranges: &mut Vec<GlobCntRange>, low: u64, high: u64| {
        r.check_count(1, 0, "GLOBCNT ranges")?;
        if ranges.last().is_some_and(|l| low <= l.high) {
            ordered = false;
        }
        ranges.push(GlobCntRange { low, high });
        Ok::<(), Error>(())
    };
    loop {
        let at = r.pos();
        let cmd = r.u8()?;
        match cmd {
            CMD_END => {
                if depth != 0 {
                    r.defect_at(
                        ErrorKind::Malformed(
                            "End command with bytes left on the common byte stack".into(),
                        ),
                        at,
                        "stack bytes ignored",
                    )?;
                }
                break;
            }
            0x01..=0x06 => {
                let n = usize::from(cmd);
                if depth + n > 6 {
                    return Err(r.error_at(
                        ErrorKind::Malformed(
                            format!(
                                "Push command of {n} bytes onto {depth} bytes: the common byte stack holds at most 6"
                            )
                            .into(),
                        ),
                        at,
                    ));
                }
                let bytes = r.bytes(n)?;
                if let Some(slot) = stack.get_mut(depth..depth + n) {
                    slot.copy_from_slice(bytes);
                }
                if depth + n == 6 {
                    let v = combine(&stack, 6, &[]);
                    add(r, &mut ranges, v, v)?;
                } else {
                    if let Some(p) = pushes.get_mut(npush) {
                        *p = cmd;
                    }
                    npush += 1;
                    depth += n;
                }
            }
            CMD_POP => {
                if npush == 0 {
                    return Err(r.error_at(
                        ErrorKind::Malformed("Pop command with an empty common byte stack".into()),
                        at,
                    ));
                }
                npush -= 1;
                depth -= usize::from(pushes.get(npush).copied().unwrap_or(0));
            }
            CMD_BITMASK => {
                if depth != 5 {
                    return Err(r.error_at(
                        ErrorKind::Malformed(
                            format!(
                                "Bitmask command with {depth} bytes on the common byte stack (it needs 5)"
                            )
                            .into(),
                        ),
                        at,
                    ));
                }
                let start_value = r.u8()?;
                let mask = r.u8()?;
                if u16::from(start_value) + 8 > 0xFF && mask >> (0xFF - start_value) != 0 {
                    return Err(r.error_at(
                        ErrorKind::Malformed(
                            "Bitmask command runs past the last low-order byte value 0xFF".into(),
                        ),
                        at,
                    ));
                }
                let base = combine(&stack, 5, &[0]);
                let mut low = base + u64::from(start_value);
                let mut high = low;
                for bit in 0..8u64 {
                    let v = base + u64::from(start_value) + 1 + bit;
                    if mask & (1 << bit) != 0 {
                        if v == high + 1 {
                            high = v;
                        } else {
                            add(r, &mut ranges, low, high)?;
                            low = v;
                            high = v;
                        }
                    }
                }
                add(r, &mut ranges, low, high)?;
            }
            CMD_RANGE => {
                let n = 6 - depth;
                let lo = r.bytes(n)?;
                let hi = r.bytes(n)?;
                let mut low = combine(&stack, depth, lo);
                let mut high = combine(&stack, depth, hi);
                if low > high {
                    r.defect_at(
                        ErrorKind::Malformed("Range command with LowValue above HighValue".into()),
                        at,
                        "bounds swapped",
                    )?;
                    std::mem::swap(&mut low, &mut high);
                }
                add(r, &mut ranges, low, high)?;
            }
            other => return Err(r.invalid_at("GLOBSET command", u64::from(other), at)),
        }
    }
    if !ordered {
        r.defect_at(
            ErrorKind::Malformed("GLOBCNT ranges are not in ascending order".into()),
            start,
            "ranges sorted and merged",
        )?;
    }
    normalize(&mut ranges);
    Ok(ranges)
}

/// Splits encoded bytes into commands (no validation beyond lengths).
fn parse_commands(bytes: &[u8]) -> Vec<GlobSetCommand> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut pushes: Vec<usize> = Vec::new();
    let mut i = 0usize;
    while let Some(&cmd) = bytes.get(i) {
        i += 1;
        match cmd {
            CMD_END => {
                out.push(GlobSetCommand::End);
                break;
            }
            0x01..=0x06 => {
                let n = usize::from(cmd);
                let b = bytes.get(i..i + n).unwrap_or_default().to_vec();
                i += n;
                if depth + n < 6 {
                    depth += n;
                    pushes.push(n);
                }
                out.push(GlobSetCommand::Push(b));
            }
            CMD_POP => {
                depth -= pushes.pop().unwrap_or(0).min(depth);
                out.push(GlobSetCommand::Pop);
            }
            CMD_BITMASK => {
                let s = bytes.get(i).copied().unwrap_or(0);
                let m = bytes.get(i + 1).copied().unwrap_or(0);
                i += 2;
                out.push(GlobSetCommand::Bitmask {
                    starting_value: s,
                    bitmask: m,
                });
            }
            CMD_RANGE => {
                let n = 6usize.saturating_sub(depth);
                let low = bytes.get(i..i + n).unwrap_or_default().to_vec();
                let high = bytes.get(i + n..i + 2 * n).unwrap_or_default().to_vec();
                i += 2 * n;
                out.push(GlobSetCommand::Range { low, high });
            }
            _ => break,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Encoding (3.1.5.4.3.1)

/// Where the encoder writes: a vector, or a byte counter.
trait Emit {
    fn put(&mut self, bytes: &[u8]);
}

impl Emit for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

struct Count(usize);

impl Emit for Count {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

/// The 6 bytes of a GLOBCNT, most significant first.
fn gc(v: u64) -> [u8; 6] {
    let b = v.to_be_bytes();
    [b[2], b[3], b[4], b[5], b[6], b[7]]
}

fn tail(b: &[u8; 6], from: usize) -> &[u8] {
    b.get(from..).unwrap_or_default()
}

/// The canonical encoding of normalized ranges, End included.
fn encode_canonical<E: Emit>(ranges: &[GlobCntRange], e: &mut E) {
    encode_level(ranges, 0, e);
    e.put(&[CMD_END]);
}

/// Encodes ranges that share their first `d` bytes (which are on the stack).
fn encode_level<E: Emit>(ranges: &[GlobCntRange], d: usize, e: &mut E) {
    let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
        return;
    };
    if d >= 5 {
        encode_low_order(ranges, e);
        return;
    }
    let lo = gc(first.low);
    if ranges.len() == 1 && first.low == first.high {
        // A Push completing the stack: a singleton range, popped automatically.
        let t = tail(&lo, d);
        e.put(&[t.len() as u8]);
        e.put(t);
        return;
    }
    let hi = gc(last.high);
    let common = tail(&lo, d)
        .iter()
        .zip(tail(&hi, d))
        .take_while(|(a, b)| a == b)
        .count();
    if common > 0 {
        e.put(&[common as u8]);
        e.put(lo.get(d..d + common).unwrap_or_default());
        encode_level(ranges, d + common, e);
        e.put(&[CMD_POP]);
        return;
    }
    // The ranges differ in byte `d`: split them by it.
    let mut i = 0;
    while let Some(r) = ranges.get(i) {
        let (l, h) = (gc(r.low), gc(r.high));
        if l.get(d) != h.get(d) {
            e.put(&[CMD_RANGE]);
            e.put(tail(&l, d));
            e.put(tail(&h, d));
            i += 1;
            continue;
        }
        let key = l.get(d).copied();
        let mut j = i + 1;
        while ranges
            .get(j)
            .is_some_and(|x| gc(x.low).get(d).copied() == key && gc(x.high).get(d).copied() == key)
        {
            j += 1;
        }
        encode_level(ranges.get(i..j).unwrap_or_default(), d, e);
        i = j;
    }
}

/// Ranges sharing five bytes: Bitmask for runs within eight values of
/// their first, Push for a lone value, Range otherwise.
fn encode_low_order<E: Emit>(ranges: &[GlobCntRange], e: &mut E) {
    let low5 = |v: u64| (v & 0xFF) as u8;
    let mut i = 0;
    while let Some(first) = ranges.get(i) {
        let start = low5(first.low);
        let limit = u16::from(start) + 8;
        let mut j = i;
        while ranges
            .get(j + 1)
            .is_some_and(|x| u16::from(low5(x.high)) <= limit)
        {
            j += 1;
        }
        if j == i {
            if first.low == first.high {
                e.put(&[0x01, start]);
            } else {
                e.put(&[CMD_RANGE, start, low5(first.high)]);
            }
        } else {
            let mut mask = 0u8;
            for r in ranges.get(i..=j).unwrap_or_default() {
                for v in low5(r.low)..=low5(r.high) {
                    if v != start {
                        mask |= 1 << (v - start - 1);
                    }
                }
            }
            e.put(&[CMD_BITMASK, start, mask]);
        }
        i = j + 1;
    }
}
