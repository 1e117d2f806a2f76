//! The extraction pipeline: one document in, one record out.

use crate::gazetteer::Gazetteer;
use crate::{attribution, entities, events, Analysis, ByteSpan, DateOut, FurnitureSpan, QuantityOut, Record};
use isnad_read::Document;
use isnad_text::{dates::find_dates, numbers::find_quantities, Span};

/// Extracts records from documents. Build one and share it: it holds the compiled lexicons.
#[derive(Debug)]
pub struct Extractor {
    /// The compiled gazetteer and lexicons, built once.
    gazetteer: Gazetteer,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor { gazetteer: Gazetteer::builtin() }
    }

    /// Everything isnad extracts from one document.
    pub fn extract(&self, doc: &Document) -> Record {
        let analysis = Analysis::new(doc);
        let text = analysis.text;
        let (dates, quantities) = dates_and_quantities(&analysis, doc.published);
        let entities = entities::recognize(&analysis, &self.gazetteer);
        let attributions = attribution::find(&analysis, &entities);
        let events = events::find(&analysis, &entities, &attributions, &quantities, &dates);
        Record {
            doc_id: doc.doc_id.clone(),
            origin: doc.origin.clone(),
            title: doc.title.map(|t| t.slice(text).to_string()),
            published: doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
            body: ByteSpan { start: doc.body.start, end: doc.body.end },
            furniture: doc
                .furniture
                .iter()
                .map(|f| FurnitureSpan { start: f.span.start, end: f.span.end, reason: f.reason.clone() })
                .collect(),
            entities,
            attributions,
            events,
            quantities,
            dates,
            text: (!doc.text_is_input).then(|| doc.text.clone()),
            warnings: doc.warnings.clone(),
            content_hash: format!("{:016x}", doc.content_hash),
        }
    }
}

/// The dates of an article, then its quantities (skipping the parts of dates), as record items.
pub fn dates_and_quantities(analysis: &Analysis, published: Option<chrono::NaiveDate>) -> (Vec<DateOut>, Vec<QuantityOut>) {
    let text = analysis.text;
    let dates: Vec<DateOut> = find_dates(&analysis.norm, &analysis.tokens, published)
        .into_iter()
        .map(|d| DateOut {
            start: d.span.start,
            end: d.span.end,
            text: d.span.slice(text).to_string(),
            value: d.value,
            relative: d.relative,
        })
        .collect();
    let date_spans: Vec<Span> = dates.iter().map(|d| Span::new(d.start, d.end)).collect();
    let quantities: Vec<QuantityOut> = find_quantities(&analysis.norm, &analysis.tokens, &date_spans)
        .into_iter()
        .map(|q| QuantityOut {
            start: q.span.start,
            end: q.span.end,
            text: q.span.slice(text).to_string(),
            value: q.value,
            low: q.low,
            high: q.high,
            vague: q.vague,
            percent: q.percent,
            unit: q.unit,
        })
        .collect();
    (dates, quantities)
}
