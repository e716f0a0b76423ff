//! [MS-OXBBODY] 2.1.3.1 Best Body Algorithm, and the bodies it leads to:
//! plain text, HTML (from PidTagHtml, or de-encapsulated from the RTF body
//! with `ms-oxrtfex`), or RTF.

use std::borrow::Cow;

use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Message, PropId};
use ms_oxprops::tags;
use msox_codec::{Decoded, Defect, Options, Result, Session};

use crate::mime::charset;

/// The body formats of [MS-OXBBODY] 2.1.3.1 (PidTagNativeBody values, with
/// 4 for a clear-signed body, [MS-OXCMSG] 2.2.1.58.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum BodyFormat {
    /// No body.
    Undefined,
    /// PidTagBody.
    Plain,
    /// PidTagRtfCompressed.
    Rtf,
    /// PidTagHtml.
    Html,
    /// A clear-signed body (PidTagNativeBody 4).
    ClearSigned,
}

fn has(m: &Message, tag: ms_oxcdata::PropertyTag) -> bool {
    m.properties
        .find(&PropId::Tag(tag.id))
        .is_some_and(|p| !matches!(p.value, PropertyValue::ErrorCode(_) | PropertyValue::Null))
}

/// [MS-OXBBODY] 2.1.3.1 Best Body Algorithm over a message in memory (every
/// property it asks for is either present, status NoError, or absent,
/// NotFound): PidTagNativeBody when it names a body that is present;
/// otherwise RTF when PidTagRtfInSync is TRUE and PidTagRtfCompressed is
/// present, HTML when PidTagHtml is present, plain text when PidTagBody is
/// present, RTF when only PidTagRtfCompressed is, and undefined when none is.
///
/// ```
/// use ms_oxcmail::{best_body_format, BodyFormat};
/// let mut m = ms_oxcmsg::Message::new("IPM.Note");
/// assert_eq!(best_body_format(&m), BodyFormat::Undefined);
/// m.set_body("text");
/// assert_eq!(best_body_format(&m), BodyFormat::Plain);
/// m.set_html_body(b"<p>text</p>".to_vec());
/// assert_eq!(best_body_format(&m), BodyFormat::Html);
/// ```
pub fn best_body_format(m: &Message) -> BodyFormat {
    let plain = has(m, tags::PidTagBody);
    let rtf = has(m, tags::PidTagRtfCompressed);
    let html = has(m, tags::PidTagHtml);
    match m.properties.get_i64(tags::PidTagNativeBody) {
        Some(1) if plain => return BodyFormat::Plain,
        Some(2) if rtf => return BodyFormat::Rtf,
        Some(3) if html => return BodyFormat::Html,
        Some(4) => return BodyFormat::ClearSigned,
        _ => {}
    }
    let in_sync = m
        .properties
        .get(tags::PidTagRtfInSync)
        .and_then(PropertyValue::as_bool)
        .unwrap_or(false);
    if rtf && in_sync {
        BodyFormat::Rtf
    } else if html {
        BodyFormat::Html
    } else if plain {
        BodyFormat::Plain
    } else if rtf {
        BodyFormat::Rtf
    } else {
        BodyFormat::Undefined
    }
}

/// The bodies of a message, chosen by [`best_body_format`] and decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BestBody {
    /// The format the algorithm chose (before de-encapsulation).
    pub format: Option<BodyFormat>,
    /// Plain text: PidTagBody, or the text de-encapsulated from a
    /// `\fromtext` RTF body.
    pub text: Option<String>,
    /// HTML, as UTF-8 with its charset declaration saying so: PidTagHtml
    /// decoded from PidTagInternetCodepage (or its own meta charset), or the
    /// HTML de-encapsulated from a `\fromhtml1` RTF body.
    pub html: Option<String>,
    /// Decompressed RTF that encapsulates nothing (a real RTF body).
    pub rtf: Option<Vec<u8>>,
}

impl BestBody {
    /// Whether there is no body at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.html.is_none() && self.rtf.is_none()
    }
}

/// Chooses and decodes a message's body ([MS-OXBBODY] 2.1.3.1): HTML is
/// taken from PidTagHtml, or de-encapsulated from PidTagRtfCompressed
/// ([MS-OXRTFEX] 2.2.3.2) when the RTF is the best body and encapsulates
/// HTML; text from PidTagBody, or de-encapsulated ([MS-OXRTFEX] 2.2.3.3).
/// Decompression and de-encapsulation run in one session with `options`;
/// their defects come back in [`Decoded`] (offsets count in the compressed
/// RTF, or in the decompressed RTF, which they then name). PidTagBody is
/// always returned when present, for a text alternative.
///
/// ```
/// use msox_codec::Options;
/// let mut m = ms_oxcmsg::Message::new("IPM.Note");
/// let rtf = ms_oxrtfex::encapsulate_html("<html><head><meta charset=\"windows-1252\"></head><body>hi</body></html>");
/// m.set_rtf_compressed(ms_oxrtfcp::compress(&rtf)?);
/// let b = ms_oxcmail::select_body(&m, &Options::default())?.value;
/// assert_eq!(b.format, Some(ms_oxcmail::BodyFormat::Rtf));
/// assert!(b.html.unwrap().contains("<meta charset=\"utf-8\">"));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn select_body(m: &Message, options: &Options) -> Result<Decoded<BestBody>> {
    let mut defects: Vec<Defect> = Vec::new();
    let format = best_body_format(m);
    let mut out = BestBody {
        format: Some(format),
        text: m.body(),
        ..BestBody::default()
    };
    match format {
        BodyFormat::Html => out.html = html_from_property(m),
        BodyFormat::Rtf => {
            if let Some(comp) = m.rtf_compressed() {
                let d = ms_oxrtfcp::decompress(comp, options)?;
                defects.extend(d.defects);
                let rtf = d.value.data;
                match ms_oxrtfex::detect(&rtf) {
                    Some(kind) => {
                        let d = ms_oxrtfex::deencapsulate(&rtf, options)?;
                        defects.extend(d.defects);
                        match kind {
                            ms_oxrtfex::Encapsulation::Html => {
                                out.html = Some(fix_html_charset(&d.value.content).into_owned());
                            }
                            ms_oxrtfex::Encapsulation::Text => {
                                if out.text.is_none() {
                                    out.text = Some(d.value.content);
                                }
                            }
                        }
                    }
                    None => out.rtf = Some(rtf),
                }
            }
            if out.html.is_none() && out.text.is_none() && out.rtf.is_none() {
                out.html = html_from_property(m);
            }
        }
        _ => {}
    }
    Ok(Decoded {
        value: out,
        defects,
    })
}

/// PidTagHtml (binary, in PidTagInternetCodepage or the charset its meta
/// tag declares; or PidTagBodyHtml as a string) as UTF-8 with the charset
/// declaration fixed.
pub fn html_from_property(m: &Message) -> Option<String> {
    let p = m.properties.find(&PropId::Tag(tags::PidTagHtml.id))?;
    let text: Cow<'_, str> = match &p.value {
        PropertyValue::Binary(b) => {
            let declared = m
                .properties
                .get_i64(tags::PidTagInternetCodepage)
                .and_then(|cp| u32::try_from(cp).ok())
                .and_then(|cp| msox_codec::CodePage(cp).encoding());
            let sniffed = || meta_charset(b).and_then(|(_, _, l)| charset::encoding_for_label(&l));
            match declared.or_else(sniffed) {
                Some(enc) => charset::decode_with(b, enc).0,
                None => charset::decode_fallback(b).0,
            }
        }
        PropertyValue::String(s) => Cow::Borrowed(s.as_str()),
        PropertyValue::String8(s) => s.to_string_lossy(),
        _ => return None,
    };
    Some(fix_html_charset(&text).into_owned())
}

/// Finds the first charset declaration in HTML: `<meta charset=X>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=X">`.
/// Returns the byte range of the label and the label.
fn meta_charset(html: &[u8]) -> Option<(usize, usize, String)> {
    let lower: Vec<u8> = html.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(m) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", m).unwrap_or(lower.len());
        let tag = lower.get(m..end).unwrap_or_default();
        if let Some(c) = find(tag, b"charset", 0) {
            let mut i = c + 7;
            while matches!(tag.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                i += 1;
            }
            if tag.get(i) == Some(&b'=') {
                i += 1;
                while matches!(tag.get(i), Some(b' ' | b'\t' | b'"' | b'\'')) {
                    i += 1;
                }
                let start = i;
                while tag.get(i).is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
                }) {
                    i += 1;
                }
                if i > start {
                    let label =
                        String::from_utf8_lossy(html.get(m + start..m + i).unwrap_or_default())
                            .into_owned();
                    return Some((m + start, m + i, label));
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Makes HTML's charset declaration say `utf-8` (the HTML is UTF-8 text
/// now, whatever it was encoded in before): the label of the first
/// `<meta charset>` / `<meta http-equiv content="...; charset=">` is
/// replaced; HTML without one is returned unchanged.
///
/// ```
/// let h = ms_oxcmail::fix_html_charset("<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\">");
/// assert_eq!(h, "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">");
/// ```
pub fn fix_html_charset(html: &str) -> Cow<'_, str> {
    match meta_charset(html.as_bytes()) {
        Some((s, e, label)) if !label.eq_ignore_ascii_case("utf-8") => {
            let mut out = String::with_capacity(html.len());
            out.push_str(html.get(..s).unwrap_or(""));
            out.push_str("utf-8");
            out.push_str(html.get(e..).unwrap_or(""));
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(html),
    }
}

/// Defects of a conversion done without a reader, kept in a session.
pub(crate) fn session_for(options: &Options) -> Session {
    Session::new(*options, 0)
}
