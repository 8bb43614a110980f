//! The `tutor` binary: parses the command line and runs one command.

mod cli;
mod cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Parsed while the command line is read and the terminal set up.
    let embedded = cmd::embedded::Prefetched::start();
    cli::run(cli::Cli::read(), embedded)
}
