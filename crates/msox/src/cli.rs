//! Shared plumbing for subcommands: error classes, exit codes, input helpers.

use std::fmt;
use std::io::Write;
use std::path::Path;

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

/// Writes a whole output file; `-` is stdout.
pub fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
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

/// Prints a JSON value, pretty, to stdout.
pub fn print_json(v: &serde_json::Value) -> anyhow::Result<()> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    print(&s)
}
