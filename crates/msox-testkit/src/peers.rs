//! Running the peers (other implementations, `shared/tools/peers`, or a
//! short Python script over a library the peers install) from tests (the
//! interop tests of ms-oxtnef, ms-oxmsg, ms-oxvcard, ms-oxwoab). A peer that is not installed fails the test under CI (env `CI`
//! set) and is reported as SKIPPED elsewhere: never a silent pass.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the peer scripts are: `MSOX_PEERS`, else `tools/peers` beside the
/// corpus (`shared/corpus` -> `shared/tools/peers`).
pub fn dir() -> Option<PathBuf> {
    let d = match std::env::var_os("MSOX_PEERS") {
        Some(p) => PathBuf::from(p),
        None => crate::corpus::dir()?.join("../tools/peers"),
    };
    d.join("README.md").is_file().then_some(d)
}

/// What a peer needs installed: a program on PATH, or a Python module.
fn installed(peer: &str) -> bool {
    let (prog, module) = match peer {
        "ytnef" => ("ytnef", None),
        "tnef" => ("tnef", None),
        "msgconvert" => ("msgconvert", None),
        "tnefparse" => ("python3", Some("tnefparse")),
        "extract_msg" => ("python3", Some("extract_msg")),
        "olefile" => ("python3", Some("olefile")),
        _ => return false,
    };
    match module {
        Some(m) => Command::new(prog)
            .args(["-c", &format!("import {m}")])
            .output()
            .is_ok_and(|o| o.status.success()),
        None => Command::new("sh")
            .args(["-c", &format!("command -v {prog}")])
            .output()
            .is_ok_and(|o| o.status.success()),
    }
}

/// The peers of `wanted` that can run: every missing one (or the scripts'
/// folder) is a failure under CI and a printed SKIPPED line elsewhere.
pub fn available(test: &str, wanted: &[&'static str]) -> (Option<PathBuf>, Vec<&'static str>) {
    let Some(d) = dir() else {
        missing(test, "the peer scripts (shared/tools/peers)");
        return (None, Vec::new());
    };
    let mut ok = Vec::new();
    for p in wanted {
        if installed(p) {
            ok.push(*p);
        } else {
            missing(test, p);
        }
    }
    (Some(d), ok)
}

fn missing(test: &str, what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: peer {what} is not installed and CI is set (run shared/tools/peers/install.sh)"
        );
    }
    eprintln!("SKIPPED ({test}): peer {what} is not installed");
}

/// Whether `python3` (with `module`, when given) runs here, for tests
/// whose peer is a short Python script: missing is a failure under CI and
/// a printed SKIPPED line elsewhere, as for the other peers.
pub fn python(test: &str, module: Option<&str>) -> bool {
    let import = module.map_or_else(|| "pass".to_string(), |m| format!("import {m}"));
    let ok = Command::new("python3")
        .args(["-c", &import])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        missing(
            test,
            &format!(
                "python3{}",
                module.map_or(String::new(), |m| format!(" with {m}"))
            ),
        );
    }
    ok
}

/// Runs the Python `script` with `file` as its argument: its standard
/// output, or what it printed on standard error when it failed.
pub fn run_python(script: &str, file: &Path) -> Result<String, String> {
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// What a peer said about a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Its normalised JSON.
    Read(serde_json::Value),
    /// It refused the file (non-zero exit) or ran past the time limit.
    Refused(String),
}

impl Outcome {
    /// The JSON, when the peer read the file.
    pub fn json(&self) -> Option<&serde_json::Value> {
        match self {
            Outcome::Read(v) => Some(v),
            Outcome::Refused(_) => None,
        }
    }
}

/// Runs `dir/JOB.PEER FILE` (bodies not extracted), [`timeout_secs`] at most.
pub fn run(dir: &Path, job: &str, peer: &str, file: &Path) -> Outcome {
    let script = dir.join(format!("{job}.{peer}"));
    let o = Command::new("timeout")
        .arg(timeout_secs().to_string())
        .arg(&script)
        .arg(file)
        .env("BODIES", "0")
        .output();
    match o {
        Ok(o) if o.status.success() => match serde_json::from_slice(&o.stdout) {
            Ok(v) => Outcome::Read(v),
            Err(e) => Outcome::Refused(format!("unreadable output: {e}")),
        },
        Ok(o) => Outcome::Refused(format!(
            "exit {:?}: {}",
            o.status.code(),
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .next()
                .unwrap_or("")
        )),
        Err(e) => Outcome::Refused(format!("{}: {e}", script.display())),
    }
}

/// The SHA-256 of every attachment with bytes, sorted; files a peer makes
/// from properties rather than attachment bytes (ytnef's vCalendar and
/// vCard files) left out.
pub fn attachment_hashes(v: &serde_json::Value, peer: &str) -> Vec<String> {
    let mut out: Vec<String> = v["attachments"]
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|a| {
            let name = a["name"].as_str().unwrap_or("").to_ascii_lowercase();
            !(peer == "ytnef" && (name.ends_with(".ics") || name.ends_with(".vcf")))
        })
        .filter(|a| a["size"].as_u64().unwrap_or(0) > 0)
        .filter_map(|a| a["sha256"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

/// Runs `f` on the items on `threads` threads, results in order.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    *results[i].lock().unwrap() = Some(r);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| m.into_inner().unwrap().unwrap())
        .collect()
}

/// A scratch directory removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new empty directory under the system's temporary directory,
    /// named after `tag`, the process and a counter.
    pub fn new(tag: &str) -> Scratch {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let d = std::env::temp_dir().join(format!("msox-interop-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// How long a peer may take on one file (`MSOX_PEER_TIMEOUT`, default 30
/// s; the corpus's slowest healthy case takes a few seconds, and
/// tnefparse never ends on poi/oom.tnef).
pub fn timeout_secs() -> u64 {
    std::env::var("MSOX_PEER_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
}
