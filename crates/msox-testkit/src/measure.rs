//! Helpers of the ignored in-process measurements (`tests/measure.rs` of
//! ms-patch, ms-mci, ms-oxrtfcp, ms-oxrtfex): round-robin timing against a
//! peer and the process's peak resident set.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

/// Rounds of [`race`]: `MEASURE_ROUNDS`, else 9.
pub fn rounds() -> usize {
    std::env::var("MEASURE_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9)
}

/// Runs the closures round-robin `rounds` times (round i starts with
/// closure i mod n, after one warm-up call each); (min, median) of each.
pub fn race(rounds: usize, fs: &mut [&mut dyn FnMut()]) -> Vec<(Duration, Duration)> {
    let mut times = vec![Vec::new(); fs.len()];
    for f in fs.iter_mut() {
        f(); // warm-up
    }
    for i in 0..rounds {
        for k in 0..fs.len() {
            let j = (i + k) % fs.len();
            let t = Instant::now();
            (fs[j])();
            times[j].push(t.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            (t[0], t[t.len() / 2])
        })
        .collect()
}

/// The process's peak resident set in KiB (`VmHWM` of
/// `/proc/self/status`; Linux only).
pub fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
