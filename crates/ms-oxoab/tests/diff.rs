//! Useful OAB diffs: a change costs in proportion to its size, wherever it
//! is in the file, and libmspack (oabd's `decompress_incremental`, through
//! the peers in `../shared/tools/peers`) applies our patches byte for
//! byte. Without the peers the libmspack checks are skipped with a message,
//! except under `CI=true`, where a missing peer fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

use ms_oxoab::{Base, Patch, Target, WriteOptions, generate};
use msox_codec::Options;

/// The peer script `name`, if the peers are installed; `None` (with a
/// message) outside CI; a failure under CI.
fn peer(name: &str) -> Option<PathBuf> {
    let script = msox_testkit::workspace_root()
        .join("../shared/tools/peers")
        .join(name);
    let installed = script.is_file() && Command::new("msox-peers").output().is_ok();
    if installed {
        return Some(script);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "peer {name} is not installed (CI=true): run ../shared/tools/peers/install.sh"
    );
    eprintln!("skipping the libmspack check: peer {name} not installed");
    None
}

/// libmspack applies `patch` to `base`: its output.
fn libmspack_apply(base: &[u8], patch: &[u8], tag: &str) -> Option<Vec<u8>> {
    let script = peer("lzx-patch.libmspack")?;
    let dir = std::env::temp_dir().join(format!("ms-oxoab-diff-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (b, p) = (dir.join("base"), dir.join("patch"));
    std::fs::write(&b, base).unwrap();
    std::fs::write(&p, patch).unwrap();
    let o = Command::new(script).arg(&p).arg(&b).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        o.status.success(),
        "libmspack: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Some(o.stdout)
}

/// Records of a generated book of about `mib` MiB, and the bytes of one.
fn sizing(mib: usize) -> (u32, usize) {
    let probe = generate::full_details_bytes(1_000, 1).unwrap();
    let per = probe.len() / 1_000;
    (((mib << 20) / per) as u32, per)
}

/// Acceptance: 400 KB of records inserted into the middle of a 32 MB
/// generated OAB make a patch under 1% of the new file, which applies
/// here and with libmspack byte for byte.
#[test]
fn an_insertion_into_32_mb_costs_its_size() {
    let (n, per) = sizing(32);
    let old = generate::full_details_bytes(n, 1).unwrap();
    let mut book = generate::full_details(n, 2);
    let at = book.records.len() / 2;
    let extra = (400 << 10) / per as u32;
    book.records.splice(
        at..at,
        (0..extra).map(|i| generate::record(n + 100_000 + i)),
    );
    let new = book.to_bytes().unwrap();
    assert!(old.len() >= 32_000_000 && new.len() - old.len() >= 400_000);
    let patch = ms_oxoab::diff(Base(&old), Target(&new), &WriteOptions::default()).unwrap();
    eprintln!(
        "{} -> {} bytes: patch {} bytes ({:.3}% of the new file)",
        old.len(),
        new.len(),
        patch.len(),
        100.0 * patch.len() as f64 / new.len() as f64
    );
    assert!(
        patch.len() * 100 < new.len(),
        "patch of {} bytes",
        patch.len()
    );
    let d = ms_oxoab::apply_patch(Base(&old), Patch(&patch), &Options::strict()).unwrap();
    assert!(d.value == new);
    if let Some(theirs) = libmspack_apply(&old, &patch, "insert") {
        assert!(theirs == new, "libmspack's output differs");
    }
}

/// Smaller edits at the start, in the middle and at the end (changed,
/// deleted and appended records) of a file over one window: each patch is
/// small, and libmspack applies them all.
#[test]
fn edits_anywhere_stay_small() {
    let (n, _) = sizing(40);
    let old = generate::full_details_bytes(n, 1).unwrap();
    let base = generate::full_details(n, 2);
    type Edit = Box<dyn Fn(&mut ms_oxoab::FullDetails)>;
    let edits: [(&str, Edit); 3] = [
        (
            "first record changed",
            Box::new(|b| b.records[0] = generate::record(900_000)),
        ),
        (
            "1,000 records deleted in the middle",
            Box::new(|b| {
                let at = b.records.len() / 2;
                b.records.drain(at..at + 1_000);
            }),
        ),
        (
            "records appended",
            Box::new(move |b| b.records.extend((0..500).map(|i| generate::record(n + i)))),
        ),
    ];
    for (i, (what, edit)) in edits.iter().enumerate() {
        let mut book = base.clone();
        edit(&mut book);
        let new = book.to_bytes().unwrap();
        let patch = ms_oxoab::diff(Base(&old), Target(&new), &WriteOptions::level(3)).unwrap();
        eprintln!("{what}: patch {} bytes", patch.len());
        assert!(patch.len() < 200_000, "{what}: {} bytes", patch.len());
        let d = ms_oxoab::apply_patch(Base(&old), Patch(&patch), &Options::strict()).unwrap();
        assert!(d.value == new, "{what}");
        if let Some(theirs) = libmspack_apply(&old, &patch, &i.to_string()) {
            assert!(theirs == new, "{what}: libmspack's output differs");
        }
    }
}
