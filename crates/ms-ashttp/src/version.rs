//! [MS-ASHTTP] 2.2.1.1.2.6 MS-ASProtocolVersion: protocol versions, as the
//! `major.minor` text of the headers and the one-byte form of the base64
//! query value (2.2.1.1.1.1: `141` for 14.1).

use msox_codec::{Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

/// An ActiveSync protocol version (`2.5`, `12.0`, `12.1`, `14.0`, `14.1`,
/// `16.0`, `16.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProtocolVersion {
    /// Major version.
    pub major: u8,
    /// Minor version (0..=9).
    pub minor: u8,
}

impl ProtocolVersion {
    /// `major.minor`.
    pub const fn new(major: u8, minor: u8) -> Self {
        ProtocolVersion { major, minor }
    }

    /// From the query byte: tens are the major version, units the minor
    /// (`141` → 14.1, `25` → 2.5).
    pub const fn from_byte(b: u8) -> Self {
        ProtocolVersion {
            major: b / 10,
            minor: b % 10,
        }
    }

    /// The query byte; an error when the version does not fit one.
    pub fn to_byte(self) -> Result<u8> {
        let v = u16::from(self.major) * 10 + u16::from(self.minor);
        if self.minor > 9 || v > 255 {
            return Err(Error::too_large("Protocol version", u64::from(v), 255));
        }
        Ok(v as u8)
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for ProtocolVersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::new(ErrorKind::Malformed(
                format!("bad protocol version {s:?}").into(),
            ))
        };
        let (a, b) = s.trim().split_once('.').ok_or_else(bad)?;
        let major = a.parse().map_err(|_| bad())?;
        let minor = b.parse().map_err(|_| bad())?;
        if minor > 9 {
            return Err(bad());
        }
        Ok(ProtocolVersion { major, minor })
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_and_text_forms_agree() {
        for (b, s) in [
            (25, "2.5"),
            (120, "12.0"),
            (121, "12.1"),
            (140, "14.0"),
            (141, "14.1"),
            (160, "16.0"),
            (161, "16.1"),
        ] {
            let v = ProtocolVersion::from_byte(b);
            assert_eq!(v.to_string(), s);
            assert_eq!(s.parse::<ProtocolVersion>().unwrap(), v);
            assert_eq!(v.to_byte().unwrap(), b);
        }
        assert!(ProtocolVersion::new(30, 0).to_byte().is_err());
        assert!("14".parse::<ProtocolVersion>().is_err());
    }
}
