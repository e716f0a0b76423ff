//! Mapping named properties to and from the 0x8000+ IDs a file uses.

use std::collections::HashMap;

use ms_oxcdata::PropertyName;

/// [MS-OXCDATA] 2.6 / [MS-OXMSG] 2.2.3: the named-property map of one file
/// or stream: 0x8000+ property IDs to property names and back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamedPropertyMap {
    by_id: HashMap<u16, PropertyName>,
    by_name: HashMap<PropertyName, u16>,
    order: Vec<u16>,
    /// No ID below this is free (a hint that keeps `assign` linear overall).
    next_free: u32,
}

/// The first ID of the named-property range.
pub const FIRST_NAMED_ID: u16 = 0x8000;

impl NamedPropertyMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `id` names `name` (a file's mapping). Returns `false`
    /// if `id` was already mapped (the first mapping is kept).
    pub fn insert(&mut self, id: u16, name: PropertyName) -> bool {
        if self.by_id.contains_key(&id) {
            return false;
        }
        self.by_name.entry(name.clone()).or_insert(id);
        self.by_id.insert(id, name);
        self.order.push(id);
        true
    }

    /// The name an ID stands for.
    pub fn name(&self, id: u16) -> Option<&PropertyName> {
        self.by_id.get(&id)
    }

    /// The ID a name is mapped to.
    pub fn id(&self, name: &PropertyName) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    /// The ID for `name`, assigning the next free 0x8000+ ID when it has
    /// none; `None` when the 0x8000-0xFFFE range is used up.
    pub fn assign(&mut self, name: &PropertyName) -> Option<u16> {
        if let Some(id) = self.id(name) {
            return Some(id);
        }
        let from = self.next_free.max(u32::from(FIRST_NAMED_ID));
        let next = (from..=0xFFFE)
            .filter_map(|i| u16::try_from(i).ok())
            .find(|i| !self.by_id.contains_key(i))?;
        self.next_free = u32::from(next) + 1;
        self.insert(next, name.clone());
        Some(next)
    }

    /// The mappings in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &PropertyName)> {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id).map(|n| (*id, n)))
    }

    /// Number of mappings.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}
