//! `msox cab list|extract|test`: cabinet files ([MS-CAB]) through
//! `msox-cab`: multi-cabinet sets (the next parts found beside the first
//! by the names it gives), cabinets inside other files (self-extracting
//! programs), safe paths; and the `inspect` entry for cabinets.

use std::path::{Path, PathBuf};

use msox_cab::{CabinetSet, FileEntry};
use msox_codec::{Decoded, Options};
use serde_json::{Value, json};

use crate::node::Node;

/// `msox cab ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// List the files of cabinets (size, date, name), as `cabextract -l`.
    List {
        /// Cabinets, files holding cabinets, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON (an array for several files).
        #[arg(long)]
        json: bool,
    },
    /// Extract the files of cabinets into DIR (DIR/NAME for each of several cabinets); paths are made safe.
    Extract {
        /// Cabinets, files holding cabinets, or directories of them (`-` for stdin).
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Output directory (created).
        dir: PathBuf,
        /// What to do with files that exist.
        #[command(flatten)]
        clobber: crate::cli::ClobberArgs,
    },
    /// Decode every file and check every checksum without writing anything (`cabextract -t`).
    Test {
        /// Cabinets, files holding cabinets, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// A cabinet file and the parts of its set that follow it.
struct Parts {
    buffers: Vec<Vec<u8>>,
    names: Vec<String>,
}

/// Finds a file named `name` (case-insensitively, as on the disk the set
/// was made for) in `dir`.
fn sibling(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    if exact.is_file() {
        return Some(exact);
    }
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        e.file_name()
            .to_string_lossy()
            .eq_ignore_ascii_case(name)
            .then(|| e.path())
    })
}

fn next_name(bytes: &[u8]) -> Option<String> {
    use msox_codec::Decode;
    let h = ms_mci::cab::CfHeader::decode_bytes(bytes, &Options::lenient())
        .ok()?
        .value;
    let n = h.next?;
    Some(msox_codec::names::safe_file_name(
        &String::from_utf8_lossy(&n.cabinet),
        "",
    ))
    .filter(|s| !s.is_empty())
}

fn prev_name(bytes: &[u8]) -> Option<String> {
    use msox_codec::Decode;
    let h = ms_mci::cab::CfHeader::decode_bytes(bytes, &Options::lenient())
        .ok()?
        .value;
    let p = h.prev?;
    Some(String::from_utf8_lossy(&p.cabinet).into_owned())
}

/// Reads a cabinet and, when it says a next cabinet follows, the next
/// ones from the same directory (at most 64).
fn load(path: &Path) -> anyhow::Result<Parts> {
    let first = crate::cli::read_input(path)?;
    if msox_cab::search::candidates(&first, 0).next().is_none() {
        return Err(crate::cli::wrong_format(path, &first, "a cabinet"));
    }
    let mut parts = Parts {
        names: vec![path.display().to_string()],
        buffers: vec![first],
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    while parts.buffers.len() < 64 {
        let Some(last) = parts.buffers.last() else {
            break;
        };
        if !last.starts_with(b"MSCF") {
            break;
        }
        let Some(name) = next_name(last) else { break };
        let Some(p) = sibling(dir, &name) else {
            crate::cli::note(format!(
                "{}: the set continues in {name}, which is not beside it",
                path.display()
            ));
            break;
        };
        parts.names.push(p.display().to_string());
        parts.buffers.push(crate::cli::read_input(&p)?);
    }
    Ok(parts)
}

/// The cabinet sets of a file: the set its parts make, or every cabinet
/// found inside it.
fn sets<'a>(parts: &'a Parts, options: &Options) -> anyhow::Result<Decoded<Vec<CabinetSet<'a>>>> {
    let refs: Vec<&[u8]> = parts.buffers.iter().map(Vec::as_slice).collect();
    if refs.len() > 1 || refs.first().is_some_and(|b| b.starts_with(b"MSCF")) {
        let d = CabinetSet::open(&refs, options)?;
        return Ok(d.map(|s| vec![s]));
    }
    let first = refs.first().copied().unwrap_or_default();
    Ok(msox_cab::search::find(first, options)?)
}

/// Whether `path` is a later part of a set whose earlier part is beside it
/// (read with that one).
fn later_part(path: &Path, bytes: &[u8]) -> Option<String> {
    let prev = prev_name(bytes)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    sibling(dir, &msox_codec::names::safe_file_name(&prev, "")).map(|_| prev)
}

fn open_sets<T>(
    path: &Path,
    f: impl FnOnce(&Parts, Vec<CabinetSet<'_>>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let parts = load(path)?;
    if let Some(prev) = parts.buffers.first().and_then(|b| later_part(path, b)) {
        return Err(anyhow::Error::new(crate::cli::NotThisFormat(format!(
            "{}: a later part of a cabinet set; read it with {prev}",
            path.display()
        ))));
    }
    let d = sets(&parts, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    if d.value.is_empty() {
        anyhow::bail!("{}: no cabinet could be read", path.display());
    }
    f(&parts, d.value)
}

fn date_text(f: &FileEntry) -> String {
    let (y, mo, d, h, mi, s) = f.datetime();
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

fn list_json(path: &Path, parts: &Parts, sets: &[CabinetSet<'_>]) -> Value {
    json!({
        "file": path.display().to_string(),
        "parts": parts.names,
        "cabinets": sets.iter().map(|s| json!({
            "set_id": s.header().map(|h| h.set_id),
            "folders": s.folders().iter().map(|f| json!({
                "compression": f.compression.to_string(),
                "uncompressed_size": f.uncompressed_size(),
            })).collect::<Vec<_>>(),
            "files": s.files().iter().map(|f| json!({
                "name": f.name_text(),
                "size": f.size,
                "date": date_text(f),
                "attributes": format!("0x{:04X}", f.attribs),
                "folder": f.folder,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn list_text(sets: &[CabinetSet<'_>]) -> String {
    let mut s = String::new();
    for (k, set) in sets.iter().enumerate() {
        if sets.len() > 1 {
            s.push_str(&format!("cabinet {}:\n", k + 1));
        }
        s.push_str(" File size | Date       Time     | Name\n");
        s.push_str("-----------+---------------------+-------------\n");
        for f in set.files() {
            s.push_str(&format!(
                "{:>10} | {} | {}\n",
                f.size,
                date_text(f),
                f.name_text()
            ));
        }
    }
    s
}

/// Writes the files of an extraction to disk, one file per sink.
pub struct DiskOut {
    root: PathBuf,
    rel: Vec<String>,
    clobber: crate::cli::ClobberArgs,
    /// Paths written.
    pub written: Vec<PathBuf>,
    /// Files that failed (their name and error).
    pub failed: Vec<String>,
}

type FileSink = msox_codec::WriteSink<std::io::BufWriter<std::fs::File>>;

impl DiskOut {
    /// Files `rel` (made unique) under `root`; refused as a whole when one
    /// exists and neither `--overwrite` nor `--no-clobber` was given.
    pub fn new(
        root: &Path,
        rel: Vec<String>,
        clobber: crate::cli::ClobberArgs,
    ) -> anyhow::Result<Self> {
        let rel = msox_codec::names::unique_file_names(rel);
        if !clobber.overwrite
            && !clobber.no_clobber
            && let Some(p) = rel.iter().map(|r| root.join(r)).find(|p| p.exists())
        {
            anyhow::bail!(
                "{}: exists (use --overwrite to replace, --no-clobber to keep)",
                p.display()
            );
        }
        std::fs::create_dir_all(root).map_err(|e| anyhow::anyhow!("{}: {e}", root.display()))?;
        Ok(DiskOut {
            root: root.to_path_buf(),
            rel,
            clobber,
            written: Vec::new(),
            failed: Vec::new(),
        })
    }

    /// A sink for file `n`, or `None` to keep an existing file.
    pub fn open(&mut self, n: usize) -> msox_codec::Result<Option<FileSink>> {
        let rel = self
            .rel
            .get(n)
            .cloned()
            .unwrap_or_else(|| format!("file-{n}"));
        let p = self.root.join(&rel);
        if self.clobber.no_clobber && p.exists() {
            crate::cli::note(format!("{}: exists, kept (--no-clobber)", p.display()));
            return Ok(None);
        }
        let io = |e: std::io::Error| {
            msox_codec::Error::new(msox_codec::ErrorKind::Malformed(
                format!("{}: {e}", p.display()).into(),
            ))
        };
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let f = std::fs::File::create(&p).map_err(io)?;
        self.written.push(p.clone());
        Ok(Some(msox_codec::WriteSink::new(
            std::io::BufWriter::with_capacity(1 << 16, f),
        )))
    }

    /// File `n` is done.
    pub fn close(
        &mut self,
        n: usize,
        sink: FileSink,
        outcome: &Result<u64, msox_codec::Error>,
    ) -> msox_codec::Result<()> {
        use std::io::Write;
        let rel = self.rel.get(n).cloned().unwrap_or_default();
        let mut w = sink.into_inner();
        w.flush().map_err(|e| {
            msox_codec::Error::new(msox_codec::ErrorKind::Malformed(
                format!("{rel}: {e}").into(),
            ))
        })?;
        if let Err(e) = outcome {
            self.failed.push(format!("{rel}: {e}"));
        }
        Ok(())
    }

    /// The paths written, one per line.
    pub fn report(&self) -> Vec<u8> {
        self.written
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect::<String>()
            .into_bytes()
    }
}

struct CabDisk(DiskOut);

impl msox_cab::Extractor for CabDisk {
    type Sink = FileSink;
    fn open(&mut self, n: usize, _: &FileEntry) -> msox_codec::Result<Option<FileSink>> {
        self.0.open(n)
    }
    fn close(
        &mut self,
        n: usize,
        _: &FileEntry,
        sink: FileSink,
        outcome: &Result<u64, msox_codec::Error>,
    ) -> msox_codec::Result<()> {
        self.0.close(n, sink, outcome)
    }
}

fn extract_one(
    path: &Path,
    dir: &Path,
    clobber: crate::cli::ClobberArgs,
) -> anyhow::Result<Vec<u8>> {
    open_sets(path, |_, sets| {
        let mut out = Vec::new();
        let mut failed = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            let root = if sets.len() > 1 {
                dir.join(format!("cabinet-{}", k + 1))
            } else {
                dir.to_path_buf()
            };
            let rel = set
                .files()
                .iter()
                .enumerate()
                .map(|(n, f)| f.safe_path(n))
                .collect();
            let mut disk = CabDisk(DiskOut::new(&root, rel, clobber)?);
            let d = set.extract(&crate::cli::options(), &mut disk)?;
            crate::cli::report_defects(&d.defects);
            out.extend(disk.0.report());
            failed.extend(disk.0.failed);
        }
        if !failed.is_empty() {
            for f in &failed {
                crate::cli::note(format!("not extracted: {f}"));
            }
            anyhow::bail!(
                "{}: {} file{} could not be extracted",
                path.display(),
                failed.len(),
                if failed.len() == 1 { "" } else { "s" }
            );
        }
        Ok(out)
    })
}

fn test_one(path: &Path) -> anyhow::Result<Vec<u8>> {
    open_sets(path, |_, sets| {
        let mut s = String::new();
        let mut bad = 0;
        let mut total = 0;
        for set in &sets {
            let d = set.test(&crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            for o in &d.value {
                total += 1;
                let name = set
                    .files()
                    .get(o.file)
                    .map(FileEntry::name_text)
                    .unwrap_or_default();
                match &o.result {
                    Ok(_) => s.push_str(&format!("  OK  {name}\n")),
                    Err(e) => {
                        bad += 1;
                        s.push_str(&format!("  ERR {name}: {e}\n"));
                    }
                }
            }
        }
        if bad > 0 {
            for l in s.lines().filter(|l| l.starts_with("  ERR")) {
                crate::cli::note(l.trim_start());
            }
            anyhow::bail!("{}: {bad} of {total} files failed the test", path.display());
        }
        s.push_str(&format!("All {total} files OK.\n"));
        Ok(s.into_bytes())
    })
}

/// Runs `msox cab ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::List { files, json } => {
            let how = crate::batch::Batch {
                json_array: *json,
                headers: true,
            };
            crate::batch::run(files, how, |path| {
                open_sets(path, |parts, sets| {
                    if *json {
                        crate::cli::json_text(&list_json(path, parts, &sets))
                    } else {
                        Ok(list_text(&sets).into_bytes())
                    }
                })
            })
        }
        Cmd::Extract {
            files,
            dir,
            clobber,
        } => {
            let inputs = crate::batch::expand(files);
            let paths: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
            let dirs: std::collections::HashMap<PathBuf, PathBuf> = paths
                .iter()
                .cloned()
                .zip(crate::cmd::message::out_dirs(&paths, dir))
                .collect();
            crate::batch::run_inputs(&inputs, crate::batch::Batch::default(), |path| {
                extract_one(
                    path,
                    dirs.get(path).map_or(dir.as_path(), PathBuf::as_path),
                    *clobber,
                )
            })
        }
        Cmd::Test { files } => {
            let how = crate::batch::Batch {
                json_array: false,
                headers: true,
            };
            crate::batch::run(files, how, test_one)
        }
    }
}

// ---- inspect ------------------------------------------------------------------------------

/// `inspect` entry for cabinet files (MS-CAB, with stored, MSZIP per MS-MCI
/// and LZX per MS-PATCH folders), through `msox-cab`: every folder is
/// decoded and every file checked, so a damaged cabinet shows its error in
/// the tree (and `inspect` exits 1).
pub const FORMAT: crate::inspect::Format = crate::inspect::Format {
    name: "cab",
    description: "cabinet file (MS-CAB) with stored, MSZIP (MS-MCI) or LZX (MS-PATCH) folders",
    detect: |b| b.starts_with(b"MSCF"),
    inspect,
};

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let opts = crate::cli::options();
    let d = CabinetSet::open(&[bytes], &opts)?;
    let set = d.value;
    let mut root = Node::new("Cabinet");
    if let Some(h) = set.header() {
        root.push(
            Node::new("CFHEADER")
                .child(Node::leaf("cbCabinet", h.cb_cabinet))
                .child(Node::leaf(
                    "version",
                    format!("{}.{}", h.version.1, h.version.0),
                ))
                .child(Node::leaf("cFolders", h.c_folders))
                .child(Node::leaf("cFiles", h.c_files))
                .child(Node::leaf("flags", format!("0x{:04X}", h.flags)))
                .child(Node::leaf("setID", h.set_id))
                .child(Node::leaf("iCabinet", h.i_cabinet)),
        );
        if let Some(p) = &h.prev {
            root.push(Node::leaf(
                "previous cabinet",
                String::from_utf8_lossy(&p.cabinet),
            ));
        }
        if let Some(n) = &h.next {
            root.push(Node::leaf(
                "next cabinet",
                String::from_utf8_lossy(&n.cabinet),
            ));
        }
    }
    for x in &d.defects {
        root.push(Node::leaf("defect", x));
    }
    for (i, f) in set.folders().iter().enumerate() {
        root.push(
            Node::new(format!("CFFOLDER {i}"))
                .child(Node::leaf("typeCompress", f.compression.to_string()))
                .child(Node::leaf("CFDATA blocks", f.blocks.len()))
                .child(Node::leaf("uncompressed size", f.uncompressed_size())),
        );
    }
    // Decode everything: the files' outcomes go into the tree.
    let outcomes = match set.test(&opts) {
        Ok(t) => {
            for x in &t.defects {
                root.push(Node::leaf("defect", x));
            }
            t.value
        }
        Err(e) => {
            root.push(Node::leaf("error", e));
            Vec::new()
        }
    };
    for (n, f) in set.files().iter().enumerate() {
        let mut node = Node::new(format!("CFFILE {n}"))
            .with_value(f.name_text())
            .child(Node::leaf("cbFile", f.size))
            .child(Node::leaf("date", date_text(f)))
            .child(Node::leaf("iFolder", f.i_folder))
            .child(Node::leaf("uoffFolderStart", f.offset));
        if let Some(Err(e)) = outcomes.iter().find(|o| o.file == n).map(|o| &o.result) {
            node.push(Node::leaf("error", e));
        }
        root.push(node);
    }
    Ok(root)
}
