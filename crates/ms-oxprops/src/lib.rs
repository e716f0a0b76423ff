//! # ms-oxprops — [MS-OXPROPS] Exchange Server Protocols Master Property List
//!
//! Every MAPI property that [MS-OXPROPS] section 2 defines (1080 of them:
//! 576 tagged `PidTag*`, 365 `PidLid*`, 139 `PidName*`), with its property
//! ID or property set + LID / name, its type, area, defining reference and
//! alternate names (`PR_*`, `dispid*`, ...), plus the property-set GUIDs of
//! section 1.3.2, and lookups in every direction.
//!
//! The tables are generated from `../shared/data/oxprops.tsv` by
//! `crates/ms-oxprops/gen/generate.py`; the generated source is checked in
//! (`src/generated.rs`) so builds need no generator, and a test checks it
//! against the data.
//!
//! ```
//! use ms_oxcdata::{PropertyTag, PropertyType};
//! use ms_oxprops::{by_name, by_tag, defs, named, sets, tags};
//!
//! // Constants, named as the spec names them:
//! assert_eq!(tags::PidTagSubject, PropertyTag::new(0x0037, PropertyType::String));
//! assert_eq!(named::PidLidAppointmentStartWhole.set, sets::PSETID_Appointment);
//!
//! // Lookups by tag, by any name (canonical, PR_*, dispid*; case-insensitive):
//! let def = by_tag(PropertyTag::from_u32(0x0037_001F)).unwrap();
//! assert_eq!(def.canonical_name, "PidTagSubject");
//! assert_eq!(by_name("PR_SUBJECT_W").unwrap().canonical_name, "PidTagSubject");
//! assert_eq!(by_name("dispidApptStartWhole").unwrap(), &defs::PidLidAppointmentStartWhole);
//!
//! // Named properties by (property set, LID) and (property set, name):
//! let start = ms_oxprops::by_lid(sets::PSETID_Appointment, 0x820D).unwrap();
//! assert_eq!(start.prop_type, PropertyType::Time);
//! let kw = ms_oxprops::by_set_name(sets::PS_PUBLIC_STRINGS, "Keywords").unwrap();
//! assert_eq!(kw.canonical_name, "PidNameKeywords");
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 1.3.2 | Commonly Used Property Sets | [`sets`] (18 sets incl. PSETID_CalendarAssistant) |
//! | 2.1–2.1080 | the property entries | [`defs`], [`tags`], [`named`], [`ALL`] |
//! | — | lookups | [`by_name`], [`all_by_name`], [`by_tag`], [`all_by_tag`], [`by_id`], [`by_lid`], [`by_set_name`], [`by_property_name`], [`set_by_name`], [`set_name`] |
//!
//! Tagged IDs are not unique on their own (0x1013 is both PidTagBodyHtml and
//! PidTagHtml; the 0x68xx range is message-class defined), so tagged
//! lookups are by (ID, type), or [`by_id`] returns every match.
#![forbid(unsafe_code)]

mod generated;

pub use generated::{ALL, defs, named, sets, tags};

use ms_dtyp::Guid;
use ms_oxcdata::{NameId, PropertyName, PropertyTag, PropertyType};

/// How an [MS-OXPROPS] entry identifies its property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A tagged property (`PidTag*`): a fixed property ID below 0x8000.
    Tagged {
        /// The property ID.
        id: u16,
    },
    /// A named property identified by a numeric long ID (`PidLid*`).
    Lid {
        /// The property set.
        set: Guid,
        /// The LID.
        lid: u32,
    },
    /// A named property identified by a string name (`PidName*`).
    Name {
        /// The property set.
        set: Guid,
        /// The name, case as the spec gives it.
        name: StaticStr,
    },
}

/// One [MS-OXPROPS] section 2 entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PropertyDef {
    /// The canonical name, e.g. `PidTagSubject`.
    pub canonical_name: StaticStr,
    /// Property ID, or property set + LID / name.
    pub kind: Kind,
    /// The property's type.
    pub prop_type: PropertyType,
    /// The spec's type name (`PtypEmbeddedTable` and `PtypObject` share 0x000D).
    pub type_name: StaticStr,
    /// The spec's alternate names (`PR_*`, `ptag*`, `dispid*`, `urn:*`, ...).
    pub alternate_names: StaticStrs,
    /// MAPI names the Outlook reference gives that the spec's list lacks.
    pub other_names: StaticStrs,
    /// The spec's "Area" label, verbatim (the spec is not consistent in case).
    pub area: StaticStr,
    /// The spec's "Defining reference", e.g. `[MS-OXCMSG] section 2.2.1.46`.
    pub defining_reference: StaticStr,
}

impl PropertyDef {
    /// The property tag of a tagged property (`None` for named ones: their
    /// IDs are mapped per store or file).
    pub const fn tag(&self) -> Option<PropertyTag> {
        match self.kind {
            Kind::Tagged { id } => Some(PropertyTag::new(id, self.prop_type)),
            _ => None,
        }
    }

    /// The [MS-OXCDATA] 2.6.1 PropertyName of a named property.
    pub fn property_name(&self) -> Option<PropertyName> {
        match self.kind {
            Kind::Tagged { .. } => None,
            Kind::Lid { set, lid } => Some(PropertyName::lid(set, lid)),
            Kind::Name { set, name } => Some(PropertyName::name(set, name.as_str())),
        }
    }

    /// The named-property form of a named property.
    pub fn named(&self) -> Option<Named> {
        match self.kind {
            Kind::Tagged { .. } => None,
            Kind::Lid { set, lid } => Some(Named {
                set,
                key: NamedKey::Lid(lid),
                prop_type: self.prop_type,
            }),
            Kind::Name { set, name } => Some(Named {
                set,
                key: NamedKey::Name(name.as_str()),
                prop_type: self.prop_type,
            }),
        }
    }

    /// The name of the property set of a named property (`PSETID_Appointment`).
    pub fn set_name(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Tagged { .. } => None,
            Kind::Lid { set, .. } | Kind::Name { set, .. } => set_name(set),
        }
    }
}

/// A string of the registry's tables, e.g. a canonical name: a `&'static
/// str` in all but layout. It dereferences to `str`, compares, hashes and
/// orders as its text, and prints as it (`{}` and `{:?}`).
///
/// The tables hold every string as an (offset, length) pair into one text
/// instead of as a pointer: pointers in statics are relocated by the
/// dynamic loader at every start of a position-independent program, which
/// writes (and so copies) every page holding one; about 60 pages, a tenth
/// of a millisecond, for this registry.
#[derive(Clone, Copy)]
pub struct StaticStr {
    off: u32,
    len: u32,
}

impl StaticStr {
    /// The string at `off..off + len` of the tables' text.
    pub(crate) const fn at(off: u32, len: u32) -> Self {
        Self { off, len }
    }

    /// The text.
    pub fn as_str(self) -> &'static str {
        let start = self.off as usize;
        generated::TEXT
            .get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

impl std::ops::Deref for StaticStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for StaticStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for StaticStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<StaticStr> for &'static str {
    fn from(s: StaticStr) -> Self {
        s.as_str()
    }
}

impl std::fmt::Display for StaticStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.as_str(), f)
    }
}

impl std::fmt::Debug for StaticStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for StaticStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for StaticStr {}

impl std::hash::Hash for StaticStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for StaticStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StaticStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for StaticStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for StaticStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<StaticStr> for str {
    fn eq(&self, other: &StaticStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<StaticStr> for &str {
    fn eq(&self, other: &StaticStr) -> bool {
        *self == other.as_str()
    }
}

/// A list of [`StaticStr`]s of the registry's tables (alternate names):
/// a `&'static [StaticStr]` in all but layout, as [`StaticStr`] is a
/// `&'static str`.
#[derive(Clone, Copy)]
pub struct StaticStrs {
    start: u16,
    len: u16,
}

impl StaticStrs {
    /// The `len` strings from `start` of the tables' lists.
    pub(crate) const fn at(start: u16, len: u16) -> Self {
        Self { start, len }
    }

    /// The strings.
    pub fn as_slice(self) -> &'static [StaticStr] {
        let start = usize::from(self.start);
        generated::LISTS
            .get(start..start + usize::from(self.len))
            .unwrap_or_default()
    }
}

impl std::ops::Deref for StaticStrs {
    type Target = [StaticStr];
    fn deref(&self) -> &[StaticStr] {
        self.as_slice()
    }
}

impl IntoIterator for StaticStrs {
    type Item = &'static StaticStr;
    type IntoIter = std::slice::Iter<'static, StaticStr>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl std::fmt::Debug for StaticStrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl PartialEq for StaticStrs {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for StaticStrs {}

impl std::hash::Hash for StaticStrs {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl PartialEq<[&str]> for StaticStrs {
    fn eq(&self, other: &[&str]) -> bool {
        self.as_slice().iter().eq(other.iter())
    }
}

impl PartialEq<&[&str]> for StaticStrs {
    fn eq(&self, other: &&[&str]) -> bool {
        self.as_slice().iter().eq(other.iter())
    }
}

impl<const N: usize> PartialEq<[&str; N]> for StaticStrs {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.as_slice().iter().eq(other.iter())
    }
}

/// A named property as a constant: property set, LID or name, and type
/// (the constants in [`named`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Named {
    /// The property set.
    pub set: Guid,
    /// LID or name.
    pub key: NamedKey,
    /// The property's type.
    pub prop_type: PropertyType,
}

/// A LID or a name, as a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedKey {
    /// MNID_ID.
    Lid(u32),
    /// MNID_STRING.
    Name(&'static str),
}

impl Named {
    /// The [MS-OXCDATA] 2.6.1 PropertyName model value.
    pub fn property_name(&self) -> PropertyName {
        match self.key {
            NamedKey::Lid(l) => PropertyName::lid(self.set, l),
            NamedKey::Name(n) => PropertyName::name(self.set, n),
        }
    }

    /// Whether `name` names this property (names compare case-insensitively,
    /// as MAPI compares them).
    pub fn matches(&self, name: &PropertyName) -> bool {
        name.guid == self.set
            && match (&name.id, self.key) {
                (NameId::Lid(a), NamedKey::Lid(b)) => *a == b,
                (NameId::Name(a), NamedKey::Name(b)) => a.as_str().eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

fn def_at(i: u16) -> Option<&'static PropertyDef> {
    ALL.get(usize::from(i))
}

/// The tagged property with this tag (ID and type); the first in spec
/// order where several share it (see [`all_by_tag`]). A tag whose type is a
/// string type finds the property in either string width (`0x0037001E`
/// finds PidTagSubject, which the spec lists as PtypString).
pub fn by_tag(tag: PropertyTag) -> Option<&'static PropertyDef> {
    let find = |t: u32| {
        let start = generated::BY_TAG.partition_point(|&(k, _)| k < t);
        generated::BY_TAG
            .get(start)
            .filter(|&&(k, _)| k == t)
            .and_then(|&(_, d)| def_at(d))
    };
    find(tag.to_u32()).or_else(|| {
        let alt = match tag.prop_type {
            PropertyType::String8 => PropertyType::String,
            PropertyType::String => PropertyType::String8,
            PropertyType::MultipleString8 => PropertyType::MultipleString,
            PropertyType::MultipleString => PropertyType::MultipleString8,
            _ => return None,
        };
        find(tag.with_type(alt).to_u32())
    })
}

/// Every tagged property with exactly this tag. Tags are shared in the
/// message-class-defined ranges (0x6800-0x7BFF: PidTagFreeBusyPublishEnd and
/// PidTagOfflineAddressBookTruncatedProperties are both 0x68480003, say).
pub fn all_by_tag(tag: PropertyTag) -> impl Iterator<Item = &'static PropertyDef> {
    let t = tag.to_u32();
    let start = generated::BY_TAG.partition_point(|&(k, _)| k < t);
    generated::BY_TAG
        .iter()
        .skip(start)
        .take_while(move |&&(k, _)| k == t)
        .filter_map(|&(_, d)| def_at(d))
}

/// Every tagged property with this property ID, whatever its type.
pub fn by_id(id: u16) -> impl Iterator<Item = &'static PropertyDef> {
    let lo = u32::from(id) << 16;
    let start = generated::BY_TAG.partition_point(|&(k, _)| k < lo);
    generated::BY_TAG
        .iter()
        .skip(start)
        .take_while(move |&&(k, _)| k >> 16 == u32::from(id))
        .filter_map(|&(_, d)| def_at(d))
}

/// The PidLid property with this property set and LID.
pub fn by_lid(set: Guid, lid: u32) -> Option<&'static PropertyDef> {
    let key = (set.to_u128(), lid);
    generated::BY_LID
        .binary_search_by_key(&key, |&(g, l, _)| (g, l))
        .ok()
        .and_then(|i| generated::BY_LID.get(i))
        .and_then(|&(_, _, d)| def_at(d))
}

/// The PidName property with this property set and name (case-insensitive,
/// as MAPI compares names). Where the spec gives two properties the same
/// name (`urn:schemas:calendar:locationurl`), the first in spec order.
pub fn by_set_name(set: Guid, name: &str) -> Option<&'static PropertyDef> {
    let g = set.to_u128();
    let lower = name.to_lowercase();
    let start =
        generated::BY_SET_NAME.partition_point(|&(k, n, _)| (k, n.as_str()) < (g, lower.as_str()));
    generated::BY_SET_NAME
        .get(start)
        .filter(|&&(k, n, _)| k == g && n.as_str() == lower)
        .and_then(|&(_, _, d)| def_at(d))
}

/// The named property for an [MS-OXCDATA] 2.6.1 PropertyName.
pub fn by_property_name(name: &PropertyName) -> Option<&'static PropertyDef> {
    match &name.id {
        NameId::Lid(l) => by_lid(name.guid, *l),
        NameId::Name(n) => by_set_name(name.guid, n.as_str()),
    }
}

/// The property with this canonical name or alternate name
/// (`PidTagSubject`, `PR_SUBJECT`, `PR_SUBJECT_W`, `ptagSubject`,
/// `dispidApptStartWhole`, `urn:schemas:httpmail:subject`, ...),
/// case-insensitively. Where an alternate name belongs to several entries,
/// the first in spec order.
pub fn by_name(name: &str) -> Option<&'static PropertyDef> {
    let lower = name.to_lowercase();
    let start = generated::BY_ANY_NAME.partition_point(|&(n, _)| n.as_str() < lower.as_str());
    generated::BY_ANY_NAME
        .get(start)
        .filter(|&&(n, _)| n.as_str() == lower)
        .and_then(|&(_, d)| def_at(d))
}

/// Every property whose canonical or alternate name matches `name`
/// case-insensitively.
pub fn all_by_name(name: &str) -> impl Iterator<Item = &'static PropertyDef> {
    let lower = name.to_lowercase();
    let start = generated::BY_ANY_NAME.partition_point(|&(n, _)| n.as_str() < lower.as_str());
    generated::BY_ANY_NAME
        .iter()
        .skip(start)
        .take_while(move |&&(n, _)| n.as_str() == lower)
        .filter_map(|&(_, d)| def_at(d))
}

/// The GUID of a property set by its name (`PSETID_Appointment`).
pub fn set_by_name(name: &str) -> Option<Guid> {
    sets::ALL
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, g)| g)
}

/// The name of a property set by its GUID.
pub fn set_name(guid: Guid) -> Option<&'static str> {
    sets::ALL.iter().find(|&&(_, g)| g == guid).map(|&(n, _)| n)
}

/// A printable name for a property tag: the canonical name when the
/// registry knows the tag, else its hex form.
pub fn describe_tag(tag: PropertyTag) -> String {
    match by_tag(tag) {
        Some(d) => d.canonical_name.to_string(),
        None => tag.to_string(),
    }
}
