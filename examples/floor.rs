//! The floor for `wbs check`: read a file and run granit-parser over it,
//! with the options wbs uses, reading every event and doing nothing else.
//! No YAML-based checker can be faster than this.
//!
//! ```text
//! cargo run --release --example floor -- PLAN.yaml
//! ```

use std::process::ExitCode;

use granit_parser::{Event, Parser};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor PLAN.yaml");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    // wbs checks UTF-8 before parsing, too.
    let Ok(text) = std::str::from_utf8(&bytes) else {
        eprintln!("error: not UTF-8");
        return ExitCode::from(1);
    };
    let options = granit_parser::options! {
        emit_anchor_events: true,
        emit_unresolved_aliases: true,
        emit_comments: false,
    };
    let mut scalars = 0usize;
    for event in Parser::new_from_str_with_options(text, options) {
        match event {
            Ok((Event::Scalar(..), _)) => scalars += 1,
            Ok(_) => {}
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(1);
            }
        }
    }
    println!("{scalars} scalars");
    ExitCode::SUCCESS
}
