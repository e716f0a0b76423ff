//! [MS-OXCFXICS] 2.2.2.1 CN and 2.2.2.5 GLOBCNT, and the 22-byte GID of
//! [MS-OXCDATA] 2.2.1.3 that ICS structures carry.

use std::fmt;

use ms_oxcdata::GlobalCounter;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

/// [MS-OXCFXICS] 2.2.2.5 GLOBCNT Structure: the 6-byte global namespace
/// counter, most significant byte first. It is [MS-OXCDATA]'s
/// `GlobalCounter` (one type for one structure); ICS code mostly handles
/// it as a 48-bit number ([`GlobalCounter::to_u64`]).
pub type Globcnt = GlobalCounter;

/// The largest GLOBCNT value (48 bits).
pub const GLOBCNT_MAX: u64 = (1 << 48) - 1;

/// [MS-OXCFXICS] 2.2.2.1 CN Structure: a change number, laid out like a
/// Folder ID or Message ID ([MS-OXCDATA] 2.2.1.1): ReplicaId (2 bytes)
/// and GlobalCounter (6 bytes), where the counter identifies a change to a
/// messaging object rather than the object itself.
///
/// ```
/// use ms_oxcfxics::Cn;
/// use msox_codec::{Decode, Encode};
/// let cn = Cn::decode_exact(&[0x01, 0x00, 0, 0, 0, 0, 0x12, 0x34])?;
/// assert_eq!(cn.replica_id, 1);
/// assert_eq!(cn.global_counter.to_u64(), 0x1234);
/// assert_eq!(Cn::from_u64(cn.to_u64()), cn);
/// assert_eq!(cn.to_vec()?, [0x01, 0x00, 0, 0, 0, 0, 0x12, 0x34]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cn {
    /// ReplicaId: the server replica in which the object was last changed.
    pub replica_id: u16,
    /// GlobalCounter: the change.
    pub global_counter: GlobalCounter,
}

impl Cn {
    /// A CN from its parts.
    pub const fn new(replica_id: u16, global_counter: GlobalCounter) -> Self {
        Cn {
            replica_id,
            global_counter,
        }
    }

    /// From the 8 wire bytes read as a little-endian `u64` (the way
    /// PidTagChangeNumber carries it).
    pub const fn from_u64(v: u64) -> Self {
        let b = v.to_le_bytes();
        Cn {
            replica_id: u16::from_le_bytes([b[0], b[1]]),
            global_counter: GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]]),
        }
    }

    /// The 8 wire bytes as a little-endian `u64` (inverse of [`Cn::from_u64`]).
    pub const fn to_u64(self) -> u64 {
        let r = self.replica_id.to_le_bytes();
        let g = self.global_counter.0;
        u64::from_le_bytes([r[0], r[1], g[0], g[1], g[2], g[3], g[4], g[5]])
    }
}

impl fmt::Debug for Cn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cn(0x{:04X}-{})", self.replica_id, self.global_counter)
    }
}

impl<'a> Decode<'a> for Cn {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("CN", |r| {
            let replica_id = r.u16()?;
            let global_counter = r.decode()?;
            Ok(Cn {
                replica_id,
                global_counter,
            })
        })
    }
}

impl Encode for Cn {
    fn encoded_len(&self) -> usize {
        8
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.replica_id);
        buf.put_slice(&self.global_counter.0);
        Ok(())
    }
}

/// [MS-OXCDATA] 2.2.1.3 Global Identifier (GID): defined in ms-oxcdata.
pub use ms_oxcdata::Gid;
