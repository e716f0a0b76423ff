//! The `msox` command-line tool as a library: the subcommands, the
//! `inspect` format registry and the tree printer. The binary (`src/main.rs`)
//! only parses arguments and maps errors to exit codes.
//!
//! Adding a format: write `cmd/<format>.rs` with a `clap` subcommand enum,
//! its `run` function and (when the format has a signature) a
//! [`inspect::Format`] entry; then add one line each to [`Command`],
//! [`run`] and [`inspect::formats`].
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod cmd;
pub mod inspect;
pub mod node;

use clap::{Parser, Subcommand};

/// Read, write and convert Microsoft Exchange protocol and file formats.
#[derive(Debug, Parser)]
#[command(
    name = "msox",
    version,
    about,
    propagate_version = true,
    after_help = "Exit status: 0 success; 1 bad or damaged input (one line on stderr: what, at which byte, inside which structure); 2 usage error.\nLenient by default: defects are read past and reported on stderr as `msox: defect: ...`; --strict refuses them."
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// The decoding session: mode and limits.
    #[command(flatten)]
    pub session: cli::SessionArgs,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Detect a file's format by its signature and print its structure.
    Inspect(inspect::InspectArgs),
    /// ActiveSync WBXML <-> XML (MS-ASWBXML).
    #[command(subcommand)]
    Wbxml(cmd::wbxml::Cmd),
    /// ActiveSync HTTP query values (MS-ASHTTP).
    #[command(subcommand)]
    Ashttp(cmd::ashttp::Cmd),
    /// Compressed RTF (MS-OXRTFCP) and HTML/text encapsulated in RTF (MS-OXRTFEX).
    #[command(subcommand)]
    Rtf(cmd::rtf::Cmd),
    /// The MS-OXPROPS property registry: look up names, tags, LIDs.
    #[command(subcommand)]
    Prop(cmd::prop::Cmd),
    /// TNEF streams (winmail.dat): list, extract, dump, build (MS-OXTNEF).
    #[command(subcommand)]
    Tnef(cmd::tnef::Cmd),
    /// Outlook .msg / .oft files: dump, extract, to-tnef, build (MS-OXMSG).
    #[command(subcommand)]
    Msg(cmd::msg::Cmd),
    /// Windows data types (MS-DTYP): SIDs, security descriptors, GUIDs, FILETIME.
    #[command(subcommand)]
    Dtyp(cmd::dtyp::Cmd),
    /// Offline address book: the manifest (oab.xml, MS-OXWOAB) and OAB files (MS-OXOAB).
    #[command(subcommand)]
    Oab(cmd::oab::Cmd),
    /// MAPI data structures (MS-OXCDATA): EntryIDs, restrictions, rows, error codes.
    #[command(subcommand)]
    Oxcdata(cmd::oxcdata::Cmd),
    /// LZX / LZXD compressed files (MS-PATCH, OAB .lzx).
    #[command(subcommand)]
    Lzx(cmd::lzx::Cmd),
    /// LZX DELTA binary patches (MS-PATCH, OAB differential updates).
    #[command(subcommand)]
    Patch(cmd::lzx::PatchCmd),
    /// MSZIP compression (MS-MCI).
    #[command(subcommand)]
    Mszip(cmd::mszip::Cmd),
    /// Calendar items as iCalendar (MS-OXCICAL): export and import.
    #[command(subcommand)]
    Ics(cmd::ics::IcsCmd),
    /// Contacts as vCard (MS-OXVCARD): export and import.
    #[command(subcommand)]
    Vcf(cmd::ics::VcfCmd),
    /// Address book templates (MS-OXOABKT): the controls of a template, or script data.
    Abkt(cmd::abkt::Args),
    /// EMSMDB wire format (MS-OXCRPC): LZ77, extended buffers, auxiliary blocks, stubs.
    #[command(subcommand)]
    Oxcrpc(cmd::oxcrpc::Cmd),
    /// FastTransfer streams and ICS structures (MS-OXCFXICS): IDSETs, GLOBSETs, PCLs, XIDs.
    #[command(subcommand)]
    Fxics(cmd::fxics::Cmd),
    /// Calendar structures (MS-OXOCAL): recurrences and occurrences, Global Object IDs, time zones.
    #[command(subcommand)]
    Cal(cmd::cal::Cmd),
    /// NSPI address book calls in NDR (MS-OXNSPI, MS-NSPI, MS-OXABREF).
    #[command(subcommand)]
    Nspi(cmd::nspi::Cmd),
    /// MAPI over HTTP (MS-OXCMAPIHTTP): request and response bodies, response streams.
    #[command(subcommand)]
    Mapihttp(cmd::mapihttp::Cmd),
    /// Internet messages (.eml) <-> .msg / TNEF, MIME structure, bodies, attachments (MS-OXCMAIL).
    #[command(subcommand)]
    Eml(cmd::eml::Cmd),
    /// ROP input and output buffers (MS-OXCROPS).
    #[command(subcommand)]
    Rops(cmd::rops::Cmd),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    cli::set_options(cli.session.options());
    match cli.command {
        Command::Inspect(a) => inspect::run(&a),
        Command::Wbxml(c) => cmd::wbxml::run(&c),
        Command::Ashttp(c) => cmd::ashttp::run(&c),
        Command::Rtf(c) => cmd::rtf::run(&c),
        Command::Prop(c) => cmd::prop::run(&c),
        Command::Tnef(c) => cmd::tnef::run(&c),
        Command::Msg(c) => cmd::msg::run(&c),
        Command::Dtyp(c) => cmd::dtyp::run(&c),
        Command::Oab(c) => cmd::oab::run(&c),
        Command::Oxcdata(c) => cmd::oxcdata::run(&c),
        Command::Lzx(c) => cmd::lzx::run(&c),
        Command::Patch(c) => cmd::lzx::run_patch(&c),
        Command::Mszip(c) => cmd::mszip::run(&c),
        Command::Abkt(a) => cmd::abkt::run(&a),
        Command::Ics(c) => cmd::ics::run_ics(&c),
        Command::Vcf(c) => cmd::ics::run_vcf(&c),
        Command::Oxcrpc(c) => cmd::oxcrpc::run(&c),
        Command::Fxics(c) => cmd::fxics::run(&c),
        Command::Cal(c) => cmd::cal::run(&c),
        Command::Nspi(c) => cmd::nspi::run(&c),
        Command::Mapihttp(c) => cmd::mapihttp::run(&c),
        Command::Eml(c) => cmd::eml::run(&c),
        Command::Rops(c) => cmd::rops::run(&c),
    }
}
