//! `msox`: the Microsoft Exchange formats in a user's hands.
//!
//! Exit codes: 0 success; 1 bad input (the one-line error says what, at
//! which byte, inside which structure) or, for several files, any file
//! failed; 2 usage error; 3 read in lenient mode past defects (reported on
//! stderr), output written.
#![forbid(unsafe_code)]
#![allow(clippy::print_stderr)]

use clap::Parser;

fn main() {
    // A reader that closes the pipe early (`msox ... | head`) ends the
    // program quietly, wherever the write was.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if msg.contains("Broken pipe") || msg.contains("failed printing to stdout") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = msox::Cli::parse();
    match msox::run(cli) {
        Ok(()) if msox::cli::defects_seen() => std::process::exit(msox::cli::EXIT_DEFECTS),
        Ok(()) => {}
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                std::process::exit(0);
            }
            eprintln!("msox: {}", msox::error_line(&e));
            let code = if e.downcast_ref::<msox::cli::UsageError>().is_some() {
                2
            } else {
                1
            };
            std::process::exit(code);
        }
    }
}
