//! The corpus step: records in, a corpus view out.
