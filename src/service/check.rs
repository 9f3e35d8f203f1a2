//! `POST /v1/check`: one draft, checked as an agent is about to send it.
//!
//! ```json
//! {"text": "…", "format": "markdown", "filename": "macros/refund.md",
//!  "helpdesk": "zendesk", "select": ["tone/"], "ignore": [],
//!  "previous": [{"from": "customer", "text": "…"}], "fix": true}
//! ```
//!
//! The answer is the document of `--output-format json` (`version`,
//! `diagnostics`, `summary`), plus `fixed` when `fix` is true. The body is
//! read within the request timeout and up to the size limit; every
//! problem is a 4xx with a JSON message, and the server keeps serving.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::errors::ApiError;
use super::state::Service;
use crate::document::turn::{Author, Message};
use crate::document::Thread;
use crate::lint::Linted;
use crate::report::{json, Summary};
use crate::source::{Encoding, Format, Source};
use crate::suppression::Mode;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    format: Option<String>,
    filename: Option<String>,
    helpdesk: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    previous: Vec<Previous>,
    #[serde(default)]
    fix: bool,
    #[serde(default)]
    unsafe_fixes: bool,
}

/// A message before the draft: a customer's text, or `{from, text}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Previous {
    Text(String),
    Message {
        #[serde(alias = "author", alias = "role")]
        from: String,
        text: String,
    },
}

pub async fn check(
    State(service): State<Arc<Service>>,
    request: Request<Body>,
) -> Result<Response, ApiError> {
    let timeout = service.options().timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let json_body = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| {
            // curl's `-d` sends form encoding: its body is still the JSON.
            [
                "application/json",
                "text/plain",
                "application/x-www-form-urlencoded",
            ]
            .iter()
            .any(|t| v.starts_with(t))
        });
    if !json_body {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the draft as JSON (`Content-Type: application/json`)",
        ));
    }
    let limit = service.options().max_body;
    let read = axum::body::to_bytes(request.into_body(), limit);
    let bytes = match tokio::time::timeout_at(deadline, read).await {
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} ms",
                    timeout.as_millis()
                ),
            ))
        }
        Ok(Err(e)) if is_too_large(&e) => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is over the {limit}-byte limit (--max-body)"),
            ))
        }
        Ok(Err(e)) => {
            return Err(ApiError::bad_request(format!(
                "could not read the body: {e}"
            )))
        }
        Ok(Ok(bytes)) => bytes,
    };
    let request = parse(&bytes)?;
    let Ok(permit) = tokio::time::timeout_at(deadline, service.permits.acquire()).await else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy: every check slot stayed taken for the whole request timeout",
        ));
    };
    let work = {
        let service = service.clone();
        tokio::task::spawn_blocking(move || lint(&service, request))
    };
    let result = tokio::time::timeout_at(deadline, work).await;
    drop(permit);
    match result {
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "checking took longer than the {} ms timeout",
                timeout.as_millis()
            ),
        )),
        Ok(Err(_panicked)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "replylint failed on this draft (a bug: please report it with the draft)",
        )),
        Ok(Ok(answer)) => {
            answer.map(|body| ([(header::CONTENT_TYPE, "application/json")], body).into_response())
        }
    }
}

fn is_too_large(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.to_string().contains("length limit exceeded") {
            return true;
        }
        source = e.source();
    }
    false
}

/// The request, or a message naming what is wrong and where.
fn parse(bytes: &[u8]) -> Result<CheckRequest, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(ApiError::bad_request(
            "the body is empty; send {\"text\": \"the draft\"}",
        ));
    }
    let request: CheckRequest = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "the JSON does not fit the request",
            _ => "the body is not valid JSON",
        };
        ApiError::bad_request(format!(
            "{what}: {e} (expected {{\"text\": string, \"format\"?, \"filename\"?, \
             \"helpdesk\"?, \"select\"?, \"ignore\"?, \"previous\"?, \"fix\"?}})"
        ))
    })?;
    if request.text.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "`text` is empty: there is no draft to check",
        ));
    }
    Ok(request)
}

fn format_of(name: &str) -> Result<Format, ApiError> {
    match name {
        "text" | "plain" => Ok(Format::Plain),
        "markdown" | "md" => Ok(Format::Markdown),
        "html" => Ok(Format::Html),
        other => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("unknown `format` `{other}`: use `text`, `markdown` or `html`"),
        )),
    }
}

fn thread(previous: Vec<Previous>) -> Result<Option<Thread>, ApiError> {
    if previous.is_empty() {
        return Ok(None);
    }
    let mut messages = Vec::with_capacity(previous.len());
    for (i, message) in previous.into_iter().enumerate() {
        messages.push(match message {
            Previous::Text(text) => Message {
                author: Author::Customer,
                text,
            },
            Previous::Message { from, text } => {
                let Some(author) = Author::from_word(&from) else {
                    return Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("`previous[{i}].from` is `{from}`: use `customer` or `agent`"),
                    ));
                };
                Message { author, text }
            }
        });
    }
    Ok(Some(Thread { previous: messages }))
}

/// Checks (and fixes) the draft with the linter serving now.
fn lint(service: &Service, request: CheckRequest) -> Result<String, ApiError> {
    let format = request.format.as_deref().map(format_of).transpose()?;
    let filename = request.filename.as_deref().unwrap_or(match format {
        Some(Format::Markdown) => "draft.md",
        Some(Format::Html) => "draft.html",
        _ => "draft.txt",
    });
    if filename.contains("..") || std::path::Path::new(filename).is_absolute() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "`filename` is a path relative to the team's repository, without `..`",
        ));
    }
    let thread = thread(request.previous)?;
    let loaded = service.loaded();
    let mut job = loaded
        .job(&service.options().root, filename, format)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    if let Some(format) = format {
        job.format = format;
        job.spec = None;
    }
    if !request.select.is_empty() || !request.ignore.is_empty() || request.helpdesk.is_some() {
        let narrowed = job
            .plan
            .narrowed(
                &request.select,
                &request.ignore,
                request.helpdesk.as_deref(),
            )
            .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
        job.plan = Arc::new(narrowed);
    }
    let source = Source {
        name: filename.to_owned(),
        text: request.text,
        format: job.format,
        encoding: Encoding::Utf8,
    };
    let unreadable = |e: crate::lint::LintError| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the draft cannot be read: {e}"),
        )
    };
    let (linted, fixed) = if request.fix {
        let fixed = crate::fix::fix_in_thread(
            &job,
            source,
            thread.as_ref(),
            Mode::PreSend,
            request.unsafe_fixes,
        )
        .map_err(unreadable)?;
        let text = fixed.linted.report.text.clone();
        (fixed.linted, Some(text))
    } else {
        let linted = job
            .lint_in_thread(source, thread.as_ref(), Mode::PreSend)
            .map_err(unreadable)?;
        (linted, None)
    };
    Ok(answer(&linted, fixed))
}

/// The answer: `--output-format json`'s document, fields in its order.
#[derive(Serialize)]
struct Answer<'a> {
    version: u32,
    diagnostics: Vec<json::JsonDiagnostic<'a>>,
    summary: json::JsonSummary,
    fails: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<String>,
}

fn answer(linted: &Linted, fixed: Option<String>) -> String {
    let files = std::slice::from_ref(&linted.report);
    let answer = Answer {
        version: 1,
        diagnostics: json::diagnostics(files),
        summary: json::JsonSummary::from(&Summary::of(files)),
        fails: linted.fails(),
        fixed,
    };
    serde_json::to_string(&answer).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
