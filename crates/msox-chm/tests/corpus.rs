//! The corpus's CHM files (`../shared/corpus/lzx`) against libmspack's CHM
//! decompressor (chmd, through `tests/peer/chmd-extract.c`, built here
//! against the system's libmspack from the peers' install): every file
//! libmspack extracts, we extract to the same bytes; every file it refuses
//! (and every CHM it cannot open), strict decoding refuses too; every CVE
//! reproducer gives an error, never a panic. Without a C compiler or
//! libmspack the comparison is skipped with a message, except under
//! `CI=true`, where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use msox_chm::ChmFile;
use msox_codec::{Decode, Limits, Options};
use msox_testkit::corpus;

/// The chmd harness, built once.
fn harness() -> Option<PathBuf> {
    // Built once per test process (tests run on several threads: one must
    // not run the binary while another is still writing it), into a
    // temporary name renamed into place.
    static BUILT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peer/chmd-extract.c");
    let bin = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chmd-extract");
    let built = *BUILT.get_or_init(|| {
        let tmp = bin.with_extension(format!("tmp{}", std::process::id()));
        Command::new("cc")
            .arg("-O1")
            .arg("-o")
            .arg(&tmp)
            .arg(&src)
            .arg("-lmspack")
            .output()
            .is_ok_and(|o| o.status.success())
            && std::fs::rename(&tmp, &bin).is_ok()
    });
    if built {
        return Some(bin);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "cannot build the libmspack chmd harness (CI=true): install the peers"
    );
    eprintln!("skipping the libmspack comparison: no C compiler or libmspack-dev");
    None
}

/// libmspack's view of `chm`: None if it does not open, else each file's
/// (name, Ok(bytes) or Err(libmspack error number)).
/// (name, bytes or libmspack's error number) of each file.
type Listing = Vec<(String, Result<Vec<u8>, String>)>;

fn chmd(bin: &Path, chm: &Path, tag: &str) -> Option<Listing> {
    let out = std::env::temp_dir().join(format!("msox-chm-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let o = Command::new("timeout")
        .arg("60")
        .arg(bin)
        .arg(chm)
        .arg(&out)
        .output()
        .unwrap();
    let r = if o.status.success() {
        let text = String::from_utf8_lossy(&o.stdout);
        Some(
            text.lines()
                .filter_map(|l| {
                    let mut p = l.splitn(3, '\t');
                    let (i, st, name) = (p.next()?, p.next()?, p.next()?);
                    let data = if st == "ok" {
                        Ok(std::fs::read(out.join(i)).unwrap())
                    } else {
                        Err(st.to_string())
                    };
                    Some((name.to_string(), data))
                })
                .collect(),
        )
    } else {
        None
    };
    let _ = std::fs::remove_dir_all(&out);
    r
}

fn chms() -> Vec<corpus::Entry> {
    let mut v = corpus::files("lzx", &[".chm", ".CHM"]);
    v.sort_by(|a, b| a.file.cmp(&b.file));
    v
}

/// CHM files whose listing differs from libmspack's, and why: in each,
/// an ENCINT of nine bytes whose ninth still has its high bit set ("more
/// bytes follow": a number over 63 bits). libmspack means to refuse such
/// a number, but its check never fires (its byte counter has moved past 9
/// when it is tested), so it takes the ninth byte as the last and reads the
/// rest of the chunk out of step: the entries it lists after that point
/// ("bad19", "20", "d26", ...) are pieces of other entries. We stop the
/// chunk there with a defect (strict mode: an error). Checked by
/// `encint_exceptions_are_where_libmspack_loses_step`.
const ENCINT_EXCEPTIONS: &[&str] = &[
    "libmspack-encints-32bit-both.chm",
    "libmspack-encints-32bit-lengths.chm",
    "libmspack-encints-64bit-lengths.chm",
    "libmspack-encints-64bit-offsets.chm",
];

/// A name as the harness prints it (a C string: up to its first NUL).
fn c_name(name: &str) -> String {
    name.split('\0').next().unwrap_or_default().to_string()
}

#[test]
fn every_chm_extracts_like_libmspack() {
    let files = chms();
    if files.is_empty() {
        return;
    }
    let bin = harness();
    let mut problems = Vec::new();
    let mut compared = 0;
    for (k, e) in files.iter().enumerate() {
        let name = e.path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&e.path).unwrap();
        let o = Options::lenient().with_limits(Limits::DEFAULT);
        let ours = ChmFile::decode_bytes(&bytes, &o).map(|d| d.value);
        let strict = ChmFile::decode_bytes(&bytes, &Options::strict())
            .and_then(|d| d.value.test(&Options::strict()).map(|t| t.value));
        let Some(bin) = &bin else { continue };
        compared += 1;
        let theirs = chmd(bin, &e.path, &k.to_string());
        match (&theirs, &ours) {
            (None, _) => {
                if strict.is_ok() {
                    problems.push(format!(
                        "{name}: libmspack cannot open it, strict decoding can"
                    ));
                }
            }
            (Some(_), Err(err)) => {
                problems.push(format!("{name}: libmspack opens it, we fail: {err}"))
            }
            (Some(theirs), Ok(chm)) => {
                let listed: Vec<String> =
                    chm.files().iter().map(|f| c_name(&f.name_text())).collect();
                let mut their_names: Vec<&String> = theirs.iter().map(|(n, _)| n).collect();
                if ENCINT_EXCEPTIONS.contains(&name.as_str()) {
                    their_names.truncate(listed.len());
                }
                if listed.iter().collect::<Vec<_>>() != their_names {
                    problems.push(format!(
                        "{name}: listing differs: ours {listed:?}, libmspack {their_names:?}"
                    ));
                    continue;
                }
                let got = chm.extract_all(&o).unwrap().value;
                for ((n, r), (fname, t)) in got.iter().zip(theirs) {
                    match (r, t) {
                        (Ok(a), Ok(b)) if a == b => {}
                        (Ok(a), Ok(b)) => problems.push(format!(
                            "{name}: {fname}: {} bytes, libmspack {} bytes, differ",
                            a.len(),
                            b.len()
                        )),
                        (Err(_), Err(_)) => {}
                        (Ok(a), Err(st)) => problems.push(format!(
                            "{name}: {fname} (#{n}): we extract {} bytes, libmspack fails ({st})",
                            a.len()
                        )),
                        (Err(err), Ok(b)) => problems.push(format!(
                            "{name}: {fname}: libmspack extracts {} bytes, we fail: {err}",
                            b.len()
                        )),
                    }
                }
                // What libmspack refuses, strict decoding refuses.
                if theirs.iter().any(|(_, t)| t.is_err())
                    && strict
                        .as_ref()
                        .is_ok_and(|v| v.iter().all(|o| o.result.is_ok()))
                {
                    problems.push(format!(
                        "{name}: libmspack fails a file, strict decoding does not"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    eprintln!("{compared} CHM files compared with libmspack");
}

/// Every CVE reproducer in corpus/lzx: an error in strict mode (opening or
/// extracting), never a panic; lenient mode does not panic either.
#[test]
fn cve_reproducers_give_clean_errors() {
    let files: Vec<_> = chms()
        .into_iter()
        .filter(|e| {
            (e.file.contains("cve-") || e.file.contains("oom"))
                // Well-formed: see the_name_overread_reproducer_is_read_correctly.
                && !e.file.contains("1010305")
        })
        .collect();
    if files.is_empty() {
        return;
    }
    assert!(files.len() >= 7, "{}", files.len());
    for e in files {
        let bytes = std::fs::read(&e.path).unwrap();
        let o = Options::strict().with_limits(Limits::fuzzing());
        let r = ChmFile::decode_bytes(&bytes, &o).and_then(|d| d.value.test(&o).map(|t| t.value));
        let failed = match &r {
            Err(_) => true,
            Ok(v) => v.iter().any(|o| o.result.is_err()),
        };
        assert!(failed, "{}: no error", e.file);
        if let Ok(d) = ChmFile::decode_bytes(&bytes, &Options::fuzzing()) {
            let _ = d.value.test(&Options::fuzzing());
        }
    }
}

/// The ENCINT exceptions (see [`ENCINT_EXCEPTIONS`]): our listing is
/// libmspack's up to the entry whose ENCINT is over 63 bits, where we
/// report a defect (strict mode: an error) and libmspack goes on out of
/// step.
#[test]
fn encint_exceptions_are_where_libmspack_loses_step() {
    let Some(bin) = harness() else { return };
    for e in chms() {
        let name = e.path.file_name().unwrap().to_string_lossy().to_string();
        if !ENCINT_EXCEPTIONS.contains(&name.as_str()) {
            continue;
        }
        let bytes = std::fs::read(&e.path).unwrap();
        let d = ChmFile::decode_bytes(&bytes, &Options::lenient()).unwrap();
        assert!(
            d.defects
                .iter()
                .any(|x| x.to_string().contains("ENCINT longer than 63 bits")),
            "{name}: {:?}",
            d.defects
        );
        assert!(
            ChmFile::decode_bytes(&bytes, &Options::strict()).is_err(),
            "{name}"
        );
        let theirs = chmd(&bin, &e.path, "encint").unwrap();
        let ours: Vec<String> = d.value.files().iter().map(|f| f.name_text()).collect();
        assert!(theirs.len() > ours.len(), "{name}");
        for (o, (t, _)) in ours.iter().zip(&theirs) {
            assert_eq!(o, t, "{name}");
        }
    }
}

/// `libmspack-cve-2019-1010305-name-overread.chm` is a well-formed CHM:
/// the CVE was an over-read in libmspack's fast lookup of a name that
/// runs up to the chunk's entry count. It reads cleanly here (as in
/// current libmspack): one empty file with a 4063-byte name.
#[test]
fn the_name_overread_reproducer_is_read_correctly() {
    let Some(e) = chms().into_iter().find(|e| e.file.contains("1010305")) else {
        return;
    };
    let bytes = std::fs::read(&e.path).unwrap();
    let chm = ChmFile::decode_bytes(&bytes, &Options::strict())
        .unwrap()
        .value;
    let files = chm.files();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name.len(), 4063);
    assert_eq!(files[0].length, 0);
    let t = chm.test(&Options::strict()).unwrap();
    assert_eq!(t.value[0].result, Ok(0));
}
