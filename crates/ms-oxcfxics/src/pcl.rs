//! [MS-OXCFXICS] 2.2.2.3 PredecessorChangeList, with the comparison and
//! merge rules of 3.1.5.6 (conflict detection and resolution).

use std::cmp::Ordering;

use ms_dtyp::Guid;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result};

use crate::xid::{Xid, guid_wire_cmp};

/// How two versions of one object relate, by their PCLs ([MS-OXCFXICS]
/// 3.1.5.6.1 Conflict Detection Algorithm), seen from version A being
/// synchronized into a replica that holds version B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PclRelation {
    /// PCL(A) includes PCL(B) and they differ: A is newer and replaces B
    /// (rule 1).
    Newer,
    /// PCL(B) includes or equals PCL(A): A is older (or the same) and is
    /// ignored; B stays (rule 2).
    OlderOrEqual,
    /// Neither includes the other: the versions conflict (rule 3).
    Conflict,
}

/// [MS-OXCFXICS] 2.2.2.3 PredecessorChangeList Structure: the set of XIDs
/// (one per namespace, the latest change seen from each replica) that
/// identifies a version of a messaging object, serialized as SizedXid
/// structures (2.2.2.3.1) sorted by NamespaceGuid byte by byte, without
/// padding. PidTagPredecessorChangeList (2.2.1.2.8) carries it.
///
/// Decoding keeps the entries as read. Input that breaks the rules (an
/// entry whose XidSize cannot hold an XID, entries out of order or with a
/// repeated NamespaceGuid) is an error in strict mode; lenient decoding
/// reports a defect, keeps the XIDs it can read, and keeps the original
/// bytes so the value is written back unchanged. Values built with
/// [`PredecessorChangeList::new`] or produced by
/// [`PredecessorChangeList::merge`] are canonical.
///
/// ```
/// use ms_oxcfxics::{LocalId, PclRelation, PredecessorChangeList, Xid};
/// use ms_dtyp::Guid;
/// let a = Guid::from_u128(0xA);
/// let b = Guid::from_u128(0xB);
/// let x = |g, n: u8| Xid::new(g, LocalId::new(&[0, 0, 0, n]).unwrap());
/// let server = PredecessorChangeList::new([x(a, 2), x(b, 1)]);
/// let client = PredecessorChangeList::new([x(a, 1), x(b, 2)]);
/// assert_eq!(server.relation(&client), PclRelation::Conflict);
/// let merged = server.merge(&client);
/// assert_eq!(merged.relation(&server), PclRelation::Newer);
/// assert_eq!(merged.relation(&client), PclRelation::Newer);
/// assert_eq!(client.relation(&merged), PclRelation::OlderOrEqual);
/// ```
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PredecessorChangeList {
    xids: Vec<Xid>,
    /// The bytes as read, when they are not what the XIDs would encode to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    original: Option<Box<[u8]>>,
}

impl PartialEq for PredecessorChangeList {
    fn eq(&self, other: &Self) -> bool {
        self.xids == other.xids && self.original == other.original
    }
}

impl Eq for PredecessorChangeList {}

impl PredecessorChangeList {
    /// A PCL of `xids` in canonical form: sorted by NamespaceGuid, one XID
    /// per namespace (the one with the greatest LocalId).
    pub fn new(xids: impl IntoIterator<Item = Xid>) -> Self {
        let mut v: Vec<Xid> = xids.into_iter().collect();
        v.sort_by(|a, b| {
            guid_wire_cmp(&a.namespace_guid, &b.namespace_guid)
                .then_with(|| b.local_id.cmp(&a.local_id))
        });
        v.dedup_by(|later, first| later.namespace_guid == first.namespace_guid);
        PredecessorChangeList {
            xids: v,
            original: None,
        }
    }

    /// The XIDs, in the order they are serialized (as read, for a decoded
    /// value).
    pub fn xids(&self) -> &[Xid] {
        &self.xids
    }

    /// Whether the PCL has no XID.
    pub fn is_empty(&self) -> bool {
        self.xids.is_empty()
    }

    /// The XID of a namespace (the greatest, if the input repeated it).
    pub fn get(&self, namespace_guid: &Guid) -> Option<&Xid> {
        self.xids
            .iter()
            .filter(|x| &x.namespace_guid == namespace_guid)
            .max_by(|a, b| a.local_id.cmp(&b.local_id))
    }

    /// Whether the value is written exactly as its XIDs encode (false for a
    /// lenient decode of input that broke the rules).
    pub fn is_canonical(&self) -> bool {
        self.original.is_none()
    }

    /// [MS-OXCFXICS] 3.1.5.6.1: "PCLA includes PCLB if and only if for every
    /// XID structure in PCLB there is an XID structure in PCLA that has a
    /// NamespaceGuid field with the same value, and the same or greater
    /// value for the LocalId field." (`self` is A.) LocalIds compare as
    /// unsigned big-endian numbers.
    pub fn includes(&self, other: &PredecessorChangeList) -> bool {
        other.xids.iter().all(|b| {
            self.get(&b.namespace_guid)
                .is_some_and(|a| a.local_id.to_u64() >= b.local_id.to_u64())
        })
    }

    /// Relation of version A (`self`) to version B (`other`) by the
    /// Conflict Detection Algorithm of 3.1.5.6.1.
    pub fn relation(&self, other: &PredecessorChangeList) -> PclRelation {
        if other.includes(self) {
            PclRelation::OlderOrEqual
        } else if self.includes(other) {
            PclRelation::Newer
        } else {
            PclRelation::Conflict
        }
    }

    /// [MS-OXCFXICS] 3.1.5.6.2: the merge of two PCLs, the PCL of a version
    /// that succeeds both: for every namespace in either, the greater
    /// LocalId. It satisfies X ⊆ A ∪ B, X ≥ A and X ≥ B.
    pub fn merge(&self, other: &PredecessorChangeList) -> PredecessorChangeList {
        PredecessorChangeList::new(self.xids.iter().chain(other.xids.iter()).copied())
    }

    /// Records a change: `xid` replaces the XID of its namespace when it is
    /// greater (or is added). The result is canonical.
    pub fn add_change(&mut self, xid: Xid) {
        *self = PredecessorChangeList::new(self.xids.iter().copied().chain([xid]));
    }

    fn canonical_len(&self) -> usize {
        self.xids.iter().map(|x| 1 + x.size()).sum()
    }
}

impl<'a> Decode<'a> for PredecessorChangeList {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PredecessorChangeList", |r| {
            let start = r.pos();
            let mut xids: Vec<Xid> = Vec::new();
            let mut broken = false;
            let mut i = 0usize;
            while !r.is_empty() {
                let at = r.pos();
                r.check_count(1, 1, "SizedXid count")?;
                let size = usize::from(r.u8()?);
                let unit = r.unit(size, "SizedXid kept as bytes", |r| {
                    r.frame_indexed("SizedXid", i, |r| Xid::read_sized(r, size))
                })?;
                match unit.value() {
                    Some(x) => {
                        if let Some(prev) = xids.last() {
                            let ord = guid_wire_cmp(&prev.namespace_guid, &x.namespace_guid);
                            if ord != Ordering::Less {
                                r.defect_at(
                                    ErrorKind::Malformed(
                                        "SizedXid entries are not sorted by NamespaceGuid with one per namespace"
                                            .into(),
                                    ),
                                    at,
                                    "entries kept in the order read",
                                )?;
                                broken = true;
                            }
                        }
                        xids.push(x);
                    }
                    None => broken = true,
                }
                i += 1;
            }
            let original = if broken {
                let bytes = r.since(start);
                r.reserve(bytes.len(), "PredecessorChangeList bytes")?;
                Some(bytes.into())
            } else {
                None
            };
            Ok(PredecessorChangeList { xids, original })
        })
    }
}

impl Encode for PredecessorChangeList {
    fn encoded_len(&self) -> usize {
        match &self.original {
            Some(b) => b.len(),
            None => self.canonical_len(),
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if let Some(b) = &self.original {
            buf.put_slice(b);
            return Ok(());
        }
        for x in &self.xids {
            crate::xid::SizedXid(*x).encode(buf)?;
        }
        Ok(())
    }
}
