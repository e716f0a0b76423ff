//! `msox mszip ...`: MSZIP (MS-MCI) streams, a concatenation of `CK` blocks.

use std::path::PathBuf;

/// `msox mszip` subcommands.
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
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
