//! [MS-DTYP] 2.4.1 SID_IDENTIFIER_AUTHORITY and 2.4.2 SID: the packet
//! representation (2.4.2.2), the string form `S-1-...` (2.4.2.1) and the
//! well-known SIDs (2.4.2.4).

use std::fmt;
use std::str::FromStr;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result};

/// [MS-DTYP] 2.4.1 SID_IDENTIFIER_AUTHORITY: the six-byte top-level
/// authority of a SID, a 48-bit big-endian number.
///
/// ```
/// use ms_dtyp::IdentifierAuthority;
/// assert_eq!(IdentifierAuthority::SECURITY_NT_AUTHORITY.value(), 5);
/// assert_eq!(IdentifierAuthority::from_value(5), IdentifierAuthority([0, 0, 0, 0, 0, 5]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IdentifierAuthority(pub [u8; 6]);

impl IdentifierAuthority {
    /// NULL_SID_AUTHORITY {0,0,0,0,0,0}: only the NULL SID S-1-0-0.
    pub const NULL_SID_AUTHORITY: Self = Self::from_value(0);
    /// WORLD_SID_AUTHORITY {0,0,0,0,0,1}: only Everyone, S-1-1-0.
    pub const WORLD_SID_AUTHORITY: Self = Self::from_value(1);
    /// LOCAL_SID_AUTHORITY {0,0,0,0,0,2}.
    pub const LOCAL_SID_AUTHORITY: Self = Self::from_value(2);
    /// CREATOR_SID_AUTHORITY {0,0,0,0,0,3}.
    pub const CREATOR_SID_AUTHORITY: Self = Self::from_value(3);
    /// NON_UNIQUE_AUTHORITY {0,0,0,0,0,4} (not used).
    pub const NON_UNIQUE_AUTHORITY: Self = Self::from_value(4);
    /// SECURITY_NT_AUTHORITY {0,0,0,0,0,5}: the Windows NT security subsystem.
    pub const SECURITY_NT_AUTHORITY: Self = Self::from_value(5);
    /// SECURITY_APP_PACKAGE_AUTHORITY {0,0,0,0,0,0x0F}.
    pub const SECURITY_APP_PACKAGE_AUTHORITY: Self = Self::from_value(0x0F);
    /// SECURITY_MANDATORY_LABEL_AUTHORITY {0,0,0,0,0,0x10}: integrity levels.
    pub const SECURITY_MANDATORY_LABEL_AUTHORITY: Self = Self::from_value(0x10);
    /// SECURITY_SCOPED_POLICY_ID_AUTHORITY {0,0,0,0,0,0x11}.
    pub const SECURITY_SCOPED_POLICY_ID_AUTHORITY: Self = Self::from_value(0x11);
    /// SECURITY_AUTHENTICATION_AUTHORITY {0,0,0,0,0,0x12}.
    pub const SECURITY_AUTHENTICATION_AUTHORITY: Self = Self::from_value(0x12);

    /// The predefined authorities with their spec names.
    pub const NAMED: &'static [(IdentifierAuthority, &'static str)] = &[
        (Self::NULL_SID_AUTHORITY, "NULL_SID_AUTHORITY"),
        (Self::WORLD_SID_AUTHORITY, "WORLD_SID_AUTHORITY"),
        (Self::LOCAL_SID_AUTHORITY, "LOCAL_SID_AUTHORITY"),
        (Self::CREATOR_SID_AUTHORITY, "CREATOR_SID_AUTHORITY"),
        (Self::NON_UNIQUE_AUTHORITY, "NON_UNIQUE_AUTHORITY"),
        (Self::SECURITY_NT_AUTHORITY, "SECURITY_NT_AUTHORITY"),
        (
            Self::SECURITY_APP_PACKAGE_AUTHORITY,
            "SECURITY_APP_PACKAGE_AUTHORITY",
        ),
        (
            Self::SECURITY_MANDATORY_LABEL_AUTHORITY,
            "SECURITY_MANDATORY_LABEL_AUTHORITY",
        ),
        (
            Self::SECURITY_SCOPED_POLICY_ID_AUTHORITY,
            "SECURITY_SCOPED_POLICY_ID_AUTHORITY",
        ),
        (
            Self::SECURITY_AUTHENTICATION_AUTHORITY,
            "SECURITY_AUTHENTICATION_AUTHORITY",
        ),
    ];

    /// The authority for a 48-bit value (higher bits are dropped).
    pub const fn from_value(v: u64) -> Self {
        let b = v.to_be_bytes();
        IdentifierAuthority([b[2], b[3], b[4], b[5], b[6], b[7]])
    }

    /// The 48-bit value.
    pub const fn value(self) -> u64 {
        let a = self.0;
        u64::from_be_bytes([0, 0, a[0], a[1], a[2], a[3], a[4], a[5]])
    }

    /// The spec name of a predefined authority.
    pub fn name(self) -> Option<&'static str> {
        Self::NAMED
            .iter()
            .find(|(a, _)| *a == self)
            .map(|(_, n)| *n)
    }
}

impl fmt::Display for IdentifierAuthority {
    /// Decimal below 2^32, else `0x` and 12 hex digits ([MS-DTYP] 2.4.2.1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value();
        if v < 1 << 32 {
            write!(f, "{v}")
        } else {
            write!(f, "0x{v:012X}")
        }
    }
}

impl<'a> Decode<'a> for IdentifierAuthority {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.array::<6>().map(IdentifierAuthority)
    }
}

impl Encode for IdentifierAuthority {
    fn encoded_len(&self) -> usize {
        6
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.0);
        Ok(())
    }
}

/// The largest SubAuthorityCount [MS-DTYP] 2.4.2.2 allows.
pub const MAX_SUB_AUTHORITIES: usize = 15;

/// [MS-DTYP] 2.4.2 SID: a security identifier.
///
/// The packet representation ([MS-DTYP] 2.4.2.2) is Revision (1 byte),
/// SubAuthorityCount (1 byte, at most 15), IdentifierAuthority (6 bytes,
/// big-endian) and SubAuthorityCount little-endian `u32`s: 8 to 68 bytes.
/// The string form ([MS-DTYP] 2.4.2.1) is `S-1-5-21-1-2-3-513`; an
/// authority of 2^32 or more is written `0x` and 12 hex digits.
///
/// A `Sid` is `Copy` (it holds up to 15 sub-authorities inline), so the
/// well-known SIDs are constants ([`well_known`]).
/// Revision is kept as read (the spec says it MUST be 1; a different value
/// decodes, prints as `S-<revision>-...`, and re-encodes unchanged).
///
/// ```
/// use ms_dtyp::{Sid, well_known};
/// use msox_codec::{Decode, Encode};
/// let sid: Sid = "S-1-5-32-544".parse()?;
/// assert_eq!(sid, well_known::BUILTIN_ADMINISTRATORS);
/// assert_eq!(sid.to_vec()?, [1, 2, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0, 0x20, 2, 0, 0]);
/// assert_eq!(Sid::decode_exact(&sid.to_vec()?)?.to_string(), "S-1-5-32-544");
/// assert_eq!(sid.rid(), Some(544));
/// assert_eq!(well_known::name(&sid), Some("BUILTIN_ADMINISTRATORS"));
/// // A large authority is written in hex:
/// let big = Sid::new(ms_dtyp::IdentifierAuthority::from_value(0x1234_5678_9ABC), &[7]).unwrap();
/// assert_eq!(big.to_string(), "S-1-0x123456789ABC-7");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sid {
    revision: u8,
    identifier_authority: IdentifierAuthority,
    count: u8,
    // Invariant: entries at and after `count` are zero (so derived
    // equality, ordering and hashing see only the used part).
    sub_authority: [u32; MAX_SUB_AUTHORITIES],
}

impl Sid {
    /// The revision every SID has ([MS-DTYP] 2.4.2.2: MUST be 1).
    pub const REVISION: u8 = 1;

    /// A revision-1 SID, or `None` for more than 15 sub-authorities.
    // `i` stays below both lengths (checked above and by the loop).
    #[allow(clippy::indexing_slicing)]
    pub const fn new(authority: IdentifierAuthority, sub_authorities: &[u32]) -> Option<Sid> {
        if sub_authorities.len() > MAX_SUB_AUTHORITIES {
            return None;
        }
        let mut sub_authority = [0u32; MAX_SUB_AUTHORITIES];
        let mut i = 0;
        while i < sub_authorities.len() {
            sub_authority[i] = sub_authorities[i];
            i += 1;
        }
        Some(Sid {
            revision: Self::REVISION,
            identifier_authority: authority,
            count: sub_authorities.len() as u8,
            sub_authority,
        })
    }

    /// A revision-1 SID from a 48-bit authority value and `N <= 15`
    /// sub-authorities (checked at compile time); for constants.
    ///
    /// ```
    /// const SYSTEM: ms_dtyp::Sid = ms_dtyp::Sid::from_array(5, [18]);
    /// assert_eq!(SYSTEM.to_string(), "S-1-5-18");
    /// ```
    // `i < N <= 15`, checked at compile time.
    #[allow(clippy::indexing_slicing)]
    pub const fn from_array<const N: usize>(authority: u64, sub_authorities: [u32; N]) -> Sid {
        const {
            assert!(
                N <= MAX_SUB_AUTHORITIES,
                "a SID has at most 15 sub-authorities"
            )
        };
        let mut sub_authority = [0u32; MAX_SUB_AUTHORITIES];
        let mut i = 0;
        while i < N {
            sub_authority[i] = sub_authorities[i];
            i += 1;
        }
        Sid {
            revision: Self::REVISION,
            identifier_authority: IdentifierAuthority::from_value(authority),
            count: N as u8,
            sub_authority,
        }
    }

    /// The same SID with another Revision value (for lossless handling of
    /// SIDs that break the spec; every SID the spec defines has revision 1).
    #[must_use]
    pub const fn with_revision(mut self, revision: u8) -> Sid {
        self.revision = revision;
        self
    }

    /// Revision.
    pub const fn revision(&self) -> u8 {
        self.revision
    }

    /// IdentifierAuthority.
    pub const fn identifier_authority(&self) -> IdentifierAuthority {
        self.identifier_authority
    }

    /// SubAuthority: the sub-authorities, in order.
    pub fn sub_authorities(&self) -> &[u32] {
        self.sub_authority
            .get(..usize::from(self.count))
            .unwrap_or_default()
    }

    /// SubAuthorityCount.
    pub const fn sub_authority_count(&self) -> u8 {
        self.count
    }

    /// The relative identifier: the last sub-authority, if any.
    pub fn rid(&self) -> Option<u32> {
        self.sub_authorities().last().copied()
    }

    /// The SID with `rid` appended, or `None` when it already has 15
    /// sub-authorities (e.g. a domain SID plus a RID).
    pub fn with_rid(&self, rid: u32) -> Option<Sid> {
        let mut s = *self;
        let slot = s.sub_authority.get_mut(usize::from(s.count))?;
        *slot = rid;
        s.count += 1;
        Some(s)
    }

    /// Whether `self` starts with all of `prefix`'s sub-authorities (same
    /// revision and authority): e.g. whether a user SID is in a domain.
    pub fn starts_with(&self, prefix: &Sid) -> bool {
        self.revision == prefix.revision
            && self.identifier_authority == prefix.identifier_authority
            && self.sub_authorities().starts_with(prefix.sub_authorities())
    }

    /// The size of the packet representation: `8 + 4 * SubAuthorityCount`.
    pub const fn byte_len(&self) -> usize {
        8 + 4 * self.count as usize
    }
}

impl fmt::Display for Sid {
    /// The string form of [MS-DTYP] 2.4.2.1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S-{}-{}", self.revision, self.identifier_authority)?;
        for s in self.sub_authorities() {
            write!(f, "-{s}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Sid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sid({self})")
    }
}

/// Why a SID string did not parse ([MS-DTYP] 2.4.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseSidError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for ParseSidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid SID {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for ParseSidError {}

/// A decimal number with 1 to 10 digits and no leading zero.
fn parse_decimal(s: &str) -> Option<u64> {
    let ok = !s.is_empty()
        && s.len() <= 10
        && s.bytes().all(|b| b.is_ascii_digit())
        && !(s.len() > 1 && s.starts_with('0'));
    if ok { s.parse().ok() } else { None }
}

impl FromStr for Sid {
    type Err = ParseSidError;

    /// Parses the string form of [MS-DTYP] 2.4.2.1: `S-1-`, the authority
    /// (decimal, or `0x` and 12 hex digits), then `-` and a decimal
    /// sub-authority, repeated. As in ABNF, `S` and `0x` may be either
    /// case; decimal numbers may not have leading zeros. A SID with no
    /// sub-authorities (`S-1-5`, NT_AUTHORITY in 2.4.2.4) is accepted.
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let err = |reason| ParseSidError {
            input: s.to_string(),
            reason,
        };
        let rest = s
            .strip_prefix("S-1-")
            .or_else(|| s.strip_prefix("s-1-"))
            .ok_or_else(|| err("expected S-1-"))?;
        let mut parts = rest.split('-');
        let auth = parts.next().unwrap_or_default();
        let auth = match auth.strip_prefix("0x").or_else(|| auth.strip_prefix("0X")) {
            Some(h) => {
                if h.len() != 12 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(err("a hex identifier authority is 0x and 12 hex digits"));
                }
                u64::from_str_radix(h, 16).map_err(|_| err("bad hex identifier authority"))?
            }
            None => parse_decimal(auth).ok_or_else(|| {
                err("the identifier authority is 1-10 decimal digits without leading zeros")
            })?,
        };
        if auth >= 1 << 48 {
            return Err(err("the identifier authority does not fit in 48 bits"));
        }
        let mut subs = [0u32; MAX_SUB_AUTHORITIES];
        let mut n = 0;
        for p in parts {
            let v = parse_decimal(p).ok_or_else(|| {
                err("a sub-authority is 1-10 decimal digits without leading zeros")
            })?;
            let v = u32::try_from(v).map_err(|_| err("a sub-authority does not fit in 32 bits"))?;
            let slot = subs
                .get_mut(n)
                .ok_or_else(|| err("more than 15 sub-authorities"))?;
            *slot = v;
            n += 1;
        }
        Sid::new(
            IdentifierAuthority::from_value(auth),
            subs.get(..n).unwrap_or_default(),
        )
        .ok_or_else(|| err("more than 15 sub-authorities"))
    }
}

impl<'a> Decode<'a> for Sid {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("SID", read_sid)
    }
}

fn read_sid(r: &mut Reader<'_>) -> Result<Sid> {
    let revision = r.u8()?;
    let count = r.u8()?;
    if usize::from(count) > MAX_SUB_AUTHORITIES {
        return Err(r.error_at(
            ErrorKind::InvalidValue {
                field: "SubAuthorityCount",
                value: u64::from(count),
            },
            r.pos() - 1,
        ));
    }
    let identifier_authority = IdentifierAuthority(r.array::<6>()?);
    let mut sub_authority = [0u32; MAX_SUB_AUTHORITIES];
    for slot in sub_authority.iter_mut().take(usize::from(count)) {
        *slot = r.u32()?;
    }
    Ok(Sid {
        revision,
        identifier_authority,
        count,
        sub_authority,
    })
}

impl Encode for Sid {
    fn encoded_len(&self) -> usize {
        self.byte_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.revision);
        buf.put_u8(self.count);
        buf.put_slice(&self.identifier_authority.0);
        for s in self.sub_authorities() {
            buf.put_u32_le(*s);
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Sid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Sid {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        // Revision other than 1 prints as S-<n>-...; accept it back.
        match s.strip_prefix("S-").and_then(|t| t.split_once('-')) {
            Some((rev, rest)) if rev != "1" => {
                let revision: u8 = rev.parse().map_err(serde::de::Error::custom)?;
                let sid: Sid = format!("S-1-{rest}")
                    .parse()
                    .map_err(serde::de::Error::custom)?;
                Ok(sid.with_revision(revision))
            }
            _ => s.parse().map_err(serde::de::Error::custom),
        }
    }
}

pub mod well_known {
    //! [MS-DTYP] 2.4.2.4 Well-Known SID Structures: the SIDs whose value
    //! is the same everywhere (those relative to a domain or machine are
    //! RIDs: [`DOMAIN_USERS_RID`] etc., to append with
    //! [`Sid::with_rid`](super::Sid::with_rid)).

    use super::Sid;

    macro_rules! sids {
        ($($(#[$m:meta])* $name:ident = $auth:literal, [$($sub:literal),*];)*) => {
            $(
                $(#[$m])*
                pub const $name: Sid = Sid::from_array($auth, [$($sub),*]);
            )*
            /// Every constant of this module with its spec name.
            pub const ALL: &[(Sid, &str)] = &[$(($name, stringify!($name))),*];
        };
    }

    sids! {
        /// NULL S-1-0-0: no security principal.
        NULL = 0, [0];
        /// EVERYONE S-1-1-0: a group that includes all users.
        EVERYONE = 1, [0];
        /// LOCAL S-1-2-0: users who have logged on locally.
        LOCAL = 2, [0];
        /// CONSOLE_LOGON S-1-2-1.
        CONSOLE_LOGON = 2, [1];
        /// CREATOR_OWNER S-1-3-0: placeholder replaced by the creator.
        CREATOR_OWNER = 3, [0];
        /// CREATOR_GROUP S-1-3-1: placeholder replaced by the creator's primary group.
        CREATOR_GROUP = 3, [1];
        /// OWNER_SERVER S-1-3-2.
        OWNER_SERVER = 3, [2];
        /// GROUP_SERVER S-1-3-3.
        GROUP_SERVER = 3, [3];
        /// OWNER_RIGHTS S-1-3-4: the current owner of the object.
        OWNER_RIGHTS = 3, [4];
        /// NT_AUTHORITY S-1-5: only the SECURITY_NT_AUTHORITY authority.
        NT_AUTHORITY = 5, [];
        /// DIALUP S-1-5-1.
        DIALUP = 5, [1];
        /// NETWORK S-1-5-2.
        NETWORK = 5, [2];
        /// BATCH S-1-5-3.
        BATCH = 5, [3];
        /// INTERACTIVE S-1-5-4.
        INTERACTIVE = 5, [4];
        /// SERVICE S-1-5-6.
        SERVICE = 5, [6];
        /// ANONYMOUS S-1-5-7.
        ANONYMOUS = 5, [7];
        /// PROXY S-1-5-8.
        PROXY = 5, [8];
        /// ENTERPRISE_DOMAIN_CONTROLLERS S-1-5-9.
        ENTERPRISE_DOMAIN_CONTROLLERS = 5, [9];
        /// PRINCIPAL_SELF S-1-5-10.
        PRINCIPAL_SELF = 5, [10];
        /// AUTHENTICATED_USERS S-1-5-11.
        AUTHENTICATED_USERS = 5, [11];
        /// RESTRICTED_CODE S-1-5-12.
        RESTRICTED_CODE = 5, [12];
        /// TERMINAL_SERVER_USER S-1-5-13.
        TERMINAL_SERVER_USER = 5, [13];
        /// REMOTE_INTERACTIVE_LOGON S-1-5-14.
        REMOTE_INTERACTIVE_LOGON = 5, [14];
        /// THIS_ORGANIZATION S-1-5-15.
        THIS_ORGANIZATION = 5, [15];
        /// IUSR S-1-5-17.
        IUSR = 5, [17];
        /// LOCAL_SYSTEM S-1-5-18: the operating system's account.
        LOCAL_SYSTEM = 5, [18];
        /// LOCAL_SERVICE S-1-5-19.
        LOCAL_SERVICE = 5, [19];
        /// NETWORK_SERVICE S-1-5-20.
        NETWORK_SERVICE = 5, [20];
        /// COMPOUNDED_AUTHENTICATION S-1-5-21-0-0-0-496.
        COMPOUNDED_AUTHENTICATION = 5, [21, 0, 0, 0, 496];
        /// CLAIMS_VALID S-1-5-21-0-0-0-497.
        CLAIMS_VALID = 5, [21, 0, 0, 0, 497];
        /// BUILTIN_ADMINISTRATORS S-1-5-32-544.
        BUILTIN_ADMINISTRATORS = 5, [32, 544];
        /// BUILTIN_USERS S-1-5-32-545.
        BUILTIN_USERS = 5, [32, 545];
        /// BUILTIN_GUESTS S-1-5-32-546.
        BUILTIN_GUESTS = 5, [32, 546];
        /// POWER_USERS S-1-5-32-547.
        POWER_USERS = 5, [32, 547];
        /// ACCOUNT_OPERATORS S-1-5-32-548.
        ACCOUNT_OPERATORS = 5, [32, 548];
        /// SERVER_OPERATORS S-1-5-32-549.
        SERVER_OPERATORS = 5, [32, 549];
        /// PRINTER_OPERATORS S-1-5-32-550.
        PRINTER_OPERATORS = 5, [32, 550];
        /// BACKUP_OPERATORS S-1-5-32-551.
        BACKUP_OPERATORS = 5, [32, 551];
        /// REPLICATOR S-1-5-32-552.
        REPLICATOR = 5, [32, 552];
        /// REMOTE_DESKTOP S-1-5-32-555.
        REMOTE_DESKTOP = 5, [32, 555];
        /// WRITE_RESTRICTED_CODE S-1-5-33.
        WRITE_RESTRICTED_CODE = 5, [33];
        /// NTLM_AUTHENTICATION S-1-5-64-10.
        NTLM_AUTHENTICATION = 5, [64, 10];
        /// SCHANNEL_AUTHENTICATION S-1-5-64-14.
        SCHANNEL_AUTHENTICATION = 5, [64, 14];
        /// DIGEST_AUTHENTICATION S-1-5-64-21.
        DIGEST_AUTHENTICATION = 5, [64, 21];
        /// NT_SERVICE S-1-5-80: the NT Service account prefix.
        NT_SERVICE = 5, [80];
        /// LOCAL_ACCOUNT S-1-5-113.
        LOCAL_ACCOUNT = 5, [113];
        /// LOCAL_ACCOUNT_AND_MEMBER_OF_ADMINISTRATORS_GROUP S-1-5-114.
        LOCAL_ACCOUNT_AND_MEMBER_OF_ADMINISTRATORS_GROUP = 5, [114];
        /// OTHER_ORGANIZATION S-1-5-1000.
        OTHER_ORGANIZATION = 5, [1000];
        /// ALL_APP_PACKAGES S-1-15-2-1.
        ALL_APP_PACKAGES = 15, [2, 1];
        /// ML_UNTRUSTED S-1-16-0: untrusted integrity level.
        ML_UNTRUSTED = 16, [0];
        /// ML_LOW S-1-16-4096: low integrity level.
        ML_LOW = 16, [4096];
        /// ML_MEDIUM S-1-16-8192: medium integrity level.
        ML_MEDIUM = 16, [8192];
        /// ML_MEDIUM_PLUS S-1-16-8448.
        ML_MEDIUM_PLUS = 16, [8448];
        /// ML_HIGH S-1-16-12288: high integrity level.
        ML_HIGH = 16, [12288];
        /// ML_SYSTEM S-1-16-16384: system integrity level.
        ML_SYSTEM = 16, [16384];
        /// ML_PROTECTED_PROCESS S-1-16-20480.
        ML_PROTECTED_PROCESS = 16, [20480];
        /// ML_SECURE_PROCESS S-1-16-28672.
        ML_SECURE_PROCESS = 16, [28672];
        /// AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY S-1-18-1.
        AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY = 18, [1];
        /// SERVICE_ASSERTED_IDENTITY S-1-18-2.
        SERVICE_ASSERTED_IDENTITY = 18, [2];
    }

    /// ADMINISTRATOR: RID 500 of a machine or domain (`S-1-5-21-<machine>-500`).
    pub const ADMINISTRATOR_RID: u32 = 500;
    /// GUEST: RID 501.
    pub const GUEST_RID: u32 = 501;
    /// KRBTGT: RID 502.
    pub const KRBTGT_RID: u32 = 502;
    /// DOMAIN_ADMINS: RID 512.
    pub const DOMAIN_ADMINS_RID: u32 = 512;
    /// DOMAIN_USERS: RID 513.
    pub const DOMAIN_USERS_RID: u32 = 513;
    /// DOMAIN_GUESTS: RID 514.
    pub const DOMAIN_GUESTS_RID: u32 = 514;
    /// DOMAIN_COMPUTERS: RID 515.
    pub const DOMAIN_COMPUTERS_RID: u32 = 515;
    /// DOMAIN_DOMAIN_CONTROLLERS: RID 516.
    pub const DOMAIN_DOMAIN_CONTROLLERS_RID: u32 = 516;
    /// SCHEMA_ADMINISTRATORS: RID 518 of the root domain.
    pub const SCHEMA_ADMINISTRATORS_RID: u32 = 518;
    /// ENTERPRISE_ADMINS: RID 519 of the root domain.
    pub const ENTERPRISE_ADMINS_RID: u32 = 519;

    /// The spec name of a well-known SID in [`ALL`]; for SIDs of the form
    /// S-1-5-21-x-y-z-RID, the name of a well-known RID
    /// (`"DOMAIN_USERS"` for S-1-5-21-1-2-3-513).
    pub fn name(sid: &Sid) -> Option<&'static str> {
        if let Some((_, n)) = ALL.iter().find(|(s, _)| s == sid) {
            return Some(n);
        }
        match sid.sub_authorities() {
            [21, _, _, _, rid]
                if sid.identifier_authority()
                    == super::IdentifierAuthority::SECURITY_NT_AUTHORITY
                    && sid.revision() == 1 =>
            {
                Some(match *rid {
                    500 => "ADMINISTRATOR",
                    501 => "GUEST",
                    502 => "KRBTGT",
                    512 => "DOMAIN_ADMINS",
                    513 => "DOMAIN_USERS",
                    514 => "DOMAIN_GUESTS",
                    515 => "DOMAIN_COMPUTERS",
                    516 => "DOMAIN_DOMAIN_CONTROLLERS",
                    517 => "CERT_PUBLISHERS",
                    518 => "SCHEMA_ADMINISTRATORS",
                    519 => "ENTERPRISE_ADMINS",
                    520 => "GROUP_POLICY_CREATOR_OWNERS",
                    521 => "READONLY_DOMAIN_CONTROLLERS",
                    522 => "CLONEABLE_CONTROLLERS",
                    525 => "PROTECTED_USERS",
                    526 => "KEY_ADMINS",
                    527 => "ENTERPRISE_KEY_ADMINS",
                    553 => "RAS_SERVERS",
                    571 => "ALLOWED_RODC_PASSWORD_REPLICATION_GROUP",
                    572 => "DENIED_RODC_PASSWORD_REPLICATION_GROUP",
                    _ => return None,
                })
            }
            _ => None,
        }
    }
}
