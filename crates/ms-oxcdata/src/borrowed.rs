//! Borrowed forms of property values ([MS-OXCDATA] 2.11.2-2.11.6): the
//! strings, binaries and multi-values stay in the caller's buffer, fixed
//! values are decoded. [`PropertyValueRef::read`] is the one type-dispatch
//! table and edge policy of every ROP-style context; [`PropertyValue::read`]
//! is that reader followed by [`PropertyValueRef::into_owned`], so the two
//! forms cannot disagree. Rows built on them are in [`crate::row`]
//! ([`crate::PropertyRowRef`]).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use ms_dtyp::{FileTime, Guid};
use msox_codec::{CodePage, CountWidth, String8, Utf16String, decode_8bit};

use crate::context::ValueEncoding;
use crate::error_code::ErrorCode;
use crate::property::{PropertyType, PropertyValue};
use crate::restriction::Restriction;
use crate::value::{FlaggedPropertyValue, FlaggedPropertyValueWithType};

// ---------------------------------------------------------------------------
// Strings

/// A PtypString value borrowed from the input: its UTF-16LE bytes as read,
/// without the terminator. Converting to text is lossy only for input that
/// is not valid UTF-16 (as [`Utf16String`], which keeps those bytes).
///
/// ```
/// use ms_oxcdata::Utf16Ref;
/// let s = Utf16Ref::new(&[b'H', 0, b'i', 0]);
/// assert!(s == "Hi");
/// assert_eq!(s.to_string(), "Hi");
/// assert_eq!(s.to_utf16_string().as_str(), "Hi");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Utf16Ref<'a>(&'a [u8]);

impl<'a> Utf16Ref<'a> {
    /// The string whose UTF-16LE bytes (no terminator) are `bytes`.
    pub const fn new(bytes: &'a [u8]) -> Self {
        Utf16Ref(bytes)
    }

    /// The UTF-16LE bytes, without the terminator.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// Length of the UTF-16LE bytes (no terminator).
    pub const fn byte_len(&self) -> usize {
        self.0.len()
    }

    /// Whether the string is empty.
    pub const fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The UTF-16 code units (a trailing odd byte is not one).
    pub fn units(&self) -> impl Iterator<Item = u16> + 'a {
        let (pairs, _) = self.0.as_chunks::<2>();
        pairs.iter().map(|p| u16::from_le_bytes(*p))
    }

    /// The characters, with U+FFFD for unpaired surrogates and a trailing
    /// odd byte (as [`Utf16String::as_str`] has them).
    pub fn chars(&self) -> impl Iterator<Item = char> + 'a {
        let odd = (self.0.len() % 2 == 1).then_some(char::REPLACEMENT_CHARACTER);
        char::decode_utf16(self.units())
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .chain(odd)
    }

    /// Whether the bytes are valid UTF-16 (so the text is exact).
    pub fn is_valid(&self) -> bool {
        self.0.len().is_multiple_of(2) && char::decode_utf16(self.units()).all(|c| c.is_ok())
    }

    /// The text (lossy for invalid input, see [`Utf16Ref::chars`]).
    pub fn to_string_lossy(&self) -> String {
        self.chars().collect()
    }

    /// The owned string (lossless: invalid input keeps its bytes).
    pub fn to_utf16_string(&self) -> Utf16String {
        Utf16String::from_le_bytes(self.0)
    }
}

impl PartialEq<str> for Utf16Ref<'_> {
    /// Exact comparison: invalid UTF-16 equals no text.
    fn eq(&self, other: &str) -> bool {
        self.0.len().is_multiple_of(2)
            && char::decode_utf16(self.units())
                .map(|c| c.ok())
                .eq(other.chars().map(Some))
    }
}

impl PartialEq<&str> for Utf16Ref<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Display for Utf16Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        self.chars().try_for_each(|c| f.write_char(c))
    }
}

impl fmt::Debug for Utf16Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_valid() {
            fmt::Debug::fmt(&self.to_string_lossy(), f)
        } else {
            write!(
                f,
                "{:?} (invalid UTF-16: {} bytes)",
                self.to_string_lossy(),
                self.0.len()
            )
        }
    }
}

/// A PtypString8 value borrowed from the input: its bytes (no terminator)
/// and the code page of the context it was read in.
///
/// ```
/// use ms_oxcdata::String8Ref;
/// use msox_codec::CodePage;
/// let s = String8Ref::new(b"caf\xE9", CodePage::WINDOWS_1252);
/// assert_eq!(s.to_string_lossy(), "café");
/// assert_eq!(s.to_string8().bytes(), b"caf\xE9");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct String8Ref<'a> {
    bytes: &'a [u8],
    code_page: CodePage,
}

impl<'a> String8Ref<'a> {
    /// Bytes (no terminator) in code page `code_page`.
    pub const fn new(bytes: &'a [u8], code_page: CodePage) -> Self {
        String8Ref { bytes, code_page }
    }

    /// The bytes, without the terminator.
    pub const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The code page the bytes are in.
    pub const fn code_page(&self) -> CodePage {
        self.code_page
    }

    /// The text, with U+FFFD for bytes invalid in the code page (borrowed
    /// when the bytes are already the text).
    pub fn to_string_lossy(&self) -> Cow<'a, str> {
        decode_8bit(self.bytes, self.code_page).0
    }

    /// The owned string.
    pub fn to_string8(&self) -> String8 {
        String8::new(self.bytes, self.code_page)
    }
}

impl fmt::Display for String8Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

impl fmt::Debug for String8Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "String8Ref({:?}, {})",
            self.to_string_lossy(),
            self.code_page.0
        )
    }
}

// ---------------------------------------------------------------------------
// Multi-values

mod sealed {
    pub trait Sealed {}
}

/// An element type of the fixed-size PtypMultiple* types: its size on the
/// wire and how it is read (little-endian).
pub trait FixedValue: Copy + 'static + sealed::Sealed {
    /// Bytes per element.
    const SIZE: usize;
    /// The element from exactly [`FixedValue::SIZE`] bytes.
    fn from_le(chunk: &[u8]) -> Option<Self>;
}

macro_rules! fixed_value {
    ($($t:ty: $n:literal => $f:expr),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl FixedValue for $t {
            const SIZE: usize = $n;
            #[inline]
            fn from_le(chunk: &[u8]) -> Option<Self> {
                chunk.first_chunk::<$n>().map(|a| ($f)(*a))
            }
        }
    )*};
}

fixed_value! {
    i16: 2 => i16::from_le_bytes,
    i32: 4 => i32::from_le_bytes,
    f32: 4 => f32::from_le_bytes,
    f64: 8 => f64::from_le_bytes,
    i64: 8 => i64::from_le_bytes,
    FileTime: 8 => |a| FileTime(u64::from_le_bytes(a)),
    Guid: 16 => Guid::from_le_bytes,
}

/// A fixed-size PtypMultiple* value borrowed from the input: the elements'
/// bytes (after the COUNT), read on demand.
///
/// ```
/// use ms_oxcdata::{PropertyType, PropertyValueRef, ValueContext};
/// use msox_codec::DecodeWith;
/// let b = [2, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0];
/// let v = PropertyValueRef::decode_exact_with(&b, (PropertyType::MultipleInteger32, ValueContext::ROP))?;
/// let PropertyValueRef::MultipleInteger32(list) = v else { unreachable!() };
/// assert_eq!(list.len(), 2);
/// assert_eq!(list.get(1), Some(9));
/// assert_eq!(list.iter().collect::<Vec<_>>(), [7, 9]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct FixedListRef<'a, T> {
    bytes: &'a [u8],
    _t: PhantomData<fn() -> T>,
}

impl<'a, T: FixedValue> FixedListRef<'a, T> {
    /// The list whose elements' bytes are `bytes` (a trailing partial
    /// element is not an element).
    pub const fn new(bytes: &'a [u8]) -> Self {
        FixedListRef {
            bytes,
            _t: PhantomData,
        }
    }

    /// The elements' bytes, without the COUNT.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of elements.
    pub const fn len(&self) -> usize {
        self.bytes.len() / T::SIZE
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Element `i`.
    pub fn get(&self, i: usize) -> Option<T> {
        let at = i.checked_mul(T::SIZE)?;
        T::from_le(self.bytes.get(at..)?)
    }

    /// The elements.
    pub fn iter(&self) -> impl Iterator<Item = T> + 'a {
        self.bytes.chunks_exact(T::SIZE).filter_map(T::from_le)
    }

    /// The elements, owned.
    pub fn to_vec(&self) -> Vec<T> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter());
        v
    }
}

impl<T: FixedValue + PartialEq> PartialEq for FixedListRef<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<T: FixedValue + fmt::Debug> fmt::Debug for FixedListRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A PtypMultipleString value borrowed from the input: the count and the
/// null-terminated UTF-16LE strings, read on demand.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Utf16ListRef<'a> {
    bytes: &'a [u8],
    count: u32,
}

impl<'a> Utf16ListRef<'a> {
    pub(crate) const fn new(count: u32, bytes: &'a [u8]) -> Self {
        Utf16ListRef { bytes, count }
    }

    /// The strings' bytes, terminators included, without the COUNT.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of strings.
    pub const fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The strings.
    pub fn iter(&self) -> impl Iterator<Item = Utf16Ref<'a>> + 'a {
        let mut rest = self.bytes;
        let mut left = self.count;
        std::iter::from_fn(move || {
            left = left.checked_sub(1)?;
            let (pairs, _) = rest.as_chunks::<2>();
            let n = pairs.iter().position(|p| *p == [0, 0])?;
            let s = rest.get(..n * 2)?;
            rest = rest.get(n * 2 + 2..)?;
            Some(Utf16Ref::new(s))
        })
    }

    /// The strings, owned.
    pub fn to_vec(&self) -> Vec<Utf16String> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter().map(|s| s.to_utf16_string()));
        v
    }
}

impl fmt::Debug for Utf16ListRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A PtypMultipleString8 value borrowed from the input: the count and the
/// null-terminated 8-bit strings, read on demand.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct String8ListRef<'a> {
    bytes: &'a [u8],
    count: u32,
    code_page: CodePage,
}

impl<'a> String8ListRef<'a> {
    pub(crate) const fn new(count: u32, bytes: &'a [u8], code_page: CodePage) -> Self {
        String8ListRef {
            bytes,
            count,
            code_page,
        }
    }

    /// The strings' bytes, terminators included, without the COUNT.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of strings.
    pub const fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The strings.
    pub fn iter(&self) -> impl Iterator<Item = String8Ref<'a>> + 'a {
        let mut rest = self.bytes;
        let mut left = self.count;
        let cp = self.code_page;
        std::iter::from_fn(move || {
            left = left.checked_sub(1)?;
            let n = rest.iter().position(|&b| b == 0)?;
            let s = rest.get(..n)?;
            rest = rest.get(n + 1..)?;
            Some(String8Ref::new(s, cp))
        })
    }

    /// The strings, owned.
    pub fn to_vec(&self) -> Vec<String8> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter().map(|s| s.to_string8()));
        v
    }
}

impl fmt::Debug for String8ListRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A PtypMultipleBinary value borrowed from the input: the count and the
/// COUNT-prefixed binaries (the prefix width of the context), read on demand.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BinaryListRef<'a> {
    bytes: &'a [u8],
    count: u32,
    width: CountWidth,
}

impl<'a> BinaryListRef<'a> {
    pub(crate) const fn new(count: u32, bytes: &'a [u8], width: CountWidth) -> Self {
        BinaryListRef {
            bytes,
            count,
            width,
        }
    }

    /// The binaries with their COUNT prefixes, without the list's COUNT.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of binaries.
    pub const fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The binaries.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let mut rest = self.bytes;
        let mut left = self.count;
        let width = self.width;
        std::iter::from_fn(move || {
            left = left.checked_sub(1)?;
            let (n, body) = match width {
                CountWidth::U16 => {
                    let (n, body) = rest.split_first_chunk::<2>()?;
                    (usize::from(u16::from_le_bytes(*n)), body)
                }
                CountWidth::U32 => {
                    let (n, body) = rest.split_first_chunk::<4>()?;
                    (usize::try_from(u32::from_le_bytes(*n)).ok()?, body)
                }
            };
            let b = body.get(..n)?;
            rest = body.get(n..)?;
            Some(b)
        })
    }

    /// The binaries, owned.
    pub fn to_vec(&self) -> Vec<Vec<u8>> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter().map(<[u8]>::to_vec));
        v
    }
}

impl fmt::Debug for BinaryListRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

// ---------------------------------------------------------------------------
// PropertyValueRef

/// A property value borrowed from the input: the borrowed form of
/// [`PropertyValue`], read by [`PropertyValueRef::read`] (the one
/// type-dispatch table and edge policy; [`PropertyValue::read`] is it
/// followed by [`PropertyValueRef::into_owned`]).
///
/// Fixed-size values are decoded; strings, binaries and multi-values are
/// the input's bytes, decoded on demand. Reading one allocates nothing
/// except for a PtypRestriction value, which is decoded into a typed
/// [`Restriction`] as in the owned form (restrictions are not row data).
///
/// ```
/// use ms_oxcdata::{PropertyType, PropertyValue, PropertyValueRef, ValueContext};
/// use msox_codec::DecodeWith;
/// let b = [b'H', 0, b'i', 0, 0, 0];
/// let v = PropertyValueRef::decode_exact_with(&b, (PropertyType::String, ValueContext::ROP))?;
/// let PropertyValueRef::String(s) = &v else { unreachable!() };
/// assert!(*s == "Hi");
/// assert_eq!(s.as_bytes(), &b[..4]); // borrowed from the input
/// assert_eq!(v.to_owned(), PropertyValue::decode_exact_with(&b, (PropertyType::String, ValueContext::ROP))?);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PropertyValueRef<'a> {
    /// PtypNull.
    Null,
    /// PtypInteger16.
    Integer16(i16),
    /// PtypInteger32.
    Integer32(i32),
    /// PtypFloating32.
    Floating32(f32),
    /// PtypFloating64.
    Floating64(f64),
    /// PtypCurrency (the raw scaled integer: value × 10,000).
    Currency(i64),
    /// PtypFloatingTime (days since 1899-12-30).
    FloatingTime(f64),
    /// PtypErrorCode (section 2.4).
    ErrorCode(u32),
    /// PtypBoolean.
    Boolean(bool),
    /// PtypObject: the object's bytes, without the count.
    Object(&'a [u8]),
    /// PtypInteger64.
    Integer64(i64),
    /// PtypString8, without its terminator.
    String8(String8Ref<'a>),
    /// PtypString, without its terminator.
    String(Utf16Ref<'a>),
    /// PtypTime.
    Time(FileTime),
    /// PtypGuid.
    Guid(Guid),
    /// PtypServerId: the ServerId bytes (section 2.11.1.4), without the count.
    ServerId(&'a [u8]),
    /// PtypRestriction: the restriction, decoded (see the type's docs).
    Restriction(Box<Restriction>),
    /// PtypRuleAction ([MS-OXORULE] 2.2.5): the bytes, in their encoding.
    RuleAction {
        /// The RuleAction bytes (NoOfActions and the ActionBlocks).
        bytes: &'a [u8],
        /// The encoding they are in.
        encoding: ValueEncoding,
    },
    /// PtypBinary, without the count.
    Binary(&'a [u8]),
    /// PtypMultipleInteger16.
    MultipleInteger16(FixedListRef<'a, i16>),
    /// PtypMultipleInteger32.
    MultipleInteger32(FixedListRef<'a, i32>),
    /// PtypMultipleFloating32.
    MultipleFloating32(FixedListRef<'a, f32>),
    /// PtypMultipleFloating64.
    MultipleFloating64(FixedListRef<'a, f64>),
    /// PtypMultipleCurrency.
    MultipleCurrency(FixedListRef<'a, i64>),
    /// PtypMultipleFloatingTime.
    MultipleFloatingTime(FixedListRef<'a, f64>),
    /// PtypMultipleInteger64.
    MultipleInteger64(FixedListRef<'a, i64>),
    /// PtypMultipleString8.
    MultipleString8(String8ListRef<'a>),
    /// PtypMultipleString.
    MultipleString(Utf16ListRef<'a>),
    /// PtypMultipleTime.
    MultipleTime(FixedListRef<'a, FileTime>),
    /// PtypMultipleGuid.
    MultipleGuid(FixedListRef<'a, Guid>),
    /// PtypMultipleBinary.
    MultipleBinary(BinaryListRef<'a>),
    /// A value kept as the bytes it was read from (see [`PropertyValue::Raw`]).
    Raw {
        /// The property type as read.
        prop_type: PropertyType,
        /// The value's bytes, as the context delimited them.
        bytes: &'a [u8],
        /// The encoding they are in.
        encoding: ValueEncoding,
    },
}

impl<'a> PropertyValueRef<'a> {
    /// The property type of this value.
    pub fn prop_type(&self) -> PropertyType {
        use PropertyType as T;
        use PropertyValueRef as V;
        match self {
            V::Null => T::Null,
            V::Integer16(_) => T::Integer16,
            V::Integer32(_) => T::Integer32,
            V::Floating32(_) => T::Floating32,
            V::Floating64(_) => T::Floating64,
            V::Currency(_) => T::Currency,
            V::FloatingTime(_) => T::FloatingTime,
            V::ErrorCode(_) => T::ErrorCode,
            V::Boolean(_) => T::Boolean,
            V::Object(_) => T::Object,
            V::Integer64(_) => T::Integer64,
            V::String8(_) => T::String8,
            V::String(_) => T::String,
            V::Time(_) => T::Time,
            V::Guid(_) => T::Guid,
            V::ServerId(_) => T::ServerId,
            V::Restriction(_) => T::Restriction,
            V::RuleAction { .. } => T::RuleAction,
            V::Binary(_) => T::Binary,
            V::MultipleInteger16(_) => T::MultipleInteger16,
            V::MultipleInteger32(_) => T::MultipleInteger32,
            V::MultipleFloating32(_) => T::MultipleFloating32,
            V::MultipleFloating64(_) => T::MultipleFloating64,
            V::MultipleCurrency(_) => T::MultipleCurrency,
            V::MultipleFloatingTime(_) => T::MultipleFloatingTime,
            V::MultipleInteger64(_) => T::MultipleInteger64,
            V::MultipleString8(_) => T::MultipleString8,
            V::MultipleString(_) => T::MultipleString,
            V::MultipleTime(_) => T::MultipleTime,
            V::MultipleGuid(_) => T::MultipleGuid,
            V::MultipleBinary(_) => T::MultipleBinary,
            V::Raw { prop_type, .. } => *prop_type,
        }
    }

    /// The owned value (copies the bytes; moves a restriction).
    #[inline]
    pub fn into_owned(self) -> PropertyValue {
        use PropertyValue as O;
        use PropertyValueRef as V;
        match self {
            V::Null => O::Null,
            V::Integer16(v) => O::Integer16(v),
            V::Integer32(v) => O::Integer32(v),
            V::Floating32(v) => O::Floating32(v),
            V::Floating64(v) => O::Floating64(v),
            V::Currency(v) => O::Currency(v),
            V::FloatingTime(v) => O::FloatingTime(v),
            V::ErrorCode(v) => O::ErrorCode(v),
            V::Boolean(v) => O::Boolean(v),
            V::Object(b) => O::Object(b.to_vec()),
            V::Integer64(v) => O::Integer64(v),
            V::String8(s) => O::String8(s.to_string8()),
            V::String(s) => O::String(s.to_utf16_string()),
            V::Time(v) => O::Time(v),
            V::Guid(v) => O::Guid(v),
            V::ServerId(b) => O::ServerId(b.to_vec()),
            V::Restriction(x) => O::Restriction(x),
            V::RuleAction { bytes, encoding } => O::RuleAction {
                bytes: bytes.to_vec(),
                encoding,
            },
            V::Binary(b) => O::Binary(b.to_vec()),
            V::MultipleInteger16(l) => O::MultipleInteger16(l.to_vec()),
            V::MultipleInteger32(l) => O::MultipleInteger32(l.to_vec()),
            V::MultipleFloating32(l) => O::MultipleFloating32(l.to_vec()),
            V::MultipleFloating64(l) => O::MultipleFloating64(l.to_vec()),
            V::MultipleCurrency(l) => O::MultipleCurrency(l.to_vec()),
            V::MultipleFloatingTime(l) => O::MultipleFloatingTime(l.to_vec()),
            V::MultipleInteger64(l) => O::MultipleInteger64(l.to_vec()),
            V::MultipleString8(l) => O::MultipleString8(l.to_vec()),
            V::MultipleString(l) => O::MultipleString(l.to_vec()),
            V::MultipleTime(l) => O::MultipleTime(l.to_vec()),
            V::MultipleGuid(l) => O::MultipleGuid(l.to_vec()),
            V::MultipleBinary(l) => O::MultipleBinary(l.to_vec()),
            V::Raw {
                prop_type,
                bytes,
                encoding,
            } => O::Raw {
                prop_type,
                bytes: bytes.to_vec(),
                encoding,
            },
        }
    }

    /// The owned value (copies the bytes and a restriction).
    pub fn to_owned(&self) -> PropertyValue {
        self.clone().into_owned()
    }

    /// The text of a PtypString or PtypString8 value (lossy for invalid
    /// data; a PtypString value is converted from UTF-16, so owned).
    pub fn as_text(&self) -> Option<Cow<'a, str>> {
        match self {
            PropertyValueRef::String(s) => Some(Cow::Owned(s.to_string_lossy())),
            PropertyValueRef::String8(s) => Some(s.to_string_lossy()),
            _ => None,
        }
    }

    /// The bytes of a PtypBinary value.
    pub fn as_binary(&self) -> Option<&'a [u8]> {
        match *self {
            PropertyValueRef::Binary(b) => Some(b),
            _ => None,
        }
    }

    /// An integer value (PtypInteger16/32/64, PtypBoolean as 0/1, PtypErrorCode).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            PropertyValueRef::Integer16(v) => Some(v.into()),
            PropertyValueRef::Integer32(v) => Some(v.into()),
            PropertyValueRef::Integer64(v) => Some(v),
            PropertyValueRef::Boolean(b) => Some(b.into()),
            PropertyValueRef::ErrorCode(v) => Some(v.into()),
            _ => None,
        }
    }

    /// The time of a PtypTime value.
    pub fn as_time(&self) -> Option<FileTime> {
        match *self {
            PropertyValueRef::Time(t) => Some(t),
            _ => None,
        }
    }

    /// The flag of a PtypBoolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            PropertyValueRef::Boolean(b) => Some(b),
            _ => None,
        }
    }
}

impl PartialEq<PropertyValue> for PropertyValueRef<'_> {
    /// Whether the owned form of this value is `other`.
    fn eq(&self, other: &PropertyValue) -> bool {
        self.to_owned() == *other
    }
}

/// [MS-OXCDATA] 2.11.5 FlaggedPropertyValue, borrowed: the borrowed form
/// of [`FlaggedPropertyValue`].
#[derive(Debug, Clone, PartialEq)]
pub enum FlaggedPropertyValueRef<'a> {
    /// Flag 0x00: the value, of the column's type.
    Value(PropertyValueRef<'a>),
    /// Flag 0x01: the property has no value.
    NotPresent,
    /// Flag 0x0A: a PtypErrorCode value saying why there is none.
    Error(ErrorCode),
}

impl<'a> FlaggedPropertyValueRef<'a> {
    /// The Flag byte of this value.
    pub const fn flag(&self) -> u8 {
        match self {
            FlaggedPropertyValueRef::Value(_) => 0x00,
            FlaggedPropertyValueRef::NotPresent => 0x01,
            FlaggedPropertyValueRef::Error(_) => 0x0A,
        }
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&PropertyValueRef<'a>> {
        match self {
            FlaggedPropertyValueRef::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_value(self) -> Option<PropertyValueRef<'a>> {
        match self {
            FlaggedPropertyValueRef::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The owned form.
    #[inline]
    pub fn into_owned(self) -> FlaggedPropertyValue {
        match self {
            FlaggedPropertyValueRef::Value(v) => FlaggedPropertyValue::Value(v.into_owned()),
            FlaggedPropertyValueRef::NotPresent => FlaggedPropertyValue::NotPresent,
            FlaggedPropertyValueRef::Error(e) => FlaggedPropertyValue::Error(e),
        }
    }

    /// The owned form.
    pub fn to_owned(&self) -> FlaggedPropertyValue {
        self.clone().into_owned()
    }
}

/// One cell of a row read on demand from a [`crate::PropertyRowRef`], and
/// [MS-OXCDATA] 2.11.6 FlaggedPropertyValueWithType borrowed: a property
/// type and a [`FlaggedPropertyValueRef`].
///
/// In a FlaggedPropertyRow, the cell as [`FlaggedPropertyValueWithType`]
/// has it (for typed columns, `prop_type` is the column's type). In a
/// StandardPropertyRow every cell is a `Value`, and `prop_type` is the
/// column's type (for a PtypUnspecified column, the TypedPropertyValue's).
#[derive(Debug, Clone, PartialEq)]
pub struct CellRef<'a> {
    /// The type of the cell.
    pub prop_type: PropertyType,
    /// Flag and value.
    pub value: FlaggedPropertyValueRef<'a>,
}

impl<'a> CellRef<'a> {
    /// The value, if the cell has one (a flagged cell that is not present
    /// or an error has none).
    pub fn value(&self) -> Option<&PropertyValueRef<'a>> {
        self.value.value()
    }

    /// The value, if the cell has one.
    pub fn into_value(self) -> Option<PropertyValueRef<'a>> {
        self.value.into_value()
    }

    /// The owned form ([`FlaggedPropertyValueWithType`]).
    #[inline]
    pub fn into_owned(self) -> FlaggedPropertyValueWithType {
        FlaggedPropertyValueWithType {
            prop_type: self.prop_type,
            value: self.value.into_owned(),
        }
    }

    /// The owned form ([`FlaggedPropertyValueWithType`]).
    pub fn to_owned(&self) -> FlaggedPropertyValueWithType {
        self.clone().into_owned()
    }
}
