//! The streaming de-encapsulator ([`Deencapsulator`]) against the one-shot
//! path: the same output, the same defects and the same errors (offsets in
//! the whole RTF) for every split of the input into pieces. Every test
//! vector and corpus RTF body (`rtfex/`, `rtfcp/`), split at every byte for
//! small ones and into random pieces of 1 to 64 bytes for the others, in
//! both modes; hostile input (huge `\binN`, long control words, deep
//! groups, long text in a double-byte code page, content after the
//! document); and the whole decompress → de-encapsulate chain through
//! [`Deencapsulator::sink`].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfex::{DETECTION_WINDOW, Deencapsulator, deencapsulate_to};
use msox_codec::{Limits, Options};
use msox_testkit::corpus;

/// What a de-encapsulation gave: the result (value, defects or error, as
/// debug text) and the bytes written to the sink.
fn one_shot(rtf: &[u8], o: &Options) -> (String, Vec<u8>) {
    let mut out = Vec::new();
    let r = deencapsulate_to(rtf, o, &mut out);
    (format!("{r:?}"), out)
}

/// The same, fed in pieces of the given sizes (the last piece takes the
/// rest).
fn streamed(rtf: &[u8], o: &Options, sizes: &mut dyn FnMut() -> usize) -> (String, Vec<u8>) {
    let mut out = Vec::new();
    let mut d = Deencapsulator::new(o);
    let mut rest = rtf;
    while !rest.is_empty() {
        let n = sizes().clamp(1, rest.len());
        let (piece, later) = rest.split_at(n);
        rest = later;
        if let Err(e) = d.feed(piece, &mut out) {
            return (format!("{:?}", Err::<(), _>(e)), out);
        }
    }
    let r = d.finish(&mut out);
    (format!("{r:?}"), out)
}

/// xorshift: reproducible piece sizes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const MODES: [Options; 2] = [Options::lenient(), Options::strict()];

/// Every split point (two pieces) and 1-byte pieces for inputs up to
/// `every` bytes; random pieces of 1..=64 bytes (several seeds) otherwise
/// too.
fn check_splits(name: &str, rtf: &[u8], every: usize) {
    for o in &MODES {
        let want = one_shot(rtf, o);
        let check = |what: &str, got: (String, Vec<u8>)| {
            assert!(
                got.0 == want.0,
                "{name} ({what}, {:?}): result\n  streamed: {}\n  one-shot: {}",
                o.mode,
                got.0,
                want.0
            );
            assert!(
                got.1 == want.1,
                "{name} ({what}, {:?}): output differs ({} vs {} bytes)",
                o.mode,
                got.1.len(),
                want.1.len()
            );
        };
        if rtf.len() <= every {
            for at in 0..=rtf.len() {
                let mut first = true;
                let mut sizes = || {
                    if std::mem::take(&mut first) {
                        at.max(1)
                    } else {
                        usize::MAX
                    }
                };
                check(&format!("split at {at}"), streamed(rtf, o, &mut sizes));
            }
            check("1-byte pieces", streamed(rtf, o, &mut || 1));
        }
        for seed in 1..=4u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut sizes = || (rng.next() % 64) as usize + 1;
            check(
                &format!("random pieces, seed {seed}"),
                streamed(rtf, o, &mut sizes),
            );
        }
    }
}

#[test]
fn every_vector_splits_the_same() {
    for v in msox_testkit::vectors("oxrtfex") {
        check_splits(&v.name, &v.bytes, usize::MAX);
    }
    let dir = msox_testkit::workspace_root().join("test-vectors/oxrtfex");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) == Some("rtf") {
            check_splits(&p.display().to_string(), &std::fs::read(&p).unwrap(), 8192);
        }
    }
}

#[test]
fn every_corpus_body_splits_the_same() {
    let Some(dir) = corpus::dir() else {
        return;
    };
    let mut n = 0;
    for e in corpus::files("rtfex", &[".rtf"]) {
        let rtf = std::fs::read(dir.join(&e.file)).unwrap();
        check_splits(&e.file, &rtf, 2048);
        n += 1;
    }
    for e in corpus::entries("rtfcp") {
        let bytes = std::fs::read(dir.join(&e.file)).unwrap();
        let rtf = if ms_oxrtfcp::looks_like_compressed_rtf(&bytes) {
            ms_oxrtfcp::decompress(&bytes, &Options::lenient())
                .unwrap()
                .value
                .data
        } else {
            bytes
        };
        check_splits(&e.file, &rtf, 2048);
        n += 1;
    }
    assert!(n > 10, "only {n} corpus bodies");
}

/// A document of `body` in an HTML-encapsulating header.
fn doc(body: &[u8]) -> Vec<u8> {
    let mut v = b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fcharset128 MS Gothic;}}\r\n{\\*\\htmltag64}".to_vec();
    v.extend_from_slice(body);
    v.extend_from_slice(b"}");
    v
}

#[test]
fn tricky_tokens_split_the_same() {
    let cases: &[&[u8]] = &[
        b"a\\'e9b\\'4\\'zz\\'\\u8364?\\uc2\\u8364??x\\uc0\\u20013 y",
        b"{\\*\\htmltag <p>}\\htmlrtf {\\b x}\\htmlrtf0 y\\par\\tab\\~\\_\\-\\{\\}\\\\",
        b"\\u55357\\u56832 \\u55357 x\\u56832 \\u-10179?\\u-8704?",
        b"\\bin5 {}\\\\x\\bin0 \\bin-3 z\\bin3",
        b"\\ab-\\ab-1 \\f1\\'82\\'a0\\f0 \\'82\\'a0\r\n\\\r\\\n",
        b"{\\f1 \\'82\\par\\'a0}\\cpg65001 \\'e2\\'82\\'ac",
        b"}   \t\r\n  x y {",
        b"}\0\0 \\bin2 ab",
        b"}\r\n",
        b"{{{{{{}}}}}}\\line\\emspace\\zwj",
    ];
    for (i, c) in cases.iter().enumerate() {
        check_splits(&format!("case {i}"), &doc(c), usize::MAX);
        // Without the closing brace too (unclosed groups at the end).
        let d = doc(c);
        check_splits(&format!("case {i}, open"), &d[..d.len() - 1], usize::MAX);
    }
    // Undecided and bad starts.
    for c in [
        &b""[..],
        b"{",
        b"{\\rtf",
        b"{\\rtf1",
        b"{\\rtf1 ",
        b"{\\rtf2\\fromhtml1}",
        b"{\\rtf1\\fromhtml",
        b"{\\rtf1\\fromhtml1",
        b"{\\rtf1\\fromhtml12 x}",
        b"{\\rtf1\\fromtext",
        b"{\\rtf1\\fonttbl\\fromtext x}",
        b"{\\rtf1{{{{{{{{{\\fromtext}",
        b"{\\rtf1{{{{{{{{\\fromtext}",
        b"{\\rtf1\\bin3 \\fromtext \\fromtext x}",
        b"plain",
    ] {
        check_splits(&format!("{:?}", String::from_utf8_lossy(c)), c, usize::MAX);
    }
}

#[test]
fn hostile_input_splits_the_same() {
    // A huge \binN: the data passes through, and more declared than given.
    let mut body = b"x\\bin300000 ".to_vec();
    body.extend(std::iter::repeat_n(b'}', 300_000));
    body.extend_from_slice(b"y\\bin999999999 abc");
    check_splits("huge bin", &doc(&body), 0);
    // Long control words: letters, digits, signs, at every boundary.
    let mut body = b"\\".to_vec();
    body.extend(std::iter::repeat_n(b'q', 5000));
    body.extend_from_slice(b"-");
    body.extend(std::iter::repeat_n(b'0', 3000));
    body.extend_from_slice(b"7 a\\f");
    body.extend(std::iter::repeat_n(b'9', 3000));
    body.extend_from_slice(b"b\\uc");
    body.extend(std::iter::repeat_n(b'0', 300));
    body.extend_from_slice(b"2\\u8364??c\\htmlrtf");
    body.extend(std::iter::repeat_n(b'0', 100));
    body.extend_from_slice(b" hidden?\\htmlrtf0 d");
    let mut name = b"\\".to_vec();
    name.extend(std::iter::repeat_n(b'z', 40));
    body.extend_from_slice(&name);
    body.extend_from_slice(b"-");
    check_splits("long words", &doc(&body), 0);
    // Deep groups, past the depth limit and within it.
    let mut deep = Vec::new();
    deep.extend(std::iter::repeat_n(b'{', 5000));
    check_splits("deep", &doc(&deep), 0);
    let small = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(40));
    let mut nested = Vec::new();
    for _ in 0..30 {
        nested.extend_from_slice(b"{\\*\\htmltag <b>}{\\htmlrtf x");
    }
    let d = doc(&nested);
    let want = one_shot(&d, &small);
    for seed in 1..=8u64 {
        let mut rng = Rng(seed * 77 + 1);
        assert_eq!(
            streamed(&d, &small, &mut || (rng.next() % 5) as usize + 1),
            want
        );
    }
    // Long text in a double-byte code page, across the decoder's chunks,
    // with a bad byte in it; and long text after the document.
    let mut body = b"\\f1 ".to_vec();
    for _ in 0..50_000 {
        body.extend_from_slice(b"\\'82\\'a0a");
    }
    body.extend_from_slice(b"\\'82}");
    body.extend(std::iter::repeat_n(b' ', 100_000));
    body.extend_from_slice(b"x");
    check_splits("dbcs and trailing", &doc(&body), 0);
}

#[test]
fn detection_decides_within_its_window() {
    // The FROM word past the window: not encapsulated, in both paths.
    let mut rtf = b"{\\rtf1 ".to_vec();
    rtf.extend(std::iter::repeat_n(b'a', DETECTION_WINDOW));
    rtf.extend_from_slice(b"\\fromhtml1 x}");
    assert_eq!(ms_oxrtfex::detect(&rtf), None);
    check_splits("past the window", &rtf, 0);
    // Within it, after a long text: found.
    let mut rtf = b"{\\rtf1 ".to_vec();
    rtf.extend(std::iter::repeat_n(b'a', DETECTION_WINDOW - 100));
    rtf.extend_from_slice(b"\\fromhtml1 x}");
    assert!(ms_oxrtfex::detect(&rtf).is_some());
    check_splits("within the window", &rtf, 0);
    let mut d = Deencapsulator::new(&Options::default());
    let mut out = Vec::new();
    d.feed(&rtf[..1000], &mut out).unwrap();
    assert_eq!(d.kind(), None);
    d.feed(&rtf[1000..], &mut out).unwrap();
    assert_eq!(d.kind(), Some(ms_oxrtfex::Encapsulation::Html));
}

#[test]
fn decompressor_feeds_the_deencapsulator() {
    let html = "<html><body><p>Grüße, €</p></body></html>".repeat(5000);
    let rtf = ms_oxrtfex::encapsulate_html(&html);
    let packed = ms_oxrtfcp::compress(&rtf).unwrap();
    let o = Options::default();
    for piece in [1, 7, 4096, usize::MAX] {
        let mut d = Deencapsulator::new(&o);
        let mut out = Vec::new();
        let mut dec = ms_oxrtfcp::Decompressor::new(&o);
        for p in packed.chunks(piece.min(packed.len())) {
            dec.feed(p, &mut d.sink(&mut out)).unwrap();
        }
        assert!(dec.finish().unwrap().defects.is_empty());
        let done = d.finish(&mut out).unwrap();
        assert!(done.defects.is_empty());
        assert_eq!(String::from_utf8(out).unwrap(), html);
    }
}
