//! `replylint serve`: the pre-send service. A long-running HTTP server that
//! checks a draft through the library front door (`lint::Linter`, rules
//! compiled once at start) and answers in the JSON of `--output-format
//! json`, plus the rules' explanations, a health check, its own OpenAPI
//! document and a self-contained page for agents.
//!
//! One file per concern: `state.rs` (the loaded configuration, reloaded on
//! SIGHUP or when the file changes, the old one kept when the new one is
//! broken), `check.rs` (`POST /v1/check`: body limits, timeouts, JSON
//! errors), `rules.rs` (`/v1/rules`, `/v1/helpdesks`), `access.rs` (bearer
//! token, one log line per request, never the draft), `errors.rs` (every
//! error as JSON), `page.rs` (`GET /`, `/openapi.json`).

mod access;
mod check;
mod errors;
mod page;
mod rules;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;

pub use state::Service;

/// Every route the service answers, as `(method, path)`; the OpenAPI
/// document lists exactly these (a test holds them equal).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/healthz"),
    ("GET", "/openapi.json"),
    ("POST", "/v1/check"),
    ("GET", "/v1/rules"),
    ("GET", "/v1/rules/{id}"),
    ("GET", "/v1/helpdesks"),
];

/// How the service runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub listen: SocketAddr,
    /// What the linter loads (configuration mode, packs, selection).
    pub lint: crate::lint::Options,
    /// Where drafts are checked as if they were: configuration discovery
    /// starts here (the current directory by default).
    pub root: PathBuf,
    /// Requests to `/v1/` need `Authorization: Bearer TOKEN` when set.
    pub token: Option<String>,
    /// Origins allowed to call the service from a browser (CORS).
    pub allow_origins: Vec<String>,
    /// The largest request body, in bytes (413 above it).
    pub max_body: usize,
    /// The longest a request may take, body included (408 or 503).
    pub timeout: Duration,
    /// Drafts checked at once; more wait (within the timeout).
    pub max_concurrency: usize,
    /// How often the configuration files are looked at for changes.
    pub watch_every: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            lint: crate::lint::Options::default(),
            root: PathBuf::from("."),
            token: None,
            allow_origins: Vec::new(),
            max_body: 1 << 20,
            timeout: Duration::from_secs(10),
            max_concurrency: 64,
            watch_every: Duration::from_secs(1),
        }
    }
}

/// The service's routes over `service`.
pub fn router(service: Arc<Service>) -> Router {
    let mut router = Router::new()
        .route("/", get(page::page))
        .route("/healthz", get(state::healthz))
        .route("/openapi.json", get(page::openapi))
        .route("/v1/check", post(check::check))
        .route("/v1/rules", get(rules::list))
        .route("/v1/rules/{*id}", get(rules::one))
        .route("/v1/helpdesks", get(rules::helpdesks))
        .fallback(errors::not_found)
        .method_not_allowed_fallback(errors::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            service.clone(),
            access::guard,
        ));
    if let Some(cors) = access::cors(&service.options().allow_origins) {
        router = router.layer(cors);
    }
    router.with_state(service)
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests in flight. Watches the configuration meanwhile.
pub async fn serve(
    service: Arc<Service>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tokio::spawn(state::watch(service.clone()));
    axum::serve(listener, router(service))
        .with_graceful_shutdown(shutdown)
        .await
}
