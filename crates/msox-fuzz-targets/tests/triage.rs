//! Triage of fuzz findings on stable: replays every input under
//! `fuzz/artifacts/<target>/` through the target's function and prints the
//! distinct panic messages with the smallest input that gives each.
//!
//! `cargo test -p msox-fuzz-targets --test triage -- --ignored --nocapture`
//! (`TARGET=name` for one target). Timeouts and OOMs are not replayed
//! (their files start with `timeout-` / `oom-`).

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use msox_fuzz_targets::TARGETS;

#[test]
#[ignore = "a tool: replays fuzz/artifacts"]
fn triage_artifacts() {
    let only = std::env::var("TARGET").ok();
    let root = msox_testkit::workspace_root().join("fuzz/artifacts");
    std::panic::set_hook(Box::new(|_| {}));
    for t in TARGETS {
        if only.as_deref().is_some_and(|o| o != t.name) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(root.join(t.name)) else {
            continue;
        };
        // first line of the panic message -> (count, smallest input)
        let mut found: BTreeMap<String, (usize, std::path::PathBuf, usize)> = BTreeMap::new();
        for e in entries {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("timeout-") || name.starts_with("oom-") {
                eprintln!("{}: {name} (not replayed)", t.name);
                continue;
            }
            let data = std::fs::read(&p).unwrap();
            let Err(e) = catch_unwind(AssertUnwindSafe(|| (t.run)(&data))) else {
                continue;
            };
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_default();
            let key: String = msg.lines().next().unwrap_or("").chars().take(200).collect();
            let entry = found.entry(key).or_insert((0, p.clone(), data.len()));
            entry.0 += 1;
            if data.len() < entry.2 {
                entry.1 = p.clone();
                entry.2 = data.len();
            }
        }
        for (msg, (n, p, len)) in &found {
            eprintln!(
                "{}: {n}x {msg}\n    smallest: {} ({len} bytes)",
                t.name,
                p.display()
            );
        }
    }
}
