//! ms-cfb against the `cfb` crate on every compound file of the corpus, and
//! on hostile input.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Read;

use ms_cfb::{CompoundFile, Entry, EntryKind};
use msox_codec::Limits;

/// (path, is_stream, bytes) for every entry, sorted.
fn flatten(e: &Entry<'_>, prefix: &str, out: &mut Vec<(String, Option<Vec<u8>>)>) {
    for c in e.children() {
        let p = format!("{prefix}/{}", c.name);
        match &c.kind {
            EntryKind::Stream(d) => out.push((p, Some(d.to_vec()))),
            EntryKind::Storage(_) => {
                out.push((p.clone(), None));
                flatten(c, &p, out);
            }
        }
    }
}

fn with_cfb_crate(bytes: &[u8]) -> Option<Vec<(String, Option<Vec<u8>>)>> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    let entries: Vec<(String, bool)> = cf
        .walk()
        .filter(|e| !e.is_root())
        .map(|e| (e.path().to_string_lossy().to_string(), e.is_stream()))
        .collect();
    let mut out = Vec::new();
    for (p, is_stream) in entries {
        if is_stream {
            let mut d = Vec::new();
            cf.open_stream(&p).ok()?.read_to_end(&mut d).ok()?;
            out.push((p, Some(d)));
        } else {
            out.push((p, None));
        }
    }
    Some(out)
}

#[test]
fn example_file_reads() {
    let b = ms_cfb::example_file();
    let (cf, defects) = CompoundFile::parse(&b, &Limits::DEFAULT).unwrap();
    assert!(defects.is_empty(), "{defects:?}");
    let mut flat = Vec::new();
    flatten(&cf.tree().unwrap(), "", &mut flat);
    assert_eq!(
        flat,
        vec![
            ("/Storage 1".to_string(), None),
            (
                "/Storage 1/Stream 1".to_string(),
                Some(b"Data for stream".to_vec())
            )
        ]
    );
    assert_eq!(
        with_cfb_crate(&b).map(|mut v| {
            v.sort();
            v
        }),
        Some(flat)
    );
}

#[test]
fn agrees_with_the_cfb_crate_on_the_corpus() {
    let mut agreed = 0;
    let mut only_ours = 0;
    for e in msox_testkit::corpus::entries("") {
        let Ok(bytes) = std::fs::read(&e.path) else {
            continue;
        };
        if bytes.get(..8) != Some(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..]) {
            continue;
        }
        let ours = CompoundFile::parse(&bytes, &Limits::DEFAULT)
            .and_then(|(cf, d)| Ok((cf.tree()?.into_owned(), d)));
        let theirs = with_cfb_crate(&bytes);
        match (ours, theirs) {
            (Ok((tree, defects)), Some(mut t)) => {
                let mut flat = Vec::new();
                flatten(&tree, "", &mut flat);
                flat.sort();
                t.sort();
                if defects.is_empty() {
                    assert_eq!(flat, t, "{}", e.file);
                }
                agreed += 1;
            }
            (Ok(_), None) => only_ours += 1,
            (Err(_), _) => {}
        }
    }
    eprintln!(
        "{agreed} compound files read by both; {only_ours} read only by ms-cfb (leniently, with defects)"
    );
    if msox_testkit::corpus::dir().is_some() {
        assert!(agreed >= 150);
    }
}

#[test]
fn truncation_and_mutation_never_panic() {
    let b = ms_cfb::example_file();
    let read = |p: &[u8]| {
        CompoundFile::parse(p, &Limits::DEFAULT)
            .and_then(|(cf, _)| cf.tree().map(Entry::into_owned))
    };
    msox_testkit::assert_truncations_never_panic(&b, "ms-cfb", read);
    msox_testkit::assert_no_panic_on_mutations(&b, "ms-cfb", 20_000, read);
}

#[test]
fn sibling_cycles_and_self_links_end() {
    let mut b = ms_cfb::example_file();
    // Entry 2 (Stream 1) becomes its own left sibling; entry 1's child -> 1.
    let o2 = 1024 + 128 * 2;
    b[o2 + 68..o2 + 72].copy_from_slice(&2u32.to_le_bytes());
    let o1 = 1024 + 128;
    b[o1 + 76..o1 + 80].copy_from_slice(&1u32.to_le_bytes());
    let (cf, mut d) = CompoundFile::parse(&b, &Limits::DEFAULT).unwrap();
    let _ = cf.tree_with_defects(&mut d).unwrap();
    assert!(!d.is_empty());
}

/// A mini stream whose regular sectors are not consecutive in the file
/// (small streams written before and after big ones), with mini streams
/// crossing the sector boundaries: every stream reads as the `cfb` crate
/// wrote it, whether it is borrowed from the file or pieced together.
#[test]
fn fragmented_mini_stream_reads_back() {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    let mut x = 1u32;
    let mut bytes = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect()
    };
    let mut expected = Vec::new();
    for i in 0..40 {
        // A small stream (mini) of an odd size, then a big one (regular
        // sectors) that lands between the mini stream's sectors.
        let small = bytes(100 + 37 * i);
        let big = bytes(5000 + 300 * i);
        for (name, data) in [(format!("/s{i:02}"), small), (format!("/b{i:02}"), big)] {
            cf.create_stream(&name).unwrap().write_all(&data).unwrap();
            expected.push((name, Some(data)));
        }
    }
    cf.flush().unwrap();
    let file = cf.into_inner().into_inner();
    let (parsed, defects) = CompoundFile::parse(&file, &Limits::DEFAULT).unwrap();
    assert!(defects.is_empty(), "{defects:?}");
    let tree = parsed.tree().unwrap();
    let mut flat = Vec::new();
    flatten(&tree, "", &mut flat);
    flat.sort();
    expected.sort();
    assert_eq!(flat, expected);
    // Some mini streams were pieced together, some borrowed.
    let borrowed = tree
        .children()
        .iter()
        .filter(|c| matches!(&c.kind, EntryKind::Stream(std::borrow::Cow::Borrowed(_))))
        .count();
    let owned = tree.children().len() - borrowed;
    assert!(
        borrowed > 40 && owned > 0,
        "{borrowed} borrowed, {owned} copied"
    );
    assert_eq!(
        with_cfb_crate(&file).map(|mut t| {
            t.sort();
            t
        }),
        Some(expected)
    );
}
