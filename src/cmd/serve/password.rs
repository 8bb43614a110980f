//! `tutor serve hash-password`: an Argon2id hash of a password for a `--auth password` roster.

use crate::cmd::ProfileArgs;
use anyhow::bail;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// Asks twice without echo in a terminal, else reads one line; prints the hash, or with
/// `--user` the whole roster line.
pub fn hash_password(profile: &ProfileArgs) -> anyhow::Result<ExitCode> {
    let password = if io::stdin().is_terminal() {
        let first = ask("Password: ")?;
        if ask("Again: ")? != first {
            bail!("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        bail!("empty password");
    }
    let hash = tutor::ssh::auth::hash_password(&password).map_err(anyhow::Error::msg)?;
    match &profile.user {
        Some(user) => println!("{} {hash}", tutor::store::valid_user(user)?),
        None => println!("{hash}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// One line typed without echo (raw mode), Backspace working; Ctrl-C or Esc gives up.
fn ask(prompt: &str) -> io::Result<String> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    eprint!("{prompt}");
    io::stderr().flush()?;
    enable_raw_mode()?;
    let mut s = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(s),
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(io::Error::other("cancelled"));
                }
                KeyCode::Esc => break Err(io::Error::other("cancelled")),
                KeyCode::Char(c) => s.push(c),
                _ => {}
            },
            Ok(Event::Paste(p)) => s.push_str(&p),
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    let _ = disable_raw_mode();
    eprintln!();
    result
}
