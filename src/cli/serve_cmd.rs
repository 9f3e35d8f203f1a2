//! `replylint serve`: starts the pre-send service (`crate::service`) on a
//! Tokio runtime, bound to loopback unless `--listen` says otherwise (then
//! with a warning, and only with a token), until SIGTERM or Ctrl-C.

use std::net::SocketAddr;
use std::time::Duration;

use super::args::ServeArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::service::{self, Service};

pub fn run(args: &ServeArgs) -> u8 {
    match serve(args) {
        Ok(()) => EXIT_CLEAN,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn serve(args: &ServeArgs) -> Result<(), String> {
    let listen: SocketAddr = args.listen.parse().map_err(|e| {
        format!(
            "--listen `{}` is not an address such as 127.0.0.1:8787: {e}",
            args.listen
        )
    })?;
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--token-file {}: {e}", path.display()))?;
            let token = text.trim().to_owned();
            if token.is_empty() {
                return Err(format!(
                    "--token-file {}: the file is empty",
                    path.display()
                ));
            }
            Some(token)
        }
        None => None,
    };
    if !listen.ip().is_loopback() {
        if token.is_none() {
            return Err(format!(
                "listening on {listen} lets other machines send drafts: give --token-file \
                 (a file holding a secret the callers send as `Authorization: Bearer …`)"
            ));
        }
        eprintln!("warning: listening on {listen}, beyond this machine; callers need the token");
    }
    let options = service::Options {
        listen,
        lint: args.rules.options(&args.config),
        root: std::path::PathBuf::from("."),
        token,
        allow_origins: args.allow_origin.clone(),
        max_body: args.max_body,
        timeout: Duration::from_millis(args.timeout_ms),
        max_concurrency: args.max_concurrency,
        watch_every: Duration::from_millis(args.watch_ms),
    };
    let service =
        Service::start(options).map_err(|e| format!("the configuration does not load:\n{e}"))?;
    // Checking is CPU work on the blocking pool: one thread per core is
    // all it can use; more threads only hold more memory (each keeps its
    // allocator heap and regex caches).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(cores)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("could not listen on {listen}: {e}"))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "replylint serve: listening on http://{bound} (the page at /, the API at /v1/check)"
        );
        service::serve(service, listener, shutdown())
            .await
            .map_err(|e| format!("the server stopped: {e}"))?;
        eprintln!("replylint serve: stopped");
        Ok(())
    })
}

/// Completes on SIGTERM or Ctrl-C.
async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
