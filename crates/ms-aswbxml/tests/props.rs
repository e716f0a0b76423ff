//! Round trips over random documents built with the [`Encoder`] from the
//! code page tables: lossless XML gives the same bytes back; the XML
//! libwbxml reads ([`XmlOptions::libwbxml`]) gives them back through our
//! reader whenever the conversion reports no defect, and reports one for
//! the strings libwbxml would trim.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_aswbxml::{
    Encoder, Framing, Header, Tag, XmlOptions, codepages, wbxml_to_xml, xml_to_wbxml,
};
use msox_codec::Options;
use proptest::prelude::*;

/// A random element tree: (page, tag index, content: None = no content
/// flag, Some(text) or children).
#[derive(Debug, Clone)]
enum Node {
    Empty(u8, usize),
    Text(u8, usize, String),
    Parent(u8, usize, Vec<Node>),
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        (0u8..26, any::<usize>()).prop_map(|(p, t)| Node::Empty(p, t)),
        (0u8..26, any::<usize>(), "[ a-zA-Z0-9<>&\\r\\n]{0,12}")
            .prop_map(|(p, t, s)| Node::Text(p, t, s)),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        (
            0u8..26,
            any::<usize>(),
            proptest::collection::vec(inner, 0..4),
        )
            .prop_map(|(p, t, c)| Node::Parent(p, t, c))
    })
}

/// The tag of (page, index), skipping opaque elements (their text is
/// base64).
fn tag(page: u8, i: usize, content: bool) -> Option<Tag> {
    let p = codepages::page(page)?;
    let tags: Vec<_> = p.tags().iter().filter(|t| !t.is_opaque()).collect();
    let t = tags.get(i % tags.len().max(1))?;
    Some(Tag::new(page, t.token, content))
}

fn write(n: &Node, e: &mut Encoder) {
    match n {
        Node::Empty(p, i) => {
            if let Some(t) = tag(*p, *i, false) {
                e.start(t).unwrap();
            }
        }
        Node::Text(p, i, s) => {
            if let Some(t) = tag(*p, *i, true) {
                e.start(t).unwrap();
                if !s.is_empty() {
                    e.str_i(s.as_bytes()).unwrap();
                }
                e.end();
            }
        }
        Node::Parent(p, i, c) => {
            if let Some(t) = tag(*p, *i, true) {
                e.start(t).unwrap();
                for k in c {
                    write(k, e);
                }
                e.end();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn xml_forms_round_trip(root in node()) {
        let root = match root {
            Node::Parent(..) => root,
            other => Node::Parent(0, 0, vec![other]),
        };
        let mut e = Encoder::new(&Header::ACTIVESYNC, Framing::Document).unwrap();
        write(&root, &mut e);
        let bytes = e.finish();
        let strict = Options::strict();
        let lossless = wbxml_to_xml(&bytes, Framing::Document, &strict, XmlOptions::lossless()).unwrap();
        prop_assert_eq!(xml_to_wbxml(lossless.value.as_bytes(), &strict).unwrap().value, bytes.clone());
        let lw = wbxml_to_xml(&bytes, Framing::Document, &Options::lenient(), XmlOptions::libwbxml()).unwrap();
        if lw.defects.is_empty() {
            prop_assert_eq!(xml_to_wbxml(lw.value.as_bytes(), &strict).unwrap().value, bytes);
        } else {
            prop_assert!(lw.defects.iter().all(|d| d.to_string().contains("libwbxml's XML cannot carry")));
        }
    }
}
