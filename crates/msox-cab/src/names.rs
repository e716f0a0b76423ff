//! File names of archive members made safe to create on disk.
//!
//! A cabinet stores its file names as bytes: UTF-8 when the file's
//! `attribs` has `0x80` ([MS-CAB] 2.3 `_A_NAME_IS_UTF`), else in a code
//! page the cabinet does not name (read here as ISO-8859-1, as cabextract
//! does), with `\` as the directory separator. [`decode_name`] gives the
//! text; [`safe_path`] a relative path that cannot leave the directory it
//! is extracted into; [`safe_name`] a single file name (both are
//! the workspace's one rule, `msox_codec::names`).

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

/// A file name safe to create inside a directory: the workspace's one
/// rule, [`msox_codec::names::safe_file_name`] (the last component of
/// `name`, cleaned); `fallback` when nothing is left.
///
/// ```
/// use msox_cab::names::safe_name;
/// assert_eq!(safe_name("..\\..\\windows\\win.ini", "file"), "win.ini");
/// assert_eq!(safe_name("report: Q1?.doc", "file"), "report_ Q1_.doc");
/// assert_eq!(safe_name("..", "attachment-1"), "attachment-1");
/// ```
pub fn safe_name(name: &str, fallback: &str) -> String {
    msox_codec::names::safe_file_name(name, fallback)
}

/// A relative path safe to create under a directory:
/// [`msox_codec::names::safe_path`] (split at `/` and `\`, empty, `.` and
/// `..` components dropped, each component cleaned by the one rule, joined
/// with `/`); `fallback` when nothing is left.
///
/// ```
/// use msox_cab::names::safe_path;
/// assert_eq!(safe_path("\\absolute\\..\\..\\and\\relative\\path", "x"), "absolute/and/relative/path");
/// assert_eq!(safe_path("../../etc/passwd", "x"), "etc/passwd");
/// assert_eq!(safe_path("dir/sub\\file.txt", "x"), "dir/sub/file.txt");
/// assert_eq!(safe_path("///", "x"), "x");
/// ```
pub fn safe_path(name: &str, fallback: &str) -> String {
    msox_codec::names::safe_path(name, fallback)
}
