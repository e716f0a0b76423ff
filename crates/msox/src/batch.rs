//! Many files per call: directories walked, files worked on in parallel
//! (`-j`), output printed in input order, a status line per file on
//! stderr, progress on a terminal, exit 1 when any file failed.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How a batch prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct Batch {
    /// Each file's output is one JSON value: several are printed as one
    /// JSON array, a file that failed as `{"file": ..., "error": ...}`.
    pub json_array: bool,
    /// Print `==> FILE <==` before each file's text output when there are
    /// several (as `head` does).
    pub headers: bool,
}

/// One input: its path, and whether it was found by walking a directory
/// (a file there that is not of the command's format is skipped, not an
/// error).
#[derive(Debug, Clone)]
pub struct Input {
    /// The path (`-` for stdin).
    pub path: PathBuf,
    /// Found inside a directory given on the command line.
    pub walked: bool,
}

/// The inputs a command line names: files as given, directories walked
/// (regular files below them, sorted by path; hidden entries skipped).
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            out.extend(found.into_iter().map(|path| Input { path, walked: true }));
        } else {
            out.push(Input {
                path: p.clone(),
                walked: false,
            });
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: u32) {
    if depth > 64 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for e in rd.flatten() {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&p, out, depth + 1),
            Ok(t) if t.is_file() => out.push(p),
            Ok(t) if t.is_symlink() && p.is_file() => out.push(p),
            _ => {}
        }
    }
}

/// A file whose output is printed although it failed (an `inspect` tree
/// with an error node): the output, then the failure.
#[derive(Debug)]
pub struct Damaged {
    /// What to print.
    pub output: Vec<u8>,
    /// The error line.
    pub message: String,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Damaged {}

/// What a job gave for one file.
type Done = (anyhow::Result<Vec<u8>>, Vec<String>);

/// Runs `job` on every input and prints what each returns, in input order.
/// One file given as a file (not a directory): the job runs alone and its
/// error is the command's error. Otherwise the files are shared among
/// `-j` threads; each gets a status line on stderr (`FILE: ok`,
/// `FILE: ok, N defects`, `FILE: error: ...`; only errors with `-q`), the
/// notes it made follow it; files of a walked directory that are not of
/// the command's format ([`crate::cli::NotThisFormat`]) are skipped and
/// counted; any failure makes the run fail (exit 1) after every file is
/// done.
pub fn run<F>(paths: &[PathBuf], how: Batch, job: F) -> anyhow::Result<()>
where
    F: Fn(&Path) -> anyhow::Result<Vec<u8>> + Sync,
{
    let inputs = expand(paths);
    if inputs.is_empty() {
        anyhow::bail!("no files found in {}", join_paths(paths));
    }
    run_inputs(&inputs, how, job)
}

/// The one file a command line names, when it names one file (not a
/// directory to walk): what [`run`] would run its job on alone, printing
/// the output as it is.
pub fn single_file(paths: &[PathBuf]) -> Option<PathBuf> {
    match paths {
        [p] if p.as_os_str() == "-" || !p.is_dir() => {
            let inputs = expand(paths);
            match inputs.as_slice() {
                [one] if !one.walked => Some(one.path.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// [`run`] over inputs already expanded.
pub fn run_inputs<F>(inputs: &[Input], how: Batch, job: F) -> anyhow::Result<()>
where
    F: Fn(&Path) -> anyhow::Result<Vec<u8>> + Sync,
{
    if let [one] = inputs
        && !one.walked
    {
        return match job(&one.path) {
            Ok(out) => crate::cli::print_bytes(&out),
            Err(e) => {
                if let Some(d) = e.downcast_ref::<Damaged>() {
                    crate::cli::print_bytes(&d.output)?;
                }
                Err(e)
            }
        };
    }
    let total = inputs.len();
    let progress = Progress::new(total);
    let mut printer = Printer {
        how,
        printed: 0,
        failed: 0,
        skipped: 0,
        progress: &progress,
    };
    let jobs = crate::cli::jobs().max(1).min(total);
    if jobs == 1 {
        for input in inputs {
            let done = crate::cli::capture(|| job(&input.path));
            printer.emit(input, done)?;
        }
    } else {
        run_parallel(inputs, jobs, &job, &mut printer)?;
    }
    printer.finish()?;
    progress.finish();
    let (failed, skipped) = (printer.failed, printer.skipped);
    if skipped > 0 {
        crate::cli::note(format!(
            "{skipped} file{} of another format skipped",
            if skipped == 1 { "" } else { "s" }
        ));
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {total} files failed");
    }
    Ok(())
}

/// The files shared among `jobs` threads, each taking the next files in
/// turn. Output stays in input order without a printing thread to wake for
/// each file (on two cores, waking a third thread per file cost a third of
/// the CPU time): a thread that finishes a file takes the printing turn if
/// no one holds it and prints, outside the lock, every file that is next
/// in order and done; the others only add what they finished. The calling
/// thread only updates the progress bar.
fn run_parallel<F>(
    inputs: &[Input],
    jobs: usize,
    job: &F,
    printer: &mut Printer<'_>,
) -> anyhow::Result<()>
where
    F: Fn(&Path) -> anyhow::Result<Vec<u8>> + Sync,
{
    struct Ordered {
        pending: BTreeMap<usize, Done>,
        next: usize,
        /// A thread is printing (outside the lock): the others only add
        /// what they finished and go on.
        printing: bool,
        error: Option<anyhow::Error>,
        running: usize,
    }
    let total = inputs.len();
    let taken = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let progress = printer.progress;
    let state = Mutex::new(Ordered {
        pending: BTreeMap::new(),
        next: 0,
        printing: false,
        error: None,
        running: jobs,
    });
    // Used only by the thread that holds the printing turn.
    let printer = Mutex::new(printer);
    let finished = Condvar::new();
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    // Guided scheduling: runs of consecutive files while
                    // many are left (one lock per run, not per file: a
                    // directory of small files otherwise spends its time
                    // passing the lock between threads), single files
                    // towards the end (so no thread is left with a long
                    // run while the others wait).
                    let left = total.saturating_sub(taken.load(Ordering::Relaxed));
                    let k = (left / (jobs * 8)).clamp(1, 16);
                    let start = taken.fetch_add(k, Ordering::Relaxed);
                    if start >= total || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let run: Vec<(usize, Done)> = (start..(start + k).min(total))
                        .filter_map(|i| {
                            let input = inputs.get(i)?;
                            Some((i, crate::cli::capture(|| job(&input.path))))
                        })
                        .collect();
                    let mut st = lock();
                    st.pending.extend(run);
                    if st.printing {
                        continue;
                    }
                    st.printing = true;
                    loop {
                        let mut ready = Vec::new();
                        loop {
                            let next = st.next;
                            let Some(done) = st.pending.remove(&next) else {
                                break;
                            };
                            st.next += 1;
                            ready.push((next, done));
                        }
                        if ready.is_empty() || st.error.is_some() {
                            st.printing = false;
                            break;
                        }
                        drop(st);
                        let mut result = Ok(());
                        {
                            let mut p = printer.lock().unwrap_or_else(|e| e.into_inner());
                            for (n, done) in ready {
                                if let Some(input) = inputs.get(n) {
                                    result = p.emit(input, done);
                                    if result.is_err() {
                                        break;
                                    }
                                }
                            }
                        }
                        st = lock();
                        if let Err(e) = result {
                            st.error = Some(e);
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
                let mut st = lock();
                st.running -= 1;
                if st.running == 0 {
                    finished.notify_all();
                }
            });
        }
        let mut st = lock();
        while st.running > 0 {
            st = finished
                .wait_timeout(st, Duration::from_millis(200))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
            if st.running > 0 {
                progress.tick();
            }
        }
    });
    let st = state.into_inner().unwrap_or_else(|e| e.into_inner());
    match st.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

struct Printer<'a> {
    how: Batch,
    printed: usize,
    failed: usize,
    skipped: usize,
    progress: &'a Progress,
}

impl Printer<'_> {
    fn emit(&mut self, input: &Input, (result, notes): Done) -> anyhow::Result<()> {
        self.progress.inc();
        let name = input.path.display().to_string();
        let defects = notes
            .iter()
            .filter(|l| l.starts_with("msox: defect:"))
            .count();
        let mut err_lines = Vec::new();
        let mut out: Vec<u8> = Vec::new();
        match result {
            Ok(bytes) => {
                if !crate::cli::quiet() {
                    err_lines.push(match defects {
                        0 => format!("{name}: ok"),
                        1 => format!("{name}: ok, 1 defect"),
                        n => format!("{name}: ok, {n} defects"),
                    });
                    err_lines.extend(notes);
                }
                if self.how.json_array {
                    out.extend_from_slice(if self.printed == 0 { b"[\n" } else { b",\n" });
                    out.extend_from_slice(bytes.trim_ascii_end());
                } else {
                    if self.how.headers {
                        if self.printed > 0 {
                            out.push(b'\n');
                        }
                        out.extend_from_slice(format!("==> {name} <==\n").as_bytes());
                    }
                    out.extend_from_slice(&bytes);
                }
                self.printed += 1;
            }
            Err(e) if input.walked && e.downcast_ref::<crate::cli::NotThisFormat>().is_some() => {
                self.skipped += 1;
            }
            Err(e) => {
                self.failed += 1;
                let msg = crate::error_line(&e);
                if let Some(d) = e.downcast_ref::<Damaged>() {
                    if self.how.json_array {
                        out.extend_from_slice(if self.printed == 0 { b"[\n" } else { b",\n" });
                        out.extend_from_slice(d.output.trim_ascii_end());
                        self.printed += 1;
                    } else {
                        out.extend_from_slice(&d.output);
                    }
                    err_lines.push(format!("{name}: error: {msg}"));
                    self.progress.suspend(|| {
                        let mut err = std::io::stderr().lock();
                        for l in &err_lines {
                            let _ = writeln!(err, "{l}");
                        }
                    });
                    return crate::cli::print_bytes(&out);
                }
                err_lines.push(format!("{name}: error: {msg}"));
                if !crate::cli::quiet() {
                    err_lines.extend(notes);
                }
                if self.how.json_array {
                    out.extend_from_slice(if self.printed == 0 { b"[\n" } else { b",\n" });
                    let v = serde_json::json!({"file": name, "error": msg});
                    out.extend_from_slice(serde_json::to_string_pretty(&v)?.as_bytes());
                    self.printed += 1;
                }
            }
        }
        self.progress.suspend(|| {
            let mut err = std::io::stderr().lock();
            for l in &err_lines {
                let _ = writeln!(err, "{l}");
            }
        });
        crate::cli::print_bytes(&out)
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if self.how.json_array {
            crate::cli::print_bytes(if self.printed == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    }
}

/// A progress bar on stderr for batches that run over a second, when
/// stderr is a terminal (and not with `-q`).
pub struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
    shown: AtomicBool,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` files (hidden until a second has passed).
    pub fn new(total: usize) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{elapsed:>4} [{bar:30}] {pos}/{len} files, {per_sec}, {eta} left",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
            enabled: std::io::stderr().is_terminal() && !crate::cli::quiet(),
        }
    }

    fn tick(&self) {
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() > Duration::from_secs(1)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown.store(true, Ordering::Relaxed);
        }
        self.bar.tick();
    }

    fn inc(&self) {
        self.tick();
        self.bar.inc(1);
    }

    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A spinner on stderr for one long job (compressing at a high level,
/// building a patch): shown when the job has run for a second and stderr
/// is a terminal; gone when dropped.
pub struct Spinner {
    bar: indicatif::ProgressBar,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Spinner {
    /// Starts a spinner saying `what` (e.g. `compressing 12 MB at level 9`).
    pub fn start(what: impl Into<String>) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(what.into());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let enabled = std::io::stderr().is_terminal() && !crate::cli::quiet();
        let thread = enabled.then(|| {
            let (bar, stop) = (bar.clone(), stop.clone());
            std::thread::spawn(move || {
                let start = Instant::now();
                let mut shown = false;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if !shown && start.elapsed() > Duration::from_secs(1) {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        shown = true;
                    }
                    if shown {
                        bar.tick();
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        });
        Spinner { bar, stop, thread }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.bar.finish_and_clear();
    }
}
