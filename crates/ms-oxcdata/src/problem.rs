//! [MS-OXCDATA] 2.7 PropertyProblem Structures.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

use crate::error_code::ErrorCode;
use crate::property::PropertyTag;

/// [MS-OXCDATA] 2.7.1 PropertyProblem Structure: which property of a
/// request could not be set or deleted, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyProblem {
    /// Index: the property's position in the request.
    pub index: u16,
    /// PropertyTag: the property.
    pub tag: PropertyTag,
    /// ErrorCode (2.4).
    pub error_code: ErrorCode,
}

impl<'a> Decode<'a> for PropertyProblem {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyProblem", |r| {
            Ok(PropertyProblem {
                index: r.u16()?,
                tag: r.decode()?,
                error_code: ErrorCode::from(r.u32()?),
            })
        })
    }
}

impl Encode for PropertyProblem {
    fn encoded_len(&self) -> usize {
        10
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.index);
        self.tag.encode(buf)?;
        buf.put_u32_le(self.error_code.value());
        Ok(())
    }
}

/// [MS-OXCDATA] 2.7 PropertyProblem Structures, as an array: a 16-bit
/// count and that many [`PropertyProblem`]s (the PropertyProblemCount /
/// PropertyProblems fields of [MS-OXCROPS] RopSetProperties,
/// RopDeleteProperties and their kin).
///
/// ```
/// use ms_oxcdata::{ErrorCode, PropertyProblemArray};
/// use msox_codec::{Decode, Encode};
/// let b = [1, 0, 0, 0, 0x1F, 0, 0x37, 0, 0x0F, 0x01, 0x04, 0x80];
/// let a = PropertyProblemArray::decode_exact(&b).unwrap();
/// assert_eq!(a.0[0].error_code, ErrorCode::NotFound);
/// assert_eq!(a.to_vec().unwrap(), b);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyProblemArray(pub Vec<PropertyProblem>);

impl<'a> Decode<'a> for PropertyProblemArray {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyProblemArray", |r| {
            let n = r.u16()?;
            let v = r.counted(u64::from(n), 10, "Count", |r| r.decode())?;
            Ok(PropertyProblemArray(v))
        })
    }
}

impl Encode for PropertyProblemArray {
    fn encoded_len(&self) -> usize {
        2 + 10 * self.0.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(self.0.len(), "Count")?);
        for p in &self.0 {
            p.encode(buf)?;
        }
        Ok(())
    }
}
