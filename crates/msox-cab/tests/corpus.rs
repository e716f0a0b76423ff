//! The corpus's cabinets (`../shared/corpus/cab-mszip`, `../shared/corpus/lzx`)
//! against cabextract (the peer in `../shared/tools/peers`): every cabinet
//! cabextract extracts, we extract to the same bytes; every one it refuses,
//! strict decoding refuses with an error (never a panic or a hang), and
//! what lenient decoding extracts in full is what cabextract extracted.
//! Without the peer the comparisons are skipped with a message, except
//! under `CI=true`, where a missing peer fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use msox_cab::search::find;
use msox_cab::{CabinetSet, FileEntry};
use msox_codec::{Limits, Options};
use msox_testkit::corpus;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// The peer script, or `None` (skipping, with a message) outside CI.
fn peer() -> Option<PathBuf> {
    let script =
        msox_testkit::workspace_root().join("../shared/tools/peers/cab-extract.cabextract");
    let installed =
        script.is_file() && Command::new("cabextract").arg("--version").output().is_ok();
    if installed {
        return Some(script);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "cabextract (peer cab-extract.cabextract) is not installed (CI=true)"
    );
    eprintln!("skipping the cabextract comparison: peer not installed");
    None
}

/// cabextract's result for `path`: (ok, files by name: (size, sha256)).
fn cabextract(script: &Path, path: &Path) -> (bool, BTreeMap<String, (u64, String)>) {
    let o = Command::new("timeout")
        .arg("60")
        .arg(script)
        .arg(path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                (
                    f["size"].as_u64().unwrap(),
                    f["sha256"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect();
    (v["ok"].as_bool().unwrap(), files)
}

fn opts(o: Options) -> Options {
    o.with_limits(Limits::DEFAULT.with_max_output(1 << 30))
}

/// Our files of `bytes` read as cabextract reads a file (every cabinet in
/// it): (entry, bytes or error text).
type Ours = Vec<(FileEntry, Result<Vec<u8>, String>)>;

fn ours(bytes: &[u8], o: &Options) -> Result<Ours, String> {
    let sets = find(bytes, o).map_err(|e| e.to_string())?.value;
    let mut out = Vec::new();
    for set in &sets {
        let d = set.extract_all(o).map_err(|e| e.to_string())?;
        for (n, r) in d.value {
            out.push((set.files()[n].clone(), r.map_err(|e| e.to_string())));
        }
    }
    Ok(out)
}

/// A stored name as the peer script prints what cabextract wrote: UTF-8
/// as it is, other bytes as `\xNN`.
fn peer_form(name: &[u8]) -> String {
    let mut s = String::new();
    for c in name.utf8_chunks() {
        s.push_str(c.valid());
        for b in c.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    s
}

/// Cabinets whose file list depends on the reader: `coffFiles` points
/// elsewhere than after the CFFOLDER entries. [MS-CAB] 2.1 says the
/// entries are at `coffFiles` (where we read them, with a defect; strict
/// mode refuses); libmspack reads the entries that follow the folders.
const READER_DEPENDENT: &[&str] = &["libmspack-hidden-files.cab"];

/// Cabinets of the corpus whose files cabextract cannot write under their
/// own names, and why (the comparison is by content there).
const NAME_CLASHES: &[(&str, &str)] = &[
    (
        "libmspack-dirwalk-vulns.cab",
        "29 names; cabextract maps several onto one path (\"/\" and \"\\\\\" both become \"x\")",
    ),
    (
        "libmspack-utf8-stresstest.cab",
        "79 names that cabextract's UTF-8 conversion folds onto 26 paths",
    ),
];

#[test]
fn every_cabinet_extracts_like_cabextract() {
    let mut files = corpus::files("cab-mszip", &["cab"]);
    files.extend(corpus::files("lzx", &["cab"]));
    if files.is_empty() {
        return;
    }
    let script = peer();
    let mut compared = 0;
    let mut problems = Vec::new();
    for e in &files {
        let res = std::panic::catch_unwind(|| compare(e, script.as_deref()));
        match res {
            Ok(true) => compared += 1,
            Ok(false) => {}
            Err(p) => problems.push(
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default(),
            ),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    eprintln!("{compared} cabinets compared with cabextract");
}

/// Compares one corpus cabinet with cabextract (false: not compared).
fn compare(e: &corpus::Entry, script: Option<&Path>) -> bool {
    {
        let bytes = std::fs::read(&e.path).unwrap();
        let strict = ours(&bytes, &opts(Options::strict()));
        let lenient = ours(&bytes, &opts(Options::lenient()));
        let Some(script) = script else { return false };
        let (ok, theirs) = cabextract(script, &e.path);
        let name = e.path.file_name().unwrap().to_string_lossy().to_string();
        let their_contents: Vec<(u64, String)> = theirs.values().cloned().collect();
        if ok && READER_DEPENDENT.contains(&name.as_str()) {
            assert!(strict.is_err(), "{name}: strict decoding should refuse it");
            let mine = lenient.unwrap();
            assert_eq!(mine.len(), theirs.len(), "{name}");
            return true;
        }
        if ok {
            let mine =
                strict.unwrap_or_else(|err| panic!("{name}: cabextract reads it, we fail: {err}"));
            // By name, the last of a name winning (cabextract overwrites);
            // cabextract turns "\\" into "/" in some names.
            let mut by_name: BTreeMap<String, (u64, String)> = BTreeMap::new();
            for (f, r) in &mine {
                let b = r.as_ref().unwrap_or_else(|err| panic!("{name}: {err}"));
                let n = peer_form(&f.name);
                let n = if theirs.contains_key(&n) {
                    n
                } else {
                    n.replace('\\', "/")
                };
                by_name.insert(n, (b.len() as u64, sha(b)));
            }
            if NAME_CLASHES.iter().any(|(n, _)| *n == name) {
                let got: Vec<&(u64, String)> = by_name.values().collect();
                for w in &their_contents {
                    assert!(got.contains(&w), "{name}: cabextract's {w:?} missing");
                }
            } else {
                assert_eq!(by_name, theirs, "{name}");
            }
        } else {
            // cabextract refuses: strict decoding refuses too (or lists
            // a cabinet whose files fail).
            let refused = match &strict {
                Err(_) => true,
                Ok(v) => v.iter().any(|(_, r)| r.is_err()),
            };
            assert!(
                refused,
                "{name}: cabextract fails, strict decoding does not"
            );
            // Whatever lenient decoding extracts in full that cabextract
            // also wrote in full has the same bytes.
            if let Ok(v) = &lenient {
                for (f, r) in v {
                    if let (Ok(b), Some((size, h))) = (r, theirs.get(&f.name_text()))
                        && *size == b.len() as u64
                    {
                        assert_eq!(&sha(b), h, "{name}: {}", f.name_text());
                    }
                }
            }
        }
        true
    }
}

/// The corpus's multi-cabinet sets, given in order: the files that span
/// cabinets extract whole, as cabextract extracts them when it finds the
/// next cabinets under the names `szCabinetNext` gives.
#[test]
fn cabinet_sets_extract_like_cabextract() {
    let dir = match corpus::dir() {
        Some(d) => d.join("cab-mszip"),
        None => return,
    };
    let script = peer();
    for (parts, names) in [
        (
            (1..=5)
                .map(|i| format!("libmspack-multi_basic_pt{i}.cab"))
                .collect::<Vec<_>>(),
            (1..=5)
                .map(|i| format!("cabd_multi_basic_pt{i}.cab"))
                .collect::<Vec<_>>(),
        ),
        (
            (2..=4)
                .map(|i| format!("libmspack-split-{i}.cab"))
                .collect(),
            (2..=4).map(|i| format!("Split-{i}.CAB")).collect(),
        ),
    ] {
        let bytes: Vec<Vec<u8>> = parts
            .iter()
            .map(|p| std::fs::read(dir.join(p)).unwrap())
            .collect();
        let refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        let set = CabinetSet::open(&refs, &opts(Options::lenient())).unwrap();
        let d = set.value.extract_all(&opts(Options::lenient())).unwrap();
        let mine: BTreeMap<String, Result<(u64, String), String>> = d
            .value
            .iter()
            .map(|(n, r)| {
                (
                    set.value.files()[*n].name_text(),
                    r.as_ref()
                        .map(|b| (b.len() as u64, sha(b)))
                        .map_err(|e| e.to_string()),
                )
            })
            .collect();
        eprintln!("{}: {:?}", parts[0], mine.keys().collect::<Vec<_>>());
        let Some(script) = &script else { continue };
        let tmp =
            std::env::temp_dir().join(format!("msox-cab-set-{}-{}", std::process::id(), names[0]));
        std::fs::create_dir_all(&tmp).unwrap();
        for (b, n) in bytes.iter().zip(&names) {
            std::fs::write(tmp.join(n), b).unwrap();
        }
        let (_, theirs) = cabextract(script, &tmp.join(&names[0]));
        let _ = std::fs::remove_dir_all(&tmp);
        for (n, (size, h)) in &theirs {
            match mine.get(n) {
                Some(Ok((s, mh))) if s == size => assert_eq!(mh, h, "{n}"),
                // cabextract keeps the part it wrote of a file it could not
                // finish: ours fails with an error there.
                Some(Err(_)) => {}
                other => panic!(
                    "{}: cabextract's {n} ({size} bytes): ours {other:?}",
                    parts[0]
                ),
            }
        }
        // Every file we extract whole, cabextract extracts whole.
        for (n, r) in &mine {
            if let Ok((s, h)) = r {
                assert_eq!(theirs.get(n), Some(&(*s, h.clone())), "{}: {n}", parts[0]);
            }
        }
    }
}

/// Every CVE reproducer and broken stream in the corpus gives an error in
/// strict mode (decoding or extracting), never a panic; lenient mode does
/// not panic either.
#[test]
fn cve_reproducers_give_clean_errors() {
    let mut files = corpus::files("cab-mszip", &["cab"]);
    files.extend(corpus::files("lzx", &["cab"]));
    let bad: Vec<_> = files
        .iter()
        .filter(|e| {
            let n = e.path.file_name().unwrap().to_string_lossy();
            n.contains("cve-") || n.contains("premature") || n.contains("no-lengths")
        })
        .collect();
    if files.is_empty() {
        return;
    }
    assert!(bad.len() >= 6, "{}", bad.len());
    for e in bad {
        let bytes = std::fs::read(&e.path).unwrap();
        let o = Options::strict().with_limits(Limits::fuzzing());
        let r = ours(&bytes, &o);
        let failed = match &r {
            Err(_) => true,
            Ok(v) => v.iter().any(|(_, r)| r.is_err()),
        };
        assert!(failed, "{}: no error", e.path.display());
        let _ = ours(&bytes, &Options::fuzzing());
    }
}
