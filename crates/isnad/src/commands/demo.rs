//! `isnad demo`: the whole path on the fictional articles shipped in `examples/`.

use crate::batch::extract_all;
use crate::cli::EXIT_OK;
use crate::render;
use isnad_read::{ReadOptions, Reader};
use std::io::Write;

/// The demo articles, compiled in so the demo runs from anywhere.
const EXAMPLES: [(&str, &str); 4] = [
    ("01-zahrana-flood-relief", include_str!("../../../../examples/01-zahrana-flood-relief.txt")),
    ("02-nordan-market-bombing", include_str!("../../../../examples/02-nordan-market-bombing.txt")),
    ("03-taloria-estram-trade-talks", include_str!("../../../../examples/03-taloria-estram-trade-talks.txt")),
    ("04-nordan-toll-disputed", include_str!("../../../../examples/04-nordan-toll-disputed.txt")),
];

pub fn run() -> anyhow::Result<u8> {
    let reader = Reader::new(ReadOptions::default());
    let mut documents = Vec::new();
    for (name, text) in EXAMPLES {
        documents.push(reader.read_bytes(name, &format!("examples/{name}.txt"), text.as_bytes())?);
    }
    let records = extract_all(&documents);
    let articles: Vec<isnad_corpus::Article> =
        documents.iter().zip(&records).map(|(d, r)| isnad_corpus::Article { record: r, text: &d.text }).collect();
    let view = isnad_corpus::build(&articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let colour = render::use_colour();
    writeln!(out, "isnad demo: four fictional articles from examples/ (invented places, people and outlets)\n")?;
    for article in &articles {
        render::article_summary(&mut out, article, colour)?;
    }
    render::terminal(&mut out, &view, &articles, colour)?;
    writeln!(out, "\nRun `isnad extract examples/` for the full records (JSON Lines), `isnad report --json examples/` for the corpus view.")?;
    out.flush()?;
    Ok(EXIT_OK)
}
