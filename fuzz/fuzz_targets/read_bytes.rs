//! Any bytes through the reader and the extractor: no panic, spans inside the text.
#![no_main]

use isnad_read::{ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<isnad_extract::Extractor> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let reader = Reader::new(ReadOptions::default());
    if let Ok(doc) = reader.read_bytes("fuzz", "fuzz", bytes) {
        assert!(doc.body.end <= doc.text.len());
        let record = EXTRACTOR.get_or_init(isnad_extract::Extractor::new).extract(&doc);
        for q in &record.quantities {
            assert_eq!(doc.text.get(q.start..q.end), Some(q.text.as_str()));
        }
    }
});
