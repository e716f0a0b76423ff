//! Attachment file names: MIME types by extension and back, and names safe
//! to create on any file system (for tools that save attachments).

use ms_oxcmsg::{AttachMethod, Attachment};

/// Extensions and their media types (the common ones; lower case).
const TYPES: &[(&str, &str)] = &[
    ("txt", "text/plain"),
    ("text", "text/plain"),
    ("log", "text/plain"),
    ("csv", "text/csv"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("css", "text/css"),
    ("xml", "text/xml"),
    ("rtf", "application/rtf"),
    ("ics", "text/calendar"),
    ("vcs", "text/x-vcalendar"),
    ("vcf", "text/x-vcard"),
    ("eml", "message/rfc822"),
    ("msg", "application/vnd.ms-outlook"),
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    ("dot", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("vsd", "application/vnd.visio"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("zip", "application/zip"),
    ("gz", "application/gzip"),
    ("tgz", "application/gzip"),
    ("tar", "application/x-tar"),
    ("7z", "application/x-7z-compressed"),
    ("rar", "application/vnd.rar"),
    ("cab", "application/vnd.ms-cab-compressed"),
    ("exe", "application/octet-stream"),
    ("dll", "application/octet-stream"),
    ("bin", "application/octet-stream"),
    ("dat", "application/octet-stream"),
    ("json", "application/json"),
    ("js", "text/javascript"),
    ("p7m", "application/pkcs7-mime"),
    ("p7s", "application/pkcs7-signature"),
    ("p7c", "application/pkcs7-mime"),
    ("cer", "application/pkix-cert"),
    ("crt", "application/x-x509-ca-cert"),
    ("asc", "application/pgp-signature"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("jpe", "image/jpeg"),
    ("bmp", "image/bmp"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("ico", "image/x-icon"),
    ("svg", "image/svg+xml"),
    ("webp", "image/webp"),
    ("emf", "image/x-emf"),
    ("wmf", "image/x-wmf"),
    ("mp3", "audio/mpeg"),
    ("wav", "audio/wav"),
    ("wma", "audio/x-ms-wma"),
    ("mp4", "video/mp4"),
    ("mpg", "video/mpeg"),
    ("mpeg", "video/mpeg"),
    ("mov", "video/quicktime"),
    ("avi", "video/x-msvideo"),
    ("wmv", "video/x-ms-wmv"),
];

/// The media type for a file name's extension (`None` when unknown).
///
/// ```
/// assert_eq!(ms_oxcmail::mime_type_for_file_name("Report.PDF"), Some("application/pdf"));
/// assert_eq!(ms_oxcmail::mime_type_for_file_name("noext"), None);
/// ```
pub fn mime_type_for_file_name(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}

/// The usual extension (without the dot) for a media type.
pub fn extension_for_mime_type(mime_type: &str) -> Option<&'static str> {
    let t = mime_type.trim().to_ascii_lowercase();
    TYPES.iter().find(|(_, m)| *m == t).map(|(e, _)| *e)
}

/// A file name safe to create in a directory on Windows, macOS and Linux:
/// the workspace's one rule, [`msox_codec::names::safe_file_name`] (the
/// last path component only, no control characters or `<>:"|?*`, no
/// leading or trailing dots and spaces, not a Windows device name, at most
/// 255 bytes with the extension kept; an empty result becomes `fallback`).
///
/// ```
/// use ms_oxcmail::safe_file_name;
/// assert_eq!(safe_file_name("../../etc/passwd", "attachment"), "passwd");
/// assert_eq!(safe_file_name("C:\\Users\\x\\report?.doc", "attachment"), "report_.doc");
/// assert_eq!(safe_file_name("CON.txt", "attachment"), "_CON.txt");
/// assert_eq!(safe_file_name(" .. ", "attachment"), "attachment");
/// ```
pub use msox_codec::names::safe_file_name;

/// The name to save an attachment under: PidTagAttachLongFilename, else
/// PidTagAttachFilename, else PidTagDisplayName (an embedded message's
/// subject for afEmbeddedMessage), with an extension from
/// PidTagAttachMimeTag when it has none, made safe by [`safe_file_name`];
/// `attachment-N` (N from 1) when nothing names it.
///
/// ```
/// use ms_oxcmsg::Attachment;
/// let a = Attachment::by_value("../q1 report.pdf", vec![1]);
/// assert_eq!(ms_oxcmail::attachment_file_name(&a, 0), "q1 report.pdf");
/// assert_eq!(ms_oxcmail::attachment_file_name(&Default::default(), 2), "attachment-3");
/// ```
pub fn attachment_file_name(attachment: &Attachment, index: usize) -> String {
    let fallback = format!("attachment-{}", index + 1);
    let mut name = attachment.file_name().unwrap_or_default();
    if name.trim().is_empty()
        && let Some(m) = attachment.embedded.as_deref()
    {
        name = m.subject().unwrap_or_default();
    }
    let embedded =
        attachment.method() == Some(AttachMethod::EmbeddedMessage) || attachment.embedded.is_some();
    let mut safe = safe_file_name(&name, &fallback);
    if !safe.contains('.') || safe == fallback {
        let ext = if embedded {
            Some("eml")
        } else {
            attachment
                .mime_type()
                .as_deref()
                .and_then(extension_for_mime_type)
        };
        if let Some(e) = ext {
            safe.push('.');
            safe.push_str(e);
        }
    }
    safe
}

/// Makes names unique in order (`a.txt`, `a (2).txt`, ...), comparing
/// case-insensitively as Windows and macOS file systems do
/// ([`msox_codec::names::unique_file_names`]).
///
/// ```
/// let n = ms_oxcmail::unique_file_names(vec!["a.txt".into(), "A.TXT".into(), "b".into()]);
/// assert_eq!(n, ["a.txt", "A (2).TXT", "b"]);
/// ```
pub use msox_codec::names::unique_file_names;
