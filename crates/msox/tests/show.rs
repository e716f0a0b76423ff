//! `msox show`, `msox cab`, `msox chm`, the `msox prop NAME` shortcut and
//! the exit statuses of batches (0 ok, 1 any file failed, 3 read past
//! defects), on files of the corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-show-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// A corpus file, or `None` (the test is skipped) when the corpus is absent.
fn corpus(rel: &str) -> Option<String> {
    let p = msox_testkit::corpus::dir()?.join(rel);
    assert!(p.is_file(), "{} missing from the corpus", p.display());
    Some(p.to_str().unwrap().to_string())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn show_a_msg_as_a_person_reads_it() {
    let Some(f) = corpus("msg/bbottema-attachments.msg") else {
        return;
    };
    let o = msox(&["show", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("From:       Microsoft Outlook <"), "{text}");
    assert!(text.contains("Subject:    Delivery delayed:"), "{text}");
    assert!(
        text.contains("Date:       2016-04-11T13:11:10-04:00"),
        "{text}"
    );
    assert!(text.contains("Attachments: 2"), "{text}");
    assert!(
        text.contains("Delivery is delayed to these recipients"),
        "{text}"
    );

    let o = msox(&["show", "--json", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["format"], "msg");
    assert_eq!(j["message_class"], "IPM.Note");
    assert!(j["from"]["address"].as_str().unwrap().contains('@'));
    assert!(
        j["subject"]
            .as_str()
            .unwrap()
            .starts_with("Delivery delayed:")
    );
    assert_eq!(j["attachments"].as_array().unwrap().len(), 2);
    assert!(j["text"].as_str().unwrap().contains("Delivery is delayed"));

    let o = msox(&["show", "--body", "html", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<html>"), "{}", stdout(&o));
}

#[test]
fn show_a_winmail_dat_with_its_attachments_and_embedded_messages() {
    let Some(f) = corpus("tnef/mimekit/christmas.tnef") else {
        return;
    };
    let o = msox(&["show", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("kitten-playing-with-a-christmas-tree.jpg  375,081 bytes  image/jpeg"),
        "{text}"
    );
    assert!(text.contains("From:       Jeffrey Stedfast <"), "{text}");
    assert!(
        text.contains("Subject:    Christmas Celebration!"),
        "{text}"
    );

    let o = msox(&["show", "--json", "--no-body", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["format"], "tnef");
    assert_eq!(j["body"], "rtf");
    let atts = j["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 3);
    assert_eq!(atts[0]["size"], 375_081);
    assert_eq!(atts[0]["mime_type"], "image/jpeg");
    assert_eq!(atts[2]["message"]["subject"], "Christmas Celebration!");
    assert!(j.get("text").is_none());

    let o = msox(&["show", "--body", "rtf", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"{\\rtf1"));
}

#[test]
fn several_files_status_lines_json_array_and_exit_1_when_one_fails() {
    let (Some(a), Some(b)) = (
        corpus("msg/bbottema-attachments.msg"),
        corpus("tnef/mimekit/christmas.tnef"),
    ) else {
        return;
    };
    let bad = tmp("not-a-message.bin");
    std::fs::write(&bad, b"\x00\x01 not a message").unwrap();
    let bad = bad.to_str().unwrap();
    for jobs in ["1", "2"] {
        let o = msox(&["-j", jobs, "show", "--json", "--no-body", &a, bad, &b]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let j: Value = serde_json::from_slice(&o.stdout).unwrap();
        let arr = j.as_array().unwrap();
        assert_eq!(arr.len(), 3);
        assert_eq!(arr[0]["format"], "msg");
        assert!(arr[1]["error"].as_str().unwrap().contains("not a message"));
        assert_eq!(arr[2]["format"], "tnef");
        let err = stderr(&o);
        assert!(err.contains(&format!("{a}: ok")), "{err}");
        assert!(err.contains(&format!("{bad}: error: ")), "{err}");
        assert!(err.contains("1 of 3 files failed"), "{err}");
    }
    // -q: only the errors
    let o = msox(&["-q", "show", "--no-body", &a, bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains(": ok"), "{}", stderr(&o));
    // all good: exit 0, text with a header per file
    let o = msox(&["show", "--no-body", &a, &b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("==> {b} <==")));
}

#[test]
fn a_file_for_another_command_gets_a_hint() {
    let Some(f) = corpus("tnef/mimekit/christmas.tnef") else {
        return;
    };
    let o = msox(&["msg", "dump", &f]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("not an Outlook .msg file"), "{err}");
    assert!(err.contains("msox tnef"), "{err}");
}

#[test]
fn read_past_defects_is_exit_3_and_strict_is_exit_1() {
    let Some(f) = corpus("tnef/tnefparse-bad_checksum.tnef") else {
        return;
    };
    let o = msox(&["show", "--no-body", &f]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("msox: defect: "), "{}", stderr(&o));
    assert!(stdout(&o).contains("Class:"));
    let o = msox(&["--strict", "show", "--no-body", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // -q leaves the defects out, not the exit status
    let o = msox(&["-q", "show", "--no-body", &f]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn readable_dump_is_small_and_raw_builds() {
    let Some(f) = corpus("tnef/mimekit/christmas.tnef") else {
        return;
    };
    let size = std::fs::metadata(&f).unwrap().len() as usize;
    let o = msox(&["tnef", "dump", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        o.stdout.len() <= 3 * size,
        "{} > 3 x {size}",
        o.stdout.len()
    );
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let props = j["properties"].as_object().unwrap();
    assert!(
        props
            .keys()
            .any(|k| k.starts_with("PidTagMessageClass (0x001A")),
        "{props:?}"
    );
    // the lossless form still round-trips through build
    let raw = tmp("christmas.json");
    let o = msox(&["tnef", "dump", "--raw", &f]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(&raw, &o.stdout).unwrap();
    let out = tmp("christmas.msg");
    let o = msox(&["msg", "build", raw.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = msox(&["show", "--json", "--no-body", out.to_str().unwrap()]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["attachments"][0]["size"], 375_081);
}

#[test]
fn tnef_extract_overwrite_and_no_clobber() {
    let Some(f) = corpus("tnef/mimekit/christmas.tnef") else {
        return;
    };
    let dir = tmp("extract");
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = msox(&["tnef", "extract", &f, d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let listing = |d: &PathBuf| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let first = listing(&dir);
    assert!(first.iter().any(|n| n.ends_with(".jpg")), "{first:?}");
    // a rerun refuses to replace, and writes nothing
    let o = msox(&["tnef", "extract", &f, d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--overwrite"), "{}", stderr(&o));
    // --overwrite: the same set of files
    let o = msox(&["tnef", "extract", "--overwrite", &f, d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(listing(&dir), first);
    // --no-clobber: keeps what is there, the same set again
    let o = msox(&["tnef", "extract", "--no-clobber", &f, d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("kept (--no-clobber)"));
    assert_eq!(listing(&dir), first);
}

#[test]
fn cab_list_test_extract_and_a_broken_cabinet() {
    let (Some(good), Some(bad)) = (
        corpus("cab-mszip/libmspack-case-ascii.cab"),
        corpus("cab-mszip/libmspack-bad_folderindex.cab"),
    ) else {
        return;
    };
    let o = msox(&["cab", "list", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ascii\\upper\\ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    let o = msox(&["cab", "list", "--json", &good]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["cabinets"][0]["files"].as_array().unwrap().len(), 2);
    let o = msox(&["cab", "test", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("All 2 files OK."));

    let dir = tmp("cab");
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = msox(&["cab", "extract", &good, d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("ascii/upper/ABCDEFGHIJKLMNOPQRSTUVWXYZ").is_file());
    assert_eq!(msox(&["cab", "extract", &good, d]).status.code(), Some(1));
    let o = msox(&["cab", "extract", "--overwrite", &good, d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // a damaged cabinet: the tree shows the error, and the run fails
    let o = msox(&["inspect", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error"), "{}", stdout(&o));
    assert!(stderr(&o).contains("damaged cab"), "{}", stderr(&o));
    let o = msox(&["inspect", "--json", &bad]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["ok"], false);
}

#[test]
fn chm_list_extract_and_inspect() {
    let Some(f) = corpus("lzx/tika-wmicontrol.CHM") else {
        return;
    };
    let o = msox(&["chm", "list", "--json", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = j["files"].as_array().unwrap();
    assert!(files.iter().any(|x| x["name"] == "/#SYSTEM"), "{files:?}");
    let dir = tmp("chm");
    let _ = std::fs::remove_dir_all(&dir);
    let o = msox(&["chm", "extract", &f, dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("#SYSTEM").is_file());
    let o = msox(&["inspect", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("chm"), "{}", stdout(&o));
}

#[test]
fn prop_name_alone_is_find() {
    let o = msox(&["prop", "PidTagSubject"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("0x0037001F"));
    assert_eq!(
        stdout(&o),
        stdout(&msox(&["prop", "find", "PidTagSubject"]))
    );
    assert_eq!(msox(&["prop"]).status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_quiet() {
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} prop list | head -n 1",
            env!("CARGO_BIN_EXE_msox")
        ))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// `n` bytes of a pattern that does not repeat within a sector.
fn patterned(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 9) as u8)
        .collect()
}

/// The files in `d`, sorted by name: (name, bytes).
fn read_dir_sorted(d: &PathBuf) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Runs msox with `args` and a fresh output directory `name` last; what it
/// printed and the files it wrote there.
fn extract_run(args: &[&str], name: &str) -> (Output, Vec<(String, Vec<u8>)>) {
    let d = tmp(name);
    let _ = std::fs::remove_dir_all(&d);
    let mut a = args.to_vec();
    a.push(d.to_str().unwrap());
    let o = msox(&a);
    let files = if d.exists() {
        read_dir_sorted(&d)
    } else {
        Vec::new()
    };
    (o, files)
}

/// The files of an extraction but the bodies (`body.*`).
fn attachments_only(files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .filter(|(n, _)| !n.starts_with("body."))
        .collect()
}

/// Every .msg of the corpus read as `msg extract` reads a large one, with
/// the thresholds lowered to take that path on every file: where the tool
/// would copy from the file (every range left exactly one file's bytes),
/// the files and the defects are the library's for the whole file.
#[test]
fn msg_sparse_reads_extract_what_whole_reads_do_on_the_corpus() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("msg"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("msg")))
        .collect();
    files.sort();
    let opts = msox_codec::Options::default();
    let (mut taken, mut ranges_left) = (0, 0);
    for p in &files {
        let whole = std::fs::read(p).unwrap();
        let Some(sparse) = msox::sparse::read_msg_with(p, 0, 1) else {
            continue;
        };
        // Outside the ranges left, the buffer is the file.
        let mut at = 0usize;
        for &(o, l) in &sparse.left {
            let (o, l) = (o as usize, l as usize);
            assert_eq!(sparse.bytes[at..o], whole[at..o], "{}", p.display());
            at = o + l;
        }
        assert_eq!(sparse.bytes[at..], whole[at..], "{}", p.display());
        let Ok(d) = ms_oxmsg::extract_all(&sparse.bytes, &opts) else {
            continue;
        };
        let Some(ranges) = sparse.ranges_of(d.value.files.iter().map(|f| &*f.data)) else {
            continue;
        };
        taken += 1;
        ranges_left += sparse.left.len();
        let whole_read = ms_oxmsg::extract(&whole, &opts).unwrap();
        let text = |v: &[msox_codec::Defect]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            text(&d.defects),
            text(&whole_read.defects),
            "{}",
            p.display()
        );
        let want = whole_read.value;
        assert_eq!(want.len(), d.value.files.len(), "{}", p.display());
        for ((w, g), r) in want.iter().zip(&d.value.files).zip(&ranges) {
            assert_eq!(w.name, g.name, "{}", p.display());
            let got: &[u8] = match r {
                Some((o, l)) => &whole[*o as usize..(*o + *l) as usize],
                None => &g.data,
            };
            assert!(*w.data == *got, "{}: {}", p.display(), w.name);
        }
    }
    eprintln!("{taken} files taken, {ranges_left} ranges left in the file");
    // The corpus has attachments in consecutive sectors in many files.
    assert!(
        taken >= 20 && ranges_left >= 20,
        "{taken} files, {ranges_left} ranges"
    );
}

/// Damaged .msg files (bytes of a small generated file changed at random,
/// seeded): the reads of `msg extract` for large files never panic, and
/// where the tool would copy from the file, the files and the defects are
/// what the library gives for the whole file.
#[test]
fn msg_sparse_reads_of_damaged_files_copy_only_what_whole_reads_give() {
    use ms_oxcmsg::{Attachment, Message};
    let mut m = Message::new("IPM.Note");
    m.set_subject("damaged");
    for (i, n) in [5000usize, 9000, 300].into_iter().enumerate() {
        let data: Vec<u8> = (0..n).map(|k| (k * 7 + i) as u8).collect();
        m.attachments
            .push(Attachment::by_value(&format!("a{i}.bin"), data));
    }
    let msg = ms_oxmsg::MsgFile::new(m).to_bytes().unwrap();
    let opts = msox_codec::Options::default();
    let path = tmp("damaged.msg");
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let (mut taken, mut with_defects) = (0, 0);
    for round in 0..1500 {
        let mut b = msg.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % b.len();
            b[at] = next() as u8;
        }
        std::fs::write(&path, &b).unwrap();
        let Some(sparse) = msox::sparse::read_msg_with(&path, 0, 1) else {
            continue;
        };
        let Ok(d) = ms_oxmsg::extract_all(&sparse.bytes, &opts) else {
            continue;
        };
        let Some(ranges) = sparse.ranges_of(d.value.files.iter().map(|f| &*f.data)) else {
            continue;
        };
        taken += 1;
        // The defects the whole read reports, no more, no fewer.
        let whole = ms_oxmsg::extract(&b, &opts).unwrap();
        let text = |v: &[msox_codec::Defect]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(text(&d.defects), text(&whole.defects), "round {round}");
        with_defects += usize::from(!d.defects.is_empty());
        let want = whole.value;
        assert_eq!(want.len(), d.value.files.len(), "round {round}");
        for ((w, g), r) in want.iter().zip(&d.value.files).zip(&ranges) {
            let got: &[u8] = match r {
                Some((o, l)) => &b[*o as usize..(*o + *l) as usize],
                None => &g.data,
            };
            assert!(*w.data == *got, "round {round}: {}", w.name);
        }
    }
    eprintln!("{taken} taken, {with_defects} with defects");
    assert!(taken > 100 && with_defects > 10, "{taken} {with_defects}");
}

/// `msg dump` of one file reads it borrowing: the attachment bytes stay in
/// the input, so a file whose attachments together pass the allocation
/// budget (`--max-alloc`) is dumped whole, without defects, as a file
/// within it is.
#[test]
fn msg_dump_of_one_file_copies_no_attachment_against_the_budget() {
    use ms_oxcmsg::{Attachment, Message};
    let mut m = Message::new("IPM.Note");
    m.set_subject("budget");
    for (i, n) in [700_000usize, 600_000, 500_000].into_iter().enumerate() {
        m.attachments.push(Attachment::by_value(
            &format!("a{i}.bin"),
            patterned(n, i as u8),
        ));
    }
    let f = tmp("budget.msg");
    std::fs::write(&f, ms_oxmsg::MsgFile::new(m).to_bytes().unwrap()).unwrap();
    let f = f.to_str().unwrap();
    let within = msox(&["msg", "dump", "--full", f]);
    assert_eq!(within.status.code(), Some(0), "{}", stderr(&within));
    let tight = msox(&["--max-alloc", "1M", "msg", "dump", "--full", f]);
    assert_eq!(tight.status.code(), Some(0), "{}", stderr(&tight));
    assert_eq!(stdout(&tight), stdout(&within));
    assert_eq!(stdout(&within).matches("PidTagAttachDataBinary").count(), 3);
}

/// A large .msg: its long attachment data streams are left in the file by
/// `msox::sparse::read_msg` (zeros in the buffer) and copied from the file;
/// the files written are the library's extraction of the whole file, with
/// and without `--strict` (which reads it whole). A file with a defect:
/// the defect reported (exit 3) as by a whole read, the same files.
#[test]
fn msg_extract_large_file_from_the_file() {
    use ms_oxcmsg::{Attachment, Message};
    let mut m = Message::new("IPM.Note");
    m.set_subject("large");
    m.set_body("text");
    for (name, n, seed) in [
        ("big.bin", 2 << 20, 1),
        ("mid.bin", 300 << 10, 2),
        ("small.txt", 10 << 10, 3),
        ("big.bin", 1 << 20, 4),
    ] {
        m.attachments
            .push(Attachment::by_value(name, patterned(n, seed)));
    }
    let msg = ms_oxmsg::MsgFile::new(m).to_bytes().unwrap();
    let f = tmp("large.msg");
    std::fs::write(&f, &msg).unwrap();
    // What is left in the file: the three attachments of 256 KiB or more,
    // exactly their bytes; everything else is the file's.
    let sparse = msox::sparse::read_msg(&f).expect("read sparse");
    let mut lens: Vec<u64> = sparse.left.iter().map(|&(_, l)| l).collect();
    lens.sort();
    assert_eq!(lens, [300 << 10, 1 << 20, 2 << 20]);
    let mut at = 0usize;
    for &(o, l) in &sparse.left {
        let (o, l) = (o as usize, l as usize);
        assert_eq!(sparse.bytes[at..o], msg[at..o]);
        assert!(sparse.bytes[o..o + l].iter().all(|&b| b == 0));
        at = o + l;
    }
    assert_eq!(sparse.bytes[at..], msg[at..]);
    // What `msg extract` checks before it copies from the file: no defect,
    // each range left in the file exactly one file's bytes.
    let d = ms_oxmsg::extract_all(&sparse.bytes, &msox_codec::Options::default()).unwrap();
    assert!(d.defects.is_empty());
    let ranges = sparse
        .ranges_of(d.value.files.iter().map(|f| &*f.data))
        .expect("every range is one file");
    assert_eq!(ranges.iter().flatten().count(), 3);
    let lib = ms_oxmsg::extract(&msg, &msox_codec::Options::default())
        .unwrap()
        .value;
    let mut want: Vec<(String, Vec<u8>)> = lib
        .into_iter()
        .map(|f| (f.name, f.data.into_owned()))
        .collect();
    want.sort();
    assert_eq!(want.len(), 4);
    let f = f.to_str().unwrap();
    let (o, files) = extract_run(&["msg", "extract", f], "large-msg-out");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
    let (o, files) = extract_run(&["--strict", "msg", "extract", f], "large-msg-strict");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
    // A mini stream cutoff other than 4096: a defect of the header,
    // reported as when the file is read whole.
    let mut odd = msg.clone();
    odd[56..60].copy_from_slice(&4097u32.to_le_bytes());
    let g = tmp("odd.msg");
    std::fs::write(&g, &odd).unwrap();
    assert!(msox::sparse::read_msg(&g).is_some());
    let (o, files) = extract_run(&["msg", "extract", g.to_str().unwrap()], "large-msg-odd");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("Mini Stream Cutoff"), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
}

/// A large winmail.dat: `tnef extract` copies the big attachments from the
/// file (crate::sparse) and writes the same files the in-memory path
/// writes; a damaged checksum, strict mode and small files take the
/// in-memory path, which reports what it finds as always.
#[test]
fn tnef_extract_large_file_from_the_file() {
    use ms_oxcmsg::{Attachment, Message};
    let mut m = Message::new("IPM.Note");
    m.attachments
        .push(Attachment::by_value("big.bin", patterned(2 << 20, 1)));
    m.attachments
        .push(Attachment::by_value("mid.bin", patterned(300 << 10, 2)));
    m.attachments
        .push(Attachment::by_value("small.txt", patterned(10 << 10, 3)));
    m.attachments
        .push(Attachment::by_value("big.bin", patterned(1 << 20, 4)));
    let tnef = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default()).unwrap();
    let f = tmp("large.tnef");
    std::fs::write(&f, &tnef).unwrap();
    let f = f.to_str().unwrap();
    // What the library extracts from the bytes in memory.
    let x = ms_oxtnef::ExtractOptions::default();
    let lib = ms_oxtnef::extract(&tnef, &msox_codec::Options::default(), &x)
        .unwrap()
        .value;
    let mut want: Vec<(String, Vec<u8>)> = lib
        .into_iter()
        .map(|f| (f.name, f.data.into_owned()))
        .collect();
    want.sort();
    assert_eq!(want.len(), 4);
    let (o, files) = extract_run(&["tnef", "extract", f], "large-out");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
    let (o, files) = extract_run(&["--strict", "tnef", "extract", f], "large-strict");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
    // A wrong checksum on the big attachment: read in memory, the defect
    // reported (exit 3), the same files written.
    let mut bad = tnef.clone();
    let big = patterned(2 << 20, 1);
    let at = bad.windows(64).position(|w| w == &big[..64]).unwrap() + big.len();
    bad[at] ^= 0x01;
    let g = tmp("bad.tnef");
    std::fs::write(&g, &bad).unwrap();
    let (o, files) = extract_run(&["tnef", "extract", g.to_str().unwrap()], "large-bad");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("checksum"), "{}", stderr(&o));
    assert_eq!(attachments_only(files), want);
}
