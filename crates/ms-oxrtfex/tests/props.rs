//! Property tests: encapsulating any HTML or text and de-encapsulating it
//! gives it back exactly; the reader never panics on arbitrary bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfex::{Encapsulation, detect, encapsulate_html, encapsulate_text};
use msox_codec::Options;
use proptest::prelude::*;

/// Strict de-encapsulation: no defects allowed.
fn deencapsulate(rtf: &[u8]) -> msox_codec::Result<ms_oxrtfex::Deencapsulated> {
    ms_oxrtfex::deencapsulate(rtf, &Options::strict()).map(|d| d.value)
}

/// Strings rich in what RTF and HTML treat specially.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()),
                Just("</p>\r\n".to_string()),
                Just("<!-- c -->".to_string()),
                Just("<script>if(a<b){x}</script>".to_string()),
                Just("<head><title>t&amp;</title></head>".to_string()),
                Just("&nbsp;&#169;&bogus;&".to_string()),
                Just("\\{}\t\r\n\n\r".to_string()),
                Just("Grüße € 😀 \u{0}\u{7f}\u{85}".to_string()),
                "[a-z <>&;/=\"']{0,12}",
            ],
            0..30
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn html_round_trips(html in tricky()) {
        let rtf = encapsulate_html(&html);
        prop_assert_eq!(detect(&rtf), Some(Encapsulation::Html));
        let d = deencapsulate(&rtf).unwrap();
        prop_assert_eq!(d.content, html);
    }

    #[test]
    fn text_round_trips(text in tricky()) {
        let rtf = encapsulate_text(&text);
        prop_assert_eq!(detect(&rtf), Some(Encapsulation::Text));
        let d = deencapsulate(&rtf).unwrap();
        prop_assert_eq!(d.content, text);
    }

    #[test]
    fn round_trip_survives_ltzfu(text in tricky()) {
        let rtf = encapsulate_html(&text);
        let stream = ms_oxrtfcp::compress(&rtf).unwrap();
        let back = ms_oxrtfcp::decompress(&stream, &Options::strict()).unwrap().value.data;
        prop_assert_eq!(deencapsulate(&back).unwrap().content, text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut rtf = b"{\\rtf1\\ansi\\fromhtml1 ".to_vec();
        rtf.append(&mut bytes);
        let _ = ms_oxrtfex::deencapsulate(&rtf, &Options::lenient());
        let _ = deencapsulate(&rtf);
    }
}
