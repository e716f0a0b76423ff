//! Hostile RTF: the uniform hostile suite on every entry point, deep
//! nesting, huge output, pathological tokens. Errors or reported defects,
//! never panics, linear time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfex::{deencapsulate, deencapsulate_to, token::Tokens};
use msox_codec::{CountingSink, ErrorKind, Limits, Options};
use msox_testkit::hostile::{self, Suite};

const HEAD: &[u8] = b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 ";

fn lenient(rtf: &[u8]) -> msox_codec::Result<ms_oxrtfex::Deencapsulated> {
    deencapsulate(rtf, &Options::lenient()).map(|d| d.value)
}

fn samples() -> Vec<Vec<u8>> {
    let mut s = hostile::samples("oxrtfex", |_| true);
    s.push(ms_oxrtfex::encapsulate_html(
        "<html><body><p>Grüße &amp; €</p>\r\n</body></html>",
    ));
    s.push(ms_oxrtfex::encapsulate_text("a\tb\r\n{c} 😀"));
    s
}

#[test]
fn oxrtfex_deencapsulate() {
    // A document ends with its group, but a prefix that keeps the FROM word
    // is still readable (unclosed groups are reported, a defect).
    Suite::new("oxrtfex_deencapsulate")
        .run(&samples(), |b, o| hostile::outcome(deencapsulate(b, o)));
}

#[test]
fn oxrtfex_deencapsulate_to() {
    Suite::new("oxrtfex_deencapsulate_to").run(&samples(), |b, o| {
        hostile::outcome(deencapsulate_to(b, o, &mut CountingSink::default()))
    });
}

#[test]
fn nesting_past_the_session_depth_limit_is_limit_exceeded() {
    let mut rtf = HEAD.to_vec();
    rtf.extend(std::iter::repeat_n(b'{', 5000));
    let e = lenient(&rtf).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 64, .. }),
        "{e}"
    );
    // The `{` that goes one past the limit.
    assert_eq!(e.offset(), Some(HEAD.len() + 63));
    assert_eq!(e.path().to_string(), "RTF");
    // A deeper limit from the caller's options.
    let deep = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(1000));
    let e = deencapsulate(&rtf, &deep).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 1000, .. }),
        "{e}"
    );
    let mut ok = HEAD.to_vec();
    ok.extend(std::iter::repeat_n(b'{', 999));
    ok.extend_from_slice(b"x");
    let d = deencapsulate(&ok, &deep).unwrap();
    assert_eq!(d.value.content, "x");
    let tight = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(10));
    assert!(deencapsulate(&ok, &tight).is_err());
}

#[test]
fn output_past_the_budget_is_limit_exceeded() {
    let mut rtf = HEAD.to_vec();
    rtf.extend(std::iter::repeat_n(b'a', 100_000));
    let small = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(1000));
    let e = deencapsulate(&rtf, &small).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // Streaming: the same budget, nothing past it reaches the sink.
    let mut n = CountingSink::default();
    assert!(deencapsulate_to(&rtf, &small, &mut n).is_err());
    assert!(n.count <= 1000);
}

#[test]
fn output_streams_into_a_sink() {
    let mut rtf = HEAD.to_vec();
    for _ in 0..50_000 {
        rtf.extend_from_slice(b"\\u8364?x\\par ");
    }
    let mut n = CountingSink::default();
    deencapsulate_to(&rtf, &Options::strict(), &mut n).unwrap_err(); // unclosed group
    let d = deencapsulate_to(&rtf, &Options::lenient(), &mut n).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(n.count >= 50_000 * 6);
}

#[test]
fn large_inputs_take_linear_time() {
    // 4 MB of assorted tokens, 1 MB of nesting/unnesting, a 4 MB control
    // word and a 4 MB parameter: each is one pass.
    let mut rtf = HEAD.to_vec();
    for _ in 0..100_000 {
        rtf.extend_from_slice(
            b"{\\*\\htmltag84 <b>}\\htmlrtf {\\b\\u8364?\\'e9}\\htmlrtf0 x\\par ",
        );
    }
    let t = std::time::Instant::now();
    let d = lenient(&rtf).unwrap();
    assert_eq!(d.content.len(), 100_000 * 6);
    let mut deep = HEAD.to_vec();
    for _ in 0..250_000 {
        deep.extend_from_slice(b"{a}");
    }
    assert_eq!(lenient(&deep).unwrap().content.len(), 250_000);
    let mut word = HEAD.to_vec();
    word.push(b'\\');
    word.extend(std::iter::repeat_n(b'z', 4 << 20));
    word.extend(std::iter::repeat_n(b'9', 4 << 20));
    assert_eq!(Tokens::new(&word).count(), 6);
    assert!(lenient(&word).is_ok());
    // Generous: a quadratic pass over these inputs would take hours.
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
}

#[test]
fn bin_with_a_huge_count_takes_what_is_there() {
    let mut rtf = HEAD.to_vec();
    rtf.extend_from_slice(b"a\\bin2147483647 xyz");
    let d = lenient(&rtf).unwrap();
    assert_eq!(d.content, "a");
}

#[test]
fn inside_a_session_over_decompressed_rtf_offsets_say_so() {
    // A compressed body decompressed by the caller and read in its session
    // as a derived buffer: the defect's offset counts in the RTF and says
    // which buffer it is.
    let rtf = b"{\\rtf1\\fromhtml1 a\\'zb}";
    let stream = ms_oxrtfcp::compress(rtf).unwrap();
    let mut outer = vec![0u8; 3];
    outer.extend_from_slice(&stream);
    let mut r = msox_codec::Reader::with_options(&outer, &Options::lenient());
    r.skip(3).unwrap();
    let mut plain = Vec::new();
    ms_oxrtfcp::read_compressed(&mut r, &mut plain).unwrap();
    let mut html = Vec::new();
    r.nested(
        &plain,
        msox_codec::Origin::Derived("decompressed RTF"),
        |r| ms_oxrtfex::read_deencapsulated(r, &mut html),
    )
    .unwrap();
    assert_eq!(html, b"azb");
    let d = r.into_session().take_defects();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].offset(), Some(18));
    assert_eq!(d[0].error().derived().unwrap().what, "decompressed RTF");
    assert_eq!(
        d[0].to_string(),
        format!(
            "invalid escape at byte 18 of the decompressed RTF (read from byte {}) in RTF; skipped",
            3 + stream.len()
        )
    );
}
