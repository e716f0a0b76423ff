//! [MS-OXCDATA] 2.8.3 RecipientRow Structures: one recipient of a
//! message as RopReadRecipients, RopOpenMessage and RopModifyRecipients
//! carry it.

use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, DecodeWith, EncodeWith, Error, ErrorKind, Reader, Result, ResultExt, String8,
};

use crate::row::{PropertyRow, RowContext};
use crate::value::{MapiString, write_string8};

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.8.3.1 RecipientFlags: the Type field (mask 0x0007).
    pub enum RecipientAddressType: u8 {
        /// No type (AddressType present when the O flag is set).
        NoType = 0x0 => "NoType",
        /// X500 DN (AddressPrefixUsed, DisplayType and X500DN present).
        X500Dn = 0x1 => "X500DN",
        /// MS Mail.
        MsMail = 0x2 => "MsMail",
        /// SMTP.
        Smtp = 0x3 => "SMTP",
        /// Fax.
        Fax = 0x4 => "Fax",
        /// Professional Office System.
        ProfessionalOfficeSystem = 0x5 => "ProfessionalOfficeSystem",
        /// Personal distribution list (EntryID and SearchKey present).
        PersonalDistributionList1 = 0x6 => "PersonalDistributionList1",
        /// Personal distribution list (EntryID and SearchKey present).
        PersonalDistributionList2 = 0x7 => "PersonalDistributionList2",
    }
}

/// [MS-OXCDATA] 2.8.3.1 RecipientFlags field bits (masks of the 16-bit value).
pub mod recipient_flags {
    /// R: a different transport delivers to this recipient.
    pub const R: u16 = 0x0080;
    /// S: TransmittableDisplayName is the same as DisplayName.
    pub const S: u16 = 0x0040;
    /// T: TransmittableDisplayName is included.
    pub const T: u16 = 0x0020;
    /// D: DisplayName is included.
    pub const D: u16 = 0x0010;
    /// E: EmailAddress is included.
    pub const E: u16 = 0x0008;
    /// Type (3 bits).
    pub const TYPE_MASK: u16 = 0x0007;
    /// O: a non-standard address type; AddressType is included (with NoType).
    pub const O: u16 = 0x8000;
    /// Reserved (4 bits, zero).
    pub const RESERVED: u16 = 0x7800;
    /// I: SimpleDisplayName is included.
    pub const I: u16 = 0x0400;
    /// U: the strings are UTF-16LE (else 8-bit in the logon's code page).
    pub const U: u16 = 0x0200;
    /// N: the recipient does not support rich text.
    pub const N: u16 = 0x0100;
}

/// The fields a RecipientRow carries for an X500 DN recipient.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct X500Address {
    /// AddressPrefixUsed: how much of the MetaTagDnPrefix
    /// ([MS-OXCFXICS] 2.2.4.1.5.6) the DN omits.
    pub address_prefix_used: u8,
    /// DisplayType (0x00 mail user, 0x01 distribution list, 0x02 forum,
    /// 0x03 agent, 0x04 organization, 0x05 private distribution list, 0x06
    /// remote mail user).
    pub display_type: u8,
    /// X500DN (8-bit, null-terminated).
    pub x500_dn: String8,
}

/// The fields a RecipientRow carries for a personal distribution list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DistributionListIds {
    /// EntryID (after its 16-bit EntryIdSize).
    pub entry_id: Vec<u8>,
    /// SearchKey (after its 16-bit SearchKeySize).
    pub search_key: Vec<u8>,
}

/// [MS-OXCDATA] 2.8.3.2 RecipientRow Structure: RecipientFlags, the
/// standard fields the flags select, RecipientColumnCount and a
/// [`PropertyRow`] over the first RecipientColumnCount columns of the
/// recipient column set (the [`RowContext`]).
///
/// Each optional field is present exactly when the flags say so; encoding
/// checks that they agree.
///
/// ```
/// use ms_oxcdata::{PropertyTag, PropertyType, RecipientRow, RowContext};
/// use msox_codec::{DecodeWith, EncodeWith};
/// let columns = [PropertyTag::new(0x0C15, PropertyType::Integer32)];
/// // SMTP, D and E flags, Unicode: email "a@b", name "A", one column (MAPI_TO).
/// let mut b = vec![0x1B, 0x02];
/// b.extend_from_slice(&[b'a', 0, b'@', 0, b'b', 0, 0, 0, b'A', 0, 0, 0]);
/// b.extend_from_slice(&[1, 0, 0x00, 1, 0, 0, 0]);
/// let row = RecipientRow::decode_exact_with(&b, RowContext::rop(&columns)).unwrap();
/// assert_eq!(row.display_name.as_ref().unwrap().to_string(), "A");
/// assert_eq!(row.to_vec_with(RowContext::rop(&columns)).unwrap(), b);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecipientRow {
    /// RecipientFlags (2.8.3.1), kept whole (see [`recipient_flags`]).
    pub flags: u16,
    /// AddressPrefixUsed, DisplayType, X500DN (Type X500DN).
    pub x500: Option<X500Address>,
    /// EntryIdSize/EntryID, SearchKeySize/SearchKey (Type
    /// PersonalDistributionList1/2).
    pub distribution_list: Option<DistributionListIds>,
    /// AddressType (Type NoType with the O flag), 8-bit.
    pub address_type: Option<String8>,
    /// EmailAddress (E flag).
    pub email_address: Option<MapiString>,
    /// DisplayName (D flag).
    pub display_name: Option<MapiString>,
    /// SimpleDisplayName (I flag).
    pub simple_display_name: Option<MapiString>,
    /// TransmittableDisplayName (T flag).
    pub transmittable_display_name: Option<MapiString>,
    /// RecipientProperties: values of the first RecipientColumnCount
    /// columns (RecipientColumnCount is its length).
    pub properties: PropertyRow,
}

impl RecipientRow {
    /// The Type field of the flags.
    pub const fn address_kind(&self) -> RecipientAddressType {
        RecipientAddressType::from_value((self.flags & recipient_flags::TYPE_MASK) as u8)
    }

    /// Whether the strings are UTF-16 (the U flag).
    pub const fn is_unicode(&self) -> bool {
        self.flags & recipient_flags::U != 0
    }

    fn has(flags: u16, f: u16) -> bool {
        flags & f != 0
    }

    /// Reads a recipient row; `ctx.columns` is the whole recipient column set.
    pub fn read(r: &mut Reader<'_>, ctx: &RowContext<'_>) -> Result<Self> {
        r.frame("RecipientRow", |r| Self::read_inner(r, ctx))
    }

    fn read_inner(r: &mut Reader<'_>, ctx: &RowContext<'_>) -> Result<Self> {
        use recipient_flags as F;
        let cp: CodePage = ctx.values.code_page;
        let flags = r.u16()?;
        let kind = RecipientAddressType::from_value((flags & F::TYPE_MASK) as u8);
        let u = Self::has(flags, F::U);
        let x500 = if kind == RecipientAddressType::X500Dn {
            Some(X500Address {
                address_prefix_used: r.u8()?,
                display_type: r.u8()?,
                x500_dn: String8::read_nul_terminated(r, cp)?,
            })
        } else {
            None
        };
        let distribution_list = if matches!(
            kind,
            RecipientAddressType::PersonalDistributionList1
                | RecipientAddressType::PersonalDistributionList2
        ) {
            let n = usize::from(r.u16()?);
            let entry_id = r.bytes(n)?.to_vec();
            let n = usize::from(r.u16()?);
            let search_key = r.bytes(n)?.to_vec();
            Some(DistributionListIds {
                entry_id,
                search_key,
            })
        } else {
            None
        };
        let address_type = if kind == RecipientAddressType::NoType && Self::has(flags, F::O) {
            Some(String8::read_nul_terminated(r, cp)?)
        } else {
            None
        };
        let mut opt = |f: u16| -> Result<Option<MapiString>> {
            if Self::has(flags, f) {
                Ok(Some(MapiString::read(r, u, cp)?))
            } else {
                Ok(None)
            }
        };
        let email_address = opt(F::E)?;
        let display_name = opt(F::D)?;
        let simple_display_name = opt(F::I)?;
        let transmittable_display_name = opt(F::T)?;
        let at = r.pos();
        let count = usize::from(r.u16()?);
        let columns = ctx.columns.get(..count).ok_or_else(|| {
            r.error_at(
                ErrorKind::LimitExceeded {
                    what: "RecipientColumnCount",
                    value: count as u64,
                    max: ctx.columns.len() as u64,
                },
                at,
            )
        })?;
        let properties = PropertyRow::read(r, &RowContext::new(columns, ctx.values))?;
        Ok(RecipientRow {
            flags,
            x500,
            distribution_list,
            address_type,
            email_address,
            display_name,
            simple_display_name,
            transmittable_display_name,
            properties,
        })
    }

    fn check(&self, ctx: &RowContext<'_>) -> Result<()> {
        use recipient_flags as F;
        let kind = self.address_kind();
        let f = self.flags;
        let checks: [(&str, bool, bool); 7] = [
            (
                "X500 fields",
                self.x500.is_some(),
                kind == RecipientAddressType::X500Dn,
            ),
            (
                "EntryID/SearchKey",
                self.distribution_list.is_some(),
                matches!(
                    kind,
                    RecipientAddressType::PersonalDistributionList1
                        | RecipientAddressType::PersonalDistributionList2
                ),
            ),
            (
                "AddressType",
                self.address_type.is_some(),
                kind == RecipientAddressType::NoType && Self::has(f, F::O),
            ),
            (
                "EmailAddress",
                self.email_address.is_some(),
                Self::has(f, F::E),
            ),
            (
                "DisplayName",
                self.display_name.is_some(),
                Self::has(f, F::D),
            ),
            (
                "SimpleDisplayName",
                self.simple_display_name.is_some(),
                Self::has(f, F::I),
            ),
            (
                "TransmittableDisplayName",
                self.transmittable_display_name.is_some(),
                Self::has(f, F::T),
            ),
        ];
        for (what, present, flagged) in checks {
            if present != flagged {
                return Err(Error::new(ErrorKind::Malformed(
                    format!(
                        "{what} is {} but RecipientFlags 0x{f:04X} say {}",
                        if present { "present" } else { "absent" },
                        if flagged { "present" } else { "absent" }
                    )
                    .into(),
                ))
                .context("RecipientRow"));
            }
        }
        if self.properties.len() > ctx.columns.len() {
            return Err(Error::new(ErrorKind::Malformed(
                "more recipient properties than recipient columns".into(),
            ))
            .context("RecipientRow"));
        }
        Ok(())
    }

    fn columns<'c>(&self, ctx: &RowContext<'c>) -> RowContext<'c> {
        let n = self.properties.len().min(ctx.columns.len());
        RowContext::new(ctx.columns.get(..n).unwrap_or_default(), ctx.values)
    }

    /// Bytes [`RecipientRow::write`] writes.
    pub fn wire_len(&self, ctx: &RowContext<'_>) -> usize {
        let s = |x: &Option<MapiString>| x.as_ref().map_or(0, MapiString::wire_len);
        2 + self
            .x500
            .as_ref()
            .map_or(0, |x| 2 + x.x500_dn.bytes().len() + 1)
            + self
                .distribution_list
                .as_ref()
                .map_or(0, |d| 4 + d.entry_id.len() + d.search_key.len())
            + self
                .address_type
                .as_ref()
                .map_or(0, |a| a.bytes().len() + 1)
            + s(&self.email_address)
            + s(&self.display_name)
            + s(&self.simple_display_name)
            + s(&self.transmittable_display_name)
            + 2
            + self.properties.wire_len(&self.columns(ctx))
    }

    /// Writes the recipient row; fails when the fields disagree with the flags.
    pub fn write<B: BufMut>(&self, ctx: &RowContext<'_>, buf: &mut B) -> Result<()> {
        self.check(ctx)?;
        let u = self.is_unicode();
        buf.put_u16_le(self.flags);
        if let Some(x) = &self.x500 {
            buf.put_u8(x.address_prefix_used);
            buf.put_u8(x.display_type);
            write_string8(&x.x500_dn, "X500DN", buf)?;
        }
        if let Some(d) = &self.distribution_list {
            buf.put_u16_le(msox_codec::fit_u16(d.entry_id.len(), "EntryIdSize")?);
            buf.put_slice(&d.entry_id);
            buf.put_u16_le(msox_codec::fit_u16(d.search_key.len(), "SearchKeySize")?);
            buf.put_slice(&d.search_key);
        }
        if let Some(a) = &self.address_type {
            write_string8(a, "AddressType", buf)?;
        }
        for (v, name) in [
            (&self.email_address, "EmailAddress"),
            (&self.display_name, "DisplayName"),
            (&self.simple_display_name, "SimpleDisplayName"),
            (&self.transmittable_display_name, "TransmittableDisplayName"),
        ] {
            if let Some(s) = v {
                s.write(u, name, buf).context("RecipientRow")?;
            }
        }
        buf.put_u16_le(msox_codec::fit_u16(
            self.properties.len(),
            "RecipientColumnCount",
        )?);
        self.properties
            .write(&self.columns(ctx), buf)
            .context("RecipientRow")
    }
}

impl<'a, 'c> DecodeWith<'a, RowContext<'c>> for RecipientRow {
    fn decode_with(r: &mut Reader<'a>, ctx: RowContext<'c>) -> Result<Self> {
        let v = RecipientRow::read(r, &ctx)?;
        Ok(v)
    }
}

impl<'c> EncodeWith<RowContext<'c>> for RecipientRow {
    fn encoded_len_with(&self, ctx: RowContext<'c>) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: RowContext<'c>, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}
