//! Interop: what our TNEF writer makes from every TNEF file of the corpus
//! (read into the model, written back: what `msox tnef dump | msox tnef
//! build` does) is read by ytnef, Debian tnef and tnefparse with the same
//! attachment bytes each gives from the original, and is no larger than
//! the original plus 5%.
//!
//! A peer that refuses the original (a damaged file) must read ours (or
//! refuse both). A peer that misreads the original (tnefparse on PtypBinary
//! data inside attAttachment; ytnef, which reads nothing from some files
//! and still exits 0) is counted apart when what it reads from ours are the
//! attachment bytes the corpus's expected output files (MimeKit's, POI's)
//! or our own extraction have, and it loses none. A peer not installed fails under CI and is
//! reported SKIPPED elsewhere.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use msox_testkit::peers;

use std::collections::HashSet;
use std::path::PathBuf;

use ms_oxtnef::{WriteOptions, message_to_bytes, to_message};
use msox_codec::Options;
use peers::Outcome;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> String {
    msox_codec::hex::encode(&Sha256::digest(b))
}

/// SHA-256 of every expected-output file in the corpus's tnef folders.
fn expected_outputs(root: &std::path::Path) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stack = vec![root.join("tnef")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.parent() != Some(root.join("tnef").as_path())
                && p.extension()
                    .is_none_or(|x| x != "tnef" && x != "dat" && x != "list")
                && let Ok(b) = std::fs::read(&p)
            {
                out.insert(sha(&b));
            }
        }
    }
    out
}

#[derive(Default, Debug)]
struct Tally {
    same: usize,
    attachments: usize,
    refused_original: usize,
    misread_original: usize,
}

#[test]
fn rewritten_tnef_reads_the_same_in_every_peer() {
    let (Some(pdir), peers) = peers::available(
        "rewritten_tnef_reads_the_same_in_every_peer",
        &["ytnef", "tnef", "tnefparse"],
    ) else {
        return;
    };
    let root = msox_testkit::corpus::dir().unwrap();
    let expected = expected_outputs(&root);
    let files: Vec<(String, PathBuf, Vec<u8>)> = msox_testkit::corpus::entries("tnef")
        .into_iter()
        .filter_map(|e| {
            let b = std::fs::read(&e.path).ok()?;
            ms_oxtnef::is_tnef(&b).then_some((e.file, e.path, b))
        })
        .collect();
    assert!(files.len() >= 30, "{}", files.len());
    let scratch = peers::Scratch::new("tnef");
    let results = peers::parallel(&files, 2, |(name, path, bytes)| {
        let Ok(d) = to_message(bytes, &Options::lenient()) else {
            return (name.clone(), None);
        };
        // The attachment bytes our library extracts from the original.
        let extracted: HashSet<String> = ms_oxtnef::extract(
            bytes,
            &Options::lenient(),
            &ms_oxtnef::ExtractOptions::default(),
        )
        .map(|x| x.value.iter().map(|f| sha(&f.data)).collect())
        .unwrap_or_default();
        let out = message_to_bytes(&d.value, &WriteOptions::default()).unwrap();
        let ours = scratch.0.join(name.replace('/', "_"));
        std::fs::write(&ours, &out).unwrap();
        let mut per = Vec::new();
        for p in &peers {
            let a = peers::run(&pdir, "tnef-dump", p, path);
            let b = peers::run(&pdir, "tnef-dump", p, &ours);
            per.push((*p, a, b));
        }
        (name.clone(), Some((bytes.len(), out.len(), per, extracted)))
    });
    let mut tally: Vec<(&str, Tally)> = peers.iter().map(|p| (*p, Tally::default())).collect();
    let mut failures = Vec::new();
    let (mut sizes_ok, mut n) = (0, 0);
    for (name, r) in results {
        let Some((orig_len, out_len, per, extracted)) = r else {
            eprintln!("{name}: not read into the model (left out)");
            continue;
        };
        n += 1;
        if out_len * 100 <= orig_len * 105 {
            sizes_ok += 1;
        } else {
            failures.push(format!("{name}: {out_len} bytes written for {orig_len}"));
        }
        for (p, a, b) in per {
            let t = &mut tally.iter_mut().find(|(q, _)| *q == p).unwrap().1;
            match (&a, &b) {
                (Outcome::Refused(why), Outcome::Read(_)) => {
                    eprintln!("{name}: {p} refuses the original ({why}) and reads ours");
                    t.refused_original += 1;
                }
                (Outcome::Refused(_), Outcome::Refused(why)) => {
                    eprintln!("{name}: {p} refuses the original and ours ({why})");
                    t.refused_original += 1;
                }
                (_, Outcome::Refused(why)) => {
                    failures.push(format!("{name}: {p} refuses ours: {why}"));
                }
                (Outcome::Read(x), Outcome::Read(y)) => {
                    let (x, y) = (
                        peers::attachment_hashes(x, p),
                        peers::attachment_hashes(y, p),
                    );
                    t.attachments += x.len();
                    if x == y {
                        t.same += x.len();
                        continue;
                    }
                    // The peer misread the original when what it reads
                    // only from ours is what the corpus's expected outputs
                    // or our own extraction have, it loses nothing, and what
                    // it read only from the original is no attachment's bytes.
                    let only_ours: Vec<&String> = y.iter().filter(|h| !x.contains(h)).collect();
                    let only_orig: Vec<&String> = x.iter().filter(|h| !y.contains(h)).collect();
                    let real = |h: &String| expected.contains(h) || extracted.contains(h);
                    if only_ours.iter().all(|h| real(h))
                        && !only_orig.iter().any(|h| real(h))
                        && y.len() >= x.len()
                    {
                        eprintln!(
                            "{name}: {p} misreads the original ({} of its attachments); from ours it reads the attachments as extracted",
                            only_orig.len().max(y.len() - x.len())
                        );
                        t.misread_original += 1;
                        t.same += x.len() - only_orig.len();
                    } else {
                        failures.push(format!(
                            "{name}: {p} reads other attachments from ours: {x:?} vs {y:?}"
                        ));
                    }
                }
            }
        }
    }
    for (p, t) in &tally {
        eprintln!(
            "{p}: {} of {} attachments the same; refuses {} originals (reads ours); misreads {} originals",
            t.same, t.attachments, t.refused_original, t.misread_original
        );
    }
    eprintln!("{n} files rewritten; {sizes_ok} within the original size + 5%");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
