//! Prints the byte offset of every line break in FILE that `isnad_text::rejoin` treats as inside a
//! broken word, one per line; `bench/rejoin/measure.py` scores these against known breaks.
//!
//! cargo run --release -p isnad-text --example joined_breaks -- FILE

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: joined_breaks FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path)?;
    for (at, _) in text.match_indices('\n') {
        if isnad_text::rejoin::is_joined_break(&text, at) {
            println!("{at}");
        }
    }
    Ok(())
}
