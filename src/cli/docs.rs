//! `factlint completions SHELL` and `factlint man`: shell completions and the manual page, generated from the
//! command line's own definition so that they cannot drift from it.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, EXIT_ERROR};

/// Prints the completion script of `shell`.
pub fn completions(shell: Shell) -> u8 {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "factlint", &mut std::io::stdout());
    0
}

/// Prints the manual page, in roff (`factlint man > factlint.1`).
pub fn man() -> u8 {
    let mut page = Vec::new();
    if clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .is_err()
    {
        return EXIT_ERROR;
    }
    match std::io::stdout().write_all(&page) {
        Ok(()) => 0,
        Err(_) => EXIT_ERROR,
    }
}
