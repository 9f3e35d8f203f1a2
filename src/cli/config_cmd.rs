//! `replylint config [PATH]`: which configuration file applies to PATH and
//! the effective configuration as YAML, or that none applies. A
//! configuration that does not load, or names unknown rules or an unknown
//! helpdesk, is reported as located errors with exit code 2.

use std::fmt::Write as _;
use std::path::Path;

use super::args::{ColorChoice, ConfigCmdArgs};
use super::{print_err, print_out, styled, EXIT_CLEAN, EXIT_ERROR};
use crate::config::{paths, Config, Configs, Mode, FILE_NAMES};
use crate::report::problems;
use crate::rules::{pack, LoadError};

pub fn run(args: &ConfigCmdArgs) -> u8 {
    let path = args.path.as_path();
    if !path.exists() {
        print_err(
            &format!("error: {}: no such file or directory\n", path.display()),
            ColorChoice::Auto,
        );
        return EXIT_ERROR;
    }
    let configs = Configs::new(args.config.mode());
    let found = if path.is_dir() {
        configs.for_dir(path)
    } else {
        configs.for_file(path)
    };
    match found {
        Err(errors) => report(&errors),
        Ok(None) => {
            print_out(&none_applies(path, configs.mode()), ColorChoice::Auto);
            EXIT_CLEAN
        }
        Ok(Some(config)) => {
            let errors = validate(&config, args);
            if !errors.is_empty() {
                return report(&errors);
            }
            print_out(&shown(&config), ColorChoice::Auto);
            EXIT_CLEAN
        }
    }
}

/// Every error of the configuration that needs the rules to find.
fn validate(config: &Config, args: &ConfigCmdArgs) -> Vec<LoadError> {
    let dirs = args.rules.iter().chain(&config.settings().rule_dirs);
    let (rules, mut errors) = pack::load_with(!args.no_default_rules, dirs);
    let known: Vec<String> = rules.iter().map(|r| r.id.to_string()).collect();
    errors.extend(config.check_rule_ids(&known));
    errors.extend(config.check_helpdesk(crate::placeholder::helpdesk_names()));
    errors
}

fn report(errors: &[LoadError]) -> u8 {
    let styled_err = styled(
        ColorChoice::Auto,
        anstream::AutoStream::choice(&std::io::stderr()),
    );
    for error in errors {
        print_err(
            &format!("{}\n\n", problems::load_error(error, styled_err)),
            ColorChoice::Auto,
        );
    }
    let n = errors.len();
    print_err(
        &format!(
            "replylint: {n} configuration error{}\n",
            if n == 1 { "" } else { "s" }
        ),
        ColorChoice::Auto,
    );
    EXIT_ERROR
}

fn none_applies(path: &Path, mode: &Mode) -> String {
    match mode {
        Mode::Isolated => format!(
            "# no configuration applies to {}: --isolated\n",
            path.display()
        ),
        _ => format!(
            "# no configuration applies to {}: no {} or {} in its directory or above\n",
            path.display(),
            FILE_NAMES[0],
            FILE_NAMES[1]
        ),
    }
}

fn shown(config: &Config) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# configuration: {}", paths::shown(config.path()));
    for base in config.extends() {
        let _ = writeln!(out, "# extends: {}", paths::shown(base));
    }
    out.push_str(&config.to_yaml());
    out
}
