//! File names safe to create: the one rule every msox extractor uses
//! (attachments of TNEF, .msg and MIME messages, cabinet and CHM members).
//!
//! Names in these formats come from strangers. [`safe_file_name`] turns one
//! into a single file name that cannot leave the directory it is created
//! in and that Windows, macOS and Linux all accept; [`safe_path`] does the
//! same for a relative path (archive members with directories);
//! [`unique_file_names`] makes the names of one extraction distinct the way
//! case-insensitive file systems compare them.

/// Windows device names that cannot be file names, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Longest component, in bytes (the common file-system limit).
pub const MAX_NAME_BYTES: usize = 255;

/// One path component made safe, or `None` when nothing is left: control
/// characters and `< > : " | ? *` become `_`, leading and trailing dots and
/// white space go (so never `.`, `..`, a hidden name or a name Windows
/// trims), a Windows device name (`CON`, `com1.txt`) gets a leading `_`,
/// and a name longer than [`MAX_NAME_BYTES`] is cut keeping its extension.
pub fn safe_component(c: &str) -> Option<String> {
    let mapped: String = c
        .chars()
        .map(|ch| match ch {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' | '/' | '\\' => '_',
            ch if ch.is_control() => '_',
            ch => ch,
        })
        .collect();
    let mut s = mapped
        .trim_matches(|ch: char| ch == '.' || ch.is_whitespace())
        .to_string();
    if s.is_empty() {
        return None;
    }
    let stem = s.split('.').next().unwrap_or_default();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem.trim())) {
        s.insert(0, '_');
    }
    if s.len() > MAX_NAME_BYTES {
        let ext = s
            .rsplit_once('.')
            .map(|(_, e)| e)
            .filter(|e| !e.is_empty() && e.len() <= 16)
            .map(str::to_string);
        let keep = MAX_NAME_BYTES - ext.as_ref().map_or(0, |e| e.len() + 1);
        let mut cut = keep;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        if let Some(e) = ext {
            s.push('.');
            s.push_str(&e);
        }
    }
    Some(s)
}

/// A file name safe to create in a directory on Windows, macOS and Linux:
/// the last component of `name` (after any `/` or `\`), cleaned by
/// [`safe_component`]; `fallback` when nothing is left. Never `.`, `..`,
/// empty or a path.
///
/// ```
/// use msox_codec::names::safe_file_name;
/// assert_eq!(safe_file_name("../../etc/passwd", "attachment"), "passwd");
/// assert_eq!(safe_file_name("C:\\Users\\x\\report?.doc", "attachment"), "report_.doc");
/// assert_eq!(safe_file_name("CON.txt", "attachment"), "_CON.txt");
/// assert_eq!(safe_file_name(" .hidden ", "x"), "hidden");
/// assert_eq!(safe_file_name(" .. ", "attachment"), "attachment");
/// ```
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    safe_component(last).unwrap_or_else(|| fallback.to_string())
}

/// A relative path safe to create under a directory: `name` split at `/`
/// and `\`, empty, `.` and `..` components dropped (so it is never
/// absolute and never climbs out), each component cleaned by
/// [`safe_component`], joined with `/`; `fallback` when nothing is left.
///
/// ```
/// use msox_codec::names::safe_path;
/// assert_eq!(safe_path("\\absolute\\..\\..\\and\\relative\\path", "x"), "absolute/and/relative/path");
/// assert_eq!(safe_path("../../etc/passwd", "x"), "etc/passwd");
/// assert_eq!(safe_path("dir/sub\\aux.txt", "x"), "dir/sub/_aux.txt");
/// assert_eq!(safe_path("///", "x"), "x");
/// ```
pub fn safe_path(name: &str, fallback: &str) -> String {
    let parts: Vec<String> = name.split(['/', '\\']).filter_map(safe_component).collect();
    if parts.is_empty() {
        fallback.to_string()
    } else {
        parts.join("/")
    }
}

/// `name` with ` (n)` before its extension: `a.txt` -> `a (2).txt`,
/// `README` -> `README (2)`.
/// `dir/a.txt` -> `dir/a (2).txt` (the number goes into the last path
/// component).
pub fn numbered(name: &str, n: usize) -> String {
    let (dir, file) = match name.rfind('/') {
        Some(i) => name.split_at(i + 1),
        None => ("", name),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem} ({n}).{ext}"),
        _ => format!("{name} ({n})"),
    }
}

/// Makes names unique in order (`a.txt`, `a (2).txt`, ...), comparing
/// case-insensitively as Windows and macOS file systems do.
///
/// ```
/// let n = msox_codec::names::unique_file_names(vec!["a.txt".into(), "A.TXT".into(), "b".into()]);
/// assert_eq!(n, ["a.txt", "A (2).TXT", "b"]);
/// ```
pub fn unique_file_names(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let mut candidate = n.clone();
        let mut k = 2;
        while !seen.insert(candidate.to_lowercase()) {
            candidate = numbered(&n, k);
            k += 1;
        }
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_keep_their_extension() {
        let s = safe_file_name(&format!("{}.pdf", "é".repeat(300)), "x");
        assert!(s.len() <= MAX_NAME_BYTES);
        assert!(s.ends_with(".pdf"));
    }

    #[test]
    fn nothing_left_is_the_fallback() {
        for n in ["", ".", "..", "/", "\\..\\", "  ", " . . "] {
            assert_eq!(safe_file_name(n, "f"), "f", "{n:?}");
            assert_eq!(safe_path(n, "f"), "f", "{n:?}");
        }
    }

    #[test]
    fn unique_in_order() {
        let n = unique_file_names(vec!["a.txt".into(), "A.TXT".into(), "a.txt".into()]);
        assert_eq!(n, ["a.txt", "A (2).TXT", "a (3).txt"]);
        assert_eq!(numbered("noext", 2), "noext (2)");
        assert_eq!(numbered(".x", 2), ".x (2)");
        assert_eq!(numbered("d.x/file", 2), "d.x/file (2)");
        assert_eq!(numbered("d/a.txt", 3), "d/a (3).txt");
    }
}
