//! File names of archive members made safe to create on disk.
//!
//! A cabinet stores its file names as bytes: UTF-8 when the file's
//! `attribs` has `0x80` ([MS-CAB] 2.3 `_A_NAME_IS_UTF`), else in a code
//! page the cabinet does not name (read here as ISO-8859-1, as cabextract
//! does), with `\` as the directory separator. [`decode_name`] gives the
//! text; [`safe_path`] a relative path that cannot leave the directory it
//! is extracted into; [`safe_name`] a single file name (the rule the
//! `msox` tool's TNEF and message extractors use, moved here so the
//! extractors share it).

/// The text of a stored name: UTF-8 (invalid sequences as U+FFFD) when
/// `utf8`, else ISO-8859-1 (every byte one character).
///
/// ```
/// use msox_cab::names::decode_name;
/// assert_eq!(decode_name(b"caf\xe9.txt", false), "café.txt");
/// assert_eq!(decode_name("café.txt".as_bytes(), true), "café.txt");
/// assert_eq!(decode_name(b"\xff.txt", true), "\u{FFFD}.txt");
/// ```
pub fn decode_name(name: &[u8], utf8: bool) -> String {
    if utf8 {
        String::from_utf8_lossy(name).into_owned()
    } else {
        name.iter().map(|&b| char::from(b)).collect()
    }
}

/// One path component made safe: control characters and `: * ? " < > |`
/// become `_`, surrounding white space and leading dots go (so no `.`,
/// `..` or hidden names); `None` if nothing is left.
fn clean_component(c: &str) -> Option<String> {
    let cleaned: String = c
        .chars()
        .map(|ch| {
            if ch.is_control() || matches!(ch, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                ch
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    (!cleaned.is_empty()).then(|| cleaned.to_string())
}

/// A file name safe to create inside a directory: the last component of
/// `name` (after any `/` or `\`), cleaned as [`safe_path`] cleans each
/// component; `fallback` when nothing is left.
///
/// ```
/// use msox_cab::names::safe_name;
/// assert_eq!(safe_name("..\\..\\windows\\win.ini", "file"), "win.ini");
/// assert_eq!(safe_name("report: Q1?.doc", "file"), "report_ Q1_.doc");
/// assert_eq!(safe_name("..", "attachment-1"), "attachment-1");
/// ```
pub fn safe_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    clean_component(base).unwrap_or_else(|| fallback.to_string())
}

/// A relative path safe to create under a directory: `name` split at `/`
/// and `\`, empty, `.` and `..` components dropped (so it is never
/// absolute and never climbs out), each component cleaned as in
/// [`safe_name`], joined with `/`; `fallback` when nothing is left.
///
/// ```
/// use msox_cab::names::safe_path;
/// assert_eq!(safe_path("\\absolute\\..\\..\\and\\relative\\path", "x"), "absolute/and/relative/path");
/// assert_eq!(safe_path("../../etc/passwd", "x"), "etc/passwd");
/// assert_eq!(safe_path("dir/sub\\file.txt", "x"), "dir/sub/file.txt");
/// assert_eq!(safe_path("///", "x"), "x");
/// ```
pub fn safe_path(name: &str, fallback: &str) -> String {
    let parts: Vec<String> = name
        .split(['/', '\\'])
        .filter_map(clean_component)
        .collect();
    if parts.is_empty() {
        fallback.to_string()
    } else {
        parts.join("/")
    }
}
