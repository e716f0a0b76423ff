//! [`wire_enum!`](crate::wire_enum): one macro for every spec enumeration.

/// Declares a spec enumeration that keeps unknown wire values.
///
/// Generates the enum with one variant per listed value plus
/// `Unknown(raw)`, conversions both ways (`From<raw>` never fails; unknown
/// values survive a round trip), the spec name of each value, a `Display`
/// that prints the name or the hex value, a list of all known values, and
/// [`Decode`](crate::Decode)/[`Encode`](crate::Encode) as a little-endian
/// integer. Decode and encode come from one table, so they cannot drift apart.
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
/// assert_eq!(Colour::from(9u16), Colour::Unknown(9));
/// assert_eq!(u16::from(Colour::Unknown(9)), 9);
/// assert_eq!(Colour::Red.name(), Some("COLOUR_RED"));
/// assert_eq!(Colour::Green.name(), Some("Green"));
/// assert_eq!(Colour::Unknown(9).to_string(), "0x0009");
/// assert_eq!(Colour::decode_exact(&[2, 0]).unwrap(), Colour::Green);
/// assert_eq!(Colour::Unknown(0x1234).to_vec().unwrap(), [0x34, 0x12]);
/// assert_eq!(Colour::from_name("COLOUR_RED"), Some(Colour::Red));
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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A value this version of the spec does not define, kept as read.
            Unknown($raw),
        }

        impl $name {
            /// Every value the spec defines, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            #[inline]
            pub const fn value(self) -> $raw {
                match self {
                    $($name::$variant => $value,)*
                    $name::Unknown(v) => v,
                }
            }

            /// The enum for a wire value (`Unknown` for values the spec does not define).
            #[inline]
            pub const fn from_value(v: $raw) -> Self {
                match v {
                    $($value => $name::$variant,)*
                    other => $name::Unknown(other),
                }
            }

            /// The spec's name for the value, or `None` for an unknown value.
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $($name::$variant => Some($crate::wire_enum!(@name $variant $($vname)?)),)*
                    $name::Unknown(_) => None,
                }
            }

            /// The value with the spec name `name` (exact match).
            pub fn from_name(name: &str) -> Option<Self> {
                Self::KNOWN.iter().copied().find(|v| v.name() == Some(name))
            }

            /// Whether the spec defines this value.
            #[inline]
            pub const fn is_known(self) -> bool {
                !matches!(self, $name::Unknown(_))
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

        impl<'a> $crate::Decode<'a> for $name {
            #[inline]
            fn decode(input: &'a [u8]) -> $crate::PResult<'a, Self> {
                let (rest, v) = <$raw as $crate::Decode<'a>>::decode(input)?;
                Ok((rest, Self::from_value(v)))
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
