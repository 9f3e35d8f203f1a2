//! A check plan: what one configuration means for the files it governs —
//! the rules loaded (default pack, `--rules`, the configuration's `rules`),
//! selected (configuration and command line) and at their levels, the check
//! context (helpdesk placeholders, vocabulary) and the failing level.
//!
//! Plans are built once per configuration file before checking starts;
//! files without a configuration share the plan of "no configuration".

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Options;
use crate::config::{Config, Settings};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{load, pack, select, Context, LoadError, Rule, RuleSet};
use crate::suppression::{RuleStatus, META_RULES};

/// What checking a file under one configuration means.
#[derive(Clone)]
pub struct Plan {
    pub rules: RuleSet,
    /// Rule files that did not load: the plan checks without them, and a
    /// run that meets them ends in error.
    pub load_errors: Vec<LoadError>,
    pub context: Context,
    pub fail_on: Level,
    pub config: Option<Arc<Config>>,
    /// The effective selection (configuration plus command line).
    settings: Settings,
}

impl Plan {
    /// Whether a rule id or prefix named in a suppression ran.
    pub fn rule_status(&self, selector: &str) -> RuleStatus {
        let matches = |id: &str| select::matches(selector, id);
        if self.rules.rules().iter().any(|r| matches(&r.id)) {
            RuleStatus::Enabled
        } else if self.rules.loaded_ids().iter().any(|id| matches(id)) {
            RuleStatus::Disabled
        } else if META_RULES.iter().any(|m| matches(m.id)) {
            match META_RULES
                .iter()
                .any(|m| matches(m.id) && self.settings.selects(m.id))
            {
                true => RuleStatus::Enabled,
                false => RuleStatus::Disabled,
            }
        } else {
            RuleStatus::Unknown
        }
    }

    /// This plan narrowed for one request (a pre-send call): only the
    /// rules `select` names (all when empty), without those `ignore` names,
    /// and with `helpdesk`'s placeholders. An unknown rule, prefix or
    /// helpdesk is an error that says what is known.
    pub fn narrowed(
        &self,
        select: &[String],
        ignore: &[String],
        helpdesk: Option<&str>,
    ) -> Result<Plan, String> {
        let mut known: Vec<String> = self
            .rules
            .loaded_ids()
            .iter()
            .map(|id| id.to_string())
            .collect();
        known.extend(META_RULES.iter().map(|m| m.id.to_owned()));
        for selector in select.iter().chain(ignore) {
            if !known.iter().any(|id| select::matches(selector, id)) {
                let hint = select::suggest(selector, &known)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(format!("unknown rule or prefix `{selector}`{hint}"));
            }
        }
        let mut plan = self.clone();
        if !select.is_empty() {
            plan.settings.select = select.to_vec();
            plan.settings.extend_select.clear();
        }
        plan.settings.ignore.extend(ignore.iter().cloned());
        let settings = &plan.settings;
        plan.rules.retain(|r| settings.selects(&r.id));
        if let Some(name) = helpdesk {
            let names = crate::placeholder::helpdesk_names();
            if !names.contains(&name) {
                return Err(format!(
                    "unknown helpdesk `{name}`; known: {}",
                    names.join(", ")
                ));
            }
            let mut placeholders = plan.context.placeholders.clone().unwrap_or_default();
            placeholders.helpdesk = Some(name.to_owned());
            plan.context.placeholders = Some(placeholders);
        }
        Ok(plan)
    }

    /// The rule ids and prefixes `per-file-ignores` turns off for `path`.
    pub fn ignored_for(&self, path: &Path) -> Vec<String> {
        self.config
            .as_ref()
            .map_or_else(Vec::new, |c| c.ignored_for(path))
    }

    /// How its files are read: as replies, or as prose under a Vale
    /// configuration.
    pub fn reading(&self) -> crate::document::Reading {
        match &self.config {
            Some(config) if config.is_vale() => crate::document::Reading::Prose,
            _ => crate::document::Reading::Reply,
        }
    }

    /// The level a Vale configuration sets for each rule in the file at
    /// `path`, and the level below which its findings are dropped.
    pub fn levels_for(&self, path: &Path) -> (Vec<(String, Level)>, Option<Level>) {
        match &self.config {
            Some(config) if config.is_vale() => (config.levels_for(path), self.settings.min_level),
            _ => (Vec::new(), None),
        }
    }

    /// The patterns whose matches no rule sees in the file at `path`.
    pub fn ignores_for(&self, path: &Path) -> Vec<&regex::Regex> {
        self.config
            .as_ref()
            .map_or_else(Vec::new, |c| c.ignores_for(path))
    }

    /// Applies the selection and levels to a suppression-stage finding
    /// (rules' own findings already come from selected rules).
    pub fn keep_meta(&self, mut d: Diagnostic, ignored: &[String]) -> Option<Diagnostic> {
        if !d.rule.starts_with("meta/") {
            return Some(d);
        }
        if !self.settings.selects(&d.rule) || ignored.iter().any(|s| select::matches(s, &d.rule)) {
            return None;
        }
        if let Some(level) = self.settings.level_for(&d.rule) {
            d.level = level;
        }
        Some(d)
    }
}

/// Why a configuration's plan could not be built (its settings name rules
/// or helpdesks that do not exist), with the rule files that did not load.
#[derive(Debug, Default)]
pub struct PlanError {
    pub rule_errors: Vec<LoadError>,
    pub config_errors: Vec<LoadError>,
}

impl PlanError {
    /// Every error, rule files first.
    pub fn errors(&self) -> impl Iterator<Item = &LoadError> {
        self.rule_errors.iter().chain(&self.config_errors)
    }
}

/// The rules of a pack or style that loaded, and the errors of the others.
type Loaded = (Vec<Rule>, Vec<LoadError>);

/// The plans of a run, by configuration file (`None`: no configuration).
#[derive(Default)]
pub struct Plans {
    by_config: HashMap<Option<PathBuf>, Result<Arc<Plan>, Arc<PlanError>>>,
    /// Each rule pack directory, compiled once however many
    /// configurations name it.
    packs: HashMap<PathBuf, Loaded>,
    /// Each Vale style folder with the rules wanted from it, the same way.
    styles: HashMap<(PathBuf, Vec<String>), Loaded>,
    /// Rule files that did not load, each reported once.
    pub rule_errors: Vec<LoadError>,
    /// Rule files skipped for a feature replylint does not have
    /// ([`LoadError::unsupported`]), each reported once as a warning.
    pub rule_warnings: Vec<LoadError>,
    /// Configurations naming unknown rules or helpdesks, each reported once.
    pub config_errors: Vec<LoadError>,
    /// `--select`/`--ignore` names no rule any plan loaded: each message once.
    pub unknown_selectors: Vec<String>,
}

impl Plans {
    /// The plan for files governed by `config`, or why it cannot be built
    /// (broken rules or settings; the errors are also gathered, once each,
    /// in `self`'s lists for a run that reports them all at the end).
    pub fn get(
        &mut self,
        config: Option<&Arc<Config>>,
        options: &Options,
    ) -> Result<Arc<Plan>, Arc<PlanError>> {
        let key = config.map(|c| c.path().to_path_buf());
        if let Some(plan) = self.by_config.get(&key) {
            return plan.clone();
        }
        let plan = self.build(config, options).map(Arc::new).map_err(Arc::new);
        self.by_config.insert(key, plan.clone());
        plan
    }

    /// The default pack (unless turned off), then each directory's rules,
    /// each directory compiled on its first use only.
    fn load(
        &mut self,
        default_pack: bool,
        dirs: Vec<&PathBuf>,
        styles: &[PathBuf],
        wanted: &[String],
    ) -> (Vec<Rule>, Vec<LoadError>) {
        let (mut rules, mut errors) = pack::load_with(default_pack, []);
        for dir in dirs {
            let (r, e) = self
                .packs
                .entry(dir.clone())
                .or_insert_with(|| pack::load_with(false, [dir]));
            rules.extend(r.iter().cloned());
            errors.extend(e.iter().cloned());
        }
        for style in styles {
            let key = (style.clone(), wanted.to_vec());
            let (r, e) = self
                .styles
                .entry(key)
                .or_insert_with(|| load::load_style(style, pack::blocks(), wanted));
            rules.extend(r.iter().cloned());
            errors.extend(e.iter().cloned());
        }
        (rules, errors)
    }

    fn build(
        &mut self,
        config: Option<&Arc<Config>>,
        options: &Options,
    ) -> Result<Plan, PlanError> {
        let config_dirs = config.map_or(&[][..], |c| &c.settings().rule_dirs[..]);
        let styles = config.map_or(&[][..], |c| &c.settings().vale_styles[..]);
        let only_named = config.is_some_and(|c| c.settings().no_default_pack);
        let dirs = options.rule_dirs.iter().chain(config_dirs).collect();
        let wanted = config.map_or(&[][..], |c| &c.settings().select[..]);
        let default_pack = options.default_rules && !only_named;
        let (mut rules, mut errors) = self.load(default_pack, dirs, styles, wanted);
        // Vale's built-in style, written by the configuration.
        let generated: Vec<load::RuleText> = config
            .map_or(&[][..], |c| &c.settings().vale_generated[..])
            .iter()
            .filter(|(id, _, _)| wanted.contains(id))
            .map(|(id, path, text)| (id.clone(), path.clone(), text.as_str().into()))
            .collect();
        let (built, failed) = load::partition(load::parse_all(
            &generated,
            pack::blocks(),
            crate::rules::error::Origin::ValeStyle,
        ));
        rules.extend(built);
        errors.extend(failed);
        let mut config_errors = Vec::new();
        let mut set = RuleSet::new(rules);
        let mut known: Vec<String> = set.loaded_ids().iter().map(|id| id.to_string()).collect();
        // A rule whose file is broken is still a rule the settings may name.
        known.extend(errors.iter().filter_map(|e| e.rule.clone()));
        known.extend(META_RULES.iter().map(|m| m.id.to_owned()));
        if let Some(config) = config {
            config_errors.extend(config.check_rule_ids(&known));
            config_errors.extend(config.check_helpdesk(crate::placeholder::helpdesk_names()));
        }
        let mut unknown_selectors = Vec::new();
        for selector in options.select.iter().chain(&options.ignore) {
            if !known.iter().any(|id| select::matches(selector, id)) {
                let hint = select::suggest(selector, &known)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                unknown_selectors.push(format!("unknown rule or prefix `{selector}`{hint}"));
            }
        }
        for message in &unknown_selectors {
            if !self.unknown_selectors.contains(message) {
                self.unknown_selectors.push(message.clone());
            }
        }
        // Rules asking for what replylint does not have are skipped with
        // a warning; the others' errors end the run in error.
        let (warnings, errors): (Vec<LoadError>, Vec<LoadError>) =
            errors.into_iter().partition(|e| e.unsupported);
        add_once(&mut self.rule_warnings, warnings);
        add_once(&mut self.rule_errors, errors.clone());
        if !config_errors.is_empty() {
            add_once(&mut self.config_errors, config_errors.clone());
            return Err(PlanError {
                rule_errors: errors,
                config_errors,
            });
        }
        let settings = effective_settings(config, options);
        set.retain(|r| settings.selects(&r.id));
        set.set_levels(|id| settings.level_for(id));
        if let Some(min) = settings.min_level {
            // A Vale section may raise a rule for its files: such a rule
            // stays, and its findings are judged file by file.
            let raised = |id: &str| {
                config.is_some_and(|c| c.vale_levels().iter().any(|(r, l)| r == id && *l >= min))
            };
            set.retain(|r| r.level >= min || raised(&r.id));
        }
        let context = Context {
            placeholders: settings.placeholders.clone(),
            vocabulary: settings.vocabulary.clone(),
        };
        let fail_on = options.fail_on.or(settings.fail_on).unwrap_or(Level::Error);
        Ok(Plan {
            rules: set,
            load_errors: errors,
            context,
            fail_on,
            config: config.cloned(),
            settings,
        })
    }
}

/// The configuration's settings with the command line on top: `--select`
/// replaces the whole selection (`select` and `extend-select`), `--ignore`
/// adds to `ignore`.
fn effective_settings(config: Option<&Arc<Config>>, options: &Options) -> Settings {
    let mut settings = config.map_or_else(Settings::default, |c| c.settings().clone());
    if !options.select.is_empty() {
        settings.select = options.select.clone();
        settings.extend_select.clear();
    }
    settings.ignore.extend(options.ignore.iter().cloned());
    settings
}

fn add_once(to: &mut Vec<LoadError>, errors: Vec<LoadError>) {
    for e in errors {
        if !to.iter().any(|x| x.to_string() == e.to_string()) {
            to.push(e);
        }
    }
}
