//! Interop of the conversions, with the peers (`shared/tools/peers`):
//!
//! - `.msg -> TNEF` (`msg_to_tnef`): Debian tnef and tnefparse read from
//!   our TNEF the attachment bytes extract_msg reads from the .msg.
//! - `TNEF -> .msg` (`tnef_to_msg`): extract_msg and msgconvert read from
//!   our .msg the subject, body and attachments our model has.
//!
//! extract_msg takes about 2 s a file, so the .msg direction runs on every
//! fourth corpus file (`MSOX_INTEROP_ALL=1`: all of them). A peer that is
//! not installed fails the test under CI and is reported SKIPPED elsewhere.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use msox_testkit::peers;

use std::path::PathBuf;

use ms_oxcmsg::extract::ExtractedKind;
use msox_codec::{Decode, Options};
use peers::Outcome;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> String {
    msox_codec::hex::encode(&Sha256::digest(b))
}

fn all() -> bool {
    std::env::var_os("MSOX_INTEROP_ALL").is_some()
}

/// Attachments with bytes: (name, sha256).
fn attachments(v: &Value) -> Vec<(String, String)> {
    v["attachments"]
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|a| a["size"].as_u64().unwrap_or(0) > 0)
        .filter_map(|a| {
            Some((
                a["name"].as_str().unwrap_or("").to_string(),
                a["sha256"].as_str()?.to_string(),
            ))
        })
        .collect()
}

fn embedded_count(v: &Value) -> usize {
    v["attachments"].as_array().map_or(0, |a| {
        a.iter().filter(|a| a.get("message").is_some()).count()
    })
}

#[test]
fn msg_to_tnef_gives_tnef_peers_the_attachments_extract_msg_reads() {
    let test = "msg_to_tnef_gives_tnef_peers_the_attachments_extract_msg_reads";
    let (Some(pdir), got) = peers::available(test, &["extract_msg", "tnef", "tnefparse"]) else {
        return;
    };
    if !got.contains(&"extract_msg") {
        return;
    }
    let tnef_peers: Vec<&str> = got.into_iter().filter(|p| *p != "extract_msg").collect();
    let files: Vec<(String, PathBuf, Vec<u8>)> = msox_testkit::corpus::files("msg", &[".msg"])
        .into_iter()
        .enumerate()
        .filter(|(i, _)| all() || i % 4 == 0)
        .filter_map(|(_, e)| Some((e.file, e.path.clone(), std::fs::read(&e.path).ok()?)))
        .collect();
    let scratch = peers::Scratch::new("msg2tnef");
    let results = peers::parallel(&files, 2, |(name, path, bytes)| {
        if ms_oxmsg::MsgFile::decode_bytes(bytes, &Options::lenient()).is_err() {
            return (name.clone(), Err("not read as a .msg".to_string()));
        }
        let orig = match peers::run(&pdir, "msg-dump", "extract_msg", path) {
            Outcome::Read(v) => v,
            Outcome::Refused(why) => {
                return (
                    name.clone(),
                    Err(format!("extract_msg refuses the original: {why}")),
                );
            }
        };
        let class = orig["message_class"].as_str().unwrap_or("").to_string();
        if class.to_ascii_uppercase().starts_with("IPM.NOTE.SMIME") {
            return (
                name.clone(),
                Err("S/MIME: extract_msg reads the signed or encrypted content, not the attachments".into()),
            );
        }
        let tnef = ms_oxmsg::msg_to_tnef(bytes, &Options::lenient(), &Default::default())
            .unwrap_or_else(|e| panic!("{name}: to TNEF: {e}"))
            .value;
        let ours = scratch.0.join(name.replace('/', "_") + ".tnef");
        std::fs::write(&ours, &tnef).unwrap();
        let per: Vec<(&str, Outcome)> = tnef_peers
            .iter()
            .map(|p| (*p, peers::run(&pdir, "tnef-dump", p, &ours)))
            .collect();
        (name.clone(), Ok((attachments(&orig), per)))
    });
    let mut failures = Vec::new();
    let (mut checked, mut atts, mut left_out) = (0, 0, 0);
    let mut same = vec![0usize; tnef_peers.len()];
    for (name, r) in results {
        let (want, per) = match r {
            Ok(x) => x,
            Err(why) => {
                eprintln!("{name}: left out: {why}");
                left_out += 1;
                continue;
            }
        };
        checked += 1;
        atts += want.len();
        for (k, (p, o)) in per.iter().enumerate() {
            let Some(v) = o.json() else {
                failures.push(format!("{name}: {p} refuses our TNEF: {o:?}"));
                continue;
            };
            let got: Vec<String> = attachments(v).into_iter().map(|(_, h)| h).collect();
            let missing: Vec<&(String, String)> =
                want.iter().filter(|(_, h)| !got.contains(h)).collect();
            // Debian tnef saves every attachment without a title under one
            // file name, so only the last of them is left.
            let excused = *p == "tnef" && missing.iter().all(|(n, _)| n.is_empty());
            if missing.is_empty() || excused {
                same[k] += want.len() - missing.len();
            } else {
                failures.push(format!("{name}: {p} lacks {missing:?}"));
            }
        }
    }
    for (k, p) in tnef_peers.iter().enumerate() {
        eprintln!(
            "{p}: {} of {atts} attachments (extract_msg's) read from our TNEF",
            same[k]
        );
    }
    eprintln!(
        "{checked} .msg files converted and checked ({}), {left_out} left out",
        if all() {
            "all"
        } else {
            "every fourth; MSOX_INTEROP_ALL=1 for all"
        }
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if msox_testkit::corpus::dir().is_some() {
        assert!(checked >= if all() { 120 } else { 30 }, "{checked}");
    }
}

/// msgconvert writes a non-ASCII subject as unencoded 8-bit bytes, which
/// the peer script reads back with U+FFFD for each: compared with
/// non-ASCII characters as one wildcard each.
fn same_subject(peer: &str, got: Option<&str>, want: Option<&str>) -> bool {
    let norm = |s: Option<&str>| {
        s.map(|t| t.trim_end_matches('\0'))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let (g, w) = (norm(got), norm(want));
    if g == w {
        return true;
    }
    match (peer, g, w) {
        ("msgconvert", Some(g), Some(w)) => {
            g.chars().count() == w.chars().count()
                && g.chars()
                    .zip(w.chars())
                    .all(|(a, b)| a == b || (a == '\u{FFFD}' && !b.is_ascii()))
        }
        _ => false,
    }
}

#[test]
fn tnef_to_msg_reads_in_msg_peers_with_the_same_subject_body_and_attachments() {
    let test = "tnef_to_msg_reads_in_msg_peers_with_the_same_subject_body_and_attachments";
    let (Some(pdir), msg_peers) = peers::available(test, &["extract_msg", "msgconvert"]) else {
        return;
    };
    let files: Vec<(String, Vec<u8>)> = msox_testkit::corpus::entries("tnef")
        .into_iter()
        .filter_map(|e| {
            let b = std::fs::read(&e.path).ok()?;
            ms_oxtnef::is_tnef(&b).then_some((e.file, b))
        })
        .collect();
    let scratch = peers::Scratch::new("tnef2msg");
    let results = peers::parallel(&files, 2, |(name, bytes)| {
        let Ok(model) = ms_oxtnef::to_message(bytes, &Options::lenient()) else {
            return (name.clone(), None);
        };
        let m = model.value;
        let files: Vec<_> = ms_oxtnef::extract(bytes, &Options::lenient(), &Default::default())
            .unwrap()
            .value
            .into_iter()
            .map(|f| f.into_owned())
            .collect();
        let msg = ms_oxmsg::tnef_to_msg(bytes, &Options::lenient())
            .unwrap_or_else(|e| panic!("{name}: to .msg: {e}"))
            .value;
        // Named-property indexes 0..n-1 in every file written.
        let f = ms_oxmsg::MsgFile::decode_exact(&msg).unwrap();
        let mut ids: Vec<u16> = f.named.iter().map(|(id, _)| id - 0x8000).collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..ids.len() as u16).collect::<Vec<_>>(), "{name}");
        let ours = scratch.0.join(name.replace('/', "_") + ".msg");
        std::fs::write(&ours, &msg).unwrap();
        let per: Vec<(&str, Outcome)> = msg_peers
            .iter()
            .map(|p| (*p, peers::run(&pdir, "msg-dump", p, &ours)))
            .collect();
        (name.clone(), Some((m, files, per)))
    });
    let mut failures = Vec::new();
    let mut tally = vec![(0usize, 0usize, 0usize); msg_peers.len()]; // files read, attachments same, of
    let mut ole_refusals = 0;
    let mut n = 0;
    for (name, r) in results {
        let Some((m, files, per)) = r else { continue };
        n += 1;
        let subject = m.subject();
        let body = m.body().map(|b| sha(b.trim_end_matches('\0').as_bytes()));
        let has_ole = files
            .iter()
            .any(|f| matches!(f.kind, ExtractedKind::OleFile | ExtractedKind::OleStorage));
        for (k, (p, o)) in per.iter().enumerate() {
            let v = match o {
                Outcome::Read(v) => v,
                Outcome::Refused(why)
                    if *p == "extract_msg" && has_ole && why.contains("handler") =>
                {
                    eprintln!("{name}: extract_msg has no handler for the OLE object");
                    ole_refusals += 1;
                    continue;
                }
                Outcome::Refused(why) => {
                    failures.push(format!("{name}: {p} refuses our .msg: {why}"));
                    continue;
                }
            };
            tally[k].0 += 1;
            if !same_subject(p, v["subject"].as_str(), subject.as_deref()) {
                failures.push(format!(
                    "{name}: {p} subject {:?}, ours {subject:?}",
                    v["subject"]
                ));
            }
            let b = v["body_sha256"].as_str().map(str::to_string);
            if b != body
                && !(b.is_none()
                    && m.body()
                        .is_some_and(|t| t.trim_end_matches('\0').is_empty()))
            {
                failures.push(format!("{name}: {p} body {b:?}, ours {body:?}"));
            }
            let got: Vec<String> = attachments(v).into_iter().map(|(_, h)| h).collect();
            for f in files.iter().filter(|f| !f.data.is_empty()) {
                let check = match f.kind {
                    ExtractedKind::Attachment => true,
                    // extract_msg reads an OLE object's own file as we do;
                    // msgconvert writes the storage as a compound file of its own.
                    ExtractedKind::OleFile => *p == "extract_msg",
                    _ => false,
                };
                if !check {
                    continue;
                }
                tally[k].2 += 1;
                if got.contains(&sha(&f.data)) {
                    tally[k].1 += 1;
                } else {
                    failures.push(format!("{name}: {p} lacks attachment {}", f.name));
                }
            }
            let embedded = m
                .attachments
                .iter()
                .filter(|a| a.embedded.is_some())
                .count();
            if *p == "extract_msg" && embedded_count(v) != embedded {
                failures.push(format!(
                    "{name}: {p} reads {} embedded messages, ours {embedded}",
                    embedded_count(v)
                ));
            }
        }
    }
    for (k, p) in msg_peers.iter().enumerate() {
        let (read, same, of) = tally[k];
        eprintln!("{p}: reads {read} of our {n} .msg files; {same} of {of} attachments the same");
    }
    eprintln!("extract_msg has no handler for the OLE object of {ole_refusals} files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
