//! The RTF bodies of `../shared/corpus`: `rtfex/` (RTFDE's and MSGReader's
//! test files) and every `PidTagRtfCompressed` stream of the .msg files,
//! decompressed with ms-oxrtfcp.
//!
//! Where we differ from RTFDE (the peer `rtf-html.rtfde`), a test below
//! says why ours is right. Measured on this corpus (the 185 RTF bodies of
//! the .msg files that `cfb` opens, plus the 2 standalone `rtfcp/` streams):
//! RTFDE's output equals ours on 157 after mapping our CR LF to its LF
//! (6 of them after also writing U+00A0 as `&nbsp;`, as RTFDE does); RTFDE
//! fails on 2 that we read (`bbottema-chinese_message_un_garbled`: a GBK
//! decoding error; `multiple-encodings`: unbalanced braces), differs on 1
//! (`bbottema-tst_unicode`: `\ansicpg65001`, below), and agrees with us
//! that the other 29 are plain RTF (it fails on them, we report them as not
//! encapsulated).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::io::Read;
use std::path::Path;

use ms_oxrtfex::{Deencapsulated, Encapsulation, detect, encapsulate_html, encapsulate_text};
use msox_codec::{Decoded, ErrorKind, Options, Result};
use msox_testkit::corpus;

fn deencapsulate(rtf: &[u8]) -> Result<Decoded<Deencapsulated>> {
    ms_oxrtfex::deencapsulate(rtf, &Options::lenient())
}

fn read(rel: &str) -> Option<Vec<u8>> {
    corpus::dir().map(|d| std::fs::read(d.join(rel)).unwrap())
}

fn html_of(rel: &str) -> Option<String> {
    read(rel).map(|b| deencapsulate(&b).unwrap().value.content)
}

/// The decompressed RTF body of a .msg file (top-level message).
fn msg_rtf(rel: &str) -> Option<Vec<u8>> {
    let dir = corpus::dir()?;
    let mut f = cfb::open(dir.join(rel)).unwrap();
    let mut s = f.open_stream("/__substg1.0_10090102").unwrap();
    let mut data = Vec::new();
    s.read_to_end(&mut data).unwrap();
    Some(
        ms_oxrtfcp::decompress(&data, &Options::lenient())
            .unwrap()
            .value
            .data,
    )
}

#[test]
fn every_rtfex_body_reads_and_round_trips_through_our_writer() {
    let files = corpus::files("rtfex", &[".rtf"]);
    if corpus::dir().is_none() {
        return;
    }
    let mut encapsulated = 0;
    for f in &files {
        let rtf = std::fs::read(&f.path).unwrap();
        let Some(kind) = detect(&rtf) else {
            assert!(f.file.ends_with("font_table_template.rtf"), "{}", f.file);
            continue;
        };
        let d = deencapsulate(&rtf)
            .unwrap_or_else(|e| panic!("{}: {e}", f.file))
            .value;
        assert_eq!(d.kind, kind);
        let again = match kind {
            Encapsulation::Html => encapsulate_html(&d.content),
            Encapsulation::Text => encapsulate_text(&d.content),
        };
        assert_eq!(
            deencapsulate(&again).unwrap().value.content,
            d.content,
            "{}",
            f.file
        );
        encapsulated += 1;
    }
    assert_eq!(encapsulated, files.len() - 1);
}

#[test]
fn expected_text_matches_with_par_as_crlf() {
    // RTFDE's expected .txt has LF for each \par; [MS-OXRTFEX] 2.2.3.3 says
    // "\par and \line RTF control words SHOULD be translated to CRLF" (and
    // the CONTENT table of 2.1.3.1.4.2 maps \par to %x0D.0A), so ours has
    // CR LF where it has LF, and is otherwise identical.
    let Some(rtf) = read("rtfex/plain_text/quoted_printable_01.rtf") else {
        return;
    };
    // The .txt is the message's text/plain part as it was sent: quoted-
    // printable windows-1251 (the RTF's \ansicpg1251).
    let qp = read("rtfex/plain_text/quoted_printable_01.txt").unwrap();
    let raw = quoted_printable(&qp);
    let (expected, _, _) = encoding_rs::WINDOWS_1251.decode(&raw);
    let d = deencapsulate(&rtf).unwrap().value;
    assert_eq!(d.kind, Encapsulation::Text);
    assert!(d.content.contains("\r\n"));
    assert_eq!(d.content.replace("\r\n", "\n"), expected);
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1), b.get(i + 2)) {
            (b'=', Some(b'\n'), _) => i += 2,
            (b'=', Some(&h), Some(&l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => {
                out.push(u8::from_str_radix(std::str::from_utf8(&[h, l]).unwrap(), 16).unwrap());
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn visible_nbsp_is_the_character_not_an_entity() {
    // `[REDACTED]\'a0 [REDACTED]` is visible text (not \htmlrtf), so the
    // original HTML had the byte 0xA0 of windows-1252 there: U+00A0. RTFDE
    // rewrites every U+00A0 of its output as "&nbsp;" after the fact, which
    // changes the document (an entity inside <script> or <style> is not a
    // character). Where the original had "&nbsp;", Outlook wrote it in an
    // HTMLTAG group and we output "&nbsp;" too.
    let Some(html) = html_of("rtfex/rtf_parsing/nbs_a0.rtf") else {
        return;
    };
    assert!(html.contains("[REDACTED]\u{a0} [REDACTED]"));
    assert!(html.contains("<o:p>&nbsp;</o:p>"));
}

#[test]
fn fromtext_reads_text_and_skips_htmltag_groups() {
    // nbs_a0_txt.rtf is HTML-encapsulated RTF relabelled \fromtext. In a
    // \fromtext document {\*\htmltag ...} is an ignorable destination the
    // reader does not know ([MSFT-RTF]: skipped), so the text is what is
    // outside them; RTFDE prints the HTML anyway.
    let Some(rtf) = read("rtfex/rtf_parsing/nbs_a0_txt.rtf") else {
        return;
    };
    let d = deencapsulate(&rtf).unwrap().value;
    assert_eq!(d.kind, Encapsulation::Text);
    assert!(!d.content.contains('<'), "{}", d.content);
    assert!(
        d.content
            .starts_with("[REDACTED][REDACTED]\u{a0} [REDACTED]")
    );
}

#[test]
fn escaped_fromhtml_is_not_encapsulation() {
    // font_table_template.rtf is a template with "\\fromhtml1" (an escaped
    // backslash, then text), not the control word: per 2.2.3.1 it is not
    // encapsulated. RTFDE fails with "No font table found in tree".
    let Some(rtf) = read("rtfex/rtf_parsing/font_table_template.rtf") else {
        return;
    };
    assert_eq!(detect(&rtf), None);
    assert!(deencapsulate(&rtf).is_err());
}

#[test]
fn shift_jis_bodies_decode_in_code_page_932() {
    // Issue347.rtf (\ansicpg932, \fcharset128 fonts): RTFDE fails with a
    // windows-1252 UnicodeDecodeError; the text is Japanese.
    let Some(html) = html_of("rtfex/msgreader/Issue347.rtf") else {
        return;
    };
    assert!(
        html.contains("テスト\u{3000}テスト"),
        "{}",
        &html[html.len() - 300..]
    );
}

#[test]
fn unbalanced_braces_are_read_through_and_reported() {
    // multiple-encodings.rtf opens 67 groups and closes 65: RTFDE rejects
    // it ("Malformed encapsulated RTF"); the HTML is all there.
    let Some(rtf) = read("rtfex/html/multiple-encodings.rtf") else {
        return;
    };
    let d = deencapsulate(&rtf).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(
        d.defects[0].kind(),
        &ErrorKind::UnexpectedEnd {
            needed: 2,
            available: 0
        }
    );
    assert_eq!(d.defects[0].offset(), Some(rtf.len()));
    let c = &d.value.content;
    assert!(c.starts_with("<div dir=\"ltr\">這是一個文本"));
    assert!(c.contains("זהו מחרו"));
    assert!(c.ends_with("This is your third encoding.... maybe?</div></div></div></div></div></div></div></div></div>\r\n"));
    assert!(ms_oxrtfex::deencapsulate(&rtf, &Options::strict()).is_err());
}

#[test]
fn bytes_invalid_in_big5_are_reported() {
    // windows_950.rtf: \'84\'68 in a \fcharset136 (Big5) font is not a
    // Big5 character; RTFDE fails, we write U+FFFD and say so.
    let Some(rtf) = read("rtfex/rtf_parsing/windows_950.rtf") else {
        return;
    };
    let d = deencapsulate(&rtf).unwrap();
    assert!(d.value.content.starts_with("Hello \u{fffd}"));
    assert_eq!(d.defects.len(), 1);
    assert_eq!(
        d.defects[0].kind(),
        &ErrorKind::BadString { encoding: "Big5" }
    );
}

#[test]
fn ansicpg_65001_is_utf8() {
    // bbottema-tst_unicode.msg: \ansicpg65001 and fonts with \fcharset1
    // (DEFAULT_CHARSET: the document's code page), so \'c3\'a5 is UTF-8 for
    // "å". RTFDE decodes the two bytes separately and gives "Ã¥".
    let Some(rtf) = msg_rtf("msg/bbottema-tst_unicode.msg") else {
        return;
    };
    let d = deencapsulate(&rtf).unwrap();
    assert!(d.defects.is_empty());
    assert!(d.value.content.contains("Char-å-Char"));
    assert!(!d.value.content.contains("Ã¥"));
}

#[test]
fn gbk_body_with_symbol_bullets_reads() {
    // bbottema-chinese_message_un_garbled.msg: \ansicpg936; RTFDE fails
    // with a GBK decoding error on a lone 0xB7 (a Symbol-font bullet the
    // RTF marks \htmlrtf, i.e. not part of the HTML).
    let Some(rtf) = msg_rtf("msg/bbottema-chinese_message_un_garbled.msg") else {
        return;
    };
    let d = deencapsulate(&rtf).unwrap();
    assert!(d.defects.is_empty(), "{:?}", d.defects);
    assert!(d.value.content.contains("Quiz Time"));
}

#[test]
fn every_rtf_body_in_msg_files_is_read() {
    let files = corpus::files("", &[".msg"]);
    if corpus::dir().is_none() {
        return;
    }
    let (mut html, mut text, mut plain) = (0, 0, 0);
    for f in &files {
        for (name, stream) in rtf_streams(&f.path) {
            let rtf = ms_oxrtfcp::decompress(&stream, &Options::lenient())
                .unwrap()
                .value
                .data;
            match detect(&rtf) {
                None => plain += 1,
                Some(kind) => {
                    let d = deencapsulate(&rtf)
                        .unwrap_or_else(|e| panic!("{}:{name}: {e}", f.file))
                        .value;
                    assert_eq!(d.kind, kind);
                    if kind == Encapsulation::Html {
                        html += 1;
                    } else {
                        text += 1;
                    }
                }
            }
        }
    }
    eprintln!("{html} HTML, {text} text, {plain} plain RTF bodies");
    assert!(html >= 100 && text >= 30, "{html} {text} {plain}");
}

fn rtf_streams(path: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(mut file) = cfb::open(path) else {
        return Vec::new();
    };
    let names: Vec<String> = file
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with("__substg1.0_10090102") && !p.contains("__nameid_version1.0"))
        .collect();
    names
        .into_iter()
        .filter_map(|n| {
            let mut data = Vec::new();
            file.open_stream(&n).ok()?.read_to_end(&mut data).ok()?;
            Some((n, data))
        })
        .collect()
}
