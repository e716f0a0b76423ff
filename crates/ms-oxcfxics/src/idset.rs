//! [MS-OXCFXICS] 2.2.2.4 IDSET and CNSET structures, in the REPLID-based
//! (2.2.2.4.1) and REPLGUID-based (2.2.2.4.2) forms, with set operations.

use std::cmp::Ordering;
use std::fmt;

use ms_dtyp::Guid;
use ms_oxcdata::{FolderId, GlobalCounter, MessageId};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result};

use crate::globset::GlobSet;
use crate::ids::Cn;
use crate::xid::guid_wire_cmp;

mod sealed {
    pub trait Sealed {}
    impl Sealed for u16 {}
    impl Sealed for ms_dtyp::Guid {}
}

/// What names the replica of each IDSET entry: a REPLID (`u16`, the
/// 2.2.2.4.1 form) or a REPLGUID ([`Guid`], the 2.2.2.4.2 form). Nothing in
/// a serialized IDSET says which form it is in; the property that carries
/// it does ([MS-OXCFXICS] 3.1.5.4.2).
pub trait Replica: Copy + Eq + fmt::Debug + sealed::Sealed {
    /// The field's name in the spec (`REPLID`, `REPLGUID`).
    const NAME: &'static str;
    /// Bytes on the wire.
    const SIZE: usize;
    /// Reads one.
    fn read(r: &mut Reader<'_>) -> Result<Self>;
    /// Writes one.
    fn write<B: BufMut>(&self, buf: &mut B);
    /// The serialization order: REPLIDs lowest to highest (2.2.2.4.1),
    /// REPLGUIDs byte by byte (2.2.2.4.2).
    fn wire_cmp(&self, other: &Self) -> Ordering;
}

impl Replica for u16 {
    const NAME: &'static str = "REPLID";
    const SIZE: usize = 2;
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.u16()
    }
    fn write<B: BufMut>(&self, buf: &mut B) {
        buf.put_u16_le(*self);
    }
    fn wire_cmp(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

impl Replica for Guid {
    const NAME: &'static str = "REPLGUID";
    const SIZE: usize = 16;
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.decode()
    }
    fn write<B: BufMut>(&self, buf: &mut B) {
        buf.put_slice(&self.to_le_bytes());
    }
    fn wire_cmp(&self, other: &Self) -> Ordering {
        guid_wire_cmp(self, other)
    }
}

/// An 8-byte short-term ID made of a REPLID and a GLOBCNT: Folder ID,
/// Message ID ([MS-OXCDATA] 2.2.1.1-2) and CN (2.2.2.1).
pub trait ShortTermId {
    /// The REPLID.
    fn replica_id(&self) -> u16;
    /// The GLOBCNT.
    fn global_counter(&self) -> GlobalCounter;
}

macro_rules! short_term_id {
    ($($t:ty),*) => {$(
        impl ShortTermId for $t {
            fn replica_id(&self) -> u16 {
                self.replica_id
            }
            fn global_counter(&self) -> GlobalCounter {
                self.global_counter
            }
        }
    )*};
}

short_term_id!(FolderId, MessageId, Cn);

/// One REPLID/REPLGUID and GLOBSET pair of an [`IdSet`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IdSetEntry<R> {
    /// REPLID or REPLGUID.
    pub replica: R,
    /// GLOBSET: the GLOBCNTs of the IDs in this replica.
    pub globset: GlobSet,
}

/// [MS-OXCFXICS] 2.2.2.4 IDSET Structure (a CNSET when it holds CNs): a set
/// of IDs grouped by replica, each group a [`GlobSet`], serialized as
/// replica and GLOBSET pairs in replica order.
///
/// `IdSet<u16>` ([`IdSetReplId`]) is the REPLID-based form of 2.2.2.4.1
/// (MetaTagIdsetDeleted, MetaTagIdsetNoLongerInScope, MetaTagIdsetExpired,
/// MetaTagIdsetRead, MetaTagIdsetUnread); `IdSet<Guid>`
/// ([`IdSetReplGuid`]) is the REPLGUID-based form of 2.2.2.4.2 (the ICS
/// state: MetaTagIdsetGiven, MetaTagCnsetSeen, MetaTagCnsetSeenFAI,
/// MetaTagCnsetRead).
///
/// Decoding keeps the entries in the order read (entries out of order or
/// with a repeated replica are an error in strict mode and a defect in
/// lenient mode); the set operations return canonical sets (entries sorted,
/// one per replica, empty ones dropped, GLOBSETs encoded canonically).
///
/// ```
/// use ms_oxcdata::{GlobalCounter, MessageId};
/// use ms_oxcfxics::IdSetReplId;
/// use msox_codec::{Decode, Encode};
/// // [MS-OXCFXICS] 4.4: four Message IDs.
/// let mids = [(1, 5), (1, 6), (1, 0x10), (2, 9)]
///     .map(|(r, g)| MessageId::new(r, GlobalCounter::from_u64(g)));
/// let set = IdSetReplId::from_ids(&mids);
/// let bytes = set.to_vec()?;
/// assert_eq!(bytes, [
///     0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x52, 0x05, 0x06, 0x01, 0x10, 0x50, 0x00,
///     0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00,
/// ]);
/// let back = IdSetReplId::decode_exact(&bytes)?;
/// assert!(back.contains_id(&mids[2]));
/// assert_eq!(back.len(), 4);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IdSet<R> {
    entries: Vec<IdSetEntry<R>>,
}

/// The REPLID-based IDSET ([MS-OXCFXICS] 2.2.2.4.1).
pub type IdSetReplId = IdSet<u16>;
/// The REPLGUID-based IDSET ([MS-OXCFXICS] 2.2.2.4.2).
pub type IdSetReplGuid = IdSet<Guid>;
/// A CNSET in the REPLGUID-based form, as ICS state carries it
/// (MetaTagCnsetSeen, MetaTagCnsetSeenFAI, MetaTagCnsetRead).
pub type CnSet = IdSet<Guid>;

impl<R> Default for IdSet<R> {
    fn default() -> Self {
        IdSet {
            entries: Vec::new(),
        }
    }
}

impl<R: Replica> fmt::Debug for IdSet<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for e in &self.entries {
            m.entry(&e.replica, &e.globset);
        }
        m.finish()
    }
}

impl<R: Replica> IdSet<R> {
    /// The empty set.
    pub fn new() -> Self {
        IdSet {
            entries: Vec::new(),
        }
    }

    /// A canonical set from entries in any order (entries of one replica
    /// are united; empty ones dropped).
    pub fn from_entries(entries: impl IntoIterator<Item = IdSetEntry<R>>) -> Self {
        let mut v: Vec<IdSetEntry<R>> = entries.into_iter().collect();
        v.sort_by(|a, b| a.replica.wire_cmp(&b.replica));
        let mut out: Vec<IdSetEntry<R>> = Vec::with_capacity(v.len());
        for e in v {
            match out.last_mut() {
                Some(last) if last.replica == e.replica => {
                    last.globset = last.globset.union(&e.globset);
                }
                _ => out.push(IdSetEntry {
                    replica: e.replica,
                    globset: e.globset.into_canonical(),
                }),
            }
        }
        out.retain(|e| !e.globset.is_empty());
        IdSet { entries: out }
    }

    /// The entries, in serialization order (as read, for a decoded value).
    pub fn entries(&self) -> &[IdSetEntry<R>] {
        &self.entries
    }

    /// The GLOBSET of a replica.
    pub fn globset(&self, replica: &R) -> Option<&GlobSet> {
        self.entries
            .iter()
            .find(|e| &e.replica == replica)
            .map(|e| &e.globset)
    }

    /// Whether the ID made of `replica` and GLOBCNT `globcnt` is in the set.
    pub fn contains(&self, replica: &R, globcnt: u64) -> bool {
        self.entries
            .iter()
            .any(|e| &e.replica == replica && e.globset.contains(globcnt))
    }

    /// Adds the ID made of `replica` and `globcnt` (an error above 48 bits).
    pub fn insert(&mut self, replica: R, globcnt: u64) -> Result<()> {
        self.insert_range(replica, globcnt, globcnt)
    }

    /// Adds the IDs `low..=high` of a replica.
    pub fn insert_range(&mut self, replica: R, low: u64, high: u64) -> Result<()> {
        let mut g = GlobSet::new();
        g.insert_range(low, high)?;
        // In place when the set is canonical (entries by replica, none
        // empty): what the union below gives, without copying the set, so
        // building a set of n ranges costs O(n log n), not O(n^2).
        let canonical = self
            .entries
            .iter()
            .zip(self.entries.iter().skip(1))
            .all(|(a, b)| a.replica.wire_cmp(&b.replica) == Ordering::Less)
            && self.entries.iter().all(|e| !e.globset.is_empty());
        if canonical {
            match self
                .entries
                .binary_search_by(|e| e.replica.wire_cmp(&replica))
            {
                Ok(i) => {
                    if let Some(e) = self.entries.get_mut(i) {
                        e.globset.insert_range(low, high)?;
                    }
                }
                Err(i) => self.entries.insert(
                    i,
                    IdSetEntry {
                        replica,
                        globset: g,
                    },
                ),
            }
            for e in &mut self.entries {
                e.globset = std::mem::take(&mut e.globset).into_canonical();
            }
            return Ok(());
        }
        *self = self.union(&IdSet {
            entries: vec![IdSetEntry {
                replica,
                globset: g,
            }],
        });
        Ok(())
    }

    /// Number of IDs.
    pub fn len(&self) -> u64 {
        self.entries.iter().map(|e| e.globset.len()).sum()
    }

    /// Whether the set has no ID.
    pub fn is_empty(&self) -> bool {
        self.entries.iter().all(|e| e.globset.is_empty())
    }

    /// Every ID as (replica, GLOBCNT), in serialization order.
    pub fn iter(&self) -> impl Iterator<Item = (R, u64)> + '_ {
        self.entries
            .iter()
            .flat_map(|e| e.globset.iter().map(move |g| (e.replica, g)))
    }

    fn is_sorted_unique(&self) -> bool {
        self.entries
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.replica.wire_cmp(&b.replica) == Ordering::Less))
    }

    fn canonical(&self) -> std::borrow::Cow<'_, [IdSetEntry<R>]> {
        if self.is_sorted_unique() {
            std::borrow::Cow::Borrowed(&self.entries)
        } else {
            std::borrow::Cow::Owned(IdSet::from_entries(self.entries.iter().cloned()).entries)
        }
    }

    /// Merges entry lists sorted by replica, combining the GLOBSETs of a
    /// replica present in both with `both`, and keeping one-sided entries
    /// as `left` / `right` say.
    fn merge(
        &self,
        other: &IdSet<R>,
        keep_left: bool,
        keep_right: bool,
        both: impl Fn(&GlobSet, &GlobSet) -> GlobSet,
    ) -> IdSet<R> {
        let a = self.canonical();
        let b = other.canonical();
        let mut out = Vec::with_capacity(a.len().max(b.len()));
        let (mut i, mut j) = (0, 0);
        loop {
            match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => match x.replica.wire_cmp(&y.replica) {
                    Ordering::Less => {
                        if keep_left {
                            out.push(x.clone());
                        }
                        i += 1;
                    }
                    Ordering::Greater => {
                        if keep_right {
                            out.push(y.clone());
                        }
                        j += 1;
                    }
                    Ordering::Equal => {
                        out.push(IdSetEntry {
                            replica: x.replica,
                            globset: both(&x.globset, &y.globset),
                        });
                        i += 1;
                        j += 1;
                    }
                },
                (Some(x), None) => {
                    if keep_left {
                        out.push(x.clone());
                    }
                    i += 1;
                }
                (None, Some(y)) => {
                    if keep_right {
                        out.push(y.clone());
                    }
                    j += 1;
                }
                (None, None) => break,
            }
        }
        out.retain(|e| !e.globset.is_empty());
        for e in &mut out {
            e.globset = std::mem::take(&mut e.globset).into_canonical();
        }
        IdSet { entries: out }
    }

    /// The IDs in either set.
    pub fn union(&self, other: &IdSet<R>) -> IdSet<R> {
        self.merge(other, true, true, GlobSet::union)
    }

    /// The IDs in both sets.
    pub fn intersection(&self, other: &IdSet<R>) -> IdSet<R> {
        self.merge(other, false, false, GlobSet::intersection)
    }

    /// The IDs in `self` but not in `other`.
    pub fn difference(&self, other: &IdSet<R>) -> IdSet<R> {
        self.merge(other, true, false, GlobSet::difference)
    }

    /// Whether every ID of `other` is in `self`.
    pub fn is_superset(&self, other: &IdSet<R>) -> bool {
        other.difference(self).is_empty()
    }
}

impl IdSet<u16> {
    /// The set of Folder IDs, Message IDs or CNs.
    pub fn from_ids<'i, I: ShortTermId + 'i>(ids: impl IntoIterator<Item = &'i I>) -> Self {
        let mut by_replica: Vec<(u16, u64)> = ids
            .into_iter()
            .map(|i| (i.replica_id(), i.global_counter().to_u64()))
            .collect();
        by_replica.sort_unstable();
        let mut entries = Vec::new();
        let mut rest = by_replica.as_slice();
        while let Some(&(replica, _)) = rest.first() {
            let n = rest.partition_point(|x| x.0 == replica);
            let (group, tail) = rest.split_at(n);
            // GLOBCNT values come from 6 bytes, so they fit in 48 bits.
            let globset = GlobSet::from_values(group.iter().map(|x| x.1)).unwrap_or_default();
            entries.push(IdSetEntry { replica, globset });
            rest = tail;
        }
        IdSet { entries }
    }

    /// Whether a Folder ID, Message ID or CN is in the set.
    pub fn contains_id<I: ShortTermId>(&self, id: &I) -> bool {
        self.contains(&id.replica_id(), id.global_counter().to_u64())
    }

    /// Adds a Folder ID, Message ID or CN.
    pub fn insert_id<I: ShortTermId>(&mut self, id: &I) {
        // A GlobalCounter always fits in 48 bits.
        let _ = self.insert(id.replica_id(), id.global_counter().to_u64());
    }
}

impl<'a, R: Replica> Decode<'a> for IdSet<R> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("IDSET", |r| {
            r.set_variant(R::NAME);
            let mut entries: Vec<IdSetEntry<R>> = Vec::new();
            let mut i = 0usize;
            while !r.is_empty() {
                let at = r.pos();
                r.check_count(1, R::SIZE + 1, "IDSET entries")?;
                let entry = r.frame_indexed(R::NAME, i, |r| {
                    let replica = R::read(r)?;
                    let globset = GlobSet::read(r)?;
                    Ok(IdSetEntry { replica, globset })
                })?;
                if entries
                    .last()
                    .is_some_and(|p| p.replica.wire_cmp(&entry.replica) != Ordering::Less)
                {
                    r.defect_at(
                        ErrorKind::Malformed(
                            format!("IDSET entries are not in ascending {} order", R::NAME).into(),
                        ),
                        at,
                        "entries kept in the order read",
                    )?;
                }
                entries.push(entry);
                i += 1;
            }
            Ok(IdSet { entries })
        })
    }
}

impl<R: Replica> Encode for IdSet<R> {
    fn encoded_len(&self) -> usize {
        self.entries
            .iter()
            .map(|e| R::SIZE + e.globset.encoded_len())
            .sum()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        for e in &self.entries {
            e.replica.write(buf);
            e.globset.encode(buf)?;
        }
        Ok(())
    }
}
