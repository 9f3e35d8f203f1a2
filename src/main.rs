//! The `replylint` binary: everything lives in the library; see `cli`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit`, by its place in `mi_option_e` of the
/// v3 header that libmimalloc-sys 0.1.49 (pinned) builds; a test reads it
/// back by name.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Commits arena memory as it is used rather than all at once: with
/// mimalloc's default the pack's compilation left a peak of 80 MB resident
/// for one reply (28 MB without; the start-up time is the same, while
/// also purging freed pages at once, `purge_delay` 0, cost 30% of it).
/// On Linux this runs from `.init_array`, before the runtime's first
/// allocation creates mimalloc's first arena; elsewhere at `main`.
extern "C" fn tune_allocator() {
    // SAFETY: setting an option by its documented id; mimalloc reads
    // options lazily and allows setting them at any time.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> std::process::ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    replylint::cli::main()
}
