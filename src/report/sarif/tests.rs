use std::sync::Arc;

use serde_json::Value;

use super::*;
use crate::diagnostic::{Fix, Span};

fn rules() -> Vec<RuleMeta<'static>> {
    vec![
        RuleMeta {
            id: "tone/blame",
            level: Level::Error,
            description: "Blaming the customer.",
            help: "Say what happened.",
            link: Some("https://example.com/blame"),
        },
        RuleMeta {
            id: "tone/soon",
            level: Level::Suggestion,
            description: "A vague time.",
            help: "Give a day.",
            link: None,
        },
    ]
}

fn finding(text: &str, needle: &str, nth: usize, reply: Option<&str>) -> Diagnostic {
    let start = text.match_indices(needle).nth(nth).unwrap().0;
    let span = Span::within(text, start..start + needle.len());
    Diagnostic {
        rule: Arc::from("tone/blame"),
        level: Level::Error,
        message: format!("'{needle}' blames the customer."),
        help: Arc::from("Say what happened."),
        link: None,
        span,
        fixes: vec![Fix {
            span,
            replacement: "our mistake".to_owned(),
        }],
        applicability: Default::default(),
        reply: reply.map(Arc::from),
    }
}

fn log(name: &str, text: &str, diagnostics: Vec<Diagnostic>) -> Value {
    let file = FileReport {
        name: name.to_owned(),
        text: text.to_owned(),
        diagnostics,
        ..Default::default()
    };
    serde_json::from_str(&render(&[file], &rules())).expect("valid JSON")
}

fn fingerprints(log: &Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_log_has_what_github_code_scanning_requires() {
    let text = "Hi,\nThat was user error.\n";
    let log = log("a.txt", text, vec![finding(text, "user error", 0, None)]);
    assert_eq!(log["$schema"], SCHEMA);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "replylint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2, "every rule that was run, fired or not");
    assert_eq!(rules[0]["id"], "tone/blame");
    assert_eq!(rules[0]["name"], "blame");
    assert_eq!(
        rules[0]["shortDescription"]["text"],
        "Blaming the customer."
    );
    assert_eq!(rules[0]["fullDescription"]["text"], "Blaming the customer.");
    assert_eq!(rules[0]["help"]["text"], "Say what happened.");
    assert!(rules[0]["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("(https://example.com/blame)"));
    assert_eq!(rules[0]["helpUri"], "https://example.com/blame");
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "note");
    assert!(rules[1].get("helpUri").is_none());

    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "tone/blame");
    assert_eq!(result["ruleIndex"], 0);
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["message"]["text"],
        "'user error' blames the customer."
    );
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "a.txt");
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &physical["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(2),
            &Value::from(10),
            &Value::from(2),
            &Value::from(20)
        )
    );
    assert_eq!(region["snippet"]["text"], "user error");
    assert!(result["locations"][0].get("logicalLocations").is_none());
}

#[test]
fn columns_count_code_points() {
    let text = "Zoë — that was user error.\n";
    let log = log("a.txt", text, vec![finding(text, "user error", 0, None)]);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 16);
    assert_eq!(region["endColumn"], 26);
}

#[test]
fn fixes_replace_the_flagged_region() {
    let text = "Hi,\nThat was user error.\n";
    let log = log("a.txt", text, vec![finding(text, "user error", 0, None)]);
    let fix = &log["runs"][0]["results"][0]["fixes"][0];
    assert_eq!(fix["description"]["text"], "Write `our mistake`");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "a.txt");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 2);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 10);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 20);
    assert_eq!(replacement["insertedContent"]["text"], "our mistake");
}

#[test]
fn a_reply_of_a_collection_is_a_logical_location() {
    let text = "[{\"title\": \"Refund\", \"body\": \"That was user error.\"}]";
    let log = log(
        "macros.json",
        text,
        vec![finding(text, "user error", 0, Some("Billing::Refund"))],
    );
    let logical = &log["runs"][0]["results"][0]["locations"][0]["logicalLocations"];
    assert_eq!(logical[0]["name"], "Billing::Refund");
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let before = "That was user error.\nAgain, user error.\n";
    let after = "Hello!\n\nThanks for writing.\nThat was user error.\nAgain, user error.\n";
    let old = fingerprints(&log(
        "a.txt",
        before,
        vec![
            finding(before, "user error", 0, None),
            finding(before, "user error", 1, None),
        ],
    ));
    let new = fingerprints(&log(
        "a.txt",
        after,
        vec![
            finding(after, "user error", 0, None),
            finding(after, "user error", 1, None),
        ],
    ));
    assert_eq!(old, new);
    assert_ne!(old[0], old[1], "the second occurrence is another finding");
    assert_eq!(old[0].len(), 16);
}

#[test]
fn fingerprints_tell_files_replies_and_texts_apart() {
    let base = fingerprint("tone/blame", "a.txt", None, "user error", 0);
    assert_eq!(
        base,
        fingerprint("tone/blame", "a.txt", None, "user error", 0)
    );
    for other in [
        fingerprint("tone/other", "a.txt", None, "user error", 0),
        fingerprint("tone/blame", "b.txt", None, "user error", 0),
        fingerprint("tone/blame", "a.txt", Some("Refund"), "user error", 0),
        fingerprint("tone/blame", "a.txt", Some(""), "user error", 0),
        fingerprint("tone/blame", "a.txt", None, "User error", 0),
        fingerprint("tone/blame", "a.txt", None, "user error", 1),
    ] {
        assert_ne!(base, other);
    }
    // Length prefixes keep field boundaries apart.
    assert_ne!(
        fingerprint("ab", "c", None, "x", 0),
        fingerprint("a", "bc", None, "x", 0)
    );
}

#[test]
fn the_fingerprint_function_is_fixed() {
    // FNV-1a never changes between platforms or releases; neither may this
    // (the value was computed independently of this code).
    assert_eq!(
        fingerprint("tone/blame", "a.txt", None, "user error", 0),
        "2b1861a45ca8dbe3"
    );
}

#[test]
fn uris_are_relative_with_forward_slashes() {
    let uri = |name: &str| {
        let a = artifact_location(name);
        (a.uri, a.uri_base_id)
    };
    assert_eq!(
        uri("./replies\\billing/refund 50%.md"),
        (
            "replies/billing/refund%2050%25.md".to_owned(),
            Some("%SRCROOT%")
        )
    );
    assert_eq!(uri("réponse.txt").0, "r%C3%A9ponse.txt");
    assert_eq!(
        uri("a:b.txt").0,
        "a%3Ab.txt",
        "no scheme in a relative path"
    );
    assert_eq!(uri("<stdin>").0, "%3Cstdin%3E");
    assert_eq!(
        uri("/srv/replies/a.txt"),
        ("file:///srv/replies/a.txt".to_owned(), None)
    );
    assert_eq!(
        uri("C:\\replies\\a.txt"),
        ("file:///C:/replies/a.txt".to_owned(), None)
    );
}

#[test]
fn rules_not_in_the_run_have_no_index() {
    let text = "That was user error.\n";
    let mut d = finding(text, "user error", 0, None);
    d.rule = Arc::from("pack/unknown");
    let log = log("a.txt", text, vec![d]);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "pack/unknown");
    assert!(result.get("ruleIndex").is_none());
}

#[test]
fn output_is_deterministic() {
    let text = "That was user error. user error.\n";
    let make = || {
        let file = FileReport {
            name: "a.txt".to_owned(),
            text: text.to_owned(),
            diagnostics: vec![
                finding(text, "user error", 0, None),
                finding(text, "user error", 1, Some("R")),
            ],
            ..Default::default()
        };
        render(&[file], &rules())
    };
    assert_eq!(make(), make());
}

/// The property names SARIF 2.1.0's schema allows on each object replylint
/// writes (every one of them has `additionalProperties: false`), and the
/// kind of object under each name that replylint fills in.
fn allowed(
    kind: &str,
) -> (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
) {
    match kind {
        "sarifLog" => (
            &[
                "$schema",
                "version",
                "runs",
                "inlineExternalProperties",
                "properties",
            ],
            &[("runs", "run")],
        ),
        "run" => (
            &[
                "tool",
                "invocations",
                "conversion",
                "language",
                "versionControlProvenance",
                "originalUriBaseIds",
                "artifacts",
                "logicalLocations",
                "graphs",
                "results",
                "automationDetails",
                "runAggregates",
                "baselineGuid",
                "redactionTokens",
                "defaultEncoding",
                "defaultSourceLanguage",
                "newlineSequences",
                "columnKind",
                "externalPropertyFileReferences",
                "threadFlowLocations",
                "taxonomies",
                "addresses",
                "translations",
                "policies",
                "webRequests",
                "webResponses",
                "specialLocations",
                "properties",
            ],
            &[("tool", "tool"), ("results", "result")],
        ),
        "tool" => (
            &["driver", "extensions", "properties"],
            &[("driver", "toolComponent")],
        ),
        "toolComponent" => (
            &[
                "guid",
                "name",
                "organization",
                "product",
                "productSuite",
                "shortDescription",
                "fullDescription",
                "fullName",
                "version",
                "semanticVersion",
                "dottedQuadFileVersion",
                "releaseDateUtc",
                "downloadUri",
                "informationUri",
                "globalMessageStrings",
                "notifications",
                "rules",
                "taxa",
                "locations",
                "language",
                "contents",
                "isComprehensive",
                "localizedDataSemanticVersion",
                "minimumRequiredLocalizedDataSemanticVersion",
                "associatedComponent",
                "translationMetadata",
                "supportedTaxonomies",
                "properties",
            ],
            &[("rules", "reportingDescriptor")],
        ),
        "reportingDescriptor" => (
            &[
                "id",
                "deprecatedIds",
                "guid",
                "deprecatedGuids",
                "name",
                "deprecatedNames",
                "shortDescription",
                "fullDescription",
                "messageStrings",
                "defaultConfiguration",
                "helpUri",
                "help",
                "relationships",
                "properties",
            ],
            &[
                ("shortDescription", "multiformatMessageString"),
                ("fullDescription", "multiformatMessageString"),
                ("help", "multiformatMessageString"),
                ("defaultConfiguration", "reportingConfiguration"),
            ],
        ),
        "multiformatMessageString" => (&["text", "markdown", "properties"], &[]),
        "reportingConfiguration" => (
            &["enabled", "level", "rank", "parameters", "properties"],
            &[],
        ),
        "result" => (
            &[
                "ruleId",
                "ruleIndex",
                "rule",
                "kind",
                "level",
                "message",
                "analysisTarget",
                "locations",
                "guid",
                "correlationGuid",
                "occurrenceCount",
                "partialFingerprints",
                "fingerprints",
                "stacks",
                "codeFlows",
                "graphs",
                "graphTraversals",
                "relatedLocations",
                "suppressions",
                "baselineState",
                "rank",
                "attachments",
                "hostedViewerUri",
                "workItemUris",
                "provenance",
                "fixes",
                "taxa",
                "webRequest",
                "webResponse",
                "properties",
            ],
            &[
                ("message", "message"),
                ("locations", "location"),
                ("fixes", "fix"),
            ],
        ),
        "message" => (&["text", "markdown", "id", "arguments", "properties"], &[]),
        "location" => (
            &[
                "id",
                "physicalLocation",
                "logicalLocations",
                "message",
                "annotations",
                "relationships",
                "properties",
            ],
            &[
                ("physicalLocation", "physicalLocation"),
                ("logicalLocations", "logicalLocation"),
            ],
        ),
        "physicalLocation" => (
            &[
                "address",
                "artifactLocation",
                "region",
                "contextRegion",
                "properties",
            ],
            &[
                ("artifactLocation", "artifactLocation"),
                ("region", "region"),
            ],
        ),
        "artifactLocation" => (
            &["uri", "uriBaseId", "index", "description", "properties"],
            &[],
        ),
        "region" => (
            &[
                "startLine",
                "startColumn",
                "endLine",
                "endColumn",
                "charOffset",
                "charLength",
                "byteOffset",
                "byteLength",
                "snippet",
                "message",
                "sourceLanguage",
                "properties",
            ],
            &[("snippet", "artifactContent")],
        ),
        "artifactContent" => (&["text", "binary", "rendered", "properties"], &[]),
        "logicalLocation" => (
            &[
                "name",
                "index",
                "fullyQualifiedName",
                "decoratedName",
                "parentIndex",
                "kind",
                "properties",
            ],
            &[],
        ),
        "fix" => (
            &["description", "artifactChanges", "properties"],
            &[
                ("description", "message"),
                ("artifactChanges", "artifactChange"),
            ],
        ),
        "artifactChange" => (
            &["artifactLocation", "replacements", "properties"],
            &[
                ("artifactLocation", "artifactLocation"),
                ("replacements", "replacement"),
            ],
        ),
        "replacement" => (
            &["deletedRegion", "insertedContent", "properties"],
            &[
                ("deletedRegion", "region"),
                ("insertedContent", "artifactContent"),
            ],
        ),
        other => panic!("no property list for {other}"),
    }
}

/// Checks `value` as a SARIF object of `kind`: only allowed property names,
/// the required ones present, enums and minimums respected. Returns how
/// many objects were checked.
fn check_object(value: &Value, kind: &str, at: &str) -> usize {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{at} is not an object"));
    let (names, children) = allowed(kind);
    for key in object.keys() {
        assert!(
            names.contains(&key.as_str()),
            "{at}: `{key}` is not a {kind} property"
        );
    }
    let required: &[&str] = match kind {
        "sarifLog" => &["version", "runs"],
        "run" => &["tool"],
        "toolComponent" => &["name"],
        "tool" => &["driver"],
        "reportingDescriptor" => &["id"],
        "multiformatMessageString" => &["text"],
        "result" => &["message"],
        "artifactChange" => &["artifactLocation", "replacements"],
        "fix" => &["artifactChanges"],
        "replacement" => &["deletedRegion"],
        _ => &[],
    };
    for key in required {
        assert!(object.contains_key(*key), "{at}: {kind} requires `{key}`");
    }
    let level = object.get("level").and_then(Value::as_str);
    if let Some(level) = level {
        assert!(
            ["none", "note", "warning", "error"].contains(&level),
            "{at}: level {level}"
        );
    }
    if kind == "run" {
        assert!(["utf16CodeUnits", "unicodeCodePoints"]
            .contains(&object["columnKind"].as_str().unwrap()));
    }
    if kind == "region" {
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(object[key].as_u64().unwrap() >= 1, "{at}: {key} is 1-based");
        }
    }
    if kind == "result" {
        assert!(object["ruleIndex"].as_i64().unwrap() >= -1);
        assert!(object["partialFingerprints"]
            .as_object()
            .unwrap()
            .values()
            .all(Value::is_string));
    }
    let mut checked = 1;
    for (key, child_kind) in children {
        match object.get(*key) {
            Some(Value::Array(items)) => {
                if ["fix", "artifactChange", "replacement"].contains(child_kind) {
                    assert!(!items.is_empty(), "{at}.{key} needs at least one item");
                }
                for (i, item) in items.iter().enumerate() {
                    checked += check_object(item, child_kind, &format!("{at}.{key}[{i}]"));
                }
            }
            Some(item) => checked += check_object(item, child_kind, &format!("{at}.{key}")),
            None => {}
        }
    }
    checked
}

#[test]
fn every_object_uses_only_sarif_2_1_0_properties() {
    let text = "Hi,\nThat was user error.\nuser error again.\n";
    let log = log(
        "replies/a b.txt",
        text,
        vec![
            finding(text, "user error", 0, Some("Billing::Refund")),
            finding(text, "user error", 1, None),
        ],
    );
    let checked = check_object(&log, "sarifLog", "log");
    // log, run, tool, driver; 2 rules × (rule, short, full, help, default
    // configuration); 2 results × (result, message, location, physical,
    // artifact, region, snippet, fix, description, change, artifact,
    // replacement, region, content); 1 logical location.
    assert_eq!(checked, 4 + 2 * 5 + 2 * 14 + 1);
}

#[test]
#[should_panic(expected = "`startline` is not a region property")]
fn the_property_check_rejects_misspelt_names() {
    let text = "That was user error.\n";
    let mut log = log("a.txt", text, vec![finding(text, "user error", 0, None)]);
    let region = &mut log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    region["startline"] = Value::from(1);
    check_object(&log, "sarifLog", "log");
}
