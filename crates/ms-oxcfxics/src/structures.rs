//! [MS-OXCFXICS] 2.2.2.7-2.2.2.10: ProgressInformation, PropertyGroupInfo
//! (with PropertyGroup and GroupPropertyName), FolderReplicaInfo and
//! ExtendedErrorInfo: the binary payloads of FastTransfer stream elements.

use ms_dtyp::Guid;
use ms_oxcdata::{ErrorCode, LongTermId, NameId, PropertyName, PropertyTag};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, Decode, Encode, Error, ErrorKind, Reader, Result, String8, Utf16String, fit_u32,
};

use crate::ids::Gid;

/// [MS-OXCFXICS] 2.2.2.7 ProgressInformation Structure: the approximate
/// size of the message changes that follow in a contentsSync stream (the
/// value of the progressTotal element, 2.2.4.3.19). 32 bytes, version 0.
///
/// ```
/// use ms_oxcfxics::ProgressInformation;
/// use msox_codec::{Decode, Encode};
/// let p = ProgressInformation { fai_message_count: 2, fai_message_total_size: 300,
///     normal_message_count: 5, normal_message_total_size: 9000, ..Default::default() };
/// let b = p.to_vec()?;
/// assert_eq!(b.len(), 32);
/// assert_eq!(ProgressInformation::decode_exact(&b)?, p);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProgressInformation {
    /// Version: 0x0000, the only version defined.
    pub version: u16,
    /// padding (2 bytes): 0 per the spec, kept as read.
    pub padding1: u16,
    /// FAIMessageCount: FAI message changes scheduled for download.
    pub fai_message_count: u32,
    /// FAIMessageTotalSize: their size in bytes.
    pub fai_message_total_size: u64,
    /// NormalMessageCount: normal message changes scheduled for download.
    pub normal_message_count: u32,
    /// padding (4 bytes): 0 per the spec, kept as read.
    pub padding2: u32,
    /// NormalMessageTotalSize: their size in bytes.
    pub normal_message_total_size: u64,
}

impl<'a> Decode<'a> for ProgressInformation {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ProgressInformation", |r| {
            let at = r.pos();
            let version = r.u16()?;
            if version != 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Version",
                        value: u64::from(version),
                    },
                    at,
                    "read with the version 0 layout",
                )?;
            }
            Ok(ProgressInformation {
                version,
                padding1: r.u16()?,
                fai_message_count: r.u32()?,
                fai_message_total_size: r.u64()?,
                normal_message_count: r.u32()?,
                padding2: r.u32()?,
                normal_message_total_size: r.u64()?,
            })
        })
    }
}

impl Encode for ProgressInformation {
    fn encoded_len(&self) -> usize {
        32
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.version);
        buf.put_u16_le(self.padding1);
        buf.put_u32_le(self.fai_message_count);
        buf.put_u64_le(self.fai_message_total_size);
        buf.put_u32_le(self.normal_message_count);
        buf.put_u32_le(self.padding2);
        buf.put_u64_le(self.normal_message_total_size);
        Ok(())
    }
}

/// How a [`GroupPropertyName`] identifies its property (the Kind field).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GroupNameKind {
    /// Kind 0x00000000: the LID field.
    Lid(u32),
    /// Kind 0x00000001: NameSize and the Name (UTF-16LE, the NameSize bytes
    /// exactly as sent, a terminating null included if there was one).
    Name(Utf16String),
}

/// [MS-OXCFXICS] 2.2.2.8.1.1 GroupPropertyName Structure: the named
/// property behind a PropertyTag of 0x8000 or above in a PropertyGroup:
/// GUID (16 bytes), Kind (4 bytes), then LID (4 bytes) or NameSize (4
/// bytes) and Name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupPropertyName {
    /// GUID: the property set.
    pub guid: Guid,
    /// Kind and LID or Name.
    pub kind: GroupNameKind,
}

impl GroupPropertyName {
    /// The name as [MS-OXCDATA] models it (a terminating null dropped).
    pub fn to_property_name(&self) -> PropertyName {
        match &self.kind {
            GroupNameKind::Lid(l) => PropertyName::lid(self.guid, *l),
            GroupNameKind::Name(n) => {
                let s = n.as_str();
                PropertyName::name(self.guid, s.strip_suffix('\0').unwrap_or(s))
            }
        }
    }

    /// The GroupPropertyName of a named property (a string name is sent
    /// with its terminating null).
    pub fn from_property_name(name: &PropertyName) -> Self {
        GroupPropertyName {
            guid: name.guid,
            kind: match &name.id {
                NameId::Lid(l) => GroupNameKind::Lid(*l),
                NameId::Name(n) => {
                    GroupNameKind::Name(Utf16String::new(format!("{}\0", n.as_str())))
                }
            },
        }
    }
}

impl<'a> Decode<'a> for GroupPropertyName {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("GroupPropertyName", |r| {
            let guid: Guid = r.decode()?;
            let at = r.pos();
            let kind = match r.u32()? {
                0 => GroupNameKind::Lid(r.u32()?),
                1 => {
                    let n = r.u32_usize()?;
                    r.reserve_backed(n, "NameSize")?;
                    GroupNameKind::Name(Utf16String::from_le_bytes(r.bytes(n)?))
                }
                k => return Err(r.invalid_at("Kind", u64::from(k), at)),
            };
            Ok(GroupPropertyName { guid, kind })
        })
    }
}

impl Encode for GroupPropertyName {
    fn encoded_len(&self) -> usize {
        16 + 4
            + match &self.kind {
                GroupNameKind::Lid(_) => 4,
                GroupNameKind::Name(n) => 4 + n.byte_len(),
            }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.guid.encode(buf)?;
        match &self.kind {
            GroupNameKind::Lid(l) => {
                buf.put_u32_le(0);
                buf.put_u32_le(*l);
            }
            GroupNameKind::Name(n) => {
                buf.put_u32_le(1);
                buf.put_u32_le(fit_u32(n.byte_len(), "NameSize")?);
                n.write_le(buf);
            }
        }
        Ok(())
    }
}

/// One property of a [`PropertyGroup`]: its tag and, for a named property
/// (ID 0x8000 or above), its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupProperty {
    /// The PropertyTag.
    pub tag: PropertyTag,
    /// The GroupPropertyName that follows a named property's tag.
    pub name: Option<GroupPropertyName>,
}

/// [MS-OXCFXICS] 2.2.2.8.1 PropertyGroup Structure: PropertyTagCount (4
/// bytes, not 0) and the PropertyTags, each named one followed by its
/// GroupPropertyName.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyGroup {
    /// The properties of the group.
    pub properties: Vec<GroupProperty>,
}

impl<'a> Decode<'a> for PropertyGroup {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyGroup", |r| {
            let at = r.pos();
            let n = r.u32()?;
            if n == 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "PropertyTagCount",
                        value: 0,
                    },
                    at,
                    "empty group kept",
                )?;
            }
            let properties = r.counted(u64::from(n), 4, "PropertyTagCount", |r| {
                let tag: PropertyTag = r.decode()?;
                let name = if tag.is_named() {
                    Some(r.decode()?)
                } else {
                    None
                };
                Ok(GroupProperty { tag, name })
            })?;
            Ok(PropertyGroup { properties })
        })
    }
}

impl Encode for PropertyGroup {
    fn encoded_len(&self) -> usize {
        4 + self
            .properties
            .iter()
            .map(|p| 4 + p.name.as_ref().map_or(0, Encode::encoded_len))
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(fit_u32(self.properties.len(), "PropertyTagCount")?);
        for p in &self.properties {
            if p.tag.is_named() != p.name.is_some() {
                return Err(Error::malformed(
                    "a PropertyGroup tag has a GroupPropertyName if and only if its ID is 0x8000 or above",
                ));
            }
            p.tag.encode(buf)?;
            if let Some(n) = &p.name {
                n.encode(buf)?;
            }
        }
        Ok(())
    }
}

/// [MS-OXCFXICS] 2.2.2.8 PropertyGroupInfo Structure: the property group
/// mapping a groupInfo element defines (3.2.5.7): GroupId, Reserved,
/// GroupCount (not 0) and the PropertyGroups.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyGroupInfo {
    /// GroupId: identifies the mapping within the download.
    pub group_id: u32,
    /// Reserved: 0 per the spec, kept as read.
    pub reserved: u32,
    /// The groups; a property's group index is its position here.
    pub groups: Vec<PropertyGroup>,
}

impl PropertyGroupInfo {
    /// The index of the group that holds `tag` (by ID and type), if any.
    pub fn group_of(&self, tag: PropertyTag) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.properties.iter().any(|p| p.tag == tag))
    }
}

impl<'a> Decode<'a> for PropertyGroupInfo {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PropertyGroupInfo", |r| {
            let group_id = r.u32()?;
            let at = r.pos();
            let reserved = r.u32()?;
            if reserved != 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Reserved",
                        value: u64::from(reserved),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let at = r.pos();
            let n = r.u32()?;
            if n == 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "GroupCount",
                        value: 0,
                    },
                    at,
                    "empty mapping kept",
                )?;
            }
            let mut i = 0usize;
            let groups = r.counted(u64::from(n), 4, "GroupCount", |r| {
                let g = r.frame_indexed("Groups", i, PropertyGroup::decode);
                i += 1;
                g
            })?;
            Ok(PropertyGroupInfo {
                group_id,
                reserved,
                groups,
            })
        })
    }
}

impl Encode for PropertyGroupInfo {
    fn encoded_len(&self) -> usize {
        12 + self.groups.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.group_id);
        buf.put_u32_le(self.reserved);
        buf.put_u32_le(fit_u32(self.groups.len(), "GroupCount")?);
        for g in &self.groups {
            g.encode(buf)?;
        }
        Ok(())
    }
}

/// [MS-OXCFXICS] 2.2.2.9 FolderReplicaInfo Structure: the servers that
/// hold replicas of a public folder (the value of MetaTagNewFXFolder,
/// 2.2.4.1.5.3): Flags, Depth, FolderLongTermId, ServerDNCount,
/// CheapServerDNCount and the null-terminated ASCII server DNs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FolderReplicaInfo {
    /// Flags: 0 per the spec, kept as read.
    pub flags: u32,
    /// Depth: 0 per the spec, kept as read.
    pub depth: u32,
    /// FolderLongTermId: the folder.
    pub folder_long_term_id: LongTermId,
    /// CheapServerDNCount: how many leading DNs have the lowest access cost.
    pub cheap_server_dn_count: u32,
    /// ServerDNArray: enterprise/site/server DNs (ESSDN), as ASCII bytes.
    pub server_dns: Vec<String8>,
}

impl<'a> Decode<'a> for FolderReplicaInfo {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("FolderReplicaInfo", |r| {
            let flags = r.u32()?;
            let depth = r.u32()?;
            let folder_long_term_id = r.decode()?;
            let at = r.pos();
            let count = r.u32()?;
            if count == 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "ServerDNCount",
                        value: 0,
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let at = r.pos();
            let cheap_server_dn_count = r.u32()?;
            if cheap_server_dn_count > count {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "CheapServerDNCount",
                        value: u64::from(cheap_server_dn_count),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let mut i = 0usize;
            let server_dns = r.counted(u64::from(count), 1, "ServerDNCount", |r| {
                let s = r.frame_indexed("ServerDNArray", i, |r| {
                    String8::read_nul_terminated(r, CodePage::US_ASCII)
                });
                i += 1;
                s
            })?;
            Ok(FolderReplicaInfo {
                flags,
                depth,
                folder_long_term_id,
                cheap_server_dn_count,
                server_dns,
            })
        })
    }
}

impl Encode for FolderReplicaInfo {
    fn encoded_len(&self) -> usize {
        40 + self
            .server_dns
            .iter()
            .map(|s| s.bytes().len() + 1)
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.flags);
        buf.put_u32_le(self.depth);
        self.folder_long_term_id.encode(buf)?;
        buf.put_u32_le(fit_u32(self.server_dns.len(), "ServerDNCount")?);
        buf.put_u32_le(self.cheap_server_dn_count);
        for s in &self.server_dns {
            if s.bytes().contains(&0) {
                return Err(Error::new(ErrorKind::InvalidValue {
                    field: "ServerDNArray",
                    value: 0,
                }));
            }
            buf.put_slice(s.bytes());
            buf.put_u8(0);
        }
        Ok(())
    }
}

/// [MS-OXCFXICS] 2.2.2.10 ExtendedErrorInfo Structure: what went wrong
/// while a server produced a FastTransfer stream (the value of the
/// errorInfo element, 2.2.4.3.4). 88 fixed bytes, then bytes up to the
/// end of the value (reserved, and the AuxBytes at AuxBytesOffset from the
/// start of the structure). The structure uses all of its input (the
/// property value delimits it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtendedErrorInfo {
    /// Version: 0, the only version defined.
    pub version: u16,
    /// padding: 0 per the spec, kept as read.
    pub padding1: u16,
    /// ErrorCode ([MS-OXCDATA] 2.4): why it failed.
    pub error_code: ErrorCode,
    /// FolderGID: the folder in context (zero if none).
    pub folder_gid: Gid,
    /// padding: kept as read.
    pub padding2: u16,
    /// MessageGID: the message in context (zero if none).
    pub message_gid: Gid,
    /// padding: kept as read.
    pub padding3: u16,
    /// Reserved (24 bytes): kept as read.
    pub reserved: [u8; 24],
    /// AuxBytesCount: size of the AuxBytes (0: none).
    pub aux_bytes_count: u32,
    /// AuxBytesOffset: where the AuxBytes start, from the structure's start.
    pub aux_bytes_offset: u32,
    /// Every byte after the 88 fixed ones (the optional Reserved field and
    /// the AuxBytes), as read.
    pub tail: Vec<u8>,
}

impl ExtendedErrorInfo {
    /// Size of the fixed part.
    pub const FIXED_SIZE: usize = 88;

    /// The AuxBytes (opaque diagnostics), when AuxBytesCount is not 0 and
    /// they lie within the structure.
    pub fn aux_bytes(&self) -> Option<&[u8]> {
        if self.aux_bytes_count == 0 {
            return None;
        }
        let start = usize::try_from(self.aux_bytes_offset)
            .ok()?
            .checked_sub(Self::FIXED_SIZE)?;
        let end = start.checked_add(usize::try_from(self.aux_bytes_count).ok()?)?;
        self.tail.get(start..end)
    }
}

impl<'a> Decode<'a> for ExtendedErrorInfo {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ExtendedErrorInfo", |r| {
            let at = r.pos();
            let version = r.u16()?;
            if version != 0 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Version",
                        value: u64::from(version),
                    },
                    at,
                    "read with the version 0 layout",
                )?;
            }
            let padding1 = r.u16()?;
            let error_code = ErrorCode::from(r.u32()?);
            let folder_gid = r.decode()?;
            let padding2 = r.u16()?;
            let message_gid = r.decode()?;
            let padding3 = r.u16()?;
            let reserved = r.array::<24>()?;
            let aux_bytes_count = r.u32()?;
            let at_offset = r.pos();
            let aux_bytes_offset = r.u32()?;
            let n = r.remaining();
            r.reserve_backed(n, "ExtendedErrorInfo bytes")?;
            let tail = r.take_rest().to_vec();
            let v = ExtendedErrorInfo {
                version,
                padding1,
                error_code,
                folder_gid,
                padding2,
                message_gid,
                padding3,
                reserved,
                aux_bytes_count,
                aux_bytes_offset,
                tail,
            };
            if aux_bytes_count != 0 && v.aux_bytes().is_none() {
                r.defect_at(
                    ErrorKind::Malformed(
                        "AuxBytesOffset and AuxBytesCount point outside the structure".into(),
                    ),
                    at_offset,
                    "bytes kept as read",
                )?;
            }
            Ok(v)
        })
    }
}

impl Encode for ExtendedErrorInfo {
    fn encoded_len(&self) -> usize {
        Self::FIXED_SIZE + self.tail.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.version);
        buf.put_u16_le(self.padding1);
        buf.put_u32_le(self.error_code.value());
        self.folder_gid.encode(buf)?;
        buf.put_u16_le(self.padding2);
        self.message_gid.encode(buf)?;
        buf.put_u16_le(self.padding3);
        buf.put_slice(&self.reserved);
        buf.put_u32_le(self.aux_bytes_count);
        buf.put_u32_le(self.aux_bytes_offset);
        buf.put_slice(&self.tail);
        Ok(())
    }
}
