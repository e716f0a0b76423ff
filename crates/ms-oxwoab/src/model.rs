//! [MS-OXWOAB] 2.2 the manifest's elements as Rust types.

use std::fmt;

use ms_dtyp::Guid;

/// An XML attribute this crate does not interpret, kept with its name
/// and (unescaped) value so it is written back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attribute {
    /// The attribute name as written (with any prefix).
    pub name: String,
    /// The value, unescaped.
    pub value: String,
}

impl Attribute {
    /// An attribute.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Attribute {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// [MS-OXWOAB] 2.2 OAB element: the root of the manifest, one [`Oal`]
/// per offline address list.
///
/// Attributes and child elements the spec does not define are kept
/// ([`Manifest::other_attributes`], [`Manifest::other_elements`]) and
/// written back after the known ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Manifest {
    /// The OAL elements, in document order.
    pub oals: Vec<Oal>,
    /// Attributes of the OAB element (the spec defines none).
    pub other_attributes: Vec<Attribute>,
    /// Child elements of OAB other than OAL, as their XML text.
    pub other_elements: Vec<String>,
}

impl Manifest {
    /// The OAL with this `id` (compared without case or braces).
    pub fn oal(&self, id: &str) -> Option<&Oal> {
        let want = id.trim_matches(|c| c == '{' || c == '}');
        self.oals.iter().find(|o| {
            o.id.trim_matches(|c| c == '{' || c == '}')
                .eq_ignore_ascii_case(want)
        })
    }

    /// The OAL with this display name (`\Global Address List`).
    pub fn oal_by_name(&self, name: &str) -> Option<&Oal> {
        self.oals.iter().find(|o| o.name == name)
    }
}

/// [MS-OXWOAB] 2.2 OAL element: one offline address list and the files
/// that make it up.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Oal {
    /// `id`: the address list's GUID as a string
    /// (`f867b9e0-d01e-43e3-8708-ba86a1c77dff`), kept as written.
    pub id: String,
    /// `dn`: the address list's distinguished name (`/` for the global
    /// address list).
    pub dn: String,
    /// `name`: the address list's display name (`\Global Address List`).
    pub name: String,
    /// The Full, Diff and Template elements, in document order.
    pub files: Vec<OabFile>,
    /// Attributes the spec does not define, in order.
    pub other_attributes: Vec<Attribute>,
    /// Child elements other than Full, Diff and Template, as their XML text.
    pub other_elements: Vec<String>,
}

impl Oal {
    /// `id` as a [`Guid`], when it is one.
    pub fn guid(&self) -> Option<Guid> {
        self.id.parse().ok()
    }

    /// The Full element (the full details file), the first one if several.
    pub fn full(&self) -> Option<&OabFile> {
        self.files.iter().find(|f| f.kind == FileKind::Full)
    }

    /// The Diff elements (differential patch files).
    pub fn diffs(&self) -> impl Iterator<Item = &OabFile> {
        self.files.iter().filter(|f| f.kind == FileKind::Diff)
    }

    /// The Template elements (display template files).
    pub fn templates(&self) -> impl Iterator<Item = &OabFile> {
        self.files.iter().filter(|f| f.kind == FileKind::Template)
    }

    /// The `seq` of the Full element: the address list's current
    /// sequence number.
    pub fn sequence(&self) -> Option<u32> {
        self.full().map(|f| f.seq)
    }

    /// The Diff elements a client at sequence `have` applies, in order, to
    /// reach [`Oal::sequence`]: `None` when some step is missing (download
    /// the full file instead).
    pub fn diff_chain(&self, have: u32) -> Option<Vec<&OabFile>> {
        let target = self.sequence()?;
        let mut chain = Vec::new();
        let mut at = have;
        while at < target {
            let next = at.checked_add(1)?;
            chain.push(self.diffs().find(|d| d.seq == next)?);
            at = next;
        }
        Some(chain)
    }
}

/// Which element an [`OabFile`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FileKind {
    /// [MS-OXWOAB] 2.2 Full element: the compressed full details file.
    Full,
    /// [MS-OXWOAB] 2.2 Diff element: a compressed differential patch file.
    Diff,
    /// [MS-OXWOAB] 2.2 Template element: a compressed display template file.
    Template,
}

impl FileKind {
    /// The element name.
    pub const fn element_name(self) -> &'static str {
        match self {
            FileKind::Full => "Full",
            FileKind::Diff => "Diff",
            FileKind::Template => "Template",
        }
    }

    /// The kind for an element name.
    pub fn from_element_name(name: &str) -> Option<Self> {
        match name {
            "Full" => Some(FileKind::Full),
            "Diff" => Some(FileKind::Diff),
            "Template" => Some(FileKind::Template),
            _ => None,
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.element_name())
    }
}

/// [MS-OXWOAB] 2.2 Full, Diff and Template elements: one downloadable
/// file of an address list; the element's text is its file name.
///
/// The numeric attributes are parsed and written in decimal; `SHA`,
/// `langid` and `type` are kept as written. Attributes the spec does not
/// define are kept in [`OabFile::other_attributes`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OabFile {
    /// Full, Diff or Template.
    pub kind: FileKind,
    /// `seq`: the sequence number of the address list this file belongs to.
    pub seq: u32,
    /// `ver`: the file's OAB format version (in the spec's example 32,
    /// 0x20, for details and patch files, and 7 for templates).
    pub ver: u32,
    /// `size`: the size of the (compressed) file in bytes.
    pub size: u64,
    /// `uncompressedsize`: its size once decompressed (for a Diff, the size
    /// of the full details file the patch produces).
    pub uncompressed_size: u64,
    /// `SHA`: the file's SHA-1 hash as 40 hex digits, as written.
    pub sha: String,
    /// `langid`: the template's language as 4 hex digits (`0409`), as written.
    pub langid: Option<String>,
    /// `type`: the template's client platform (`windows` or `mac`).
    pub template_type: Option<String>,
    /// The element's text: the file name (surrounding white space trimmed).
    pub file_name: String,
    /// Attributes the spec does not define, in order.
    pub other_attributes: Vec<Attribute>,
}

impl OabFile {
    /// A file entry with no template attributes.
    pub fn new(kind: FileKind, seq: u32, ver: u32, file_name: impl Into<String>) -> Self {
        OabFile {
            kind,
            seq,
            ver,
            size: 0,
            uncompressed_size: 0,
            sha: String::new(),
            langid: None,
            template_type: None,
            file_name: file_name.into(),
            other_attributes: Vec::new(),
        }
    }

    /// `langid` as an LCID.
    pub fn lcid(&self) -> Option<u16> {
        u16::from_str_radix(self.langid.as_deref()?, 16).ok()
    }

    /// `SHA` as 20 bytes, when it is 40 hex digits.
    pub fn sha1(&self) -> Option<[u8; 20]> {
        let s = self.sha.as_bytes();
        if s.len() != 40 {
            return None;
        }
        let mut out = [0u8; 20];
        for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
            let hex = std::str::from_utf8(pair).ok()?;
            *o = u8::from_str_radix(hex, 16).ok()?;
        }
        Some(out)
    }
}
