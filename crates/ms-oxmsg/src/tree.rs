//! The compound file to write, as a tree (writing goes through the `cfb`
//! crate for now; reading is ms-cfb's [`ms_cfb::CompoundFile`]).

use std::io::Cursor;

use ms_dtyp::Guid;
use msox_codec::{Error, ErrorKind, Result};

/// A storage or stream to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub name: String,
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
    pub fn storage(name: impl Into<String>, clsid: Guid, children: Vec<Node>) -> Node {
        Node {
            name: name.into(),
            clsid,
            kind: NodeKind::Storage(children),
        }
    }

    pub fn stream(name: impl Into<String>, data: Vec<u8>) -> Node {
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

fn cfb_error(what: &str, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Malformed(
        format!("compound file: {what}: {e}").into(),
    ))
    .context("CFB")
}

/// Writes a tree as a version 3 compound file (512-byte sectors, as Outlook
/// writes .msg files).
pub(crate) fn write_tree(root: &Node) -> Result<Vec<u8>> {
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
    children: &[Node],
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
