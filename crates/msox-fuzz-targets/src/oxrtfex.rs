//! ms-oxrtfex: de-encapsulation of HTML and text from RTF.

use ms_oxrtfex::{
    Encapsulation, deencapsulate, deencapsulate_to, encapsulate_html, encapsulate_text,
};
use msox_codec::CountingSink;

/// ms-oxrtfex `deencapsulate`: never panics; strict success implies a
/// defect-free lenient result with the same content; what comes out
/// survives our writer (encapsulated again, it de-encapsulates strictly to
/// the same content).
pub fn oxrtfex_deencapsulate(data: &[u8]) {
    let (s, l) = crate::both(data, deencapsulate);
    if let (Ok(s), Ok(l)) = (&s, &l) {
        assert_eq!(s.value, l.value);
    }
    if let Ok(d) = l {
        let rtf = match d.value.kind {
            Encapsulation::Html => encapsulate_html(&d.value.content),
            Encapsulation::Text => encapsulate_text(&d.value.content),
        };
        let back = deencapsulate(&rtf, &crate::strict())
            .unwrap_or_else(|e| panic!("our encapsulation does not read back: {e}"));
        assert_eq!(back.value.kind, d.value.kind);
        assert_eq!(back.value.content, d.value.content);
    }
}

/// ms-oxrtfex `deencapsulate_to`: the same kind, content and defects as
/// `deencapsulate`, in both modes.
pub fn oxrtfex_deencapsulate_to(data: &[u8]) {
    let _ = crate::both(data, |b, o| {
        deencapsulate_to(b, o, &mut CountingSink::default())
    });
    for o in crate::MODES {
        let mut out = Vec::new();
        match (
            deencapsulate(data, &o),
            deencapsulate_to(data, &o, &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.value.kind, b.value);
                assert!(
                    a.value.content.as_bytes() == out,
                    "deencapsulate_to differs"
                );
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("deencapsulate {a:?} vs deencapsulate_to {b:?}"),
        }
    }
}
