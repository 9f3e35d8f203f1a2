//! Who may call the service and what it logs. Requests to `/v1/` need the
//! bearer token when one is configured (compared in constant time); the
//! page, `/healthz` and `/openapi.json` are open. One line per request
//! goes to stderr: method, path, status, duration and body size — never
//! the draft. Browsers may call from the configured origins only (CORS).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::errors::ApiError;
use super::state::Service;

pub async fn guard(
    State(service): State<Arc<Service>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let size = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let response = match &service.options().token {
        Some(token) if path.starts_with("/v1/") && !authorized(&request, token) => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this service needs `Authorization: Bearer TOKEN` (the token of --token-file)",
        )
        .into_response(),
        _ => next.run(request).await,
    };
    eprintln!(
        "replylint serve: {method} {path} {} {} µs body={size}",
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    response
}

fn authorized(request: &Request<Body>, token: &str) -> bool {
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), token.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// CORS for the configured origins, or none (browsers then refuse
/// cross-origin calls).
pub fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_compare_whole() {
        assert!(super::constant_time_eq(b"secret", b"secret"));
        assert!(!super::constant_time_eq(b"secret", b"secreT"));
        assert!(!super::constant_time_eq(b"secret", b"secret2"));
    }
}
