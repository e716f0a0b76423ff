//! `msox lzx ...` and `msox patch ...`: LZX / LZXD files and LZX DELTA
//! patches (MS-PATCH; the containers of MS-OXOAB 2.11 and 2.10).

use std::path::PathBuf;

use ms_patch::lzxd;
use ms_patch::{FileOptions, StreamParams, WriteOptions};
use msox_codec::Decode;

use crate::inspect::Format;
use crate::node::Node;

/// `msox lzx` subcommands.
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
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
            if size.is_some() && !(15..=25).contains(window) {
                return Err(crate::cli::usage("--window must be 15..=25"));
            }
            let opts = crate::cli::options();
            if size.is_none() && input.as_os_str() != "-" {
                // A file: read one block at a time.
                return decompress_file_streamed(input, output, &opts);
            }
            let bytes = crate::cli::read_input(input)?;
            let mut sink = crate::cli::output_sink(output)?;
            let d = match size {
                Some(n) => {
                    let params = if *cab {
                        StreamParams::lzx(*window)
                    } else {
                        StreamParams::lzxd(*window)
                    };
                    ms_patch::decompress_to_in(
                        &bytes,
                        *n,
                        &params,
                        &[],
                        &opts,
                        &mut MappedWindow::default(),
                        &mut sink,
                    )?
                }
                None => {
                    check_lzxd(&bytes)?;
                    lzxd::decompress_file_to(&bytes, &opts, &FileOptions::default(), &mut sink)?
                }
            };
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
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
            let spinner = crate::batch::Spinner::start(format!(
                "compressing {} bytes at level {level}",
                bytes.len()
            ));
            let packed = lzxd::compress_file(&bytes, &opts)?;
            drop(spinner);
            crate::cli::write_output(output, &packed)
        }
    }
}

/// The window of the LZX decoders ([`ms_patch::WindowMemory`]): an
/// anonymous mapping whose pages are made when it is (where the
/// allocator's memory costs a page fault per 4 KiB as the ring fills: 512
/// for a 2 MiB window, about a millisecond here), made again only for a
/// larger window; the allocator's memory where mapping fails.
///
/// On Linux a window of 2 MiB or more starts on a 2 MiB boundary and is
/// advised as a transparent huge page (`MADV_HUGEPAGE`, then
/// `MADV_POPULATE_WRITE`): one zeroed 2 MiB page instead of 512 small
/// ones (0.08 ms instead of 0.4 ms to make a 2 MiB window here). Where the
/// kernel gives no huge page, or the advice is refused, the pages are
/// small ones, made up front or on first touch.
#[derive(Default)]
pub struct MappedWindow {
    map: Option<(memmap2::MmapMut, usize, usize)>,
    fallback: Vec<u8>,
}

/// A transparent huge page on x86-64 and aarch64 Linux with 4 KiB pages.
const HUGE_PAGE: usize = 2 << 20;

impl MappedWindow {
    /// A mapping holding `len` bytes: (map, start of the window in it).
    fn map(len: usize) -> Option<(memmap2::MmapMut, usize)> {
        #[cfg(target_os = "linux")]
        if len >= HUGE_PAGE {
            use memmap2::Advice;
            // Room to start the window on a huge-page boundary; the spare
            // address space is never touched.
            let map = memmap2::MmapOptions::new()
                .len(len.checked_add(HUGE_PAGE)?)
                .map_anon()
                .ok()?;
            let at = map.as_ptr() as usize;
            let start = at.next_multiple_of(HUGE_PAGE) - at;
            // Advice only: a refusal leaves small pages.
            let _ = map.advise_range(Advice::HugePage, start, len / HUGE_PAGE * HUGE_PAGE);
            let _ = map.advise_range(Advice::PopulateWrite, start, len);
            return Some((map, start));
        }
        memmap2::MmapOptions::new()
            .len(len.max(1))
            .populate()
            .map_anon()
            .ok()
            .map(|m| (m, 0))
    }
}

impl ms_patch::WindowMemory for MappedWindow {
    fn window(&mut self, len: usize) -> &mut [u8] {
        if self.map.as_ref().is_none_or(|m| m.2 < len) {
            self.map = Self::map(len)
                .map(|(m, start)| (m, start, len))
                .filter(|(m, start, len)| start + len <= m.len());
        }
        match &mut self.map {
            // In bounds: checked when mapped.
            Some((m, start, have)) => m.get_mut(*start..*start + *have).unwrap_or_default(),
            None => self.fallback.window(len),
        }
    }
}

/// Refuses what is not an LZXD file by its first bytes.
fn check_lzxd(prefix: &[u8]) -> anyhow::Result<()> {
    match lzxd::detect(prefix) {
        Some(1) => Ok(()),
        Some(_) => anyhow::bail!("this is an LZX DELTA patch: use `msox patch apply`"),
        // Bad input, not a bad argument: exit 1.
        None => anyhow::bail!(
            "not an LZXD file (no version 3.1 LZX_HDR in the first 16 bytes); for a bare LZX stream give --size (and --window)"
        ),
    }
}

/// `msox lzx decompress FILE`: the file read block by block
/// ([`lzxd::decompress_file_from`]), so neither it nor the output is held
/// whole, whatever its size.
fn decompress_file_streamed(
    input: &std::path::Path,
    output: &std::path::Path,
    opts: &msox_codec::Options,
) -> anyhow::Result<()> {
    use std::io::{Read, Seek};
    let err = |e: std::io::Error| anyhow::anyhow!("{}: {e}", input.display());
    let mut file = std::fs::File::open(input).map_err(err)?;
    let len = file.metadata().map_err(err)?.len();
    let mut prefix = Vec::with_capacity(8);
    (&mut file).take(8).read_to_end(&mut prefix).map_err(err)?;
    check_lzxd(&prefix)?;
    file.seek(std::io::SeekFrom::Start(0)).map_err(err)?;
    let mut sink = crate::cli::output_sink(output)?;
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    let d = lzxd::decompress_file_from_in(
        &file,
        len,
        opts,
        &FileOptions::default(),
        &mut MappedWindow::default(),
        &mut sink,
    )?;
    crate::cli::report_defects(&d.defects);
    crate::cli::finish_sink(sink)
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
            let spinner = crate::batch::Spinner::start(format!(
                "building a patch of {} bytes at level {level}",
                new.len()
            ));
            let p = lzxd::create_patch(
                ms_patch::Base(&old),
                ms_patch::Target(&new),
                &WriteOptions::level(*level),
            )?;
            drop(spinner);
            crate::cli::write_output(patch, &p)
        }
        PatchCmd::Apply { old, patch, output } => {
            let old = crate::cli::read_input(old)?;
            let patch = crate::cli::read_input(patch)?;
            let mut sink = crate::cli::output_sink(output)?;
            let d = lzxd::apply_patch_to(
                ms_patch::Base(&old),
                ms_patch::Patch(&patch),
                &crate::cli::options(),
                &FileOptions::default(),
                &mut sink,
            )?;
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
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

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let opts = crate::cli::options();
    if lzxd::detect(bytes) == Some(2) {
        let d = lzxd::LzxdPatch::decode_bytes(bytes, &opts)?;
        let h = &d.value.header;
        let mut root = Node::new("LZX DELTA patch").child(
            Node::new("PATCH_HDR")
                .child(Node::leaf("ulVersionHi", h.version_hi))
                .child(Node::leaf("ulVersionLo", h.version_lo))
                .child(Node::leaf("ulBlockMax", h.block_max))
                .child(Node::leaf("ulSourceSize", h.source_size))
                .child(Node::leaf("ulTargetSize", h.target_size))
                .child(Node::leaf("ulSourceCRC", format!("0x{:08X}", h.source_crc)))
                .child(Node::leaf("ulTargetCRC", format!("0x{:08X}", h.target_crc))),
        );
        for b in d.value.blocks.iter().take(1000) {
            root.push(
                Node::new("PATCH_BLK")
                    .child(Node::leaf("ulPatchSize", b.header.patch_size))
                    .child(Node::leaf("ulTargetSize", b.header.target_size))
                    .child(Node::leaf("ulSourceSize", b.header.source_size))
                    .child(Node::leaf("ulCRC", format!("0x{:08X}", b.header.crc))),
            );
        }
        for x in &d.defects {
            root.push(Node::leaf("defect", x));
        }
        return Ok(root);
    }
    let d = lzxd::LzxdFile::decode_bytes(bytes, &opts)?;
    let h = &d.value.header;
    let mut root = Node::new("LZXD file").child(
        Node::new("LZX_HDR")
            .child(Node::leaf("ulVersionHi", h.version_hi))
            .child(Node::leaf("ulVersionLo", h.version_lo))
            .child(Node::leaf("ulBlockMax", h.block_max))
            .child(Node::leaf("ulTargetSize", h.target_size)),
    );
    for b in d.value.blocks.iter().take(1000) {
        root.push(
            Node::new("LZX_BLK")
                .child(Node::leaf("ulFlags", b.header.flags))
                .child(Node::leaf("ulCompSize", b.header.comp_size))
                .child(Node::leaf("ulUncompSize", b.header.uncomp_size))
                .child(Node::leaf("ulCRC", format!("0x{:08X}", b.header.crc))),
        );
    }
    if d.value.blocks.len() > 1000 {
        root.push(Node::leaf("blocks not shown", d.value.blocks.len() - 1000));
    }
    for x in &d.defects {
        root.push(Node::leaf("defect", x));
    }
    let mut count = msox_codec::CountingSink::default();
    let out = lzxd::decompress_file_to(bytes, &opts, &FileOptions::default(), &mut count)?;
    root.push(Node::leaf("decompressed size", count.count));
    root.push(Node::leaf(
        "CRC check",
        if out.defects.is_empty() {
            "ok".to_string()
        } else {
            format!("{} defects", out.defects.len())
        },
    ));
    for x in &out.defects {
        root.push(Node::leaf("defect", x));
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::MappedWindow;
    use ms_patch::WindowMemory;

    #[test]
    fn a_mapped_window_has_the_length_asked_and_keeps_what_is_written() {
        let mut w = MappedWindow::default();
        for len in [2, 4096, (2 << 20) + (32 << 10), 5 << 20] {
            let s = w.window(len);
            assert!(s.len() >= len);
            s[0] = 7;
            s[len - 1] = 9;
            assert_eq!((s[0], s[len - 1]), (7, 9));
        }
        // A smaller window reuses the mapping (the bytes written stay).
        let s = w.window(1 << 20);
        assert_eq!(s[0], 7);
    }
}
