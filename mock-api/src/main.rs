//! `mock-api` binary: parse options, bind, serve until Ctrl-C.

use std::process::ExitCode;

use mock_api::{app, AppState, CliError, Config};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_process() {
        Ok(c) => c,
        Err(CliError::Help) => {
            print!("{}", mock_api::config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(CliError::Invalid(msg)) => {
            eprintln!("mock-api: {msg}");
            return ExitCode::from(2);
        }
    };

    let listener = match tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mock-api: cannot listen on {}:{}: {e}", config.host, config.port);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| format!("{}:{}", config.host, config.port));
    if !config.dist.join("index.html").is_file() {
        eprintln!(
            "mock-api: warning: no {}/index.html; `/` explains how to build the bundle",
            config.dist.display()
        );
    }
    println!("mock-api listening on http://{addr} (api at /api)");

    let state = AppState::new(&config);
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mock-api: server error: {e}");
            ExitCode::FAILURE
        }
    }
}
