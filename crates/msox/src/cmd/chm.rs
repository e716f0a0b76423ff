//! `msox chm list|extract`: compiled HTML help files (CHM, ITSF) through
//! `msox-chm`; and the `inspect` entry for them.

use std::path::{Path, PathBuf};

use msox_chm::ChmFile;
use msox_chm::format::DirEntry;
use msox_codec::Decode;
use serde_json::json;

use crate::cmd::cab::DiskOut;
use crate::node::Node;

/// `msox chm ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// List the content files (size, section, name).
    List {
        /// CHM files, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON (an array for several files).
        #[arg(long)]
        json: bool,
    },
    /// Extract the content files into DIR (DIR/NAME for each of several CHM files); paths are made safe.
    Extract {
        /// CHM files, or directories of them (`-` for stdin).
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Output directory (created).
        dir: PathBuf,
        /// What to do with files that exist.
        #[command(flatten)]
        clobber: crate::cli::ClobberArgs,
    },
}

fn is_chm(b: &[u8]) -> bool {
    b.starts_with(b"ITSF")
}

fn with_chm<T>(
    path: &Path,
    f: impl FnOnce(&ChmFile<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let bytes = crate::cli::read_input(path)?;
    if !is_chm(&bytes) {
        return Err(crate::cli::wrong_format(path, &bytes, "a CHM (ITSF) file"));
    }
    let d = ChmFile::decode_bytes(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    f(&d.value)
}

struct ChmDisk(DiskOut);

type FileSink = msox_codec::WriteSink<std::io::BufWriter<std::fs::File>>;

impl msox_chm::Extractor for ChmDisk {
    type Sink = FileSink;
    fn open(&mut self, n: usize, _: &DirEntry) -> msox_codec::Result<Option<FileSink>> {
        self.0.open(n)
    }
    fn close(
        &mut self,
        n: usize,
        _: &DirEntry,
        sink: FileSink,
        outcome: &Result<u64, msox_codec::Error>,
    ) -> msox_codec::Result<()> {
        self.0.close(n, sink, outcome)
    }
}

/// Runs `msox chm ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::List { files, json } => {
            let how = crate::batch::Batch {
                json_array: *json,
                headers: true,
            };
            crate::batch::run(files, how, |path| {
                with_chm(path, |chm| {
                    let files = chm.files();
                    if *json {
                        crate::cli::json_text(&json!({
                            "file": path.display().to_string(),
                            "files": files.iter().map(|f| json!({
                                "name": f.name_text(),
                                "size": f.length,
                                "section": f.section,
                            })).collect::<Vec<_>>(),
                        }))
                    } else {
                        let mut s = String::new();
                        for f in files {
                            s.push_str(&format!("{:>10}  {}\n", f.length, f.name_text()));
                        }
                        Ok(s.into_bytes())
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
                let target = dirs.get(path).map_or(dir.as_path(), PathBuf::as_path);
                with_chm(path, |chm| {
                    let rel = chm
                        .files()
                        .iter()
                        .enumerate()
                        .map(|(n, f)| {
                            msox_codec::names::safe_path(&f.name_text(), &format!("file-{n}"))
                        })
                        .collect();
                    let mut disk = ChmDisk(DiskOut::new(target, rel, *clobber)?);
                    let d = chm.extract(&crate::cli::options(), &mut disk)?;
                    crate::cli::report_defects(&d.defects);
                    if !disk.0.failed.is_empty() {
                        for f in &disk.0.failed {
                            crate::cli::note(format!("not extracted: {f}"));
                        }
                        anyhow::bail!(
                            "{}: {} files could not be extracted",
                            path.display(),
                            disk.0.failed.len()
                        );
                    }
                    Ok(disk.0.report())
                })
            })
        }
    }
}

/// `inspect` entry for CHM files: headers, the LZX section's parameters,
/// the content files with the outcome of decoding each.
pub const FORMAT: crate::inspect::Format = crate::inspect::Format {
    name: "chm",
    description: "compiled HTML help (CHM, ITSF) with an LZX section (MS-PATCH)",
    detect: is_chm,
    inspect,
};

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let opts = crate::cli::options();
    let d = ChmFile::decode_bytes(bytes, &opts)?;
    let chm = d.value;
    let mut root = Node::new("ITSF")
        .child(Node::leaf("file length", chm.file_len))
        .child(Node::leaf("directory entries", chm.entries.len()))
        .child(Node::leaf("content offset", chm.content_offset));
    for x in &d.defects {
        root.push(Node::leaf("defect", x));
    }
    let mut r = msox_codec::Reader::with_options(bytes, &opts);
    match chm.lzx_section(&mut r) {
        Ok(s) => root.push(
            Node::new("MSCompressed")
                .child(Node::leaf("ControlData version", s.version))
                .child(Node::leaf("window", format!("2^{}", s.window_bits)))
                .child(Node::leaf("reset interval", s.reset_interval))
                .child(Node::leaf("length", s.length)),
        ),
        Err(e) => root.push(Node::leaf("MSCompressed", format!("not usable: {e}"))),
    }
    let outcomes = match chm.test(&opts) {
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
    let mut files = Node::new("files").with_value(chm.files().len());
    for (n, f) in chm.files().iter().enumerate() {
        let mut node = Node::leaf(
            f.name_text(),
            format!("{} bytes, section {}", f.length, f.section),
        );
        if let Some(Err(e)) = outcomes.iter().find(|o| o.file == n).map(|o| &o.result) {
            node.push(Node::leaf("error", e));
        }
        files.push(node);
    }
    root.push(files);
    Ok(root)
}
