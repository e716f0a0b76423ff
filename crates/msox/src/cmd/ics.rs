//! `msox ics ...` and `msox vcf ...`: calendar items as iCalendar
//! ([MS-OXCICAL]) and contacts as vCard ([MS-OXVCARD]), both ways.

use std::path::{Path, PathBuf};

use ms_oxcical::IcsOptions;
use ms_oxcmsg::Message;
use ms_oxvcard::{VcardVersion, VcfOptions};

/// `msox ics ...`
#[derive(Debug, clap::Subcommand)]
pub enum IcsCmd {
    /// Export a calendar item (.msg, TNEF or .eml) as iCalendar.
    From {
        /// The .msg, winmail.dat or .eml (`-` for stdin).
        input: PathBuf,
        /// The .ics to write (`-` for stdout).
        output: PathBuf,
    },
    /// Import an .ics: one .msg per calendar object, written into DIR as
    /// 1.msg, 2.msg, ...
    ToMsg {
        /// The .ics (`-` for stdin).
        input: PathBuf,
        /// Output directory (created).
        dir: PathBuf,
        /// Replace files that exist.
        #[arg(long)]
        overwrite: bool,
    },
}

/// `msox vcf ...`
#[derive(Debug, clap::Subcommand)]
pub enum VcfCmd {
    /// Export a contact (.msg, TNEF or .eml) as a vCard.
    From {
        /// The .msg, winmail.dat or .eml (`-` for stdin).
        input: PathBuf,
        /// The .vcf to write (`-` for stdout).
        output: PathBuf,
        /// vCard version: 2.1, 3.0 or 4.0.
        #[arg(long, default_value = "3.0")]
        vcard_version: String,
    },
    /// Import a .vcf: one .msg per contact, written into DIR as 1.msg, ...
    ToMsg {
        /// The .vcf (`-` for stdin).
        input: PathBuf,
        /// Output directory (created).
        dir: PathBuf,
        /// Replace files that exist.
        #[arg(long)]
        overwrite: bool,
    },
}

fn write_messages(msgs: &[Message], dir: &Path, overwrite: bool) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    for (i, m) in msgs.iter().enumerate() {
        let path = dir.join(format!("{}.msg", i + 1));
        if path.exists() && !overwrite {
            anyhow::bail!("{} exists (use --overwrite)", path.display());
        }
        let bytes = ms_oxmsg::MsgFile::new(m.clone()).to_bytes()?;
        std::fs::write(&path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        crate::cli::print(&format!("{}\n", path.display()))?;
    }
    Ok(())
}

/// Runs `msox ics ...`.
pub fn run_ics(cmd: &IcsCmd) -> anyhow::Result<()> {
    match cmd {
        IcsCmd::From { input, output } => {
            let m = crate::cmd::eml::read_any(&crate::cli::read_input(input)?)?;
            let opts = IcsOptions {
                options: crate::cli::options(),
                ..IcsOptions::default()
            };
            let d = ms_oxcical::message_to_ics(&m, &opts)?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(output, d.value.as_bytes())
        }
        IcsCmd::ToMsg {
            input,
            dir,
            overwrite,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let d = ms_oxcical::ics_to_messages(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            write_messages(&d.value, dir, *overwrite)
        }
    }
}

/// Runs `msox vcf ...`.
pub fn run_vcf(cmd: &VcfCmd) -> anyhow::Result<()> {
    match cmd {
        VcfCmd::From {
            input,
            output,
            vcard_version,
        } => {
            let version = match vcard_version.as_str() {
                "2.1" => VcardVersion::V21,
                "3.0" | "3" => VcardVersion::V30,
                "4.0" | "4" => VcardVersion::V40,
                other => {
                    return Err(crate::cli::usage(format!(
                        "--vcard-version {other}: use 2.1, 3.0 or 4.0"
                    )));
                }
            };
            let m = crate::cmd::eml::read_any(&crate::cli::read_input(input)?)?;
            let opts = VcfOptions {
                options: crate::cli::options(),
                version,
            };
            let d = ms_oxvcard::message_to_vcf(&m, &opts)?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(output, d.value.as_bytes())
        }
        VcfCmd::ToMsg {
            input,
            dir,
            overwrite,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let d = ms_oxvcard::vcf_to_messages(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            write_messages(&d.value, dir, *overwrite)
        }
    }
}
