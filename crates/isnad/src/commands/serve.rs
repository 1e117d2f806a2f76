//! `isnad serve`: the JSON API and web UI over a store (the work is in the `isnad-serve` crate).

use crate::cli::EXIT_OK;
use anyhow::{bail, Context};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the ingest token may come from instead of the command line (where `ps` would show it).
pub const TOKEN_ENV: &str = "ISNAD_INGEST_TOKEN";

/// Tokens shorter than this are refused: the token is all that stands between the network and the store.
const MIN_TOKEN_CHARS: usize = 16;

fn ingest_token(token_file: Option<&Path>) -> anyhow::Result<Option<String>> {
    let token = match token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("reading the ingest token from {}; check the path", path.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var(TOKEN_ENV).ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
    };
    if let Some(token) = &token {
        if token.chars().count() < MIN_TOKEN_CHARS || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            bail!("the ingest token must be at least {MIN_TOKEN_CHARS} characters without spaces; generate one with `openssl rand -hex 24`");
        }
    }
    Ok(token)
}

pub fn run(store: PathBuf, addr: SocketAddr, token_file: Option<&Path>) -> anyhow::Result<u8> {
    let mut config = isnad_serve::ServeConfig::new(store);
    config.addr = addr;
    config.ingest_token = ingest_token(token_file)?;
    if !addr.ip().is_loopback() {
        eprintln!("isnad: warning: listening on {addr}, reachable from other machines; article text and the API are not authenticated");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the server runtime")?;
    runtime.block_on(isnad_serve::serve(config))?;
    Ok(EXIT_OK)
}
