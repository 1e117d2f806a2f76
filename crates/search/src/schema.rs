//! The index schema: one tantivy document per article, and the analysers its text fields use.
//!
//! Granularity is the article, not the sentence: the index stays small and quick to build (a
//! sentence index holds ~30 documents per article, each with its own norms and stored fields),
//! recall is counted per article the way users count it, and the filters (entity, event type,
//! outlet, date) describe articles. The sentence a hit shows is chosen at display time by
//! re-analysing the article's text, which costs microseconds for the few hits shown
//! (see [`crate::snippet`]).

use crate::analyzer::{ArabicTokenizer, TermForm};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

/// Tokenizer name of the stemmed field.
pub const STEM_ANALYZER: &str = "isnad_ar_stem";
/// Tokenizer name of the exact-form field.
pub const EXACT_ANALYZER: &str = "isnad_ar_exact";

/// The fields of an article document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The store key (hex content hash): stored, and indexed untokenised so re-indexing can test
    /// and delete by it.
    pub hash: Field,
    /// Title and body minus page furniture, Light10 stems with positions (phrases work).
    pub text: Field,
    /// The same words in their exact normalised form, with positions (so `--exact` phrases work):
    /// ranks exact forms higher.
    pub exact: Field,
    /// Entities named: gazetteer ids, canonical names and mentions, in matching form.
    pub entity: Field,
    /// PLOVER event types present (`ASSAULT`) and type with mode (`ASSAULT/bombing`).
    pub event_type: Field,
    /// The publishing site (URL host and its name) and outlets cited as sources, in matching form.
    pub outlet: Field,
    /// Publication date, for range filters.
    pub published: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text_options = |analyzer: &str, record: IndexRecordOption| {
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record))
        };
        let fields = Fields {
            hash: builder.add_text_field("hash", STRING | STORED),
            text: builder.add_text_field("text", text_options(STEM_ANALYZER, IndexRecordOption::WithFreqsAndPositions)),
            exact: builder.add_text_field("exact", text_options(EXACT_ANALYZER, IndexRecordOption::WithFreqsAndPositions)),
            entity: builder.add_text_field("entity", STRING),
            event_type: builder.add_text_field("event_type", STRING),
            outlet: builder.add_text_field("outlet", STRING),
            published: builder.add_date_field(
                "published",
                DateOptions::default().set_indexed().set_fast().set_precision(DateTimePrecision::Seconds),
            ),
        };
        (builder.build(), fields)
    }

    /// Reads the field handles of an opened index (its schema was built by [`Fields::build`]).
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let field = |name: &str| schema.get_field(name);
        Ok(Fields {
            hash: field("hash")?,
            text: field("text")?,
            exact: field("exact")?,
            entity: field("entity")?,
            event_type: field("event_type")?,
            outlet: field("outlet")?,
            published: field("published")?,
        })
    }
}

/// Registers the Arabic analysers on an index; needed after every create or open, since tantivy
/// stores only their names.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(STEM_ANALYZER, TextAnalyzer::from(ArabicTokenizer::new(TermForm::Stem)));
    index.tokenizers().register(EXACT_ANALYZER, TextAnalyzer::from(ArabicTokenizer::new(TermForm::Exact)));
}
