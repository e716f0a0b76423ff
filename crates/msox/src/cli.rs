//! Shared plumbing for subcommands: error classes, exit codes, input helpers.

use std::cell::RefCell;
use std::fmt;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use msox_codec::{Limits, Mode, Options};

/// A usage error (bad argument value): exit code 2, like clap's own.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Returns a usage error (exit code 2).
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

/// Reads a whole input file; `-` is stdin.
pub fn read_input(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut v)?;
        return Ok(v);
    }
    std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Reads an input file into `buf` (cleared first; its capacity is reused,
/// so a batch reading many files does not fault in fresh memory for each),
/// whole only if its first `prefix_len` bytes pass `may_be` (a cheap
/// format filter, so a batch over a directory skips other files without
/// reading them whole): `Ok(true)` when the whole file is in `buf`,
/// `Ok(false)` when only the prefix is. `-` (stdin) is always read whole.
pub fn read_input_into(
    path: &Path,
    buf: &mut Vec<u8>,
    prefix_len: usize,
    may_be: impl Fn(&[u8]) -> bool,
) -> anyhow::Result<bool> {
    use std::io::Read;
    buf.clear();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(buf)?;
        return Ok(true);
    }
    let err = |e: std::io::Error| anyhow::anyhow!("{}: {e}", path.display());
    let mut file = std::fs::File::open(path).map_err(err)?;
    (&mut file)
        .take(prefix_len as u64)
        .read_to_end(buf)
        .map_err(err)?;
    if !may_be(buf) {
        return Ok(false);
    }
    if buf.len() == prefix_len {
        if let Ok(m) = file.metadata() {
            let size = usize::try_from(m.len()).unwrap_or(usize::MAX);
            buf.reserve(size.saturating_sub(prefix_len));
        }
        file.read_to_end(buf).map_err(err)?;
    }
    Ok(true)
}

/// Writes a whole output file; `-` is stdout.
pub fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        let mut out = QuietPipe(raw_stdout());
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// A streaming output: a file (buffered) or stdout (`-`), as a
/// [`msox_codec::Sink`] for the libraries' streaming forms, so memory stays
/// flat whatever the output size. A closed stdout pipe ends the program
/// quietly. The buffer holds 32 KiB: the decompressors write whole
/// frames or blocks of 32 KiB, which then go to the file without a copy.
pub fn output_sink(path: &Path) -> anyhow::Result<msox_codec::WriteSink<Box<dyn Write>>> {
    let w: Box<dyn Write> = if path.as_os_str() == "-" {
        Box::new(QuietPipe(std::io::BufWriter::with_capacity(
            SINK_BUFFER,
            raw_stdout(),
        )))
    } else {
        let f =
            std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Box::new(std::io::BufWriter::with_capacity(SINK_BUFFER, f))
    };
    Ok(msox_codec::WriteSink::new(w))
}

/// The buffer of [`output_sink`]: writes at least this long bypass it.
const SINK_BUFFER: usize = 1 << 15;

/// Standard output without the line buffering of [`std::io::Stdout`]
/// (which searches every block written for its last newline): a duplicate
/// of the descriptor as a file, where the platform allows; the caller
/// buffers.
fn raw_stdout() -> Box<dyn Write> {
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}

/// Flushes a streaming output.
pub fn finish_sink(sink: msox_codec::WriteSink<Box<dyn Write>>) -> anyhow::Result<()> {
    let mut w = sink.into_inner();
    match w.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => Ok(r?),
    }
}

/// stdout that exits quietly when the reader of the pipe goes away.
struct QuietPipe<W: Write>(W);

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r,
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r,
        }
    }
}

/// Parses hex from a command-line argument (spaces, `0x` and `#` comments allowed).
pub fn parse_hex_arg(s: &str) -> anyhow::Result<Vec<u8>> {
    msox_codec::hex::decode(s).map_err(|e| usage(format!("bad hex argument: {e}")))
}

/// Prints text to stdout (a closed pipe ends the program quietly).
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => Ok(r?),
    }
}

/// Writes bytes to stdout (a closed pipe ends the program quietly).
pub fn print_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => Ok(r?),
    }
}

/// A JSON value as pretty text with a final newline.
pub fn json_text(v: &serde_json::Value) -> anyhow::Result<Vec<u8>> {
    let mut s = serde_json::to_vec_pretty(v)?;
    s.push(b'\n');
    Ok(s)
}

/// Pretty JSON and a newline, serialized from `v` (the text
/// [`json_text`] gives for the tree of the same value).
pub fn json_bytes(v: &impl serde::Serialize) -> anyhow::Result<Vec<u8>> {
    let mut s = serde_json::to_vec_pretty(v)?;
    s.push(b'\n');
    Ok(s)
}

/// Writes `v` as pretty JSON and a newline to stdout as it is serialized,
/// through a buffer: neither a tree nor the whole text is held.
pub fn write_json(v: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut w = output_sink(Path::new("-"))?.into_inner();
    serde_json::to_writer_pretty(&mut w, v)?;
    w.write_all(b"\n")?;
    finish_sink(msox_codec::WriteSink::new(w))
}

/// Prints a JSON value, pretty, to stdout.
pub fn print_json(v: &serde_json::Value) -> anyhow::Result<()> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    print(&s)
}

/// The decoding options every reading command uses: the mode and the
/// limits of the session, from the global flags (`--strict`, `--max-alloc`,
/// `--max-output`, `--max-depth`, `--max-items`).
#[derive(Debug, Clone, clap::Args)]
pub struct SessionArgs {
    /// Refuse anything the spec does not allow, instead of reading past it
    /// and reporting defects.
    #[arg(long, global = true)]
    pub strict: bool,
    /// Most bytes a decode may allocate from sizes the input declares, summed
    /// (e.g. 256M, 2G). Raise it to read files larger than the default allows.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size, default_value = "256M")]
    pub max_alloc: u64,
    /// Most output a decompressor or converter may produce (e.g. 1G); the
    /// default also caps output at 200 bytes per input byte (at least 64M).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_output: Option<u64>,
    /// Deepest nesting of recursive structures (embedded messages,
    /// restrictions, WBXML elements).
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::DEFAULT.max_depth)]
    pub max_depth: u32,
    /// Most items (properties, records, elements) one decode builds.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::DEFAULT.max_items as u64)]
    pub max_items: u64,
}

impl SessionArgs {
    /// The options these flags describe.
    pub fn options(&self) -> Options {
        let mut l = Limits::DEFAULT
            .with_max_alloc(usize::try_from(self.max_alloc).unwrap_or(usize::MAX))
            .with_max_depth(self.max_depth)
            .with_max_items(usize::try_from(self.max_items).unwrap_or(usize::MAX));
        if let Some(o) = self.max_output {
            l = l.with_max_output(usize::try_from(o).unwrap_or(usize::MAX));
        }
        Options {
            mode: if self.strict {
                Mode::Strict
            } else {
                Mode::Lenient
            },
            limits: l,
        }
    }
}

/// `123`, `64K`, `256M`, `2G` (binary units).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mul) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mul = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'T' => 1 << 40,
                _ => return Err(format!("unknown size unit in {s:?} (use K, M, G)")),
            };
            (&s[..i], mul)
        }
        _ => (s, 1),
    };
    num.parse::<u64>()
        .map_err(|e| format!("bad size {s:?}: {e}"))
        .and_then(|n| {
            n.checked_mul(mul)
                .ok_or_else(|| format!("size {s:?} too large"))
        })
}

static OPTIONS: OnceLock<Options> = OnceLock::new();

/// Sets the session options for this run (called once by [`crate::run`]).
pub fn set_options(o: Options) {
    let _ = OPTIONS.set(o);
}

/// Sets `-q` and `-j` for this run (called once by [`crate::run`]).
pub fn set_run(quiet: bool, jobs: usize) {
    QUIET.store(quiet, Ordering::Relaxed);
    JOBS.store(jobs, Ordering::Relaxed);
}

/// How a run prints and how many files it works on at once: `-q`, `-j`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Print no defects, notes or per-file status lines on stderr (errors
    /// still print; the exit status still says what happened).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Files to work on at once when given several files or a directory
    /// (default: one per core). Output stays in input order.
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
}

/// What to do with files that exist already (`--overwrite`,
/// `--no-clobber`; by default an extraction that would replace a file
/// writes nothing and fails).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ClobberArgs {
    /// Replace files that exist (a rerun gives the same set of files).
    #[arg(long, conflicts_with = "no_clobber")]
    pub overwrite: bool,
    /// Keep files that exist and write only the others.
    #[arg(long)]
    pub no_clobber: bool,
}

/// One file to write in an extraction.
pub struct OutFile<'a> {
    /// Where, relative to the output directory (already safe).
    pub rel: String,
    /// The bytes (borrowed from the input where the library left them
    /// there).
    pub data: std::borrow::Cow<'a, [u8]>,
    /// Instead of `data`: this (offset, length) range of the input file
    /// (see [`crate::sparse`]).
    pub range: Option<(u64, u64)>,
}

/// Writes files into `dir` (created) as `clobber` says: without
/// `--overwrite` or `--no-clobber`, nothing is written when one exists.
/// Returns the paths written (and notes those kept).
pub fn write_files(
    dir: &Path,
    files: Vec<OutFile<'_>>,
    clobber: ClobberArgs,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    write_files_from(dir, files, clobber, None)
}

/// [`write_files`], the files with a [`OutFile::range`] copied from
/// `input`.
pub fn write_files_from(
    dir: &Path,
    files: Vec<OutFile<'_>>,
    clobber: ClobberArgs,
    input: Option<&std::fs::File>,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    if !clobber.overwrite
        && !clobber.no_clobber
        && let Some(f) = files.iter().find(|f| dir.join(&f.rel).exists())
    {
        anyhow::bail!(
            "{}: exists (use --overwrite to replace, --no-clobber to keep)",
            dir.join(&f.rel).display()
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for f in files {
        let p = dir.join(&f.rel);
        if p.exists() && clobber.no_clobber {
            note(format!("{}: exists, kept (--no-clobber)", p.display()));
            continue;
        }
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("{}: {e}", parent.display()))?;
        }
        match (f.range, input) {
            (Some((offset, len)), Some(file)) => crate::sparse::copy_range(file, offset, len, &p),
            _ => std::fs::write(&p, &f.data),
        }
        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        written.push(p);
    }
    Ok(written)
}

/// The error for a file given to the wrong subcommand: what the file looks
/// like and the subcommand that reads it.
pub fn wrong_format(path: &Path, bytes: &[u8], wanted: &str) -> anyhow::Error {
    anyhow::Error::new(NotThisFormat(format!(
        "{}: not {wanted}{}",
        path.display(),
        crate::inspect::hint(bytes)
    )))
}

/// A file that is not of the format a subcommand reads (exit 1; a batch
/// over a directory skips such files).
#[derive(Debug)]
pub struct NotThisFormat(pub String);

impl fmt::Display for NotThisFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotThisFormat {}

/// The session options of this run: the global flags, or the defaults
/// (lenient) when none were set.
pub fn options() -> Options {
    OPTIONS.get().copied().unwrap_or_default()
}

/// Prints the defects of a lenient decode to stderr, one per line (not
/// with `-q`), and remembers that there were some: the run then exits with
/// [`EXIT_DEFECTS`].
pub fn report_defects(defects: &[msox_codec::Defect]) {
    if defects.is_empty() {
        return;
    }
    DEFECTS.store(true, Ordering::Relaxed);
    for d in defects {
        note(format!("defect: {d}"));
    }
}

/// Exit status of a run that read its input in lenient mode past defects
/// (printed as `msox: defect: ...`); the output was written.
pub const EXIT_DEFECTS: i32 = 3;

static DEFECTS: AtomicBool = AtomicBool::new(false);
static QUIET: AtomicBool = AtomicBool::new(false);
static JOBS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Lines for stderr of the file being processed on this thread (a
    /// batch prints them with the file's status line, in input order).
    static CAPTURE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Whether any defect was reported in this run.
pub fn defects_seen() -> bool {
    DEFECTS.load(Ordering::Relaxed)
}

/// Marks the run as having read past defects (exit [`EXIT_DEFECTS`])
/// without printing them (an `inspect` tree shows them itself).
pub fn mark_defects() {
    DEFECTS.store(true, Ordering::Relaxed);
}

/// Whether `-q` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Threads for batches of files (`-j`; 0: one per core).
pub fn jobs() -> usize {
    match JOBS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// A note for stderr (`msox: ...`): a defect, a warning, a skipped item.
/// Left out with `-q`; kept with the current file in a batch.
pub fn note(msg: impl fmt::Display) {
    let line = format!("msox: {msg}");
    let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(v) => {
            v.push(line.clone());
            true
        }
        None => false,
    });
    if !captured && !quiet() {
        eprintln!("{line}");
    }
}

/// Runs `f` with the notes it makes kept instead of printed.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    let prev = CAPTURE.with(|c| c.borrow_mut().replace(Vec::new()));
    let out = f();
    let lines = CAPTURE.with(|c| std::mem::replace(&mut *c.borrow_mut(), prev));
    (out, lines.unwrap_or_default())
}

/// A sink that keeps the first `cap` bytes and counts the rest (for
/// `inspect`, which summarises long outputs without materialising them).
#[derive(Debug, Default)]
pub struct HeadSink {
    /// The first bytes.
    pub head: Vec<u8>,
    /// Every byte seen.
    pub total: u64,
    cap: usize,
}

impl HeadSink {
    /// A sink keeping at most `cap` bytes.
    pub fn new(cap: usize) -> Self {
        HeadSink {
            head: Vec::new(),
            total: 0,
            cap,
        }
    }
}

impl msox_codec::Sink for HeadSink {
    fn write(&mut self, bytes: &[u8]) -> msox_codec::Result<()> {
        self.total += bytes.len() as u64;
        let room = self.cap.saturating_sub(self.head.len());
        self.head
            .extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
        Ok(())
    }
}
