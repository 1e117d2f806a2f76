//! Reading the shipped lexicon files: tab-separated, one header line, `|` between values in a field.
//!
//! The files have no quoting (SOURCE.md guarantees no field holds a quote, tab or newline), so a
//! plain split is exact and needs no CSV crate.

/// One lexicon file, read by column name.
pub struct Table<'a> {
    header: Vec<&'a str>,
    rows: Vec<Vec<&'a str>>,
}

impl<'a> Table<'a> {
    /// Parses a whole file; blank lines are skipped, missing trailing fields read as empty.
    pub fn parse(text: &'a str) -> Table<'a> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header = lines.next().map(|h| h.split('\t').map(str::trim).collect()).unwrap_or_default();
        let rows = lines.map(|l| l.split('\t').collect()).collect();
        Table { header, rows }
    }

    /// The rows, each read through its column names.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(move |fields| Row { table: self, fields })
    }
}

/// One row of a [`Table`].
pub struct Row<'t, 'a> {
    table: &'t Table<'a>,
    fields: &'t [&'a str],
}

impl<'t, 'a> Row<'t, 'a> {
    /// The field under `column`, trimmed; empty when the column or the field is missing.
    pub fn get(&self, column: &str) -> &'a str {
        self.table
            .header
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.fields.get(i))
            .map_or("", |f| f.trim())
    }

    /// The `|`-separated values under `column`, empty ones dropped.
    pub fn list(&self, column: &str) -> impl Iterator<Item = &'a str> {
        self.get(column).split('|').map(str::trim).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_and_lists() {
        let table = Table::parse("id\tname\taliases\nx:1\tأ\tب|ج||د\nx:2\tه\n");
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("name"), "أ");
        assert_eq!(rows[0].list("aliases").collect::<Vec<_>>(), vec!["ب", "ج", "د"]);
        assert_eq!(rows[1].get("aliases"), "");
        assert_eq!(rows[1].get("missing"), "");
    }
}
