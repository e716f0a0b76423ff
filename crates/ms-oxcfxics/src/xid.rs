//! [MS-OXCFXICS] 2.2.2.2 XID and 2.2.2.3.1 SizedXid.

use std::cmp::Ordering;
use std::fmt;

use ms_dtyp::Guid;
use ms_oxcdata::GlobalCounter;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result};

use crate::ids::Gid;

/// The LocalId of an [`Xid`]: 1 to 8 bytes, compared as an unsigned
/// big-endian number (the way GLOBCNT values compare).
///
/// ```
/// use ms_oxcfxics::LocalId;
/// let a = LocalId::new(&[0, 0, 0, 0, 0, 9]).unwrap();
/// let b = LocalId::new(&[0, 0, 0, 0, 1, 0]).unwrap();
/// assert!(a < b);
/// assert_eq!(a.to_u64(), 9);
/// assert!(LocalId::new(&[]).is_none());
/// assert!(LocalId::new(&[0; 9]).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalId {
    len: u8,
    bytes: [u8; 8],
}

impl LocalId {
    /// The longest LocalId (2.2.2.2: "a maximum length of 8 bytes").
    pub const MAX_LEN: usize = 8;

    /// A LocalId of 1 to 8 bytes, or `None`.
    pub fn new(bytes: &[u8]) -> Option<Self> {
        if bytes.is_empty() || bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut b = [0u8; 8];
        b.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(LocalId {
            len: bytes.len() as u8,
            bytes: b,
        })
    }

    /// The 6-byte LocalId of a GID (a GLOBCNT).
    pub const fn from_global_counter(g: GlobalCounter) -> Self {
        let c = g.0;
        LocalId {
            len: 6,
            bytes: [c[0], c[1], c[2], c[3], c[4], c[5], 0, 0],
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// Number of bytes (1 to 8).
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Always false (a LocalId has at least one byte); for API symmetry.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value as an unsigned big-endian number.
    pub fn to_u64(&self) -> u64 {
        self.as_bytes()
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    }

    /// The GLOBCNT, when the LocalId has 6 bytes.
    pub fn global_counter(&self) -> Option<GlobalCounter> {
        let b: [u8; 6] = self.as_bytes().try_into().ok()?;
        Some(GlobalCounter(b))
    }
}

impl PartialOrd for LocalId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Numeric order (big-endian unsigned); between equal numbers, the shorter
/// encoding first.
impl Ord for LocalId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.to_u64()
            .cmp(&other.to_u64())
            .then(self.len.cmp(&other.len))
    }
}

impl fmt::Debug for LocalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LocalId(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02X}")?;
        }
        write!(f, ")")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LocalId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_bytes(self.as_bytes())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for LocalId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = <Vec<u8>>::deserialize(d)?;
        LocalId::new(&v).ok_or_else(|| serde::de::Error::custom("LocalId must have 1 to 8 bytes"))
    }
}

/// Compares two GUIDs byte by byte in their 16-byte wire form, the order
/// [MS-OXCFXICS] uses to sort PredecessorChangeList entries (2.2.2.3) and
/// REPLGUID-based IDSETs (2.2.2.4.2).
pub fn guid_wire_cmp(a: &Guid, b: &Guid) -> Ordering {
    a.to_le_bytes().cmp(&b.to_le_bytes())
}

/// [MS-OXCFXICS] 2.2.2.2 XID Structure: an external identifier: a
/// NamespaceGuid (16 bytes) and a LocalId of 1 to 8 bytes. Its size is
/// never in the structure itself: it comes from the container (a
/// [`SizedXid`], a property value's length).
///
/// [`Decode`] reads a whole window (the container delimits it); a GID is an
/// XID with a 6-byte LocalId.
///
/// ```
/// use ms_oxcfxics::Xid;
/// use msox_codec::{Decode, Encode};
/// let change_key = [
///     0xE9, 0x2F, 0xEB, 0x75, 0x96, 0x50, 0x44, 0x86, 0x83, 0xB8, 0x7D, 0xE5, 0x22, 0xAA, 0x49, 0x48,
///     0x00, 0x00, 0x00, 0x2C, 0x49,
/// ];
/// let xid = Xid::decode_exact(&change_key)?;
/// assert_eq!(xid.local_id.len(), 5);
/// assert_eq!(xid.local_id.to_u64(), 0x2C49);
/// assert_eq!(xid.to_vec()?, change_key);
/// assert!(Xid::decode_exact(&change_key[..16]).is_err()); // no LocalId
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Xid {
    /// NamespaceGuid: the namespace of the LocalId.
    pub namespace_guid: Guid,
    /// LocalId: the entity in that namespace.
    pub local_id: LocalId,
}

impl Xid {
    /// An XID from its parts.
    pub const fn new(namespace_guid: Guid, local_id: LocalId) -> Self {
        Xid {
            namespace_guid,
            local_id,
        }
    }

    /// The XID form of a GID (6-byte LocalId).
    pub const fn from_gid(g: Gid) -> Self {
        Xid {
            namespace_guid: g.database_guid,
            local_id: LocalId::from_global_counter(g.global_counter),
        }
    }

    /// The GID, when the LocalId has 6 bytes.
    pub fn to_gid(&self) -> Option<Gid> {
        Some(Gid {
            database_guid: self.namespace_guid,
            global_counter: self.local_id.global_counter()?,
        })
    }

    /// Bytes on the wire: 16 plus the LocalId.
    pub const fn size(&self) -> usize {
        16 + self.local_id.len()
    }

    /// Reads an XID of `size` bytes at the reader's position.
    pub fn read_sized(r: &mut Reader<'_>, size: usize) -> Result<Self> {
        r.frame("XID", |r| {
            let at = r.pos();
            if !(17..=24).contains(&size) {
                return Err(r.invalid_at("XID size", size as u64, at));
            }
            let namespace_guid: Guid = r.decode()?;
            let bytes = r.bytes(size - 16)?;
            let local_id = LocalId::new(bytes)
                .ok_or_else(|| r.invalid_at("LocalId length", bytes.len() as u64, at))?;
            Ok(Xid {
                namespace_guid,
                local_id,
            })
        })
    }
}

impl PartialOrd for Xid {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// NamespaceGuid byte by byte (the PredecessorChangeList order), then LocalId.
impl Ord for Xid {
    fn cmp(&self, other: &Self) -> Ordering {
        guid_wire_cmp(&self.namespace_guid, &other.namespace_guid)
            .then(self.local_id.cmp(&other.local_id))
    }
}

/// Reads all of the reader's window as one XID (the container gives its size).
impl<'a> Decode<'a> for Xid {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let n = r.remaining();
        Xid::read_sized(r, n)
    }
}

impl Encode for Xid {
    fn encoded_len(&self) -> usize {
        self.size()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.namespace_guid.encode(buf)?;
        buf.put_slice(self.local_id.as_bytes());
        Ok(())
    }
}

/// [MS-OXCFXICS] 2.2.2.3.1 SizedXid Structure: XidSize (1 byte) and an
/// XID of that many bytes.
///
/// ```
/// use ms_oxcfxics::SizedXid;
/// use msox_codec::{Decode, Encode};
/// let mut b = vec![0x11];
/// b.extend_from_slice(&[0xAB; 16]);
/// b.push(0x07);
/// let s = SizedXid::decode_exact(&b)?;
/// assert_eq!(s.0.local_id.to_u64(), 7);
/// assert_eq!(s.to_vec()?, b);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SizedXid(pub Xid);

impl<'a> Decode<'a> for SizedXid {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("SizedXid", |r| {
            let size = usize::from(r.u8()?);
            let mut sub = r.sub(size)?;
            Xid::read_sized(&mut sub, size).map(SizedXid)
        })
    }
}

impl Encode for SizedXid {
    fn encoded_len(&self) -> usize {
        1 + self.0.size()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let size = self.0.size();
        let size = u8::try_from(size).map_err(|_| {
            Error::new(ErrorKind::ValueTooLarge {
                field: "XidSize",
                value: size as u64,
                max: 255,
            })
        })?;
        buf.put_u8(size);
        self.0.encode(buf)
    }
}
