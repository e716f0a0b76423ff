//! `test-vectors/oxrtfex/`: two kinds of vectors.
//!
//! - `NAME.hex`: RTF bytes (the RTF text is repeated in `# rtf|` comment
//!   lines for reading), with `# kind:` (`html`, `text` or `none` = not
//!   encapsulated), `# expect-hex:` (the UTF-8 of the de-encapsulated
//!   content) and `# defects:` (the defects the lenient reader reports, in
//!   order, as `Kind@offset`; strict mode must then fail with the first).
//!   A `.err` file beside a `.hex` states an error (or first lenient
//!   defect) exactly: kind, offset, path.
//! - `NAME.rtf` with `NAME.html` or `NAME.txt` beside it: a whole RTF
//!   document and its expected de-encapsulation, byte for byte (the
//!   loader below pairs them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfex::{Deencapsulated, Encapsulation, detect, encapsulate_html, encapsulate_text};
use msox_codec::{Decoded, Defect, Options, Result, hex};
use msox_testkit::{hostile, vectors, workspace_root};

fn deencapsulate(rtf: &[u8]) -> Result<Decoded<Deencapsulated>> {
    ms_oxrtfex::deencapsulate(rtf, &Options::lenient())
}

/// `Kind@offset`.
fn label(d: &Defect) -> String {
    format!("{}@{}", variant_name(d.kind()), d.offset().unwrap())
}

fn variant_name<T: std::fmt::Debug>(v: &T) -> String {
    format!("{v:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn hex_vectors_deencapsulate_as_their_metadata_says() {
    let all = vectors("oxrtfex");
    assert!(all.len() >= 14);
    for v in &all {
        let kind = match v.meta("kind") {
            "html" => Some(Encapsulation::Html),
            "text" => Some(Encapsulation::Text),
            "none" => None,
            k => panic!("{}: kind {k}", v.name),
        };
        assert_eq!(detect(&v.bytes), kind, "{}", v.name);
        let Some(kind) = kind else {
            assert!(deencapsulate(&v.bytes).is_err(), "{}", v.name);
            continue;
        };
        let d = deencapsulate(&v.bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(d.value.kind, kind);
        let want = String::from_utf8(hex::decode(v.meta("expect-hex")).unwrap()).unwrap();
        assert_eq!(d.value.content, want, "{}", v.name);
        let defects: Vec<String> = d.defects.iter().map(label).collect();
        let expected: Vec<&str> = v
            .meta("defects")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(defects, expected, "{}: {:?}", v.name, d.defects);
        let strict = ms_oxrtfex::deencapsulate(&v.bytes, &Options::strict());
        assert_eq!(strict.is_err(), !expected.is_empty(), "{}", v.name);
        if let (Err(e), Some(first)) = (strict, d.defects.first()) {
            // Strict refuses with the first defect: same kind, offset, path.
            assert_eq!(&e, first.error(), "{}", v.name);
        }
    }
}

#[test]
fn error_vectors_give_their_error() {
    let mut n = 0;
    for v in vectors("oxrtfex") {
        if v.check_expected_error(|b, o| hostile::outcome(ms_oxrtfex::deencapsulate(b, o))) {
            n += 1;
        }
    }
    assert!(n >= 2, "{n} .err vectors");
}

/// The `.rtf` vectors and their expected `.html` / `.txt` beside them.
fn rtf_vectors() -> Vec<(String, Vec<u8>, Encapsulation, String)> {
    let dir = workspace_root().join("test-vectors/oxrtfex");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) != Some("rtf") {
            continue;
        }
        let (kind, expected) = if p.with_extension("html").is_file() {
            (Encapsulation::Html, p.with_extension("html"))
        } else {
            (Encapsulation::Text, p.with_extension("txt"))
        };
        out.push((
            p.file_stem().unwrap().to_string_lossy().into_owned(),
            std::fs::read(&p).unwrap(),
            kind,
            std::fs::read_to_string(&expected).unwrap(),
        ));
    }
    assert!(!out.is_empty());
    out
}

#[test]
fn rtf_vectors_deencapsulate_to_the_file_beside_them() {
    for (name, rtf, kind, expected) in rtf_vectors() {
        let d = deencapsulate(&rtf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.value.kind, kind, "{name}");
        assert!(d.defects.is_empty(), "{name}: {:?}", d.defects);
        assert_eq!(d.value.content, expected, "{name}");
        // And our own encapsulation of that content reads back the same.
        let again = match kind {
            Encapsulation::Html => encapsulate_html(&expected),
            Encapsulation::Text => encapsulate_text(&expected),
        };
        assert_eq!(
            deencapsulate(&again).unwrap().value.content,
            expected,
            "{name}"
        );
    }
}

#[test]
fn spec_3_1_example_matches_the_spec_source_html_up_to_whitespace() {
    // [MS-OXRTFEX] 3.1 gives the HTML the example RTF was made from; the
    // spec allows encapsulation to change insignificant whitespace (1.3.1),
    // and its RTF drops the space before "&nbsp;" and says "a bold text".
    let (_, rtf, _, _) = rtf_vectors()
        .into_iter()
        .find(|(n, ..)| n.starts_with("spec-3.1"))
        .unwrap();
    let got = deencapsulate(&rtf).unwrap().value.content;
    let source = "<HTML><head> <style> <!-- /* Style Definitions */ p.MsoNormal, li.MsoNormal {font-family:Arial;} --> </style> <!-- This is a HTML comment. There is a horizontal tab (%x09) character before the comment, and some new lines inside the comment. --> </head> <body> <p class=\"MsoNormal\">Note the line break inside a P tag. <b>This is a bold text</b> </p> <p class=\"MsoNormal\"> This is a normal text with a character references:&nbsp; &lt; &uml;<br> characters which have special meaning in RTF: {}\\<br> </p> <ol> <li class=\"MsoNormal\">This is a list item </ol> </body> </HTML>";
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squash(&got), squash(source));
}
