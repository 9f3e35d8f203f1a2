//! The `replylint` binary: everything lives in the library; see `cli`.

fn main() -> std::process::ExitCode {
    replylint::cli::main()
}
