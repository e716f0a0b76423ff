//! Hostile RTF: deep nesting, huge output, mutations, pathological
//! tokens. Errors or reported defects, never panics, linear time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfex::{DeencapsulateOptions, deencapsulate, deencapsulate_with, token::Tokens};
use msox_codec::ErrorKind;
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_never_panic, vectors};

const HEAD: &[u8] = b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 ";

#[test]
fn nesting_past_the_cap_is_limit_exceeded() {
    let mut rtf = HEAD.to_vec();
    rtf.extend(std::iter::repeat_n(b'{', 5000));
    let e = deencapsulate(&rtf).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 1000, .. }),
        "{e}"
    );
    // Under the cap: fine (and unclosed groups are reported).
    let mut ok = HEAD.to_vec();
    ok.extend(std::iter::repeat_n(b'{', 999));
    ok.extend_from_slice(b"x");
    let d = deencapsulate(&ok).unwrap();
    assert_eq!(d.content, "x");
    let tight = DeencapsulateOptions {
        max_depth: 10,
        ..DeencapsulateOptions::new()
    };
    assert!(deencapsulate_with(&ok, &tight).is_err());
}

#[test]
fn output_past_the_cap_is_limit_exceeded() {
    let mut rtf = HEAD.to_vec();
    rtf.extend(std::iter::repeat_n(b'a', 100_000));
    let small = DeencapsulateOptions {
        max_output: 1000,
        ..DeencapsulateOptions::new()
    };
    let e = deencapsulate_with(&rtf, &small).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
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
    let d = deencapsulate(&rtf).unwrap();
    assert_eq!(d.content.len(), 100_000 * 6);
    let mut deep = HEAD.to_vec();
    for _ in 0..250_000 {
        deep.extend_from_slice(b"{a}");
    }
    assert_eq!(deencapsulate(&deep).unwrap().content.len(), 250_000);
    let mut word = HEAD.to_vec();
    word.push(b'\\');
    word.extend(std::iter::repeat_n(b'z', 4 << 20));
    word.extend(std::iter::repeat_n(b'9', 4 << 20));
    assert_eq!(Tokens::new(&word).count(), 6);
    assert!(deencapsulate(&word).is_ok());
    // Generous: a quadratic pass over these inputs would take hours.
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
}

#[test]
fn vectors_survive_truncation_and_mutation() {
    for v in vectors("oxrtfex") {
        assert_truncations_never_panic(&v.bytes, &v.name, |b| deencapsulate(b).map(|d| d.content));
        assert_no_panic_on_mutations(&v.bytes, &v.name, 128, |b| {
            deencapsulate(b).map(|d| d.content)
        });
    }
}

#[test]
fn bin_with_a_huge_count_takes_what_is_there() {
    let mut rtf = HEAD.to_vec();
    rtf.extend_from_slice(b"a\\bin2147483647 xyz");
    let d = deencapsulate(&rtf).unwrap();
    assert_eq!(d.content, "a");
}
