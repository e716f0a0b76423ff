//! `msox lzx ...` and `msox patch ...`: LZX / LZXD files and LZX DELTA
//! patches (MS-PATCH; the containers of MS-OXOAB 2.11 and 2.10).

use std::path::PathBuf;

use ms_patch::lzxd;
use ms_patch::{DecodeOptions, FileOptions, StreamParams, WriteOptions};

use crate::inspect::Format;
use crate::node::Node;

/// `msox lzx` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Decompress an LZXD file (OAB .lzx, version 3.1 header) or, with
    /// `--size`, a bare LZXD stream.
    Decompress {
        /// The compressed file (`-` for stdin).
        input: PathBuf,
        /// Where to write the data (`-` for stdout).
        output: PathBuf,
        /// Window size exponent for a bare stream (15..=25).
        #[arg(long, default_value_t = 17)]
        window: u8,
        /// Decompressed size of a bare stream (the input has no LZXD header).
        #[arg(long)]
        size: Option<usize>,
        /// The stream is cabinet-style LZX (no chunk sizes), not LZXD.
        #[arg(long)]
        cab: bool,
    },
    /// Compress a file into an LZXD file (version 3.1 header).
    Compress {
        /// The data (`-` for stdin).
        input: PathBuf,
        /// Where to write the LZXD file (`-` for stdout).
        output: PathBuf,
        /// Effort, 1 (fastest) to 9 (smallest).
        #[arg(long, default_value_t = 6)]
        level: u8,
        /// E8 call translation size (for x86 executables).
        #[arg(long)]
        e8: Option<u32>,
    },
}

/// `msox patch` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PatchCmd {
    /// Create an LZX DELTA patch (version 3.2 header) that turns OLD into NEW.
    Create {
        /// The old file.
        old: PathBuf,
        /// The new file.
        new: PathBuf,
        /// Where to write the patch (`-` for stdout).
        patch: PathBuf,
        /// Effort, 1 (fastest) to 9 (smallest).
        #[arg(long, default_value_t = 6)]
        level: u8,
    },
    /// Apply an LZX DELTA patch to OLD.
    Apply {
        /// The old file.
        old: PathBuf,
        /// The patch.
        patch: PathBuf,
        /// Where to write the new file (`-` for stdout).
        output: PathBuf,
    },
}

/// Runs `msox lzx ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decompress {
            input,
            output,
            window,
            size,
            cab,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let out = match size {
                Some(n) => {
                    if !(15..=25).contains(window) {
                        return Err(crate::cli::usage("--window must be 15..=25"));
                    }
                    let params = if *cab {
                        StreamParams::lzx(*window)
                    } else {
                        StreamParams::lzxd(*window)
                    };
                    ms_patch::decompress(&bytes, *n, &params, &[], &DecodeOptions::default())?
                }
                None => match lzxd::detect(&bytes) {
                    Some(1) => lzxd::decompress_file(&bytes, &FileOptions::default())?,
                    Some(_) => anyhow::bail!("this is an LZX DELTA patch: use `msox patch apply`"),
                    None => {
                        return Err(crate::cli::usage(
                            "no LZXD header (3.1): give --size (and --window) for a bare stream",
                        ));
                    }
                },
            };
            crate::cli::write_output(output, &out)
        }
        Cmd::Compress {
            input,
            output,
            level,
            e8,
        } => {
            if !(1..=9).contains(level) {
                return Err(crate::cli::usage("--level must be 1..=9"));
            }
            let bytes = crate::cli::read_input(input)?;
            let mut opts = WriteOptions::level(*level);
            opts.encode.e8_translation = *e8;
            crate::cli::write_output(output, &lzxd::compress_file(&bytes, &opts)?)
        }
    }
}

/// Runs `msox patch ...`.
pub fn run_patch(cmd: &PatchCmd) -> anyhow::Result<()> {
    match cmd {
        PatchCmd::Create {
            old,
            new,
            patch,
            level,
        } => {
            if !(1..=9).contains(level) {
                return Err(crate::cli::usage("--level must be 1..=9"));
            }
            let old = crate::cli::read_input(old)?;
            let new = crate::cli::read_input(new)?;
            let p = lzxd::create_patch(&old, &new, &WriteOptions::level(*level))?;
            crate::cli::write_output(patch, &p)
        }
        PatchCmd::Apply { old, patch, output } => {
            let old = crate::cli::read_input(old)?;
            let patch = crate::cli::read_input(patch)?;
            let out = lzxd::apply_patch(&patch, &old, &FileOptions::default())?;
            crate::cli::write_output(output, &out)
        }
    }
}

/// `inspect` entry for LZXD files and LZX DELTA patches.
pub const FORMAT: Format = Format {
    name: "lzxd",
    description: "LZXD compressed file (3.1) or LZX DELTA patch (3.2), MS-PATCH / MS-OXOAB",
    detect: |b| lzxd::detect(b).is_some(),
    inspect,
};

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .unwrap_or(0)
}

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let patch = lzxd::detect(bytes) == Some(2);
    let (name, fields, hsize): (&str, &[&str], usize) = if patch {
        (
            "PATCH_HDR",
            &[
                "ulVersionHi",
                "ulVersionLo",
                "ulBlockMax",
                "ulSourceSize",
                "ulTargetSize",
                "ulSourceCRC",
                "ulTargetCRC",
            ],
            28,
        )
    } else {
        (
            "LZX_HDR",
            &["ulVersionHi", "ulVersionLo", "ulBlockMax", "ulTargetSize"],
            16,
        )
    };
    let mut h = Node::new(name);
    for (i, f) in fields.iter().enumerate() {
        h.push(Node::leaf(*f, u32_at(bytes, i * 4)));
    }
    let mut root = Node::new(if patch {
        "LZX DELTA patch"
    } else {
        "LZXD file"
    })
    .child(h);
    let (blk, bfields): (&str, [&str; 4]) = if patch {
        (
            "PATCH_BLK",
            ["ulPatchSize", "ulTargetSize", "ulSourceSize", "ulCRC"],
        )
    } else {
        (
            "LZX_BLK",
            ["ulFlags", "ulCompSize", "ulUncompSize", "ulCRC"],
        )
    };
    let mut pos = hsize;
    let mut n = 0;
    while pos + 16 <= bytes.len() && n < 1000 {
        let mut b = Node::new(blk);
        for (i, f) in bfields.iter().enumerate() {
            b.push(Node::leaf(*f, u32_at(bytes, pos + i * 4)));
        }
        let size = if patch {
            u32_at(bytes, pos)
        } else {
            u32_at(bytes, pos + 4)
        } as usize;
        root.push(b);
        pos = pos.saturating_add(16).saturating_add(size);
        n += 1;
    }
    if !patch {
        let out = lzxd::decompress_file(bytes, &FileOptions::default())?;
        root.push(Node::leaf("decompressed size", out.len()));
        root.push(Node::leaf("CRC check", "ok"));
    }
    Ok(root)
}
