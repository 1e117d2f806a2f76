//! Reading articles: bytes in, [`Document`]s out.
//!
//! Input comes from files, directories or standard input, as plain text, HTML pages, RSS or Atom
//! feeds, WARC archives or JSON Lines, any of them gzipped; output goes to `isnad-extract`. This
//! crate extracts a page's main text, decodes (UTF-8 with or without BOM, UTF-16, windows-1256,
//! ...), finds the title, the publication date and the body, and marks page furniture (share
//! widgets, captchas, related links, junk tokens) so that extraction never sees it. It never
//! extracts facts.
//!
//! Bad input is data, not a crash: every problem becomes a [`ReadError`] for that input (or a warning
//! on its document) and the rest of a batch goes on.

pub mod decode;
pub mod detect;
pub mod document;
pub mod feed;
pub mod html;
pub mod input;
pub mod jsonl;
pub mod layout;
pub mod walk;
pub mod warc;

pub use detect::{sniff, Format};
pub use document::{Document, Furniture};
pub use input::{ReadError, ReadOptions, Reader};
pub use jsonl::JsonFields;
