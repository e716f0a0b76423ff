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

pub mod batch;
pub mod cli;
pub mod cmd;
pub mod inspect;
pub mod json;
pub mod node;
pub mod sparse;

use clap::{Parser, Subcommand};

/// Read, write and convert Microsoft Exchange protocol and file formats.
#[derive(Debug, Parser)]
#[command(
    name = "msox",
    version,
    about,
    propagate_version = true,
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// The decoding session: mode and limits.
    #[command(flatten)]
    pub session: cli::SessionArgs,
    /// Quiet, jobs.
    #[command(flatten)]
    pub run: cli::RunArgs,
}

/// The end of `msox --help`: exit status and conventions.
pub const AFTER_HELP: &str = "\
Exit status: 0 success; 1 bad or damaged input (one line on stderr: what, at which byte, \
inside which structure), or any file of several failed; 2 usage error; 3 read past defects \
(lenient mode; each reported on stderr as `msox: defect: ...`), output written.
Lenient by default; --strict refuses what the specifications do not allow.
`-` is stdin or stdout wherever a file is named. Commands that take several files or \
directories work on them in parallel (-j N), print in input order and a status line per \
file on stderr (-q: errors only).
Start with: msox show FILE (a .msg, winmail.dat or .eml as you would read it), \
msox inspect FILE (any format msox knows, as a tree).";

/// The error of a failed run as one line: the error and its causes.
pub fn error_line(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}

/// Every subcommand. Their arguments are defined when one is used
/// ([`clap::Command::defer`]): a run builds only its own subcommand's.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Show messages (.msg, winmail.dat, .eml) as a person reads them:
    /// From, To, Date, Subject, flags, attachments, body.
    Show(cmd::show::Args),
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
    /// The MS-OXPROPS property registry: look up names, tags, LIDs
    /// (`msox prop PidTagSubject` is `msox prop find PidTagSubject`).
    Prop(cmd::prop::Args),
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
    /// Cabinet files (MS-CAB): list, extract, test.
    #[command(subcommand)]
    Cab(cmd::cab::Cmd),
    /// Compiled HTML help files (CHM, ITSF): list, extract.
    #[command(subcommand)]
    Chm(cmd::chm::Cmd),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `msox man | man -l -`).
    Man,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    cli::set_options(cli.session.options());
    cli::set_run(cli.run.quiet, cli.run.jobs.unwrap_or(0));
    match cli.command {
        Command::Show(a) => cmd::show::run(&a),
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
        Command::Cab(c) => cmd::cab::run(&c),
        Command::Chm(c) => cmd::chm::run(&c),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "msox", &mut out);
            cli::print_bytes(&out)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            cli::print_bytes(&out)
        }
    }
}
