//! Which files in a directory are read as articles.
//!
//! A corpus folder often carries its own notes (`README.md`, `SOURCE.md`), scripts (`fetch.py`)
//! and data beside the articles. Reading those as articles pollutes every count downstream, so a
//! directory walk takes only files whose extension can hold articles, plus files without one
//! (crawlers save pages under bare names). The content still decides the format once a file is
//! taken. A file named on the command line is always read: the user asked for it.

use std::path::{Path, PathBuf};

/// Extensions of files that can hold articles (compared without case); `gz` stands for any
/// compressed one (`.jsonl.gz`, `.warc.gz`, `.html.gz`).
const ARTICLE_EXTENSIONS: [&str; 13] =
    ["txt", "text", "htm", "html", "xhtml", "xml", "rss", "atom", "json", "jsonl", "ndjson", "gz", "warc"];

/// Bare names that are a project's documentation, not articles, although they have no extension.
const DOCUMENTATION_NAMES: [&str; 8] =
    ["readme", "license", "licence", "copying", "changelog", "notice", "authors", "makefile"];

/// True when a directory walk should read this file.
pub fn is_article_file(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else { return false };
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()) {
        None => !DOCUMENTATION_NAMES.contains(&name.as_str()),
        Some(extension) => ARTICLE_EXTENSIONS.contains(&extension.as_str()),
    }
}

/// Article files under `dir`, in name order, skipping hidden entries and not following directory
/// links (which could loop).
pub fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect_files(&path, out);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && is_article_file(&path) {
            out.push(path);
        }
    }
}

/// The name an input's articles are numbered under: the file name without compression and format
/// extensions (`news.warc.gz` → `news`, `feed.jsonl` → `feed`, `page.html` → `page`).
pub fn article_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "input".into());
    let mut stem = name.as_str();
    for _ in 0..2 {
        match stem.rsplit_once('.') {
            Some((before, extension)) if !before.is_empty() && ARTICLE_EXTENSIONS.contains(&extension.to_lowercase().as_str()) => {
                stem = before;
            }
            _ => break,
        }
    }
    if stem == name {
        // An extension we do not know (a file named on the command line): drop it as a stem does.
        return path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or(name);
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_taken_and_notes_and_code_are_not() {
        for name in ["a.txt", "b.HTML", "c.warc.gz", "feed.rss", "items.jsonl", "page", "x.xhtml", "d.atom"] {
            assert!(is_article_file(Path::new(name)), "{name}");
        }
        for name in ["README.md", "SOURCE.md", "main.rs", "fetch.py", "Cargo.toml", "README", "LICENSE", "photo.jpg"] {
            assert!(!is_article_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn stems_drop_format_and_compression() {
        assert_eq!(article_stem(Path::new("dir/news.warc.gz")), "news");
        assert_eq!(article_stem(Path::new("feed.jsonl")), "feed");
        assert_eq!(article_stem(Path::new("000_ab12.txt")), "000_ab12");
        assert_eq!(article_stem(Path::new("index")), "index");
        assert_eq!(article_stem(Path::new("story.php")), "story");
        assert_eq!(article_stem(Path::new(".txt")), ".txt");
    }
}
