//! Every error the service returns is JSON a developer can act on:
//! `{"error": {"status": 413, "message": "…"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "message": self.message}
        });
        (self.status, Json(body)).into_response()
    }
}

pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    let routes: Vec<String> = super::ROUTES
        .iter()
        .map(|(method, path)| format!("{method} {path}"))
        .collect();
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route `{}`; the routes are: {} (see /openapi.json)",
            uri.path(),
            routes.join(", ")
        ),
    )
}

pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    let allowed: Vec<&str> = super::ROUTES
        .iter()
        .filter(|(_, path)| *path == uri.path())
        .map(|(m, _)| *m)
        .collect();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "`{method} {}` is not served; use {}",
            uri.path(),
            allowed.join(" or ")
        ),
    )
}
