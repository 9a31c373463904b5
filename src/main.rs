//! The numcheck binary: parse arguments, run, exit with the code DESIGN §6 fixes.

use std::process::ExitCode;

fn main() -> ExitCode {
    numcheck::cli::main()
}
