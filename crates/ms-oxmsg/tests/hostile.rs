//! Hostile input: truncation, mutation, deep nesting, huge declared sizes.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxmsg::{MsgFile, ReadOptions};
use msox_codec::{ErrorKind, Limits};

fn sample() -> Vec<u8> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("hostile");
    m.set_body("body text");
    m.properties.set_named(
        &ms_oxprops::named::PidNameKeywords,
        ms_oxcdata::PropertyValue::MultipleString(vec!["a".into(), "bc".into()]),
    );
    m.recipients
        .push(Recipient::new("A", "a@example.com", RecipientType::To));
    let mut inner = Message::new("IPM.Note");
    inner.set_subject("inner");
    m.attachments
        .push(Attachment::by_value("a.txt", b"data".to_vec()));
    m.attachments.push(Attachment::embedded("inner", inner));
    MsgFile::new(m).to_bytes().unwrap()
}

#[test]
fn truncation_never_panics() {
    let b = sample();
    // Every 7th offset keeps the test quick (compound files are sector-sized).
    for n in (0..b.len()).step_by(7) {
        let r = std::panic::catch_unwind(|| MsgFile::read(&b[..n], &ReadOptions::default()));
        assert!(r.is_ok(), "truncation to {n} panicked");
    }
}

#[test]
fn mutations_never_panic() {
    let b = sample();
    msox_testkit::assert_no_panic_on_mutations(&b, "MsgFile::read", 3_000, |p| {
        MsgFile::read(p, &ReadOptions::default())
    });
}

#[test]
fn deep_embedding_hits_the_depth_limit() {
    let mut m = Message::new("IPM.Note");
    for _ in 0..20 {
        let mut outer = Message::new("IPM.Note");
        outer.attachments.push(Attachment::embedded("x", m));
        m = outer;
    }
    let b = MsgFile::new(m).to_bytes().unwrap();
    let opts = ReadOptions {
        limits: Limits {
            max_depth: 8,
            ..Limits::DEFAULT
        },
        ..ReadOptions::default()
    };
    let e = MsgFile::read(&b, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let (f, _) = MsgFile::read(&b, &ReadOptions::default()).unwrap();
    assert_eq!(f.message.embedded_messages().len(), 20);
}

#[test]
fn not_a_compound_file_is_one_clean_error() {
    let e = MsgFile::read(b"From: someone\r\n\r\nhello", &ReadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("compound file"), "{e}");
    assert!(!ms_oxmsg::is_msg(b"From: someone"));
}

#[test]
fn allocation_caps_apply() {
    let b = sample();
    let opts = ReadOptions {
        limits: Limits {
            max_items: 3,
            ..Limits::DEFAULT
        },
        ..ReadOptions::default()
    };
    let e = MsgFile::read(&b, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
}

#[test]
fn writing_a_too_deep_model_is_an_error_not_a_stack_overflow() {
    let mut m = Message::new("IPM.Note");
    for _ in 0..100_000 {
        let mut outer = Message::new("IPM.Note");
        outer.attachments.push(Attachment::embedded("x", m));
        m = outer;
    }
    let f = MsgFile::new(m);
    let e = f.to_bytes().unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let mut m = f.message;
    assert!(ms_oxmsg::storages_to_objects(&mut m).is_err());
    ms_oxmsg::objects_to_storages(&mut m, &Limits::DEFAULT);
    // Dropping a 100,000-deep Box chain recurses in Drop; forget it instead.
    std::mem::forget(m);
}
