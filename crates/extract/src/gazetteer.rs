//! The gazetteer and lexicons shipped with isnad (`data/gazetteer/`, compiled in).
