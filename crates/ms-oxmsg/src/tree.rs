//! The compound file to write, as a tree (written by ms-cfb's writer;
//! reading is ms-cfb's [`ms_cfb::CompoundFile`]: one container model).

use ms_dtyp::Guid;
use msox_codec::{Result, Utf16String};

/// A storage or stream to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub name: Utf16String,
    pub clsid: Guid,
    pub kind: NodeKind,
}

/// What a [`Node`] is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeKind {
    Stream(Vec<u8>),
    Storage(Vec<Node>),
}

impl Node {
    pub fn storage(name: impl Into<Utf16String>, clsid: Guid, children: Vec<Node>) -> Node {
        Node {
            name: name.into(),
            clsid,
            kind: NodeKind::Storage(children),
        }
    }

    pub fn stream(name: impl Into<Utf16String>, data: Vec<u8>) -> Node {
        Node {
            name: name.into(),
            clsid: Guid::NIL,
            kind: NodeKind::Stream(data),
        }
    }

    fn children(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Storage(c) => c,
            NodeKind::Stream(_) => &[],
        }
    }
}

/// Writes a tree as a compound file through ms-cfb's writer (version 3,
/// 512-byte sectors, as Outlook writes .msg files; version 4 only when a
/// stream is too large for version 3). Deterministic: no timestamps.
pub(crate) fn write_tree(root: &Node) -> Result<Vec<u8>> {
    ms_cfb::write_file(&to_entry(root))
}

/// The node as ms-cfb's writer takes it.
pub(crate) fn to_entry(n: &Node) -> ms_cfb::Entry {
    match &n.kind {
        NodeKind::Stream(d) => ms_cfb::Entry::stream(n.name.clone(), d.clone()),
        NodeKind::Storage(_) => ms_cfb::Entry::storage(
            n.name.clone(),
            n.clsid,
            n.children().iter().map(to_entry).collect(),
        ),
    }
}
