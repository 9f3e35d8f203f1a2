//! `GET /`: the page agents use (one self-contained HTML file, no external
//! script, font or stylesheet, so it works offline and in a helpdesk's
//! iframe), and `GET /openapi.json`, the OpenAPI 3.1 description of the
//! routes.

use axum::http::header;
use axum::response::IntoResponse;

pub async fn page() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        include_str!("page.html"),
    )
}

pub async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}
