//! The `replylint` binary: everything lives in the library; see `cli`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    replylint::cli::main()
}
