//! Replays fuzz inputs on stable: every file under `fuzz/regressions/<target>/`
//! (crashes found once, kept fixed) and every seed vector, through the same
//! function the fuzz target runs.

use std::path::PathBuf;

use msox_fuzz_targets::TARGETS;

fn fuzz_dir() -> PathBuf {
    msox_testkit::workspace_root().join("fuzz")
}

#[test]
fn regressions_and_seeds_do_not_panic() {
    let mut ran = 0;
    for t in TARGETS {
        let dir = fuzz_dir().join("regressions").join(t.name);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries {
                let p = e.unwrap().path();
                let data = std::fs::read(&p).unwrap();
                eprintln!("{}: {}", t.name, p.display());
                (t.run)(&data);
                ran += 1;
            }
        }
        for folder in t.seeds {
            for v in msox_testkit::vectors(folder) {
                (t.run)(&v.bytes);
                // and every truncation of the seed
                for n in (0..v.bytes.len()).step_by((v.bytes.len() / 64).max(1)) {
                    (t.run)(&v.bytes[..n]);
                }
                ran += 1;
            }
        }
    }
    eprintln!("replayed {ran} inputs");
}

#[test]
fn regression_folders_name_real_targets() {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join("regressions")) else {
        return;
    };
    for e in entries {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "README.md" {
            continue;
        }
        assert!(
            TARGETS.iter().any(|t| t.name == name),
            "fuzz/regressions/{name} does not match any target"
        );
    }
}

#[test]
fn targets_match_fuzz_folder() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for t in TARGETS {
        let src = fuzz_dir()
            .join("fuzz_targets")
            .join(format!("{}.rs", t.name));
        let text =
            std::fs::read_to_string(&src).unwrap_or_else(|_| panic!("missing {}", src.display()));
        assert!(
            text.contains(&format!("msox_fuzz_targets::{}(", t.name)),
            "{} does not call msox_fuzz_targets::{}",
            src.display(),
            t.name
        );
        assert!(
            manifest.contains(&format!("name = \"{}\"", t.name)),
            "fuzz/Cargo.toml has no [[bin]] for {}",
            t.name
        );
    }
    for e in std::fs::read_dir(fuzz_dir().join("fuzz_targets")).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            TARGETS.iter().any(|t| t.name == stem),
            "{} is not in msox_fuzz_targets::TARGETS",
            p.display()
        );
    }
}
