//! [MS-ASWBXML] 2.1.2.1 Code Pages: the tag tables of every ActiveSync code
//! page, with each page's XML namespace.
//!
//! The tables are generated (`gen/gen_codepages.py`) from one source,
//! `shared/data/aswbxml-codepages.tsv`, corrected by
//! `shared/data/aswbxml-codepages-crosscheck.md` (Microsoft's requirement
//! table for the spec): a tag's [`TagDef::name`] is the spec's name; the
//! names libwbxml uses where they differ (`Recurrence_Type`, `HomeCity`,
//! `MIME`, ...) are [`TagDef::aliases`], accepted on input; tokens the spec
//! no longer defines carry [`TagFlags::NOT_IN_CURRENT_SPEC`].
//!
//! ```
//! use ms_aswbxml::codepages;
//! let page = codepages::page(4).unwrap();
//! assert_eq!((page.name, page.namespace), ("Calendar", "Calendar"));
//! let tag = codepages::tag(4, 0x1C).unwrap();
//! assert_eq!(tag.name, "Type");
//! assert_eq!(tag.aliases, ["Recurrence_Type"]);
//! assert_eq!(codepages::token_by_name(4, "Recurrence_Type"), Some(0x1C));
//! assert_eq!(codepages::page_by_namespace("POOMCAL:"), Some(4));
//! ```

#[rustfmt::skip]
#[path = "codepages_generated.rs"]
mod generated;

/// Flags of a [`TagDef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagFlags(pub u8);

impl TagFlags {
    /// No flag.
    pub const NONE: TagFlags = TagFlags(0);
    /// The token appears in older versions of [MS-ASWBXML] but not in the
    /// current one (kept so that old devices' traffic decodes).
    pub const NOT_IN_CURRENT_SPEC: TagFlags = TagFlags(1);
    /// The token is in the shared table but absent from Microsoft's
    /// requirement table for the spec, and not marked as removed: not
    /// confirmed against the current spec.
    pub const UNVERIFIED: TagFlags = TagFlags(2);
    /// The token was missing from the original table and was filled from
    /// Microsoft's requirement table.
    pub const FILLED: TagFlags = TagFlags(4);
    /// The element's content is binary, written as WBXML `OPAQUE` (base64 in
    /// XML) by default — the elements libwbxml encodes that way.
    pub const OPAQUE: TagFlags = TagFlags(8);

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: TagFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// [MS-ASWBXML] 2.1.2.1.x — one tag of one code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagDef {
    /// The code page number (0..=25).
    pub page: u8,
    /// The tag token (0x05..=0x3F; bits 6 and 7 of the wire byte are the
    /// content and attribute flags, not part of the token).
    pub token: u8,
    /// The spec's name.
    pub name: &'static str,
    /// Other spellings accepted on input (libwbxml's names, a second name
    /// an older spec version gave the same token).
    pub aliases: &'static [&'static str],
    /// The name the peers' canonical text form uses (libwbxml's spelling
    /// where the shared table has it; see [`crate::canonical`]).
    pub canonical: &'static str,
    /// Flags.
    pub flags: TagFlags,
}

impl TagDef {
    /// Whether the element's content is opaque (binary) by default.
    pub const fn is_opaque(&self) -> bool {
        self.flags.contains(TagFlags::OPAQUE)
    }

    /// Whether the current spec still defines the token.
    pub const fn in_current_spec(&self) -> bool {
        !self.flags.contains(TagFlags::NOT_IN_CURRENT_SPEC)
    }
}

/// [MS-ASWBXML] 2.1.2.1 — one code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodePage {
    /// The code page number.
    pub number: u8,
    /// The spec's name of the page (`AirSync`, `GAL`, ...).
    pub name: &'static str,
    /// The XML namespace of the page's elements (`AirSync`, `Gal`, ...).
    pub namespace: &'static str,
    tags_start: u16,
    tags_end: u16,
}

impl CodePage {
    /// The page's tags, sorted by token.
    pub fn tags(&self) -> &'static [TagDef] {
        generated::TAGS
            .get(usize::from(self.tags_start)..usize::from(self.tags_end))
            .unwrap_or_default()
    }
}

/// Every code page, by number.
pub fn pages() -> &'static [CodePage] {
    &generated::PAGES
}

/// The code page `number`, if ActiveSync defines it.
pub fn page(number: u8) -> Option<&'static CodePage> {
    generated::PAGES.get(usize::from(number))
}

/// Every tag of every page, sorted by (page, token).
pub fn all_tags() -> &'static [TagDef] {
    &generated::TAGS
}

/// The tag with `token` (6 bits; flag bits are ignored) on page `page`.
#[inline]
pub fn tag(page: u8, token: u8) -> Option<&'static TagDef> {
    let row = generated::TAG_INDEX.get(usize::from(page))?;
    let i = *row.get(usize::from(token & 0x3F))?;
    generated::TAGS.get(usize::from(i))
}

/// The token of the tag named `name` (the spec name or an alias) on page
/// `page`.
#[inline]
pub fn token_by_name(page: u8, name: &str) -> Option<u8> {
    generated::token_by_name(page, name)
}

/// The code page whose XML namespace is `ns`. Accepts the spec's namespace
/// names (`AirSync`, `Gal`), libwbxml's form with a trailing colon
/// (`AirSync:`), any ASCII case, and the old `POOM*` names (`POOMCONTACTS`,
/// `POOMMAIL`, `POOMCAL`, `POOMTASKS`, `POOMCONTACTS2`, `POOMMAIL2`).
pub fn page_by_namespace(ns: &str) -> Option<u8> {
    let ns = ns.strip_suffix(':').unwrap_or(ns);
    if let Some(p) = generated::PAGES
        .iter()
        .find(|p| p.namespace == ns || p.namespace.eq_ignore_ascii_case(ns))
    {
        return Some(p.number);
    }
    const POOM: [(&str, u8); 6] = [
        ("POOMCONTACTS", 1),
        ("POOMMAIL", 2),
        ("POOMCAL", 4),
        ("POOMTASKS", 9),
        ("POOMCONTACTS2", 12),
        ("POOMMAIL2", 22),
    ];
    POOM.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(ns))
        .map(|&(_, p)| p)
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_tags_in_token_order() {
        assert_eq!(pages().len(), 26);
        for (i, p) in pages().iter().enumerate() {
            assert_eq!(usize::from(p.number), i);
            let tags = p.tags();
            assert!(!tags.is_empty(), "{}", p.name);
            assert!(tags.windows(2).all(|w| w[0].token < w[1].token));
            for t in tags {
                assert_eq!(t.page, p.number);
                assert_eq!(tag(p.number, t.token), Some(t));
                assert_eq!(token_by_name(p.number, t.name), Some(t.token));
                for a in t.aliases {
                    assert_eq!(token_by_name(p.number, a), Some(t.token), "{a}");
                }
            }
        }
    }

    #[test]
    fn spec_names_win_and_libwbxml_names_are_aliases() {
        let t = tag(1, 0x0D).unwrap();
        assert_eq!(t.name, "BusinessAddressCity");
        assert_eq!(t.canonical, "BusinessCity");
        assert_eq!(token_by_name(1, "BusinessCity"), Some(0x0D));
        assert_eq!(tag(18, 0x2B).unwrap().name, "RightsManagementInformation");
        let mime = tag(21, 0x10).unwrap();
        assert_eq!(mime.name, "Mime");
        assert!(mime.is_opaque());
        assert_eq!(token_by_name(21, "MIME"), Some(0x10));
    }

    #[test]
    fn filled_and_old_tokens_are_flagged() {
        assert!(tag(2, 0x19).unwrap().flags.contains(TagFlags::FILLED));
        assert!(!tag(3, 0x05).unwrap().in_current_spec());
        assert!(tag(13, 0x06).unwrap().flags.contains(TagFlags::UNVERIFIED));
        // Provision 0x10 has two names; the first is the name, the second an alias.
        let t = tag(14, 0x10).unwrap();
        assert_eq!(t.name, "DeviceEncryptionEnabled");
        assert_eq!(t.aliases, ["RequireStorageCardEncryption"]);
    }

    #[test]
    fn namespaces_resolve_in_every_spelling() {
        assert_eq!(page_by_namespace("AirSyncBase"), Some(17));
        assert_eq!(page_by_namespace("AirSyncBase:"), Some(17));
        assert_eq!(page_by_namespace("gal"), Some(16));
        assert_eq!(page_by_namespace("POOMMAIL:"), Some(2));
        assert_eq!(page_by_namespace("Nope"), None);
        assert_eq!(page(16).unwrap().name, "GAL");
        assert!(tag(26, 5).is_none() && tag(0, 0).is_none());
    }
}
