//! [MS-DTYP] 2.4.5 ACL.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result, fit_u16};

use crate::ace::{Ace, read_ace};

msox_codec::wire_enum! {
    /// [MS-DTYP] 2.4.5 ACL AclRevision.
    pub enum AclRevision: u8 {
        /// ACL_REVISION: ACE types 0x00-0x03 and 0x11-0x13.
        AclRevision = 0x02 => "ACL_REVISION",
        /// ACL_REVISION_DS: adds the object ACE types (directory objects).
        AclRevisionDs = 0x04 => "ACL_REVISION_DS",
    }
}

/// [MS-DTYP] 2.4.5 ACL: an access control list, the 8-byte ACL header
/// (AclRevision, Sbz1, AclSize, AceCount, Sbz2) followed by the ACEs.
///
/// AclSize and AceCount are computed on encode. Everything else is kept as
/// read: an unknown AclRevision, non-zero Sbz1 / Sbz2, and bytes inside
/// AclSize after the last ACE ([`Acl::padding`]), so an ACL re-encodes byte
/// for byte. The ACE types are not checked against the revision or against
/// DACL / SACL use (real producers mix them; the spec leaves the behaviour
/// unspecified).
///
/// ```
/// use ms_dtyp::{Ace, AceFlags, AccessMask, Acl, well_known};
/// use msox_codec::{Decode, Encode};
/// let acl = Acl::new(vec![
///     Ace::allowed(AceFlags::EMPTY, AccessMask::GENERIC_ALL, well_known::LOCAL_SYSTEM),
///     Ace::denied(AceFlags::EMPTY, AccessMask::WRITE_DACL, well_known::EVERYONE),
/// ]);
/// let bytes = acl.to_vec()?;
/// assert_eq!(&bytes[..8], &[0x02, 0x00, 0x30, 0x00, 0x02, 0x00, 0x00, 0x00]);
/// assert_eq!(Acl::decode_exact(&bytes)?, acl);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Acl {
    /// AclRevision.
    pub acl_revision: AclRevision,
    /// Sbz1 (reserved, MUST be zero; kept as read).
    pub sbz1: u8,
    /// Sbz2 (reserved, MUST be zero; kept as read).
    pub sbz2: u16,
    /// The ACEs, in order.
    pub aces: Vec<Ace>,
    /// Bytes inside AclSize after the last ACE (kept as read).
    pub padding: Vec<u8>,
}

/// The size of the ACL header.
pub const ACL_HEADER_SIZE: usize = 8;

impl Acl {
    /// An ACL_REVISION (2) list of `aces` with zero reserved fields and
    /// no padding. (Use [`AclRevision::AclRevisionDs`] when it holds
    /// object ACEs.)
    pub fn new(aces: Vec<Ace>) -> Acl {
        Acl {
            acl_revision: AclRevision::AclRevision,
            sbz1: 0,
            sbz2: 0,
            aces,
            padding: Vec::new(),
        }
    }
}

pub(crate) fn read_acl(r: &mut Reader<'_>) -> Result<Acl> {
    let start = r.pos();
    let acl_revision = AclRevision::from(r.u8()?);
    let sbz1 = r.u8()?;
    let acl_size = r.u16()?;
    let ace_count = r.u16()?;
    let sbz2 = r.u16()?;
    if usize::from(acl_size) < ACL_HEADER_SIZE {
        return Err(r.invalid_at("AclSize", u64::from(acl_size), start + 2));
    }
    let mut body = r.sub(usize::from(acl_size) - ACL_HEADER_SIZE)?;
    let n = body.check_count(u64::from(ace_count), 4, "AceCount")?;
    let mut aces = Vec::with_capacity(n);
    for i in 0..n {
        aces.push(body.frame_indexed("ACE", i, read_ace)?);
    }
    let padding = body.take_rest().to_vec();
    Ok(Acl {
        acl_revision,
        sbz1,
        sbz2,
        aces,
        padding,
    })
}

impl<'a> Decode<'a> for Acl {
    /// The ACE count is checked against AclSize and charged to the
    /// session's item budget.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ACL", read_acl)
    }
}

impl Encode for Acl {
    fn encoded_len(&self) -> usize {
        ACL_HEADER_SIZE
            + self.aces.iter().map(Encode::encoded_len).sum::<usize>()
            + self.padding.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let size = fit_u16(self.encoded_len(), "AclSize").map_err(|e| e.context("Acl"))?;
        let count = fit_u16(self.aces.len(), "AceCount").map_err(|e| e.context("Acl"))?;
        buf.put_u8(self.acl_revision.value());
        buf.put_u8(self.sbz1);
        buf.put_u16_le(size);
        buf.put_u16_le(count);
        buf.put_u16_le(self.sbz2);
        for (i, ace) in self.aces.iter().enumerate() {
            ace.encode(buf)
                .map_err(|e| e.context(format!("Ace[{i}]")).context("Acl"))?;
        }
        buf.put_slice(&self.padding);
        Ok(())
    }
}
