//! [MS-DTYP] 2.4.4 ACE: the ACE header and every ACE type.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result, fit_u16};

use crate::{AccessMask, Guid, Sid};

msox_codec::wire_enum! {
    /// [MS-DTYP] 2.4.4.1 ACE_HEADER AceType.
    pub enum AceType: u8 {
        /// ACCESS_ALLOWED_ACE_TYPE: [MS-DTYP] 2.4.4.2 ACCESS_ALLOWED_ACE.
        AccessAllowed = 0x00 => "ACCESS_ALLOWED_ACE_TYPE",
        /// ACCESS_DENIED_ACE_TYPE: [MS-DTYP] 2.4.4.4 ACCESS_DENIED_ACE.
        AccessDenied = 0x01 => "ACCESS_DENIED_ACE_TYPE",
        /// SYSTEM_AUDIT_ACE_TYPE: [MS-DTYP] 2.4.4.10 SYSTEM_AUDIT_ACE.
        SystemAudit = 0x02 => "SYSTEM_AUDIT_ACE_TYPE",
        /// SYSTEM_ALARM_ACE_TYPE (reserved; laid out as SYSTEM_AUDIT_ACE).
        SystemAlarm = 0x03 => "SYSTEM_ALARM_ACE_TYPE",
        /// ACCESS_ALLOWED_COMPOUND_ACE_TYPE (reserved; kept as raw bytes).
        AccessAllowedCompound = 0x04 => "ACCESS_ALLOWED_COMPOUND_ACE_TYPE",
        /// ACCESS_ALLOWED_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.3.
        AccessAllowedObject = 0x05 => "ACCESS_ALLOWED_OBJECT_ACE_TYPE",
        /// ACCESS_DENIED_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.5.
        AccessDeniedObject = 0x06 => "ACCESS_DENIED_OBJECT_ACE_TYPE",
        /// SYSTEM_AUDIT_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.11.
        SystemAuditObject = 0x07 => "SYSTEM_AUDIT_OBJECT_ACE_TYPE",
        /// SYSTEM_ALARM_OBJECT_ACE_TYPE (reserved; laid out as SYSTEM_AUDIT_OBJECT_ACE).
        SystemAlarmObject = 0x08 => "SYSTEM_ALARM_OBJECT_ACE_TYPE",
        /// ACCESS_ALLOWED_CALLBACK_ACE_TYPE: [MS-DTYP] 2.4.4.6.
        AccessAllowedCallback = 0x09 => "ACCESS_ALLOWED_CALLBACK_ACE_TYPE",
        /// ACCESS_DENIED_CALLBACK_ACE_TYPE: [MS-DTYP] 2.4.4.7.
        AccessDeniedCallback = 0x0A => "ACCESS_DENIED_CALLBACK_ACE_TYPE",
        /// ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.8.
        AccessAllowedCallbackObject = 0x0B => "ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE",
        /// ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.9.
        AccessDeniedCallbackObject = 0x0C => "ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE",
        /// SYSTEM_AUDIT_CALLBACK_ACE_TYPE: [MS-DTYP] 2.4.4.12.
        SystemAuditCallback = 0x0D => "SYSTEM_AUDIT_CALLBACK_ACE_TYPE",
        /// SYSTEM_ALARM_CALLBACK_ACE_TYPE (reserved; laid out as SYSTEM_AUDIT_CALLBACK_ACE).
        SystemAlarmCallback = 0x0E => "SYSTEM_ALARM_CALLBACK_ACE_TYPE",
        /// SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE: [MS-DTYP] 2.4.4.14.
        SystemAuditCallbackObject = 0x0F => "SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE",
        /// SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE (reserved; laid out as SYSTEM_AUDIT_CALLBACK_OBJECT_ACE).
        SystemAlarmCallbackObject = 0x10 => "SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE",
        /// SYSTEM_MANDATORY_LABEL_ACE_TYPE: [MS-DTYP] 2.4.4.13.
        SystemMandatoryLabel = 0x11 => "SYSTEM_MANDATORY_LABEL_ACE_TYPE",
        /// SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE: [MS-DTYP] 2.4.4.15.
        SystemResourceAttribute = 0x12 => "SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE",
        /// SYSTEM_SCOPED_POLICY_ID_ACE_TYPE: [MS-DTYP] 2.4.4.16.
        SystemScopedPolicyId = 0x13 => "SYSTEM_SCOPED_POLICY_ID_ACE_TYPE",
    }
}

/// Which body layout an ACE type has (what follows the ACE_HEADER).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AceLayout {
    /// Mask, Sid ([MS-DTYP] 2.4.4.2): allowed, denied, audit, alarm,
    /// mandatory label, scoped policy ID.
    Basic,
    /// Mask, Flags, optional ObjectType and InheritedObjectType, Sid
    /// ([MS-DTYP] 2.4.4.3).
    Object,
    /// Mask, Sid, ApplicationData ([MS-DTYP] 2.4.4.6).
    Callback,
    /// Mask, Flags, optional GUIDs, Sid, ApplicationData ([MS-DTYP] 2.4.4.8).
    CallbackObject,
    /// Mask, Sid, Attribute Data ([MS-DTYP] 2.4.4.15).
    ResourceAttribute,
    /// Not interpreted: unknown types and ACCESS_ALLOWED_COMPOUND_ACE_TYPE.
    Raw,
}

impl AceType {
    /// The body layout of this ACE type.
    pub const fn layout(self) -> AceLayout {
        match self {
            AceType::AccessAllowed
            | AceType::AccessDenied
            | AceType::SystemAudit
            | AceType::SystemAlarm
            | AceType::SystemMandatoryLabel
            | AceType::SystemScopedPolicyId => AceLayout::Basic,
            AceType::AccessAllowedObject
            | AceType::AccessDeniedObject
            | AceType::SystemAuditObject
            | AceType::SystemAlarmObject => AceLayout::Object,
            AceType::AccessAllowedCallback
            | AceType::AccessDeniedCallback
            | AceType::SystemAuditCallback
            | AceType::SystemAlarmCallback => AceLayout::Callback,
            AceType::AccessAllowedCallbackObject
            | AceType::AccessDeniedCallbackObject
            | AceType::SystemAuditCallbackObject
            | AceType::SystemAlarmCallbackObject => AceLayout::CallbackObject,
            AceType::SystemResourceAttribute => AceLayout::ResourceAttribute,
            _ => AceLayout::Raw,
        }
    }
}

msox_codec::wire_flags! {
    /// [MS-DTYP] 2.4.4.1 ACE_HEADER AceFlags: inheritance and audit flags.
    pub struct AceFlags: u8 {
        /// OBJECT_INHERIT_ACE: non-container children inherit the ACE.
        const OBJECT_INHERIT_ACE = 0x01 => "OBJECT_INHERIT_ACE";
        /// CONTAINER_INHERIT_ACE: container children inherit the ACE.
        const CONTAINER_INHERIT_ACE = 0x02 => "CONTAINER_INHERIT_ACE";
        /// NO_PROPAGATE_INHERIT_ACE: inherited copies are not inheritable.
        const NO_PROPAGATE_INHERIT_ACE = 0x04 => "NO_PROPAGATE_INHERIT_ACE";
        /// INHERIT_ONLY_ACE: does not apply to this object, only to children.
        const INHERIT_ONLY_ACE = 0x08 => "INHERIT_ONLY_ACE";
        /// INHERITED_ACE: the ACE was inherited.
        const INHERITED_ACE = 0x10 => "INHERITED_ACE";
        /// SUCCESSFUL_ACCESS_ACE_FLAG: audit successful access (SACL).
        const SUCCESSFUL_ACCESS_ACE_FLAG = 0x40 => "SUCCESSFUL_ACCESS_ACE_FLAG";
        /// FAILED_ACCESS_ACE_FLAG: audit failed access (SACL).
        const FAILED_ACCESS_ACE_FLAG = 0x80 => "FAILED_ACCESS_ACE_FLAG";
    }
}

msox_codec::wire_flags! {
    /// [MS-DTYP] 2.4.4.3 ACCESS_ALLOWED_OBJECT_ACE Flags: which of
    /// ObjectType and InheritedObjectType follow.
    pub struct ObjectAceFlags: u32 {
        /// ACE_OBJECT_TYPE_PRESENT: ObjectType is present.
        const ACE_OBJECT_TYPE_PRESENT = 0x0000_0001 => "ACE_OBJECT_TYPE_PRESENT";
        /// ACE_INHERITED_OBJECT_TYPE_PRESENT: InheritedObjectType is present.
        const ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x0000_0002 => "ACE_INHERITED_OBJECT_TYPE_PRESENT";
    }
}

/// The first four bytes of the ApplicationData of a conditional ACE
/// ([MS-DTYP] 2.4.4.17: ACE_CONDITION_SIGNATURE, `artx`).
pub const ACE_CONDITION_SIGNATURE: [u8; 4] = *b"artx";

/// [MS-DTYP] 2.4.4.1 ACE_HEADER: AceType, AceFlags and AceSize (the
/// whole ACE, header included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AceHeader {
    /// AceType.
    pub ace_type: AceType,
    /// AceFlags.
    pub ace_flags: AceFlags,
    /// AceSize: bytes in the ACE, header included (a multiple of 4).
    pub ace_size: u16,
}

impl<'a> Decode<'a> for AceHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let ace_type = AceType::from(r.u8()?);
        let ace_flags = AceFlags(r.u8()?);
        let ace_size = r.u16()?;
        Ok(AceHeader {
            ace_type,
            ace_flags,
            ace_size,
        })
    }
}

impl Encode for AceHeader {
    fn encoded_len(&self) -> usize {
        4
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.ace_type.value());
        buf.put_u8(self.ace_flags.0);
        buf.put_u16_le(self.ace_size);
        Ok(())
    }
}

/// The Flags, ObjectType and InheritedObjectType of an object ACE
/// ([MS-DTYP] 2.4.4.3). Each GUID is on the wire exactly when its flag is
/// set; other flag bits are kept as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjectAceData {
    /// Flags.
    pub flags: ObjectAceFlags,
    /// ObjectType: a property set, property, extended right or child
    /// object class.
    pub object_type: Option<Guid>,
    /// InheritedObjectType: the child object class that inherits the ACE.
    pub inherited_object_type: Option<Guid>,
}

impl ObjectAceData {
    /// The data for these GUIDs, with the presence flags set to match.
    pub fn new(object_type: Option<Guid>, inherited_object_type: Option<Guid>) -> Self {
        let mut flags = ObjectAceFlags::EMPTY;
        if object_type.is_some() {
            flags.insert(ObjectAceFlags::ACE_OBJECT_TYPE_PRESENT);
        }
        if inherited_object_type.is_some() {
            flags.insert(ObjectAceFlags::ACE_INHERITED_OBJECT_TYPE_PRESENT);
        }
        ObjectAceData {
            flags,
            object_type,
            inherited_object_type,
        }
    }

    fn byte_len(&self) -> usize {
        4 + if self.object_type.is_some() { 16 } else { 0 }
            + if self.inherited_object_type.is_some() {
                16
            } else {
                0
            }
    }

    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let flags = ObjectAceFlags(r.u32()?);
        let object_type = if flags.contains(ObjectAceFlags::ACE_OBJECT_TYPE_PRESENT) {
            Some(r.frame("ObjectType", |r| r.decode::<Guid>())?)
        } else {
            None
        };
        let inherited_object_type =
            if flags.contains(ObjectAceFlags::ACE_INHERITED_OBJECT_TYPE_PRESENT) {
                Some(r.frame("InheritedObjectType", |r| r.decode::<Guid>())?)
            } else {
                None
            };
        Ok(ObjectAceData {
            flags,
            object_type,
            inherited_object_type,
        })
    }

    /// Whether Flags says exactly which GUIDs are present.
    pub fn is_consistent(&self) -> bool {
        let has_o = self.flags.contains(ObjectAceFlags::ACE_OBJECT_TYPE_PRESENT);
        let has_i = self
            .flags
            .contains(ObjectAceFlags::ACE_INHERITED_OBJECT_TYPE_PRESENT);
        has_o == self.object_type.is_some() && has_i == self.inherited_object_type.is_some()
    }

    fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.flags.0);
        if let Some(g) = &self.object_type {
            g.encode(buf)?;
        }
        if let Some(g) = &self.inherited_object_type {
            g.encode(buf)?;
        }
        Ok(())
    }
}

/// What follows the ACE_HEADER, by layout ([`AceType::layout`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AceBody {
    /// [MS-DTYP] 2.4.4.2 ACCESS_ALLOWED_ACE and the ACEs laid out like it
    /// (2.4.4.4 denied, 2.4.4.10 audit, alarm, 2.4.4.13 mandatory label,
    /// 2.4.4.16 scoped policy ID).
    Basic {
        /// Mask.
        mask: AccessMask,
        /// Sid: the trustee (for a label ACE, the integrity level; for a
        /// scoped policy ACE, the central access policy).
        sid: Sid,
        /// Bytes inside AceSize after the Sid, which the spec says are
        /// not interpreted (kept so the ACE re-encodes byte for byte).
        padding: Vec<u8>,
    },
    /// [MS-DTYP] 2.4.4.3 ACCESS_ALLOWED_OBJECT_ACE and the ACEs laid out
    /// like it (2.4.4.5 denied, 2.4.4.11 audit, alarm).
    Object {
        /// Mask.
        mask: AccessMask,
        /// Flags and the optional GUIDs.
        object: ObjectAceData,
        /// Sid.
        sid: Sid,
        /// Bytes inside AceSize after the Sid (not interpreted, kept).
        padding: Vec<u8>,
    },
    /// [MS-DTYP] 2.4.4.6 ACCESS_ALLOWED_CALLBACK_ACE and the ACEs laid out
    /// like it (2.4.4.7 denied, 2.4.4.12 audit, alarm).
    Callback {
        /// Mask.
        mask: AccessMask,
        /// Sid.
        sid: Sid,
        /// ApplicationData: everything inside AceSize after the Sid (a
        /// conditional expression when it starts with
        /// [`ACE_CONDITION_SIGNATURE`]; kept as bytes).
        application_data: Vec<u8>,
    },
    /// [MS-DTYP] 2.4.4.8 ACCESS_ALLOWED_CALLBACK_OBJECT_ACE and the ACEs
    /// laid out like it (2.4.4.9 denied, 2.4.4.14 audit, alarm).
    CallbackObject {
        /// Mask.
        mask: AccessMask,
        /// Flags and the optional GUIDs.
        object: ObjectAceData,
        /// Sid.
        sid: Sid,
        /// ApplicationData: everything inside AceSize after the Sid.
        application_data: Vec<u8>,
    },
    /// [MS-DTYP] 2.4.4.15 SYSTEM_RESOURCE_ATTRIBUTE_ACE.
    ResourceAttribute {
        /// Mask (MUST be zero; kept as read).
        mask: AccessMask,
        /// Sid (Everyone, S-1-1-0).
        sid: Sid,
        /// Attribute Data: a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1
        /// ([MS-DTYP] 2.4.10.1) and its padding, kept as bytes.
        attribute_data: Vec<u8>,
    },
    /// An ACE type this crate does not interpret (unknown, or the reserved
    /// ACCESS_ALLOWED_COMPOUND_ACE_TYPE): every byte after the header.
    Raw(Vec<u8>),
}

impl AceBody {
    /// The layout of this body.
    pub const fn layout(&self) -> AceLayout {
        match self {
            AceBody::Basic { .. } => AceLayout::Basic,
            AceBody::Object { .. } => AceLayout::Object,
            AceBody::Callback { .. } => AceLayout::Callback,
            AceBody::CallbackObject { .. } => AceLayout::CallbackObject,
            AceBody::ResourceAttribute { .. } => AceLayout::ResourceAttribute,
            AceBody::Raw(_) => AceLayout::Raw,
        }
    }

    fn byte_len(&self) -> usize {
        match self {
            AceBody::Basic { sid, padding, .. } => 4 + sid.byte_len() + padding.len(),
            AceBody::Object {
                object,
                sid,
                padding,
                ..
            } => 4 + object.byte_len() + sid.byte_len() + padding.len(),
            AceBody::Callback {
                sid,
                application_data,
                ..
            } => 4 + sid.byte_len() + application_data.len(),
            AceBody::CallbackObject {
                object,
                sid,
                application_data,
                ..
            } => 4 + object.byte_len() + sid.byte_len() + application_data.len(),
            AceBody::ResourceAttribute {
                sid,
                attribute_data,
                ..
            } => 4 + sid.byte_len() + attribute_data.len(),
            AceBody::Raw(b) => b.len(),
        }
    }

    fn read(layout: AceLayout, r: &mut Reader<'_>) -> Result<Self> {
        if layout == AceLayout::Raw {
            return Ok(AceBody::Raw(r.take_rest().to_vec()));
        }
        let mask = AccessMask(r.u32()?);
        let object = match layout {
            AceLayout::Object | AceLayout::CallbackObject => Some(ObjectAceData::read(r)?),
            _ => None,
        };
        let sid = r.decode::<Sid>()?;
        let rest = r.take_rest().to_vec();
        Ok(match (layout, object) {
            (AceLayout::Object, Some(object)) => AceBody::Object {
                mask,
                object,
                sid,
                padding: rest,
            },
            (AceLayout::CallbackObject, Some(object)) => AceBody::CallbackObject {
                mask,
                object,
                sid,
                application_data: rest,
            },
            (AceLayout::Callback, _) => AceBody::Callback {
                mask,
                sid,
                application_data: rest,
            },
            (AceLayout::ResourceAttribute, _) => AceBody::ResourceAttribute {
                mask,
                sid,
                attribute_data: rest,
            },
            _ => AceBody::Basic {
                mask,
                sid,
                padding: rest,
            },
        })
    }

    fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let (mask, object, sid, rest) = match self {
            AceBody::Raw(b) => {
                buf.put_slice(b);
                return Ok(());
            }
            AceBody::Basic { mask, sid, padding } => (mask, None, sid, padding),
            AceBody::Object {
                mask,
                object,
                sid,
                padding,
            } => (mask, Some(object), sid, padding),
            AceBody::Callback {
                mask,
                sid,
                application_data,
            } => (mask, None, sid, application_data),
            AceBody::CallbackObject {
                mask,
                object,
                sid,
                application_data,
            } => (mask, Some(object), sid, application_data),
            AceBody::ResourceAttribute {
                mask,
                sid,
                attribute_data,
            } => (mask, None, sid, attribute_data),
        };
        buf.put_u32_le(mask.0);
        if let Some(o) = object {
            o.write(buf)?;
        }
        sid.encode(buf)?;
        buf.put_slice(rest);
        Ok(())
    }
}

/// [MS-DTYP] 2.4.4 ACE: an access control entry, the ACE_HEADER's type
/// and flags with the type's body. AceSize is computed on encode.
///
/// Every type the spec defines decodes to its fields; the reserved alarm
/// types decode with the layout of their audit counterparts; unknown types
/// (and the reserved compound type) keep their bytes ([`AceBody::Raw`]).
/// Bytes inside AceSize after the fields are kept, so every ACE
/// re-encodes byte for byte.
///
/// ```
/// use ms_dtyp::{Ace, AceFlags, AceType, AccessMask, well_known};
/// use msox_codec::{Decode, Encode};
/// // (A;CIOI;GRGX;;;BU) from [MS-DTYP] 2.5.1.4
/// let bytes = [0x00, 0x03, 0x18, 0x00, 0x00, 0x00, 0x00, 0xA0, 0x01, 0x02, 0, 0, 0, 0, 0, 5,
///              0x20, 0, 0, 0, 0x21, 0x02, 0, 0];
/// let ace = Ace::decode_exact(&bytes)?;
/// assert_eq!(ace.ace_type, AceType::AccessAllowed);
/// assert_eq!(ace.ace_flags, AceFlags::OBJECT_INHERIT_ACE | AceFlags::CONTAINER_INHERIT_ACE);
/// assert_eq!(ace.mask(), Some(AccessMask::GENERIC_READ | AccessMask::GENERIC_EXECUTE));
/// assert_eq!(ace.sid(), Some(&well_known::BUILTIN_USERS));
/// assert_eq!(ace.to_vec()?, bytes);
///
/// let built = Ace::allowed(AceFlags::EMPTY, AccessMask::GENERIC_ALL, well_known::LOCAL_SYSTEM);
/// assert_eq!(built.encoded_len(), 20);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ace {
    /// AceType. Must have the layout of `body` ([`AceType::layout`]).
    pub ace_type: AceType,
    /// AceFlags.
    pub ace_flags: AceFlags,
    /// The fields after the header.
    pub body: AceBody,
}

impl Ace {
    /// An ACCESS_ALLOWED_ACE.
    pub fn allowed(flags: AceFlags, mask: AccessMask, sid: Sid) -> Ace {
        Self::basic(AceType::AccessAllowed, flags, mask, sid)
    }

    /// An ACCESS_DENIED_ACE.
    pub fn denied(flags: AceFlags, mask: AccessMask, sid: Sid) -> Ace {
        Self::basic(AceType::AccessDenied, flags, mask, sid)
    }

    /// An ACE of a [`AceLayout::Basic`] type (allowed, denied, audit,
    /// alarm, mandatory label, scoped policy ID) with no padding.
    pub fn basic(ace_type: AceType, flags: AceFlags, mask: AccessMask, sid: Sid) -> Ace {
        Ace {
            ace_type,
            ace_flags: flags,
            body: AceBody::Basic {
                mask,
                sid,
                padding: Vec::new(),
            },
        }
    }

    /// The ACE_HEADER this ACE encodes with (AceSize saturates at 65535;
    /// encoding such an ACE fails).
    pub fn header(&self) -> AceHeader {
        AceHeader {
            ace_type: self.ace_type,
            ace_flags: self.ace_flags,
            ace_size: u16::try_from(self.encoded_len()).unwrap_or(u16::MAX),
        }
    }

    /// Mask, for every layout but [`AceBody::Raw`].
    pub fn mask(&self) -> Option<AccessMask> {
        match &self.body {
            AceBody::Basic { mask, .. }
            | AceBody::Object { mask, .. }
            | AceBody::Callback { mask, .. }
            | AceBody::CallbackObject { mask, .. }
            | AceBody::ResourceAttribute { mask, .. } => Some(*mask),
            AceBody::Raw(_) => None,
        }
    }

    /// Sid, for every layout but [`AceBody::Raw`].
    pub fn sid(&self) -> Option<&Sid> {
        match &self.body {
            AceBody::Basic { sid, .. }
            | AceBody::Object { sid, .. }
            | AceBody::Callback { sid, .. }
            | AceBody::CallbackObject { sid, .. }
            | AceBody::ResourceAttribute { sid, .. } => Some(sid),
            AceBody::Raw(_) => None,
        }
    }

    /// The object ACE Flags and GUIDs, for the object layouts.
    pub fn object(&self) -> Option<&ObjectAceData> {
        match &self.body {
            AceBody::Object { object, .. } | AceBody::CallbackObject { object, .. } => Some(object),
            _ => None,
        }
    }

    /// ApplicationData, for the callback layouts.
    pub fn application_data(&self) -> Option<&[u8]> {
        match &self.body {
            AceBody::Callback {
                application_data, ..
            }
            | AceBody::CallbackObject {
                application_data, ..
            } => Some(application_data),
            _ => None,
        }
    }

    /// Whether this is a conditional ACE ([MS-DTYP] 2.4.4.17): a callback
    /// ACE whose ApplicationData starts with `artx`.
    pub fn is_conditional(&self) -> bool {
        self.application_data()
            .is_some_and(|d| d.starts_with(&ACE_CONDITION_SIGNATURE))
    }
}

impl<'a> Decode<'a> for Ace {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ACE", read_ace)
    }
}

pub(crate) fn read_ace(r: &mut Reader<'_>) -> Result<Ace> {
    let start = r.pos();
    let header = r.decode::<AceHeader>()?;
    if header.ace_size < 4 || !header.ace_size.is_multiple_of(4) {
        return Err(r.invalid_at("AceSize", u64::from(header.ace_size), start + 2));
    }
    r.set_variant(header.ace_type.name().unwrap_or("unknown AceType"));
    let mut body = r.sub(usize::from(header.ace_size) - 4)?;
    let body = AceBody::read(header.ace_type.layout(), &mut body)?;
    Ok(Ace {
        ace_type: header.ace_type,
        ace_flags: header.ace_flags,
        body,
    })
}

impl Encode for Ace {
    fn encoded_len(&self) -> usize {
        4 + self.body.byte_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.ace_type.layout() != self.body.layout() {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "{} has the {:?} layout, but the body is {:?}",
                    self.ace_type,
                    self.ace_type.layout(),
                    self.body.layout()
                )
                .into(),
            ))
            .context("Ace"));
        }
        if let Some(o) = self.object()
            && !o.is_consistent()
        {
            return Err(Error::new(ErrorKind::Malformed(
                "object ACE Flags do not match the ObjectType / InheritedObjectType present".into(),
            ))
            .context("Ace"));
        }
        let size = self.encoded_len();
        let ace_size = fit_u16(size, "AceSize").map_err(|e| e.context("Ace"))?;
        if !size.is_multiple_of(4) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "AceSize (not a multiple of 4)",
                value: size as u64,
            })
            .context("Ace"));
        }
        buf.put_u8(self.ace_type.value());
        buf.put_u8(self.ace_flags.0);
        buf.put_u16_le(ace_size);
        self.body.write(buf).map_err(|e| e.context("Ace"))
    }
}
