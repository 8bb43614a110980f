//! The `tutor` binary: parses the command line and runs one command.

mod cli;
mod cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run(cli::Cli::read())
}
