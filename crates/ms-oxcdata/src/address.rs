//! [MS-OXCDATA] 2.1 AddressList Structures: the recipients of a message as
//! MAPI/HTTP and RopSubmitMessage-era buffers list them.

use msox_codec::bytes::BufMut;
use msox_codec::{DecodeWith, EncodeWith, Reader, Result, ResultExt};

use crate::property::TaggedValue;
use crate::value::ValueContext;

/// [MS-OXCDATA] 2.1.1 AddressEntry Structure: PropertyCount (4 bytes) and
/// that many TaggedPropertyValues describing one addressee.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressEntry(pub Vec<TaggedValue>);

impl AddressEntry {
    /// Reads an AddressEntry.
    pub fn read(r: &mut Reader<'_>, ctx: &ValueContext) -> Result<Self> {
        r.frame("AddressEntry", |r| {
            let n = r.u32()?;
            let v = r.counted(u64::from(n), 4, "PropertyCount", |r| {
                TaggedValue::read(r, ctx)
            })?;
            Ok(AddressEntry(v))
        })
    }

    /// Bytes [`AddressEntry::write`] writes.
    pub fn wire_len(&self, ctx: &ValueContext) -> usize {
        4 + self.0.iter().map(|t| t.wire_len(ctx)).sum::<usize>()
    }

    /// Writes an AddressEntry.
    pub fn write<B: BufMut>(&self, ctx: &ValueContext, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.0.len(), "PropertyCount")?);
        for t in &self.0 {
            t.write(ctx, buf).context("AddressEntry")?;
        }
        Ok(())
    }
}

impl<'a> DecodeWith<'a, ValueContext> for AddressEntry {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        let v = AddressEntry::read(r, &ctx)?;
        Ok(v)
    }
}

impl EncodeWith<ValueContext> for AddressEntry {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}

/// [MS-OXCDATA] 2.1.2 AddressList Structure: AddressCount (4 bytes) and
/// that many [`AddressEntry`]s.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressList(pub Vec<AddressEntry>);

impl<'a> DecodeWith<'a, ValueContext> for AddressList {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        r.frame("AddressList", |r| {
            let n = r.u32()?;
            let v = r.counted(u64::from(n), 4, "AddressCount", |r| {
                AddressEntry::read(r, &ctx)
            })?;
            Ok(AddressList(v))
        })
    }
}

impl EncodeWith<ValueContext> for AddressList {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        4 + self.0.iter().map(|a| a.wire_len(&ctx)).sum::<usize>()
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.0.len(), "AddressCount")?);
        for a in &self.0 {
            a.write(&ctx, buf).context("AddressList")?;
        }
        Ok(())
    }
}
