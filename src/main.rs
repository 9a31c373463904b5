//! The numcheck binary: parse arguments, run, exit with the code DESIGN §6 fixes.

use std::process::ExitCode;

/// mimalloc instead of glibc malloc: checking allocates many small, short-lived values per
/// claim on every worker thread, where glibc's per-arena locking and free-list work showed
/// as ~15% of the run in profiles (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    numcheck::cli::main()
}

/// Opts the process out of transparent huge pages. mimalloc asked for them on its arenas
/// (`MADV_HUGEPAGE`), so each first touch of a 2 MiB region had the kernel find, and zero,
/// a whole huge page (and compact memory for one when none was free), for heaps that hold
/// a few tens of kilobytes per document. Measured over a 2,000-article run: up to 16 % of
/// the run's samples in `clear_page_erms`, a peak RSS of 38 MB instead of 21 MB, and runs
/// started after other work 10–20 % slower (README, Performance). A numcheck run is short
/// and its heaps small, so 4 KiB pages cost it nothing in TLB misses that showed.
///
/// mimalloc is built with `no_thp` (Cargo.toml), so it no longer asks, and this call only
/// matters on systems set to give huge pages to every heap (`enabled` = `always`); the
/// feature also covers the heap mimalloc sets up before `main`, which this call comes too
/// late for (two huge pages, 4 MB of a start-up RSS of 8.7 MB, where 4.9 MB is left).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes a flag of this
    // process's memory map; it touches no memory of ours. A kernel without it returns an
    // error, which changes nothing, so the result is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
