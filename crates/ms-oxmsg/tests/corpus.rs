//! Every .msg in ../shared/corpus/msg: reads (or fails cleanly), and
//! read -> write -> read gives the same model.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use ms_oxmsg::{MsgFile, ReadOptions, is_msg};

fn msg_files() -> Vec<(String, Vec<u8>)> {
    msox_testkit::corpus::entries("msg")
        .into_iter()
        .filter_map(|e| Some((e.file, std::fs::read(&e.path).ok()?)))
        .collect()
}

fn normalise(m: &mut ms_oxcmsg::Message) {
    let bags = std::iter::once(&mut m.properties)
        .chain(m.recipients.iter_mut().map(|r| &mut r.properties))
        .chain(m.attachments.iter_mut().map(|a| &mut a.properties));
    for b in bags {
        for p in b.iter_mut() {
            p.mapped_id = None;
        }
    }
    for a in &mut m.attachments {
        if let Some(e) = &mut a.embedded {
            normalise(e);
        }
    }
}

#[test]
fn read_write_read_keeps_the_model() {
    let files = msg_files();
    if files.is_empty() {
        return;
    }
    let (mut ok, mut failed, mut not_msg) = (0, 0, 0);
    for (name, bytes) in &files {
        if !is_msg(bytes) {
            not_msg += 1;
        }
        let (f, defects) = match MsgFile::read(bytes, &ReadOptions::default()) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{name}: {e}");
                failed += 1;
                continue;
            }
        };
        if !defects.is_empty() {
            eprintln!("{name}: {} defects, first: {}", defects.len(), defects[0]);
        }
        let out = f
            .to_bytes()
            .unwrap_or_else(|e| panic!("{name}: write: {e}"));
        let (mut back, d2) = MsgFile::read(&out, &ReadOptions::default()).unwrap();
        // Only what the input already had (an unmapped 0x8000+ ID is
        // written back as it was read).
        assert!(
            d2.iter().all(|d| defects.contains(d)),
            "{name}: written file has new defects {d2:?}"
        );
        let mut orig = f.message.clone();
        normalise(&mut orig);
        normalise(&mut back.message);
        assert_eq!(back.message, orig, "{name}");
        assert_eq!(back.root_clsid, f.root_clsid);
        ok += 1;
    }
    eprintln!(
        "{ok} read, written and read back; {failed} refused; {not_msg} without the .msg signature"
    );
    assert!(ok >= 140, "only {ok}");
}
