//! The numcheck binary: parse arguments, run, exit with the code DESIGN §6 fixes.

use std::process::ExitCode;

/// mimalloc instead of glibc malloc: checking allocates many small, short-lived values per
/// claim on every worker thread, where glibc's per-arena locking and free-list work showed
/// as ~15% of the run in profiles (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    numcheck::cli::main()
}
