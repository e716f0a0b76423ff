//! `msox`: the Microsoft Exchange formats in a user's hands.
//!
//! Exit codes: 0 success, 1 bad input (the one-line error says what, at
//! which byte, inside which structure), 2 usage error.
#![forbid(unsafe_code)]
#![allow(clippy::print_stderr)]

use clap::Parser;

fn main() {
    let cli = msox::Cli::parse();
    if let Err(e) = msox::run(cli) {
        // One line: the error and its causes, joined.
        let mut msg = e.to_string();
        for cause in e.chain().skip(1) {
            msg.push_str(": ");
            msg.push_str(&cause.to_string());
        }
        eprintln!("msox: {msg}");
        let code = if e.downcast_ref::<msox::cli::UsageError>().is_some() {
            2
        } else {
            1
        };
        std::process::exit(code);
    }
}
