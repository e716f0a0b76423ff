//! `wire_flags!`: bit-flag newtypes that keep every bit as read.

/// Declares a newtype over an unsigned integer holding spec bit flags.
///
/// Generates named constants, `contains` / `insert` / `remove`, a list of
/// the spec names of the set bits (unknown bits are kept and printed in
/// hex), and [`msox_codec::Decode`] / [`msox_codec::Encode`] as a
/// little-endian integer. Unknown bits survive a round trip.
macro_rules! wire_flags {
    (
        $(#[$meta:meta])*
        pub struct $name:ident : $raw:ty {
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
        pub struct $name(pub $raw);

        impl $name {
            $(
                $(#[$fmeta])*
                pub const $flag: $name = $name($value);
            )*

            /// Every named flag with its spec name, in declaration order.
            pub const NAMED: &'static [($name, &'static str)] = &[$(($name::$flag, $fname)),*];

            /// No bits set.
            pub const EMPTY: $name = $name(0);

            /// The raw value.
            #[inline]
            pub const fn bits(self) -> $raw {
                self.0
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

            /// The bits no named flag covers.
            #[inline]
            pub const fn unknown_bits(self) -> $raw {
                let mut known: $raw = 0;
                $(known |= $value;)*
                self.0 & !known
            }

            /// The spec names of the set flags (unknown bits not included;
            /// see [`Self::unknown_bits`]).
            pub fn names(self) -> Vec<&'static str> {
                Self::NAMED
                    .iter()
                    .filter(|(f, _)| f.0 != 0 && self.contains(*f))
                    .map(|(_, n)| *n)
                    .collect()
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

        impl<'a> msox_codec::Decode<'a> for $name {
            #[inline]
            fn decode(input: &'a [u8]) -> msox_codec::PResult<'a, Self> {
                let (rest, v) = <$raw as msox_codec::Decode<'a>>::decode(input)?;
                Ok((rest, $name(v)))
            }
        }

        impl msox_codec::Encode for $name {
            #[inline]
            fn encoded_len(&self) -> usize {
                ::core::mem::size_of::<$raw>()
            }
            #[inline]
            fn encode<B: msox_codec::bytes::BufMut>(&self, buf: &mut B) -> msox_codec::Result<()> {
                msox_codec::Encode::encode(&self.0, buf)
            }
        }
    };
}

pub(crate) use wire_flags;
