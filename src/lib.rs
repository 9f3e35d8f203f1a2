//! replylint: a linter for helpdesk ticket replies.
//!
//! Data flows through one module per stage:
//!
//! ```text
//! source ──▶ container ──▶ document ──▶ rules ──▶ suppression ──▶ report
//! (bytes,    (replies of    (masked       (YAML     (directives,     (full, concise,
//!  format)    a file, with   prose,        rules,    meta findings)   json, json-lines,
//!             offset maps)   paragraphs,   engine)                    github, sarif)
//!                            sentences)
//! ```
//!
//! `config` decides per file which rules run and how the file is read.
//!
//! [`lint::Linter`] is the front door every surface calls: built once
//! from options, it finds each file's configuration, compiles its rules
//! once and runs the pipeline. The library never prints; the `cli` module
//! owns the terminal.

pub mod cli;
pub mod config;
pub mod container;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod lint;
pub mod parallel;
pub mod placeholder;
pub mod position;
pub mod records;
pub mod report;
pub mod rules;
pub mod server;
pub mod service;
pub mod source;
pub mod suppression;
