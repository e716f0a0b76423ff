//! `msox mszip ...`: MSZIP (MS-MCI) streams, a concatenation of `CK` blocks.

use std::path::PathBuf;

/// `msox mszip` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Decompress concatenated MSZIP blocks.
    Decompress {
        /// The MSZIP data (`-` for stdin).
        input: PathBuf,
        /// Where to write the data (`-` for stdout).
        output: PathBuf,
    },
    /// Compress into MSZIP blocks of 32 KiB.
    Compress {
        /// The data (`-` for stdin).
        input: PathBuf,
        /// Where to write the MSZIP data (`-` for stdout).
        output: PathBuf,
        /// Deflate level 0..=9.
        #[arg(long, default_value_t = 6)]
        level: u32,
    },
}

/// Runs `msox mszip ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decompress { input, output } => {
            let bytes = crate::cli::read_input(input)?;
            let mut sink = crate::cli::output_sink(output)?;
            let d = ms_mci::decompress_to(&bytes, &crate::cli::options(), &mut sink)?;
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
        }
        Cmd::Compress {
            input,
            output,
            level,
        } => {
            if *level > 9 {
                return Err(crate::cli::usage("--level must be 0..=9"));
            }
            let bytes = crate::cli::read_input(input)?;
            crate::cli::write_output(output, &ms_mci::compress(&bytes, *level))
        }
    }
}

/// `inspect` entry for cabinet files (MS-CAB, with MSZIP per MS-MCI and
/// LZX per MS-PATCH folders).
pub const FORMAT_CAB: crate::inspect::Format = crate::inspect::Format {
    name: "cab",
    description: "cabinet file (MS-CAB) with stored, MSZIP (MS-MCI) or LZX (MS-PATCH) folders",
    detect: |b| b.starts_with(b"MSCF"),
    inspect: inspect_cab,
};

fn inspect_cab(bytes: &[u8]) -> anyhow::Result<crate::node::Node> {
    use crate::node::Node;
    use ms_mci::cab::{Cabinet, Compression};
    use msox_codec::Decode;
    let opts = crate::cli::options();
    let decoded = Cabinet::decode_bytes(bytes, &opts)?;
    let cab = decoded.value;
    let h = &cab.header;
    let header = Node::new("CFHEADER")
        .child(Node::leaf("cbCabinet", h.cb_cabinet))
        .child(Node::leaf(
            "version",
            format!("{}.{}", h.version.1, h.version.0),
        ))
        .child(Node::leaf("cFolders", h.c_folders))
        .child(Node::leaf("cFiles", h.c_files))
        .child(Node::leaf("flags", format!("0x{:04X}", h.flags)))
        .child(Node::leaf("setID", h.set_id))
        .child(Node::leaf("iCabinet", h.i_cabinet));
    let mut root = Node::new("Cabinet").child(header);
    for d in &decoded.defects {
        root.push(Node::leaf("defect", d));
    }
    for (i, f) in cab.folders.iter().enumerate() {
        let mut n = Node::new("CFFOLDER")
            .child(Node::leaf("index", i))
            .child(Node::leaf("typeCompress", format!("{:?}", f.compression())))
            .child(Node::leaf("cCFData", f.c_cf_data));
        let mut count = msox_codec::CountingSink::default();
        let data = match f.compression() {
            Compression::Lzx(bits) => cab.folder_stream(i).and_then(|s| {
                ms_patch::decompress_to(
                    &s.data,
                    s.uncompressed_size,
                    &ms_patch::StreamParams::lzx(bits),
                    &[],
                    &opts,
                    &mut count,
                )
                .map(|d| d.defects)
            }),
            _ => cab.extract_folder(i, &opts, &mut count).map(|d| d.defects),
        };
        match data {
            Ok(defects) => {
                n.push(Node::leaf("uncompressed size", count.count));
                for d in defects {
                    n.push(Node::leaf("defect", d));
                }
            }
            Err(e) => n.push(Node::leaf("error", e)),
        }
        root.push(n);
    }
    for f in &cab.files {
        root.push(
            Node::new("CFFILE")
                .child(Node::leaf("szName", String::from_utf8_lossy(&f.name)))
                .child(Node::leaf("cbFile", f.cb_file))
                .child(Node::leaf("iFolder", f.i_folder))
                .child(Node::leaf("uoffFolderStart", f.uoff_folder_start)),
        );
    }
    Ok(root)
}
