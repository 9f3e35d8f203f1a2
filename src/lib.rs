//! replylint: a linter for helpdesk ticket replies.
//!
//! Data flows through one module per stage:
//!
//! ```text
//! source  ──▶ document ──▶ rules ──▶ diagnostic ──▶ report
//! (bytes,     (masked       (YAML     (spans,        (full, concise,
//!  format)     prose,        rules,    messages,      json)
//!              paragraphs,   engine)   fixes)
//!              sentences)
//! ```
//!
//! The library never prints; the `cli` module owns the terminal.

pub mod cli;
pub mod config;
pub mod container;
pub mod diagnostic;
pub mod document;
pub mod parallel;
pub mod placeholder;
pub mod position;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppression;
