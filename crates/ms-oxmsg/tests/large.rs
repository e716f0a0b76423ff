//! A 300 MB .msg written by the writer reads back once the allocation
//! budget is raised (one option, `--max-alloc` in the tool), and the
//! default limits refuse it (strict) or leave the value out (lenient) with
//! an error that says which limit. Ignored by
//! default (it moves 600 MB); run with
//! `cargo test --release -p ms-oxmsg --test large -- --ignored`. With
//! `MSOX_GEN_DIR` set, the file is also written there (for timing `msox`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ms_oxcmsg::{Attachment, Message};
use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Limits, Options};

#[test]
#[ignore = "writes and reads 300 MB"]
fn a_300_mb_msg_reads_back_with_the_budget_raised() {
    let size = 300 << 20;
    let data: Vec<u8> = (0..size).map(|i: usize| (i % 251) as u8).collect();
    let mut m = Message::new("IPM.Note");
    m.set_subject("large");
    m.attachments.push(Attachment::by_value("big.bin", data));
    let bytes = MsgFile::new(m).to_bytes().unwrap();
    assert!(bytes.len() > size);
    if let Ok(dir) = std::env::var("MSOX_GEN_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("large-300mb.msg"), &bytes).unwrap();
    }

    // Default limits: strict refuses, lenient leaves the value out and
    // says which limit.
    let e = MsgFile::decode_bytes(&bytes, &Options::strict()).unwrap_err();
    assert!(e.is_limit(), "{e}");
    eprintln!("default limits, strict: {e}");
    let lenient = MsgFile::decode_bytes(&bytes, &Options::default()).unwrap();
    assert!(lenient.value.message.attachments[0].data().is_none());
    assert!(
        lenient.defects.iter().any(|d| d.error().is_limit()),
        "{:?}",
        lenient.defects
    );

    let raised = Options::default().with_limits(Limits::DEFAULT.with_max_alloc(1 << 30));
    let back = MsgFile::decode_bytes(&bytes, &raised).unwrap();
    assert!(back.defects.is_empty(), "{:?}", back.defects);
    let a = &back.value.message.attachments[0];
    let got = a.data().expect("attachment data");
    assert_eq!(got.len(), size);
    assert!(got.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
}
