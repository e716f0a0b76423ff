//! [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR, self-relative form.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result, fit_u32};

use crate::Sid;
use crate::acl::Acl;

msox_codec::wire_flags! {
    /// [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR Control. Names are the spec's
    /// two-letter abbreviations.
    pub struct SecurityDescriptorControl: u16 {
        /// OD Owner Defaulted.
        const OWNER_DEFAULTED = 0x0001 => "OD";
        /// GD Group Defaulted.
        const GROUP_DEFAULTED = 0x0002 => "GD";
        /// DP DACL Present.
        const DACL_PRESENT = 0x0004 => "DP";
        /// DD DACL Defaulted.
        const DACL_DEFAULTED = 0x0008 => "DD";
        /// SP SACL Present.
        const SACL_PRESENT = 0x0010 => "SP";
        /// SD SACL Defaulted.
        const SACL_DEFAULTED = 0x0020 => "SD";
        /// DT DACL Trusted.
        const DACL_TRUSTED = 0x0040 => "DT";
        /// SS Server Security.
        const SERVER_SECURITY = 0x0080 => "SS";
        /// DC DACL Computed Inheritance Required.
        const DACL_COMPUTED_INHERITANCE_REQUIRED = 0x0100 => "DC";
        /// SC SACL Computed Inheritance Required.
        const SACL_COMPUTED_INHERITANCE_REQUIRED = 0x0200 => "SC";
        /// DI DACL Auto-Inherited.
        const DACL_AUTO_INHERITED = 0x0400 => "DI";
        /// SI SACL Auto-Inherited.
        const SACL_AUTO_INHERITED = 0x0800 => "SI";
        /// PD DACL Protected.
        const DACL_PROTECTED = 0x1000 => "PD";
        /// PS SACL Protected.
        const SACL_PROTECTED = 0x2000 => "PS";
        /// RM RM Control Valid: Sbz1 holds resource manager control bits.
        const RM_CONTROL_VALID = 0x4000 => "RM";
        /// SR Self-Relative.
        const SELF_RELATIVE = 0x8000 => "SR";
    }
}

/// The size of the fixed part of a self-relative security descriptor
/// (Revision through OffsetDacl).
pub const SECURITY_DESCRIPTOR_HEADER_SIZE: usize = 20;

/// Bytes of a self-relative security descriptor that no part covers (a
/// gap between the parts), kept so the descriptor re-encodes byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fill {
    /// Offset from the start of the descriptor.
    pub offset: u32,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Where the parts of a decoded self-relative security descriptor were:
/// the four offsets as read and the bytes between the parts.
///
/// Present in a decoded [`SecurityDescriptor`] only when the layout is not
/// the one the encoder writes by itself (SACL, DACL, owner, group, in that
/// order, right after the header, as in [MS-DTYP] 2.5.1.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SecurityDescriptorLayout {
    /// OffsetOwner.
    pub offset_owner: u32,
    /// OffsetGroup.
    pub offset_group: u32,
    /// OffsetSacl.
    pub offset_sacl: u32,
    /// OffsetDacl.
    pub offset_dacl: u32,
    /// Bytes between the header and the parts not covered by a part.
    pub fill: Vec<Fill>,
}

/// [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR in self-relative form: Revision,
/// Sbz1, Control, four offsets, and the owner SID, group SID, SACL and DACL
/// they point to.
///
/// The parts may sit in any order with gaps between them. Decoding records
/// a non-canonical arrangement in [`SecurityDescriptor::layout`], and
/// encoding reuses it while the parts still fit at their offsets, so a
/// decoded descriptor re-encodes byte for byte; without a layout (or when
/// it no longer fits) the encoder writes SACL, DACL, owner and group in
/// that order after the header.
///
/// Decoding refuses a Revision other than 1, an offset into the 20-byte
/// header or past the end of the input, and parts that overlap. Control is
/// kept as read and not checked against the parts present: a DP bit with
/// OffsetDacl zero is a NULL DACL, which means something different from an
/// absent DACL.
///
/// ```
/// use ms_dtyp::{SecurityDescriptor, SecurityDescriptorControl as C, well_known};
/// use msox_codec::{Decode, Encode};
/// // O:SYG:BAD:(A;;GA;;;WD) built by hand
/// let sd = SecurityDescriptor {
///     control: C::SELF_RELATIVE | C::DACL_PRESENT,
///     owner: Some(well_known::LOCAL_SYSTEM),
///     group: Some(well_known::BUILTIN_ADMINISTRATORS),
///     dacl: Some(ms_dtyp::Acl::new(vec![ms_dtyp::Ace::allowed(
///         ms_dtyp::AceFlags::EMPTY,
///         ms_dtyp::AccessMask::GENERIC_ALL,
///         well_known::EVERYONE,
///     )])),
///     ..SecurityDescriptor::default()
/// };
/// let bytes = sd.to_vec()?;
/// assert_eq!(bytes.len(), 20 + 28 + 12 + 16);
/// let back = SecurityDescriptor::decode_exact(&bytes)?;
/// assert_eq!(back, sd);
/// assert_eq!(back.offsets(), [48, 60, 0, 20]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SecurityDescriptor {
    /// Sbz1: resource manager control bits when Control has RM, else
    /// reserved (kept as read).
    pub sbz1: u8,
    /// Control.
    pub control: SecurityDescriptorControl,
    /// OwnerSid (OffsetOwner non-zero).
    pub owner: Option<Sid>,
    /// GroupSid (OffsetGroup non-zero).
    pub group: Option<Sid>,
    /// Sacl (OffsetSacl non-zero).
    pub sacl: Option<Acl>,
    /// Dacl (OffsetDacl non-zero).
    pub dacl: Option<Acl>,
    /// Where the parts were, when not in the canonical arrangement.
    pub layout: Option<SecurityDescriptorLayout>,
}

/// Revision of every SECURITY_DESCRIPTOR ([MS-DTYP] 2.4.6: MUST be 1).
pub const SECURITY_DESCRIPTOR_REVISION: u8 = 1;

const NAMES: [&str; 4] = ["OwnerSid", "GroupSid", "Sacl", "Dacl"];
const OFFSET_NAMES: [&str; 4] = ["OffsetOwner", "OffsetGroup", "OffsetSacl", "OffsetDacl"];

/// Where each part goes when encoding: offsets (owner, group, sacl, dacl)
/// and the total size.
struct Plan {
    offsets: [u32; 4],
    total: usize,
    use_layout: bool,
}

impl SecurityDescriptor {
    /// Drops the recorded layout, so the descriptor encodes in the
    /// canonical arrangement.
    pub fn canonicalize(&mut self) {
        self.layout = None;
    }

    /// The encoded sizes of owner, group, SACL, DACL (0 when absent).
    fn part_lens(&self) -> [usize; 4] {
        [
            self.owner.as_ref().map_or(0, Encode::encoded_len),
            self.group.as_ref().map_or(0, Encode::encoded_len),
            self.sacl.as_ref().map_or(0, Encode::encoded_len),
            self.dacl.as_ref().map_or(0, Encode::encoded_len),
        ]
    }

    /// The offsets of the canonical arrangement and its total size.
    fn canonical(&self) -> ([usize; 4], usize) {
        let lens = self.part_lens();
        let mut offsets = [0usize; 4];
        let mut pos = SECURITY_DESCRIPTOR_HEADER_SIZE;
        // SACL, DACL, owner, group.
        for i in [2, 3, 0, 1] {
            if let (Some(len), Some(slot)) = (lens.get(i), offsets.get_mut(i))
                && *len > 0
            {
                *slot = pos;
                pos += len;
            }
        }
        (offsets, pos)
    }

    /// Whether `layout` still fits the parts: every present part has a
    /// non-zero offset past the header, absent parts have zero, and no two
    /// of the parts and fills overlap. Returns the total size.
    fn layout_fits(&self, layout: &SecurityDescriptorLayout) -> Option<usize> {
        let lens = self.part_lens();
        let offs = [
            layout.offset_owner,
            layout.offset_group,
            layout.offset_sacl,
            layout.offset_dacl,
        ];
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(4 + layout.fill.len());
        for (len, off) in lens.iter().zip(offs) {
            let off = off as usize;
            if (*len > 0) != (off != 0) {
                return None;
            }
            if *len > 0 {
                ranges.push((off, off.checked_add(*len)?));
            }
        }
        for f in &layout.fill {
            let off = f.offset as usize;
            ranges.push((off, off.checked_add(f.bytes.len())?));
        }
        ranges.sort_unstable();
        let mut end = SECURITY_DESCRIPTOR_HEADER_SIZE;
        for (s, e) in ranges {
            if s < end {
                return None;
            }
            end = e;
        }
        Some(end)
    }

    fn plan(&self) -> Plan {
        if let Some(layout) = &self.layout
            && let Some(total) = self.layout_fits(layout)
        {
            return Plan {
                offsets: [
                    layout.offset_owner,
                    layout.offset_group,
                    layout.offset_sacl,
                    layout.offset_dacl,
                ],
                total,
                use_layout: true,
            };
        }
        let (offsets, total) = self.canonical();
        Plan {
            offsets: offsets.map(|o| u32::try_from(o).unwrap_or(u32::MAX)),
            total,
            use_layout: false,
        }
    }

    /// OffsetOwner, OffsetGroup, OffsetSacl and OffsetDacl as this
    /// descriptor encodes them.
    pub fn offsets(&self) -> [u32; 4] {
        self.plan().offsets
    }
}

/// One decoded part: its index (owner, group, sacl, dacl), start and end.
type Span = (usize, usize, usize);

/// Reads a self-relative descriptor starting at the reader's position; the
/// parts may lie anywhere in the rest of the window. Leaves the reader after
/// the last byte any part uses.
fn read_sd(r: &mut Reader<'_>) -> Result<SecurityDescriptor> {
    let base = r.pos();
    let input = r.rest();
    let revision = r.u8()?;
    if revision != SECURITY_DESCRIPTOR_REVISION {
        return Err(r.invalid_at("Revision", u64::from(revision), base));
    }
    let sbz1 = r.u8()?;
    let control = SecurityDescriptorControl(r.u16()?);
    let mut offsets = [0u32; 4];
    for o in &mut offsets {
        *o = r.u32()?;
    }
    let mut sd = SecurityDescriptor {
        sbz1,
        control,
        ..SecurityDescriptor::default()
    };
    let mut spans: Vec<Span> = Vec::with_capacity(4);
    for (i, &off) in offsets.iter().enumerate() {
        if off == 0 {
            continue;
        }
        let field = OFFSET_NAMES.get(i).copied().unwrap_or("Offset");
        let name = NAMES.get(i).copied().unwrap_or("part");
        let field_pos = 4 + 4 * i;
        let start = off as usize;
        if start < SECURITY_DESCRIPTOR_HEADER_SIZE {
            return Err(r.error_at(
                ErrorKind::Malformed(
                    format!("{field} 0x{off:X} points into the 20-byte header").into(),
                ),
                base + field_pos,
            ));
        }
        if start >= input.len() {
            return Err(r.error_at(
                ErrorKind::Malformed(
                    format!(
                        "{field} 0x{off:X} points past the end of the input ({} bytes)",
                        input.len()
                    )
                    .into(),
                ),
                base + field_pos,
            ));
        }
        r.seek(base + start)?;
        r.frame(name, |r| {
            match i {
                0 => sd.owner = Some(r.decode::<Sid>()?),
                1 => sd.group = Some(r.decode::<Sid>()?),
                2 => sd.sacl = Some(r.decode::<Acl>()?),
                _ => sd.dacl = Some(r.decode::<Acl>()?),
            }
            Ok(())
        })?;
        spans.push((i, start, r.pos() - base));
    }
    spans.sort_unstable_by_key(|&(_, s, e)| (s, e));
    for pair in spans.windows(2) {
        if let [(ia, sa, ea), (ib, sb, eb)] = *pair
            && sb < ea
        {
            let (na, nb) = (
                NAMES.get(ia).copied().unwrap_or("part"),
                NAMES.get(ib).copied().unwrap_or("part"),
            );
            return Err(r.error_at(
                ErrorKind::Malformed(
                    format!(
                        "{nb} (bytes 0x{sb:X}..0x{eb:X}) overlaps {na} (bytes 0x{sa:X}..0x{ea:X})"
                    )
                    .into(),
                ),
                base + sb,
            ));
        }
    }
    let mut fill = Vec::new();
    let mut cursor = SECURITY_DESCRIPTOR_HEADER_SIZE;
    for &(_, s, e) in &spans {
        if s > cursor {
            fill.push(Fill {
                offset: fit_u32(cursor, "Fill offset")?,
                bytes: input.get(cursor..s).unwrap_or_default().to_vec(),
            });
        }
        cursor = cursor.max(e);
    }
    let (canonical, _) = sd.canonical();
    let canonical_offsets = canonical.map(|o| o as u64);
    if !fill.is_empty() || canonical_offsets != offsets.map(u64::from) {
        let [offset_owner, offset_group, offset_sacl, offset_dacl] = offsets;
        sd.layout = Some(SecurityDescriptorLayout {
            offset_owner,
            offset_group,
            offset_sacl,
            offset_dacl,
            fill,
        });
    }
    r.seek(base + cursor)?;
    Ok(sd)
}

impl<'a> Decode<'a> for SecurityDescriptor {
    /// Reads the header and each part its offsets point to (ACE counts are
    /// checked against the ACL sizes and charged to the item budget); the
    /// reader ends after the last byte any part uses.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("SECURITY_DESCRIPTOR", read_sd)
    }
}

/// Copies `bytes` into `out` at `at` (the plan guarantees it fits).
fn place(out: &mut [u8], at: usize, bytes: &[u8]) -> Result<()> {
    let slot = at
        .checked_add(bytes.len())
        .and_then(|end| out.get_mut(at..end))
        .ok_or_else(|| {
            Error::new(ErrorKind::Malformed(
                "security descriptor part does not fit its planned place".into(),
            ))
        })?;
    slot.copy_from_slice(bytes);
    Ok(())
}

impl Encode for SecurityDescriptor {
    fn encoded_len(&self) -> usize {
        self.plan().total
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let plan = self.plan();
        fit_u32(plan.total, "security descriptor size")
            .map_err(|e| e.context("SecurityDescriptor"))?;
        let mut out = vec![0u8; plan.total];
        let mut header = Vec::with_capacity(SECURITY_DESCRIPTOR_HEADER_SIZE);
        header.put_u8(SECURITY_DESCRIPTOR_REVISION);
        header.put_u8(self.sbz1);
        header.put_u16_le(self.control.0);
        for o in plan.offsets {
            header.put_u32_le(o);
        }
        place(&mut out, 0, &header)?;
        let [oo, og, os, od] = plan.offsets.map(|o| o as usize);
        let ctx = |e: Error, name: &'static str| e.context(name).context("SecurityDescriptor");
        if let Some(s) = &self.owner {
            place(&mut out, oo, &s.to_vec().map_err(|e| ctx(e, "OwnerSid"))?)?;
        }
        if let Some(s) = &self.group {
            place(&mut out, og, &s.to_vec().map_err(|e| ctx(e, "GroupSid"))?)?;
        }
        if let Some(a) = &self.sacl {
            place(&mut out, os, &a.to_vec().map_err(|e| ctx(e, "Sacl"))?)?;
        }
        if let Some(a) = &self.dacl {
            place(&mut out, od, &a.to_vec().map_err(|e| ctx(e, "Dacl"))?)?;
        }
        if plan.use_layout
            && let Some(layout) = &self.layout
        {
            for f in &layout.fill {
                place(&mut out, f.offset as usize, &f.bytes)?;
            }
        }
        buf.put_slice(&out);
        Ok(())
    }
}
