//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Level;

#[derive(Debug, Parser)]
#[command(name = "replylint", version, about = "A linter for helpdesk ticket replies", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check replies: files, directories (walked, honouring .gitignore and
    /// .replylintignore) or `-` for standard input.
    Check(CheckArgs),
    /// List the rules: id, level and description.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
        /// List the default pack's building blocks (`%{name}`) instead.
        #[arg(long)]
        blocks: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Explain one rule (description, help, examples and link), or list
    /// the rules under a prefix such as `tone/`.
    Rule {
        /// The rule id, such as `tone/flat-no`, or a prefix.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run every rule's examples as tests (the default pack when no DIR).
    Test {
        /// Rule pack directories.
        dirs: Vec<PathBuf>,
    },
    /// Show which configuration file applies to PATH and the effective
    /// configuration.
    Config(ConfigCmdArgs),
    /// Run the pre-send service: an HTTP API (`POST /v1/check`) and a page
    /// for agents, with the rules compiled once.
    Serve(ServeArgs),
    /// Run the language server on standard input and output (for editors:
    /// diagnostics as you type, fixes, hover; see docs/editors.md).
    Server,
    /// Print a completion script for SHELL (e.g. `source <(replylint
    /// completions bash)` in ~/.bashrc).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command to a
    /// directory (e.g. `replylint man --out-dir /usr/local/share/man/man1`).
    Man {
        /// Write replylint.1 and replylint-COMMAND.1 here instead of
        /// printing replylint.1.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// Which configuration applies: found by walking up from each file, given
/// with `--config`, or none with `--isolated`.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file for every checked file (no discovery).
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no configuration file at all.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigArgs {
    pub fn mode(&self) -> crate::config::Mode {
        match (&self.config, self.isolated) {
            (_, true) => crate::config::Mode::Isolated,
            (Some(path), false) => crate::config::Mode::Explicit(path.clone()),
            (None, false) => crate::config::Mode::Discover,
        }
    }
}

#[derive(Debug, Args)]
pub struct ConfigCmdArgs {
    /// A file or directory (a directory stands for the files directly in it).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// A rule pack whose rule ids the configuration may name (repeatable);
    /// the configuration's own `rules` are always loaded.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not count the default pack's rules as known.
    #[arg(long)]
    pub no_default_rules: bool,
}

/// Which rules to load and keep.
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// A directory of rule files to load as well (repeatable); its rules
    /// replace default rules of the same id.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not load the default rule pack.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Check only these rules: ids or prefixes such as `tone/` (comma-separated, repeatable).
    #[arg(long, value_name = "ID|PREFIX/", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules: ids or prefixes (comma-separated, repeatable).
    #[arg(long, value_name = "ID|PREFIX/", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Full,
    /// `path:line:col: level[rule]: message`, one per line.
    Concise,
    /// `path:line:col:rule:message`, one per line, as Vale's `--output=line`.
    Line,
    /// One JSON document.
    Json,
    /// One JSON object per finding per line.
    JsonLines,
    /// GitHub Actions workflow commands, which annotate the files.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers.
    Sarif,
    /// The JSON Vale prints with `--output=JSON`: alerts by file path.
    ValeJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Suggestion,
}

impl FailOn {
    pub fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Suggestion => Level::Suggestion,
        }
    }
}

/// `replylint serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; anything but loopback needs --token-file.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: String,
    /// A file holding the token callers send as `Authorization: Bearer
    /// TOKEN` on /v1/ routes.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// A web origin allowed to call the service from a browser, such as
    /// https://example.zendesk.com (repeatable).
    #[arg(long, value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// The largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// The longest a request may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Drafts checked at the same time; more wait.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_concurrency: usize,
    /// How often to look for a changed configuration file, in milliseconds
    /// (SIGHUP reloads at once).
    #[arg(long, value_name = "MS", default_value_t = 1_000)]
    pub watch_ms: u64,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl RuleArgs {
    /// What the library's linter loads and selects, with `config`'s way
    /// of finding configurations.
    pub fn options(&self, config: &ConfigArgs) -> crate::lint::Options {
        crate::lint::Options {
            config: config.mode(),
            default_rules: !self.no_default_rules,
            rule_dirs: self.rules.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            fail_on: None,
        }
    }
}

impl CheckArgs {
    /// What the library's linter loads and selects for this run.
    pub fn options(&self) -> crate::lint::Options {
        crate::lint::Options {
            fail_on: self.fail_on.map(FailOn::level),
            ..self.rules.options(&self.config)
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The name of standard input in output; its extension sets the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// How to print findings (to the terminal, or to --output-file).
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// Also write a report to PATH, in --output-file-format; the terminal
    /// still gets --output-format (e.g. `--output-format github -o
    /// replylint.sarif` for annotations plus a SARIF file).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// The format of --output-file [default: by its extension: .sarif,
    /// .json, .jsonl; else --output-format]
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output_file")]
    pub output_file_format: Option<OutputFormat>,
    /// Print how often each rule fired instead of each finding (JSON with
    /// `--output-format json` or `json-lines`).
    #[arg(long)]
    pub statistics: bool,
    /// Colour the terminal output: auto colours only on a terminal and
    /// honours NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit 1 when a finding is at or above this level [default: the
    /// configuration's `fail-on`, else error]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Skip files the configuration excludes even when named on the command
    /// line (for hooks that pass every staged file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Follow symbolic links in the folders walked (by default they are
    /// skipped, and counted in a note).
    #[arg(long)]
    pub follow: bool,
    /// Apply fixes in place, then report what remains (safe fixes only:
    /// see --unsafe-fixes). With `-`, print the fixed text instead.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print a unified diff of what --fix would change instead of
    /// findings; exit 1 when there is a change.
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, also apply fixes that need a look: the first
    /// of several choices (the rule author's recommendation) and guesses
    /// that may change the meaning.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Read each path (or `-`) as a ticket export: one reply per line of
    /// JSON Lines or row of CSV, gzip or not. Zendesk, Freshdesk, Help
    /// Scout, Intercom and Twitter CSV layouts are known; others need
    /// --text-field.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// With --input-format: the reply's field (a dotted path such as
    /// `comment.body`, or a CSV column).
    #[arg(long, value_name = "PATH", requires = "input_format")]
    pub text_field: Option<String>,
    /// With --input-format: the field that identifies a record.
    #[arg(long, value_name = "PATH", requires = "input_format")]
    pub id_field: Option<String>,
    /// With --input-format: fields carried into the output and counted by
    /// (agent, team, macro, created_at…; comma-separated, repeatable).
    #[arg(
        long,
        value_name = "PATH",
        value_delimiter = ',',
        requires = "input_format"
    )]
    pub group_field: Vec<String>,
    /// With --input-format: also write an audit of the export (counts per
    /// rule, group and month, rates, top phrases, worst macros) to FILE,
    /// as HTML, JSON or CSV by its extension (repeatable).
    #[arg(long, value_name = "FILE", requires = "input_format")]
    pub report: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}
