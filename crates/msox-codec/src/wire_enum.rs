//! [`wire_enum!`](crate::wire_enum) and [`wire_flags!`](crate::wire_flags):
//! one macro each for every spec enumeration and flag set.

/// Declares a spec enumeration as a newtype over its wire integer with one
/// named constant per value the spec defines.
///
/// A value read off the wire is kept whatever it is, so unknown values
/// survive a round trip; and since the type *is* the wire value, one wire
/// value can never have two Rust values (a known value cannot hide as an
/// unknown one). Generated: the constants (usable in `match` patterns), the
/// spec name of each value, `Display` (the name, or the hex value),
/// `Debug`, the list of known values, and [`Decode`](crate::Decode) /
/// [`Encode`](crate::Encode) as a little-endian integer, all from one table.
///
/// ```
/// msox_codec::wire_enum! {
///     /// [MS-XXX] 2.1 Colour.
///     pub enum Colour: u16 {
///         /// Red things.
///         Red = 0x0001 => "COLOUR_RED",
///         /// Green things.
///         Green = 0x0002,
///     }
/// }
/// use msox_codec::{Decode, Encode};
/// assert_eq!(Colour::from(1u16), Colour::Red);
/// assert!(!Colour::from(9u16).is_known());
/// assert_eq!(u16::from(Colour::from_value(9)), 9);
/// assert_eq!(Colour::Red.name(), Some("COLOUR_RED"));
/// assert_eq!(Colour::Green.name(), Some("Green"));
/// assert_eq!(Colour::from_value(9).to_string(), "0x0009");
/// assert_eq!(format!("{:?}", Colour::from_value(9)), "Colour(0x0009)");
/// assert_eq!(Colour::decode_exact(&[2, 0]).unwrap(), Colour::Green);
/// assert_eq!(Colour::from_value(0x1234).to_vec().unwrap(), [0x34, 0x12]);
/// assert_eq!(Colour::from_name("COLOUR_RED"), Some(Colour::Red));
/// match Colour::from_value(2) {
///     Colour::Red => unreachable!(),
///     Colour::Green => {}
///     other => panic!("unknown {other}"),
/// }
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $raw:ty {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:literal $(=> $vname:literal)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        #[repr(transparent)]
        $vis struct $name($raw);

        #[allow(non_upper_case_globals)]
        impl $name {
            $(
                $(#[$vmeta])*
                pub const $variant: $name = $name($value);
            )*

            /// Every value the spec defines, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            #[inline]
            pub const fn value(self) -> $raw {
                self.0
            }

            /// The value for a wire value (any value: unknown ones are kept).
            #[inline]
            pub const fn from_value(v: $raw) -> Self {
                $name(v)
            }

            /// The spec's name for the value, or `None` for a value the spec
            /// does not define.
            #[allow(unreachable_patterns)]
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($crate::wire_enum!(@name $variant $($vname)?)),)*
                    _ => None,
                }
            }

            /// The value with the spec name `name` (exact match).
            pub fn from_name(name: &str) -> Option<Self> {
                Self::KNOWN.iter().copied().find(|v| v.name() == Some(name))
            }

            /// Whether the spec defines this value.
            #[inline]
            pub const fn is_known(self) -> bool {
                self.name().is_some()
            }
        }

        impl From<$raw> for $name {
            #[inline]
            fn from(v: $raw) -> Self {
                Self::from_value(v)
            }
        }

        impl From<$name> for $raw {
            #[inline]
            fn from(v: $name) -> $raw {
                v.value()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "0x{:0w$X}", self.value(), w = ::core::mem::size_of::<$raw>() * 2),
                }
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(
                        f,
                        concat!(stringify!($name), "(0x{:0w$X})"),
                        self.value(),
                        w = ::core::mem::size_of::<$raw>() * 2
                    ),
                }
            }
        }

        impl<'a> $crate::Decode<'a> for $name {
            #[inline]
            fn decode(r: &mut $crate::Reader<'a>) -> $crate::Result<Self> {
                <$raw as $crate::Decode<'a>>::decode(r).map(Self::from_value)
            }
        }

        impl $crate::Encode for $name {
            #[inline]
            fn encoded_len(&self) -> usize {
                ::core::mem::size_of::<$raw>()
            }
            #[inline]
            fn encode<B: $crate::bytes::BufMut>(&self, buf: &mut B) -> $crate::Result<()> {
                $crate::Encode::encode(&self.value(), buf)
            }
        }
    };
    (@name $variant:ident $vname:literal) => { $vname };
    (@name $variant:ident) => { stringify!($variant) };
}

/// Declares a spec flag set as a newtype over its wire integer: named
/// flags, unknown bits kept as read (every bit pattern is a valid value, so
/// the field is public).
///
/// ```
/// msox_codec::wire_flags! {
///     /// [MS-XXX] 2.2 Open flags.
///     pub struct OpenFlags: u8 {
///         /// Read-write.
///         const READ_WRITE = 0x01 => "ReadWrite";
///         /// Create if missing.
///         const CREATE = 0x02 => "OPEN_CREATE";
///     }
/// }
/// use msox_codec::{Decode, Encode};
/// let f = OpenFlags::decode_exact(&[0x83]).unwrap();
/// assert!(f.contains(OpenFlags::READ_WRITE | OpenFlags::CREATE));
/// assert_eq!(f.unknown_bits(), 0x80);
/// assert_eq!(f.to_string(), "ReadWrite | OPEN_CREATE | 0x80");
/// assert_eq!(format!("{f:?}"), "OpenFlags(0x83 = ReadWrite | OPEN_CREATE | 0x80)");
/// assert_eq!(f.to_vec().unwrap(), [0x83]);
/// assert_eq!(OpenFlags::EMPTY.to_string(), "0");
/// ```
#[macro_export]
macro_rules! wire_flags {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : $raw:ty {
            $(
                $(#[$fmeta:meta])*
                const $flag:ident = $value:literal => $fname:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        #[repr(transparent)]
        $vis struct $name(pub $raw);

        impl $name {
            $(
                $(#[$fmeta])*
                pub const $flag: $name = $name($value);
            )*

            /// Every named flag with its spec name, in declaration order.
            pub const NAMED: &'static [($name, &'static str)] = &[$(($name::$flag, $fname)),*];

            /// No bits set.
            pub const EMPTY: $name = $name(0);

            /// All bits the spec names.
            pub const KNOWN_BITS: $raw = 0 $(| $value)*;

            /// The wire value (every bit, named or not).
            #[inline]
            pub const fn bits(self) -> $raw {
                self.0
            }

            /// The flags of a wire value (unknown bits kept).
            #[inline]
            pub const fn from_bits(v: $raw) -> Self {
                $name(v)
            }

            /// Whether every bit of `other` is set.
            #[inline]
            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether any bit of `other` is set.
            #[inline]
            pub const fn intersects(self, other: $name) -> bool {
                self.0 & other.0 != 0
            }

            /// Whether no bit is set.
            #[inline]
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Sets the bits of `other`.
            #[inline]
            pub fn insert(&mut self, other: $name) {
                self.0 |= other.0;
            }

            /// Clears the bits of `other`.
            #[inline]
            pub fn remove(&mut self, other: $name) {
                self.0 &= !other.0;
            }

            /// Sets or clears the bits of `other`.
            #[inline]
            pub fn set(&mut self, other: $name, on: bool) {
                if on { self.insert(other) } else { self.remove(other) }
            }

            /// The bits no named flag covers.
            #[inline]
            pub const fn unknown_bits(self) -> $raw {
                self.0 & !Self::KNOWN_BITS
            }

            /// The spec names of the set flags (unknown bits not included;
            /// see [`Self::unknown_bits`]).
            pub fn names(self) -> impl Iterator<Item = &'static str> {
                Self::NAMED
                    .iter()
                    .filter(move |(f, _)| f.0 != 0 && self.contains(*f))
                    .map(|(_, n)| *n)
            }
        }

        impl ::core::ops::BitOr for $name {
            type Output = $name;
            #[inline]
            fn bitor(self, rhs: $name) -> $name {
                $name(self.0 | rhs.0)
            }
        }

        impl ::core::ops::BitOrAssign for $name {
            #[inline]
            fn bitor_assign(&mut self, rhs: $name) {
                self.0 |= rhs.0;
            }
        }

        impl ::core::ops::BitAnd for $name {
            type Output = $name;
            #[inline]
            fn bitand(self, rhs: $name) -> $name {
                $name(self.0 & rhs.0)
            }
        }

        impl From<$raw> for $name {
            #[inline]
            fn from(v: $raw) -> Self {
                $name(v)
            }
        }

        impl From<$name> for $raw {
            #[inline]
            fn from(v: $name) -> $raw {
                v.0
            }
        }

        impl ::core::fmt::Display for $name {
            /// The names of the set flags joined by ` | `, unknown bits in
            /// hex, `0` for none.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut first = true;
                for n in self.names() {
                    if !first {
                        f.write_str(" | ")?;
                    }
                    f.write_str(n)?;
                    first = false;
                }
                let unknown = self.unknown_bits();
                if unknown != 0 {
                    if !first {
                        f.write_str(" | ")?;
                    }
                    write!(f, "0x{:X}", unknown)?;
                    first = false;
                }
                if first {
                    f.write_str("0")?;
                }
                Ok(())
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(
                    f,
                    concat!(stringify!($name), "(0x{:0w$X} = {})"),
                    self.0,
                    self,
                    w = ::core::mem::size_of::<$raw>() * 2
                )
            }
        }

        impl<'a> $crate::Decode<'a> for $name {
            #[inline]
            fn decode(r: &mut $crate::Reader<'a>) -> $crate::Result<Self> {
                <$raw as $crate::Decode<'a>>::decode(r).map($name)
            }
        }

        impl $crate::Encode for $name {
            #[inline]
            fn encoded_len(&self) -> usize {
                ::core::mem::size_of::<$raw>()
            }
            #[inline]
            fn encode<B: $crate::bytes::BufMut>(&self, buf: &mut B) -> $crate::Result<()> {
                $crate::Encode::encode(&self.0, buf)
            }
        }
    };
}
