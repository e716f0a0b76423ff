//! [MS-OXCDATA] 2.2.1 Folder ID, Message ID and long-term ID structures, and
//! 2.11.1.4 the PtypServerId value.

use std::fmt;

use ms_dtyp::Guid;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

/// The 6-byte GlobalCounter of [MS-OXCDATA] 2.2.1.1 / 2.2.1.2 / 2.2.1.3.1:
/// an unsigned counter that identifies an object within its store.
///
/// The bytes are kept exactly as they appear on the wire. Exchange writes
/// the counter most significant byte first ([MS-OXCFXICS] 2.2.2.5 GLOBCNT),
/// which is what [`GlobalCounter::to_u64`] and [`GlobalCounter::from_u64`]
/// use.
///
/// ```
/// use ms_oxcdata::GlobalCounter;
/// let g = GlobalCounter::from_u64(0x0000_0000_0005);
/// assert_eq!(g.0, [0, 0, 0, 0, 0, 5]);
/// assert_eq!(g.to_u64(), 5);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GlobalCounter(pub [u8; 6]);

impl GlobalCounter {
    /// The counter for a 48-bit value (bits above 48 are dropped), most
    /// significant byte first.
    pub const fn from_u64(v: u64) -> Self {
        let b = v.to_be_bytes();
        GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]])
    }

    /// The counter as a number, reading the bytes most significant first.
    pub const fn to_u64(self) -> u64 {
        let b = self.0;
        u64::from_be_bytes([0, 0, b[0], b[1], b[2], b[3], b[4], b[5]])
    }
}

impl fmt::Debug for GlobalCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GlobalCounter(0x{:012X})", self.to_u64())
    }
}

impl fmt::Display for GlobalCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:012X}", self.to_u64())
    }
}

impl<'a> Decode<'a> for GlobalCounter {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let b = r.array::<6>()?;
        Ok(GlobalCounter(b))
    }
}

impl Encode for GlobalCounter {
    fn encoded_len(&self) -> usize {
        6
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.0);
        Ok(())
    }
}

macro_rules! short_term_id {
    ($(#[$m:meta])* $name:ident, $what:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name {
            /// ReplicaId: identifies the store (replica) within the logon.
            pub replica_id: u16,
            #[doc = concat!("GlobalCounter: identifies the ", $what, " within its store.")]
            pub global_counter: GlobalCounter,
        }

        impl $name {
            /// From its parts.
            pub const fn new(replica_id: u16, global_counter: GlobalCounter) -> Self {
                $name { replica_id, global_counter }
            }

            /// From the 8 wire bytes read as a little-endian `u64`, the
            /// way ROP buffers and PidTagFolderId / PidTagMid values carry it.
            pub const fn from_u64(v: u64) -> Self {
                let b = v.to_le_bytes();
                $name {
                    replica_id: u16::from_le_bytes([b[0], b[1]]),
                    global_counter: GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]]),
                }
            }

            /// The 8 wire bytes as a little-endian `u64` (inverse of `from_u64`).
            pub const fn to_u64(self) -> u64 {
                let r = self.replica_id.to_le_bytes();
                let g = self.global_counter.0;
                u64::from_le_bytes([r[0], r[1], g[0], g[1], g[2], g[3], g[4], g[5]])
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    concat!(stringify!($name), "(0x{:04X}-{})"),
                    self.replica_id, self.global_counter
                )
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "0x{:016X}", self.to_u64())
            }
        }

        impl<'a> Decode<'a> for $name {
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                let replica_id = r.u16()?;
                let global_counter = GlobalCounter(r.array::<6>()?);
                Ok($name { replica_id, global_counter })
            }
        }

        impl Encode for $name {
            fn encoded_len(&self) -> usize {
                8
            }
            fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                buf.put_u16_le(self.replica_id);
                buf.put_slice(&self.global_counter.0);
                Ok(())
            }
        }
    };
}

short_term_id! {
    /// [MS-OXCDATA] 2.2.1.1 Folder ID Structure: ReplicaId (2 bytes) and
    /// GlobalCounter (6 bytes), identifying a folder within a logon.
    ///
    /// ```
    /// use ms_oxcdata::FolderId;
    /// use msox_codec::{Decode, Encode};
    /// let fid = FolderId::decode_exact(&[0x01, 0x00, 0, 0, 0, 0, 0, 0x05]).unwrap();
    /// assert_eq!(fid.replica_id, 1);
    /// assert_eq!(fid.global_counter.to_u64(), 5);
    /// assert_eq!(FolderId::from_u64(fid.to_u64()), fid);
    /// ```
    FolderId, "folder"
}

short_term_id! {
    /// [MS-OXCDATA] 2.2.1.2 Message ID Structure: ReplicaId (2 bytes) and
    /// GlobalCounter (6 bytes), identifying a message within a logon.
    MessageId, "message"
}

/// [MS-OXCDATA] 2.2.1.3.1 LongTermID Structure: a store-independent form of
/// a Folder ID or Message ID (the ReplicaId mapped to the store's GUID).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LongTermId {
    /// DatabaseGuid: the store (replica) GUID.
    pub database_guid: Guid,
    /// GlobalCounter: the object within the store.
    pub global_counter: GlobalCounter,
    /// Pad (2 bytes, zero per the spec; kept as read).
    pub pad: u16,
}

impl<'a> Decode<'a> for LongTermId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LongTermID", |r| {
            Ok(LongTermId {
                database_guid: r.decode()?,
                global_counter: GlobalCounter(r.array::<6>()?),
                pad: r.u16()?,
            })
        })
    }
}

impl Encode for LongTermId {
    fn encoded_len(&self) -> usize {
        24
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.database_guid.encode(buf)?;
        buf.put_slice(&self.global_counter.0);
        buf.put_u16_le(self.pad);
        Ok(())
    }
}

/// [MS-OXCDATA] 2.2.1.3.2 LongTermIdRange Structure: two LongTermIDs
/// bounding a range of IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LongTermIdRange {
    /// MinLongTermId.
    pub min: LongTermId,
    /// MaxLongTermId.
    pub max: LongTermId,
}

impl<'a> Decode<'a> for LongTermIdRange {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LongTermIdRange", |r| {
            let min = r.decode()?;
            let max = r.decode()?;
            Ok(LongTermIdRange { min, max })
        })
    }
}

impl Encode for LongTermIdRange {
    fn encoded_len(&self) -> usize {
        48
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.min.encode(buf)?;
        self.max.encode(buf)
    }
}

/// [MS-OXCDATA] 2.11.1.4 PtypServerId Type: the contents of a PtypServerId
/// value (what follows its 16-bit COUNT).
///
/// `Ours` = 0x01 with exactly 20 more bytes is a server-defined ID; any
/// other content is client-defined and kept as read. Decoding consumes all
/// of its input (the COUNT delimits it).
///
/// ```
/// use ms_oxcdata::{FolderId, MessageId, ServerId};
/// use msox_codec::{Decode, Encode};
/// let mut b = vec![0x01];
/// b.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 9]);
/// b.extend_from_slice(&[0; 8]);
/// b.extend_from_slice(&[0; 4]);
/// let id = ServerId::decode_exact(&b).unwrap();
/// assert!(matches!(id, ServerId::Ours { folder_id, .. } if folder_id.global_counter.to_u64() == 9));
/// assert_eq!(id.to_vec().unwrap(), b);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ServerId {
    /// Ours = 0x01: a folder ID, a message ID (zero for a folder) and an
    /// instance number.
    Ours {
        /// The folder (2.2.1.1).
        folder_id: FolderId,
        /// The message (2.2.1.2), all zeros when the object is a folder.
        message_id: MessageId,
        /// Instance: the value's index within a multivalue property (else 0).
        instance: u32,
    },
    /// Anything else: the Ours byte and the client-defined bytes after it.
    Other {
        /// The Ours byte as read (0x00 for client-defined values).
        ours: u8,
        /// The rest of the value.
        data: Vec<u8>,
    },
}

impl<'a> Decode<'a> for ServerId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let ours = r.frame("ServerId", |r| r.u8())?;
        if ours == 1 && r.remaining() == 20 {
            let folder_id = r.decode()?;
            let message_id = r.decode()?;
            let instance = r.u32()?;
            return Ok(ServerId::Ours {
                folder_id,
                message_id,
                instance,
            });
        }
        let data = r.take_rest().to_vec();
        Ok(ServerId::Other { ours, data })
    }
}

impl Encode for ServerId {
    fn encoded_len(&self) -> usize {
        match self {
            ServerId::Ours { .. } => 21,
            ServerId::Other { data, .. } => 1 + data.len(),
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            ServerId::Ours {
                folder_id,
                message_id,
                instance,
            } => {
                buf.put_u8(1);
                folder_id.encode(buf)?;
                message_id.encode(buf)?;
                buf.put_u32_le(*instance);
            }
            ServerId::Other { ours, data } => {
                buf.put_u8(*ours);
                buf.put_slice(data);
            }
        }
        Ok(())
    }
}

/// [MS-OXCDATA] 2.2.1.3 Global Identifier (GID) Structure: DatabaseGuid
/// (16 bytes) and GlobalCounter (6 bytes), 22 bytes with no pad. ICS
/// structures carry it (ExtendedErrorInfo's FolderGID and MessageGID,
/// [MS-OXCFXICS] 2.2.2.10); a GID is also an XID whose LocalId has 6
/// bytes ([MS-OXCFXICS] 2.2.2.2).
/// (A [`LongTermId`] is a GID plus a 2-byte pad.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Gid {
    /// DatabaseGuid: the namespace (replica GUID).
    pub database_guid: Guid,
    /// GlobalCounter: the object within the namespace.
    pub global_counter: GlobalCounter,
}

impl Gid {
    /// Whether every byte is zero (ExtendedErrorInfo's "no folder/message
    /// in context").
    pub fn is_zero(&self) -> bool {
        self.database_guid.is_nil() && self.global_counter.0 == [0; 6]
    }
}

impl<'a> Decode<'a> for Gid {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("GID", |r| {
            let database_guid = r.decode()?;
            let global_counter = r.decode()?;
            Ok(Gid {
                database_guid,
                global_counter,
            })
        })
    }
}

impl Encode for Gid {
    fn encoded_len(&self) -> usize {
        22
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.database_guid.encode(buf)?;
        buf.put_slice(&self.global_counter.0);
        Ok(())
    }
}
