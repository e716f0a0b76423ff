//! Property bags: ordered properties keyed by tagged ID or by name.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use ms_oxcdata::{PropertyName, PropertyTag, PropertyType, PropertyValue};
use ms_oxprops::Named;
use msox_codec::Utf16String;

/// Which property: a tagged ID (below 0x8000, or an unmapped 0x8000+ ID a
/// file gave no name for), or a named property.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PropId {
    /// A property ID ([MS-OXCDATA] 2.9).
    Tag(u16),
    /// A named property ([MS-OXCDATA] 2.6.1).
    Named(PropertyName),
}

impl From<PropertyTag> for PropId {
    fn from(t: PropertyTag) -> Self {
        PropId::Tag(t.id)
    }
}

impl From<PropertyName> for PropId {
    fn from(n: PropertyName) -> Self {
        PropId::Named(n)
    }
}

/// One property in a bag.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Property {
    /// Which property.
    pub id: PropId,
    /// Its value; the property type is the value's.
    pub value: PropertyValue,
    /// For a named property: the 0x8000+ ID the source file mapped it to
    /// (kept so a writer can reuse it; `None` when built in memory).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub mapped_id: Option<u16>,
    /// Per-property flags where the format has them ([MS-OXMSG] 2.4.2.1:
    /// PROPATTR_MANDATORY 1, PROPATTR_READABLE 2, PROPATTR_WRITABLE 4).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub flags: Option<u32>,
}

impl Property {
    /// A property with no file-specific details.
    pub fn new(id: impl Into<PropId>, value: PropertyValue) -> Self {
        Property {
            id: id.into(),
            value,
            mapped_id: None,
            flags: None,
        }
    }

    /// The property type (the value's).
    pub fn prop_type(&self) -> PropertyType {
        self.value.prop_type()
    }

    /// The tag, for a tagged property (named ones use [`Property::mapped_id`]).
    pub fn tag(&self) -> Option<PropertyTag> {
        match self.id {
            PropId::Tag(id) => Some(PropertyTag::new(id, self.prop_type())),
            PropId::Named(_) => self
                .mapped_id
                .map(|id| PropertyTag::new(id, self.prop_type())),
        }
    }
}

/// An ordered set of properties, at most one per [`PropId`] (readers of
/// files that repeat a property keep the repeats with [`PropertyBag::push`]);
/// order is kept as read so writers can reproduce it.
///
/// Lookups and inserts by ID are O(1): the bag keeps an index from each ID
/// to its first position, so a message with hundreds of thousands of
/// properties costs what a small one costs per property.
#[derive(Debug, Clone, Default)]
pub struct PropertyBag {
    props: Vec<Property>,
    /// First position of each ID in `props`.
    index: Index,
}

/// The first position of each ID in a bag: tagged IDs in a map keyed by
/// the 16-bit ID itself (no key copies, no SipHash: the common case),
/// named properties in a map keyed by the name's hash (SipHash with random
/// keys, as names come from files), the position checked against the name
/// in the bag, so names are not stored twice. Two names with one hash (no
/// file can aim for that: the keys are random) are kept aside and searched
/// in order.
#[derive(Debug, Clone, Default)]
struct Index {
    tags: HashMap<u16, u32, BuildHasherDefault<TagHasher>>,
    named: HashMap<u64, u32, BuildHasherDefault<TagHasher>>,
    /// Keys the name hashes.
    keys: RandomState,
    /// First positions of names whose hash another name had first.
    collided: Vec<u32>,
}

/// The hash of a 16-bit property ID: the ID times an odd constant, so
/// distinct IDs never share the low bits hashbrown picks buckets with, and
/// the high bits it keeps as tags are mixed. A file can repeat an ID but
/// not make two IDs collide, so no input makes lookups slow. (Name hashes,
/// already SipHash, go through it too.)
#[derive(Debug, Clone, Copy, Default)]
struct TagHasher(u64);

impl Hasher for TagHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u16(&mut self, v: u16) {
        self.0 = u64::from(v);
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }

    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// Whether `p` is the named property `name`.
fn is_named(p: Option<&Property>, name: &PropertyName) -> bool {
    matches!(p.map(|p| &p.id), Some(PropId::Named(n)) if n == name)
}

impl Index {
    fn get(&self, props: &[Property], id: &PropId) -> Option<usize> {
        match id {
            PropId::Tag(t) => self.get_tag(*t),
            PropId::Named(n) => self.get_named(props, n),
        }
    }

    fn get_tag(&self, id: u16) -> Option<usize> {
        self.tags.get(&id).map(|&i| i as usize)
    }

    fn get_named(&self, props: &[Property], name: &PropertyName) -> Option<usize> {
        let i = *self.named.get(&self.keys.hash_one(name))? as usize;
        if is_named(props.get(i), name) {
            return Some(i);
        }
        self.collided
            .iter()
            .map(|&c| c as usize)
            .find(|&c| is_named(props.get(c), name))
    }

    /// Records position `i` for `id` unless the ID already has one
    /// (`props`: the bag's properties, before or after the one at `i`).
    fn first(&mut self, props: &[Property], id: &PropId, i: usize) {
        let i32 = u32::try_from(i).unwrap_or(u32::MAX);
        match id {
            PropId::Tag(t) => {
                self.tags.entry(*t).or_insert(i32);
            }
            PropId::Named(n) => {
                let h = self.keys.hash_one(n);
                match self.named.get(&h) {
                    None => {
                        self.named.insert(h, i32);
                    }
                    Some(&j) if j as usize == i || is_named(props.get(j as usize), n) => {}
                    Some(_) => {
                        if !self
                            .collided
                            .iter()
                            .any(|&c| is_named(props.get(c as usize), n))
                        {
                            self.collided.push(i32);
                        }
                    }
                }
            }
        }
    }

    fn clear(&mut self) {
        self.tags.clear();
        self.named.clear();
        self.collided.clear();
    }
}

impl PartialEq for PropertyBag {
    fn eq(&self, other: &Self) -> bool {
        self.props == other.props
    }
}

/// A property of a bag, with its ID read-only (the bag indexes by it).
#[derive(Debug)]
pub struct PropertyMut<'a> {
    /// Which property.
    pub id: &'a PropId,
    /// Its value.
    pub value: &'a mut PropertyValue,
    /// See [`Property::mapped_id`].
    pub mapped_id: &'a mut Option<u16>,
    /// See [`Property::flags`].
    pub flags: &'a mut Option<u32>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for PropertyBag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.props.serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PropertyBag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Property>::deserialize(d).map(|v| v.into_iter().collect())
    }
}

impl PropertyBag {
    /// An empty bag.
    pub fn new() -> Self {
        PropertyBag::default()
    }

    /// An empty bag with room for `n` properties (a reader that knows how
    /// many entries its input holds, so a large bag is not grown by
    /// doubling, which can leave half of it unused).
    ///
    /// ```
    /// let bag = ms_oxcmsg::PropertyBag::with_capacity(16);
    /// assert!(bag.is_empty());
    /// ```
    pub fn with_capacity(n: usize) -> Self {
        PropertyBag {
            props: Vec::with_capacity(n),
            index: Index::default(),
        }
    }

    /// Keeps the first `len` properties (a reader that added some and then
    /// failed puts the bag back as it was).
    pub fn truncate(&mut self, len: usize) {
        if len < self.props.len() {
            self.props.truncate(len);
            self.reindex();
        }
    }

    /// Number of properties.
    pub fn len(&self) -> usize {
        self.props.len()
    }

    /// Whether the bag is empty.
    pub fn is_empty(&self) -> bool {
        self.props.is_empty()
    }

    /// The properties in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Property> {
        self.props.iter()
    }

    /// The properties in order, with mutable values (IDs stay as they are).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = PropertyMut<'_>> {
        self.props.iter_mut().map(|p| PropertyMut {
            id: &p.id,
            value: &mut p.value,
            mapped_id: &mut p.mapped_id,
            flags: &mut p.flags,
        })
    }

    /// The property with this ID (the first, where a file repeated it).
    pub fn find(&self, id: &PropId) -> Option<&Property> {
        self.index
            .get(&self.props, id)
            .and_then(|i| self.props.get(i))
    }

    /// The value of the tagged property with this tag's ID. The type is
    /// not compared, except that a string tag matches either string width.
    pub fn get(&self, tag: PropertyTag) -> Option<&PropertyValue> {
        self.find(&PropId::Tag(tag.id))
            .filter(|p| types_compatible(p.prop_type(), tag.prop_type))
            .map(|p| &p.value)
    }

    /// The value of the tagged property with this tag's ID, to change in
    /// place (types compared as by [`PropertyBag::get`]).
    pub fn get_mut(&mut self, tag: PropertyTag) -> Option<&mut PropertyValue> {
        let i = self.index.get_tag(tag.id)?;
        self.props
            .get_mut(i)
            .filter(|p| types_compatible(p.prop_type(), tag.prop_type))
            .map(|p| &mut p.value)
    }

    /// The value of a named property (a string name matches whatever case
    /// the file used, as MAPI names match).
    pub fn get_named(&self, named: &Named) -> Option<&PropertyValue> {
        let name = named.property_name();
        if let Some(p) = self.find(&PropId::Named(name.clone())) {
            return Some(&p.value);
        }
        if matches!(name.id, ms_oxcdata::NameId::Lid(_)) {
            return None;
        }
        self.props
            .iter()
            .find(|p| match &p.id {
                PropId::Named(n) => named.matches(n),
                PropId::Tag(_) => false,
            })
            .map(|p| &p.value)
    }

    /// The value of the property with this ID.
    pub fn get_id(&self, id: &PropId) -> Option<&PropertyValue> {
        self.find(id).map(|p| &p.value)
    }

    /// The text of a string property (PtypString or PtypString8).
    pub fn get_str(&self, tag: PropertyTag) -> Option<String> {
        self.get(tag)
            .and_then(|v| v.as_text())
            .map(|c| c.into_owned())
    }

    /// The bytes of a binary property.
    pub fn get_binary(&self, tag: PropertyTag) -> Option<&[u8]> {
        self.get(tag).and_then(PropertyValue::as_binary)
    }

    /// An integer property (16/32/64-bit, boolean as 0/1).
    pub fn get_i64(&self, tag: PropertyTag) -> Option<i64> {
        self.get(tag).and_then(PropertyValue::as_i64)
    }

    /// Adds a property, or replaces the value of the one with the same ID
    /// (keeping its position and file details).
    pub fn insert(&mut self, prop: Property) {
        match self
            .index
            .get(&self.props, &prop.id)
            .and_then(|i| self.props.get_mut(i))
        {
            Some(p) => p.value = prop.value,
            None => self.push(prop),
        }
    }

    /// Adds a property even when one with the same ID exists (readers of
    /// files that repeat a property use this, so nothing is lost).
    pub fn push(&mut self, prop: Property) {
        self.index.first(&self.props, &prop.id, self.props.len());
        self.props.push(prop);
    }

    /// Sets a tagged property.
    pub fn set(&mut self, tag: PropertyTag, value: PropertyValue) {
        self.insert(Property::new(PropId::Tag(tag.id), value));
    }

    /// Sets a named property.
    pub fn set_named(&mut self, named: &Named, value: PropertyValue) {
        let name = named.property_name();
        let exact = self.index.get_named(&self.props, &name);
        let is_lid = matches!(name.id, ms_oxcdata::NameId::Lid(_));
        let at = exact.or_else(|| {
            if is_lid {
                return None;
            }
            self.props.iter().position(|p| match &p.id {
                PropId::Named(n) => named.matches(n),
                PropId::Tag(_) => false,
            })
        });
        match at.and_then(|i| self.props.get_mut(i)) {
            Some(p) => p.value = value,
            None => self.push(Property::new(PropId::Named(name), value)),
        }
    }

    /// Sets a PtypString property from text.
    pub fn set_str(&mut self, tag: PropertyTag, text: &str) {
        self.set(
            tag.with_type(PropertyType::String),
            PropertyValue::String(Utf16String::new(text)),
        );
    }

    /// Removes the property with this ID, returning it.
    pub fn remove(&mut self, id: &PropId) -> Option<Property> {
        let i = self.index.get(&self.props, id)?;
        let p = self.props.remove(i);
        self.reindex();
        Some(p)
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, p) in self.props.iter().enumerate() {
            self.index.first(&self.props, &p.id, i);
        }
    }

    /// Every named property in the bag.
    pub fn names(&self) -> impl Iterator<Item = &PropertyName> {
        self.props.iter().filter_map(|p| match &p.id {
            PropId::Named(n) => Some(n),
            PropId::Tag(_) => None,
        })
    }
}

impl<'a> IntoIterator for &'a PropertyBag {
    type Item = &'a Property;
    type IntoIter = std::slice::Iter<'a, Property>;
    fn into_iter(self) -> Self::IntoIter {
        self.props.iter()
    }
}

impl FromIterator<Property> for PropertyBag {
    fn from_iter<T: IntoIterator<Item = Property>>(iter: T) -> Self {
        let mut b = PropertyBag::new();
        for p in iter {
            b.push(p);
        }
        b
    }
}

fn types_compatible(have: PropertyType, want: PropertyType) -> bool {
    use PropertyType as T;
    have == want
        || want == T::Unspecified
        || matches!(
            (have, want),
            (T::String, T::String8)
                | (T::String8, T::String)
                | (T::MultipleString, T::MultipleString8)
                | (T::MultipleString8, T::MultipleString)
                | (T::Object, T::Binary)
                | (T::Binary, T::Object)
        )
}
