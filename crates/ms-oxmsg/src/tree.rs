//! The compound file read into memory as a tree, and written from one.

use std::io::Cursor;

use ms_dtyp::Guid;
use msox_codec::{Error, ErrorKind, Result};

/// A storage or stream of the compound file: ms-cfb's in-memory entry,
/// used directly (no conversion after reading).
pub(crate) use ms_cfb::{Entry as Node, EntryKind as NodeKind};

/// Constructors and lookups on [`Node`].
pub(crate) trait NodeExt<'a>: Sized {
    fn storage(name: impl Into<String>, clsid: Guid, children: Vec<Self>) -> Self;
    fn stream(name: impl Into<String>, data: Vec<u8>) -> Self;
    /// The child stream with this name (compound-file names compare
    /// case-insensitively).
    fn child_stream(&self, name: &str) -> Option<&[u8]>;
    fn child_storage(&self, name: &str) -> Option<&Self>;
}

impl<'a> NodeExt<'a> for Node<'a> {
    fn storage(name: impl Into<String>, clsid: Guid, children: Vec<Node<'a>>) -> Node<'a> {
        Node {
            name: name.into(),
            clsid,
            kind: NodeKind::Storage(children),
        }
    }

    fn stream(name: impl Into<String>, data: Vec<u8>) -> Node<'a> {
        Node {
            name: name.into(),
            clsid: Guid::NIL,
            kind: NodeKind::Stream(std::borrow::Cow::Owned(data)),
        }
    }

    fn child_stream(&self, name: &str) -> Option<&[u8]> {
        self.children().iter().find_map(|c| match &c.kind {
            NodeKind::Stream(d) if c.name.eq_ignore_ascii_case(name) => Some(&d[..]),
            _ => None,
        })
    }

    fn child_storage(&self, name: &str) -> Option<&Node<'a>> {
        self.children()
            .iter()
            .find(|c| matches!(c.kind, NodeKind::Storage(_)) && c.name.eq_ignore_ascii_case(name))
    }
}

fn cfb_error(what: &str, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Malformed(
        format!("compound file: {what}: {e}").into(),
    ))
    .context("CFB")
}

/// Writes a tree as a version 3 compound file (512-byte sectors, as Outlook
/// writes .msg files).
pub(crate) fn write_tree(root: &Node<'_>) -> Result<Vec<u8>> {
    let mut cf = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .map_err(|e| cfb_error("create", e))?;
    cf.set_storage_clsid("/", uuid::Uuid::from_u128(root.clsid.to_u128()))
        .map_err(|e| cfb_error("set CLSID", e))?;
    write_children(&mut cf, std::path::Path::new("/"), root.children())?;
    cf.flush().map_err(|e| cfb_error("flush", e))?;
    Ok(cf.into_inner().into_inner())
}

fn write_children(
    cf: &mut cfb::CompoundFile<Cursor<Vec<u8>>>,
    path: &std::path::Path,
    children: &[Node<'_>],
) -> Result<()> {
    use std::io::Write;
    for c in children {
        let p = path.join(&c.name);
        match &c.kind {
            NodeKind::Stream(d) => {
                let mut s = cf
                    .create_stream(&p)
                    .map_err(|e| cfb_error("create stream", e))?;
                s.write_all(d).map_err(|e| cfb_error("write stream", e))?;
            }
            NodeKind::Storage(k) => {
                cf.create_storage(&p)
                    .map_err(|e| cfb_error("create storage", e))?;
                if !c.clsid.is_nil() {
                    cf.set_storage_clsid(&p, uuid::Uuid::from_u128(c.clsid.to_u128()))
                        .map_err(|e| cfb_error("set CLSID", e))?;
                }
                write_children(cf, &p, k)?;
            }
        }
    }
    Ok(())
}
