//! The compound file read into memory as a tree, and written from one.

use std::io::{Cursor, Read};

use ms_dtyp::Guid;
use msox_codec::{Error, ErrorKind, Limits, Result};

/// A storage or stream of the compound file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub name: String,
    pub clsid: Guid,
    pub kind: NodeKind,
}

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

    pub fn children(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Storage(c) => c,
            NodeKind::Stream(_) => &[],
        }
    }

    /// The child stream with this name (compound-file names compare
    /// case-insensitively).
    pub fn child_stream(&self, name: &str) -> Option<&[u8]> {
        self.children().iter().find_map(|c| match &c.kind {
            NodeKind::Stream(d) if c.name.eq_ignore_ascii_case(name) => Some(&d[..]),
            _ => None,
        })
    }

    pub fn child_storage(&self, name: &str) -> Option<&Node> {
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

/// Reads every storage and stream, with caps on depth, entry count and
/// total stream bytes.
pub(crate) fn read_tree(bytes: &[u8], limits: &Limits) -> Result<Node> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| cfb_error("open", e))?;
    let root = cf.root_entry();
    let clsid = Guid::from_u128(root.clsid().as_u128());
    let mut budget = Budget {
        bytes: limits
            .max_alloc
            .min(bytes.len().saturating_mul(2).max(1 << 20)),
        items: limits.max_items,
    };
    let children = read_storage(
        &mut cf,
        std::path::Path::new("/"),
        limits.max_depth,
        &mut budget,
    )?;
    Ok(Node::storage("Root Entry", clsid, children))
}

struct Budget {
    bytes: usize,
    items: usize,
}

fn read_storage(
    cf: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    path: &std::path::Path,
    depth: u32,
    budget: &mut Budget,
) -> Result<Vec<Node>> {
    if depth == 0 {
        return Err(Error::new(ErrorKind::LimitExceeded {
            what: "storage depth",
            value: u64::from(u32::MAX),
            max: 0,
        })
        .context("CFB"));
    }
    let entries: Vec<(String, std::path::PathBuf, bool, Guid, u64)> = cf
        .read_storage(path)
        .map_err(|e| cfb_error("read storage", e))?
        .map(|e| {
            (
                e.name().to_string(),
                e.path().to_path_buf(),
                e.is_stream(),
                Guid::from_u128(e.clsid().as_u128()),
                e.len(),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(entries.len().min(1024));
    for (name, p, is_stream, clsid, len) in entries {
        budget.items = budget.items.checked_sub(1).ok_or_else(|| {
            Error::new(ErrorKind::LimitExceeded {
                what: "compound file entries",
                value: 0,
                max: 0,
            })
            .context("CFB")
        })?;
        if is_stream {
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            if len > budget.bytes {
                return Err(Error::new(ErrorKind::LimitExceeded {
                    what: "stream bytes",
                    value: len as u64,
                    max: budget.bytes as u64,
                })
                .context("CFB"));
            }
            let mut data = Vec::with_capacity(len.min(1 << 24));
            let s = cf
                .open_stream(&p)
                .map_err(|e| cfb_error("open stream", e))?;
            s.take(len as u64)
                .read_to_end(&mut data)
                .map_err(|e| cfb_error("read stream", e))?;
            budget.bytes -= data.len().min(budget.bytes);
            out.push(Node {
                name,
                clsid,
                kind: NodeKind::Stream(data),
            });
        } else {
            let children = read_storage(cf, &p, depth - 1, budget)?;
            out.push(Node {
                name,
                clsid,
                kind: NodeKind::Storage(children),
            });
        }
    }
    Ok(out)
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
