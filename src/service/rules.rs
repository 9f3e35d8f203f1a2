//! `GET /v1/rules` (the rules a draft is checked with, and replylint's own
//! findings), `GET /v1/rules/{id}` (one rule's explanation, as `replylint
//! rule ID` prints it, with its fields) and `GET /v1/helpdesks` (the
//! placeholder catalogues a request's `helpdesk` may name).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::errors::ApiError;
use super::state::Service;
use crate::lint::Plan;
use crate::rules::{explain, select};
use crate::suppression::META_RULES;

/// The plan drafts get now.
fn plan(service: &Service) -> Result<Arc<Plan>, ApiError> {
    let loaded = service.loaded();
    loaded
        .job(&service.options().root, "draft.txt", None)
        .map(|job| job.plan)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

pub async fn list(State(service): State<Arc<Service>>) -> Result<Json<Value>, ApiError> {
    let plan = plan(&service)?;
    let mut rules: Vec<Value> = plan
        .rules
        .rules()
        .iter()
        .map(|r| {
            json!({
                "id": &*r.id,
                "level": r.level.as_str(),
                "description": r.description,
                "link": r.link.as_deref(),
            })
        })
        .collect();
    rules.extend(META_RULES.iter().map(|m| {
        json!({"id": m.id, "level": m.level.as_str(), "description": m.description, "link": null})
    }));
    Ok(Json(json!({ "rules": rules })))
}

pub async fn one(
    State(service): State<Arc<Service>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let plan = plan(&service)?;
    if let Some(rule) = plan.rules.get(&id) {
        return Ok(Json(json!({
            "id": &*rule.id,
            "level": rule.level.as_str(),
            "description": rule.description,
            "help": &*rule.help,
            "link": rule.link.as_deref(),
            "examples": {"bad": rule.examples.bad, "good": rule.examples.good},
            "explanation": explain::rule(rule),
        })));
    }
    if let Some(meta) = META_RULES.iter().find(|m| m.id == id) {
        return Ok(Json(json!({
            "id": meta.id,
            "level": meta.level.as_str(),
            "description": meta.description,
            "help": meta.help,
            "link": null,
            "examples": {"bad": [], "good": []},
            "explanation": explain::meta(meta),
        })));
    }
    let mut known: Vec<String> = plan
        .rules
        .rules()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    known.extend(META_RULES.iter().map(|m| m.id.to_owned()));
    let hint = select::suggest(&id, &known)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no rule `{id}`{hint} (GET /v1/rules lists them)"),
    ))
}

pub async fn helpdesks(State(service): State<Arc<Service>>) -> Result<Json<Value>, ApiError> {
    let plan = plan(&service)?;
    let configured = plan
        .context
        .placeholders
        .as_ref()
        .and_then(|p| p.helpdesk.clone());
    Ok(Json(json!({
        "helpdesks": crate::placeholder::helpdesk_names(),
        "configured": configured,
    })))
}
