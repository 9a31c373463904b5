//! Strict CSV parsing of reference files (facts, events, aliases): every problem is an
//! `Error::Data` naming the file, the 1-based line and the character column of the field.

use super::period::Period;
use super::{AliasEntry, AliasKind, Event, Fact, Origin};
use crate::error::Error;
use crate::settings::Date;
use std::collections::HashMap;

/// Header of a fact CSV (DESIGN §5).
pub const FACT_HEADER: [&str; 9] = [
    "entity",
    "segment",
    "metric",
    "period",
    "value",
    "unit",
    "source",
    "source_date",
    "note",
];
/// Header of an event CSV.
pub const EVENT_HEADER: [&str; 5] = ["date", "entity", "event", "source", "note"];
/// Header of `aliases.csv`.
pub const ALIAS_HEADER: [&str; 3] = ["kind", "alias", "canonical"];

/// Units a fact may carry. Claims compare to them through
/// [`crate::reference::matching::unit_compatible`].
pub const KNOWN_UNITS: [&str; 7] = ["USD", "CNY", "HKD", "EUR", "JPY", "units", "percent"];

/// The content of one reference file, all rows or nothing.
#[derive(Debug, Clone)]
pub enum Layer {
    /// A fact CSV.
    Facts(Vec<Fact>),
    /// An event CSV.
    Events(Vec<Event>),
    /// An alias CSV.
    Aliases(Vec<AliasEntry>),
}

/// The 1-based line and character column where field `field` of the record starting at
/// byte `start` (on 1-based line `line`) begins. Quote-aware, so commas and line breaks
/// inside quoted fields are skipped.
fn field_position(text: &str, start: usize, line: u64, field: usize) -> (u64, u64) {
    let mut line = line;
    let mut col = 1u64;
    let mut index = 0usize;
    let mut quoted = false;
    let rest = text.get(start..).unwrap_or("");
    for c in rest.chars() {
        if index == field {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                index += 1;
                col += 1;
                continue;
            }
            '\n' if quoted => {
                line += 1;
                col = 1;
                continue;
            }
            '\n' | '\r' => break,
            _ => {}
        }
        col += 1;
    }
    (line, col)
}

/// The trimmed fields of one line of CSV whose quotes, if any, wrap whole fields: a
/// field is either free of quotes, or starts with one right after the comma (or the
/// line's start) and ends with the quote closing it right before the next comma (or the
/// line's end), with `""` for a quote inside. `None` for any other use of quotes (a
/// quote inside an unquoted field, text after a closing quote, a quote left open), which
/// only the CSV reader reads as it does.
fn plain_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        let end;
        if let Some(mut quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            loop {
                let close = quoted.find('"')?;
                value.push_str(quoted.get(..close)?);
                let after = quoted.get(close + 1..)?;
                match after.strip_prefix('"') {
                    Some(more) => {
                        value.push('"');
                        quoted = more;
                    }
                    None => {
                        rest = after;
                        break;
                    }
                }
            }
            fields.push(value.trim().to_string());
            if !rest.is_empty() && !rest.starts_with(',') {
                return None;
            }
            end = 0;
        } else {
            end = rest.find(',').unwrap_or(rest.len());
            let field = rest.get(..end)?;
            if field.contains('"') {
                return None;
            }
            fields.push(field.trim().to_string());
        }
        match rest.get(end..)?.strip_prefix(',') {
            Some(next) => rest = next,
            None => return Some(fields),
        }
    }
}

/// Reads CSV records and reports problems at the field where they are.
struct Reader<'a> {
    /// File name for messages.
    path: &'a str,
    /// Text without BOM.
    text: &'a str,
}

/// One data record with its position.
#[derive(Debug, PartialEq)]
struct Row {
    /// Trimmed fields.
    fields: Vec<String>,
    /// Byte offset of the record in the text.
    byte: usize,
    /// 1-based line of the record.
    line: u64,
}

impl<'a> Reader<'a> {
    /// An error at field `field` of `row` (or at the row's end when past its last field).
    fn err_at(&self, row: &Row, field: usize, message: impl Into<String>) -> Error {
        let (line, column) = field_position(self.text, row.byte, row.line, field);
        Error::Data {
            path: self.path.to_string(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// Every record, header first; fails on CSV syntax errors.
    fn rows(&self) -> Result<Vec<Row>, Error> {
        match self.plain_rows() {
            Some(rows) => Ok(rows),
            None => self.csv_rows(),
        }
    }

    /// [`Reader::csv_rows`] of a text without carriage returns or blank lines whose
    /// quotes only wrap whole fields on one line ([`plain_fields`]): the bundled files,
    /// and most written by hand, which the CSV reader reads as lines of comma-separated
    /// fields, split here directly. Setting up the CSV reader cost more than reading
    /// every bundled file this way, at every start. `None` for any other text (tests
    /// compare the two readings).
    fn plain_rows(&self) -> Option<Vec<Row>> {
        let t = self.text;
        if t.contains('\r') || t.starts_with('\n') || t.contains("\n\n") {
            return None;
        }
        let mut rows = Vec::new();
        let mut byte = 0;
        for (line, record) in (1u64..).zip(t.split_terminator('\n')) {
            rows.push(Row {
                fields: plain_fields(record)?,
                byte,
                line,
            });
            byte += record.len() + 1;
        }
        Some(rows)
    }

    /// Every record as the CSV reader reads it (trimmed fields, any count per record).
    fn csv_rows(&self) -> Result<Vec<Row>, Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(self.text.as_bytes());
        let mut out = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| p.line());
                Error::Data {
                    path: self.path.to_string(),
                    line,
                    column: None,
                    message: format!("malformed CSV: {e}"),
                }
            })?;
            let (byte, line) = rec
                .position()
                .map(|p| (p.byte() as usize, p.line()))
                .unwrap_or((0, 1));
            out.push(Row {
                fields: rec.iter().map(str::to_string).collect(),
                byte,
                line,
            });
        }
        Ok(out)
    }

    /// Checks the field count and that `required` fields are not empty.
    fn check_shape(&self, row: &Row, header: &[&str], required: &[usize]) -> Result<(), Error> {
        let n = row.fields.len();
        if n != header.len() {
            let at = n.min(header.len());
            return Err(self.err_at(
                row,
                at,
                format!(
                    "expected {} fields ({}), found {n}",
                    header.len(),
                    header.join(",")
                ),
            ));
        }
        for &i in required {
            if row.fields[i].is_empty() {
                return Err(self.err_at(row, i, format!("empty `{}`", header[i])));
            }
        }
        Ok(())
    }

    /// Where a row came from.
    fn origin(&self, row: &Row) -> Origin {
        Origin {
            file: self.path.to_string(),
            line: row.line,
        }
    }
}

/// Parses one reference file; its header says what it holds. All rows or an error.
pub fn parse(path: &str, text: &str) -> Result<Layer, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let r = Reader { path, text };
    let rows = r.rows()?;
    let Some((header, data)) = rows.split_first() else {
        return Err(Error::Data {
            path: path.to_string(),
            line: Some(1),
            column: Some(1),
            message: "empty file: expected a fact, event or alias CSV header".into(),
        });
    };
    let h: Vec<&str> = header.fields.iter().map(String::as_str).collect();
    if h == FACT_HEADER {
        data.iter()
            .map(|row| parse_fact(&r, row))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|facts| check_duplicates(&r, data, facts))
            .map(Layer::Facts)
    } else if h == EVENT_HEADER {
        data.iter()
            .map(|row| parse_event(&r, row))
            .collect::<Result<Vec<_>, _>>()
            .map(Layer::Events)
    } else if h == ALIAS_HEADER {
        let mut seen: HashMap<(AliasKind, String), u64> = HashMap::new();
        let mut out = Vec::new();
        for row in data {
            let a = parse_alias(&r, row)?;
            let key = (a.kind, super::aliases::dedup_key(&a));
            if let Some(first) = seen.insert(key, row.line) {
                return Err(r.err_at(
                    row,
                    1,
                    format!("duplicate alias `{}` (first on line {first})", a.alias),
                ));
            }
            out.push(a);
        }
        Ok(Layer::Aliases(out))
    } else {
        Err(r.err_at(
            header,
            0,
            format!(
                "unknown header `{}`; expected `{}`, `{}` or `{}`",
                h.join(","),
                FACT_HEADER.join(","),
                EVENT_HEADER.join(","),
                ALIAS_HEADER.join(",")
            ),
        ))
    }
}

/// Parses one fact row.
fn parse_fact(r: &Reader<'_>, row: &Row) -> Result<Fact, Error> {
    r.check_shape(row, &FACT_HEADER, &[0, 2, 3, 4, 5, 6])?;
    let f = &row.fields;
    if Period::parse(&f[3]).is_none() {
        return Err(r.err_at(
            row,
            3,
            format!(
                "invalid period `{}` (expected 2024, FY2025, 2025Q3, 2025Q1-Q3 or 2024H1)",
                f[3]
            ),
        ));
    }
    let value: f64 = f[4]
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            r.err_at(
                row,
                4,
                format!(
                    "value `{}` is not a finite number in base units (e.g. 17108000000)",
                    f[4]
                ),
            )
        })?;
    if !KNOWN_UNITS.contains(&f[5].as_str()) {
        return Err(r.err_at(
            row,
            5,
            format!("unknown unit `{}` (known: {})", f[5], KNOWN_UNITS.join(" ")),
        ));
    }
    if !f[7].is_empty() && f[7].parse::<Date>().is_err() && year(&f[7]).is_none() {
        return Err(r.err_at(
            row,
            7,
            format!(
                "invalid source_date `{}` (expected YYYY-MM-DD or YYYY)",
                f[7]
            ),
        ));
    }
    Ok(Fact {
        entity: f[0].clone(),
        segment: f[1].clone(),
        metric: f[2].clone(),
        period: f[3].clone(),
        value,
        unit: f[5].clone(),
        source: f[6].clone(),
        source_date: f[7].clone(),
        note: f[8].clone(),
        origin: r.origin(row),
    })
}

/// A bare four-digit year, accepted as a coarse source date.
fn year(s: &str) -> Option<i32> {
    match Period::parse(s) {
        Some(Period::Year(y)) => Some(y),
        _ => None,
    }
}

/// Rejects two facts with the same key in one file: one of them would silently lose.
fn check_duplicates(r: &Reader<'_>, rows: &[Row], facts: Vec<Fact>) -> Result<Vec<Fact>, Error> {
    let mut seen: HashMap<(&str, &str, &str, &str), u64> = HashMap::new();
    for (row, f) in rows.iter().zip(&facts) {
        let key = (
            f.entity.as_str(),
            f.segment.as_str(),
            f.metric.as_str(),
            f.period.as_str(),
        );
        if let Some(first) = seen.insert(key, row.line) {
            return Err(r.err_at(
                row,
                0,
                format!(
                    "duplicate fact {}/{}/{}/{} (first on line {first})",
                    f.entity, f.segment, f.metric, f.period
                ),
            ));
        }
    }
    Ok(facts)
}

/// Parses one event row.
fn parse_event(r: &Reader<'_>, row: &Row) -> Result<Event, Error> {
    r.check_shape(row, &EVENT_HEADER, &[0, 1, 2, 3])?;
    let f = &row.fields;
    let date: Date = f[0].parse().map_err(|e: String| r.err_at(row, 0, e))?;
    Ok(Event {
        date,
        entity: f[1].clone(),
        event: f[2].clone(),
        source: f[3].clone(),
        note: f[4].clone(),
        origin: r.origin(row),
    })
}

/// Parses one alias row.
fn parse_alias(r: &Reader<'_>, row: &Row) -> Result<AliasEntry, Error> {
    r.check_shape(row, &ALIAS_HEADER, &[0, 1, 2])?;
    let f = &row.fields;
    let kind = AliasKind::parse(&f[0]).ok_or_else(|| {
        r.err_at(
            row,
            0,
            format!(
                "unknown alias kind `{}` (expected entity, segment, metric or scope)",
                f[0]
            ),
        )
    })?;
    Ok(AliasEntry {
        kind,
        alias: f[1].clone(),
        canonical: f[2].clone(),
        origin: r.origin(row),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled files are read without the CSV reader, as it reads them.
    #[test]
    fn bundled_files_are_read_plainly_and_alike() {
        for (name, text) in super::super::bundle::FILES {
            let r = Reader { path: name, text };
            let plain = r.plain_rows();
            assert!(plain.is_some(), "{name}");
            assert_eq!(plain, r.csv_rows().ok(), "{name}");
        }
    }

    /// Quotes around whole fields are read plainly, as the CSV reader reads them; other
    /// quotes are left to it.
    #[test]
    fn quoted_fields_are_read_plainly_and_alike() {
        let plain = [
            "a,\"b, c\",d\n\"x\"\"y\",z\n",
            "\"\",\n a ,\" padded \"\n",
            "\"英伟达,NVIDIA\",\"\"\"quoted\"\"\"\na,",
        ];
        for text in plain {
            let r = Reader {
                path: "f.csv",
                text,
            };
            let rows = r.plain_rows();
            assert!(rows.is_some(), "{text:?}");
            assert_eq!(rows, r.csv_rows().ok(), "{text:?}");
        }
        for text in [
            "a,b\"c\n",
            "\"a\"b,c\n",
            "\"open,\nclosed\"\n",
            " \"a\",b\n",
        ] {
            assert!(
                Reader {
                    path: "f.csv",
                    text
                }
                .plain_rows()
                .is_none(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// Texts glued from CSV pieces read alike both ways whenever the plain reading
        /// takes them (and it takes most without quotes).
        #[test]
        fn plain_rows_are_what_the_csv_reader_reads(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "NVIDIA", "revenue", "2024", "1.5e9", ",", ",", "\n", "\n",
                    " ", "\t", "\u{b}", "\u{c}", "\u{3000}", "\u{85}", "\u{a0}", "#", "'",
                    "\"", "\"", ",\"", "\",", "\"\"", "\r", "\r\n", ";", "\\", "é", "",
                ]),
                0..24,
            )
        ) {
            let text = parts.concat();
            let r = Reader { path: "f.csv", text: &text };
            if let Some(plain) = r.plain_rows() {
                proptest::prop_assert_eq!(Some(plain), r.csv_rows().ok());
            }
        }
    }

    const HEAD: &str = "entity,segment,metric,period,value,unit,source,source_date,note\n";

    fn data_err(text: &str) -> (u64, u64, String) {
        match parse("f.csv", text) {
            Err(Error::Data {
                line: Some(l),
                column: Some(c),
                message,
                ..
            }) => (l, c, message),
            other => panic!("expected a located error, got {other:?}"),
        }
    }

    #[test]
    fn parses_facts() {
        let t = format!("{HEAD}BYD,,deliveries,2024,4272145,units,BYD annual report,2025-03-24,\n");
        let Layer::Facts(f) = parse("f.csv", &t).unwrap() else {
            panic!("facts expected")
        };
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].origin.line, 2);
        assert!((f[0].value - 4_272_145.0).abs() < 0.5);
    }

    #[test]
    fn locates_bad_value_column() {
        let t = format!("{HEAD}比亚迪,,deliveries,2024,4.2百万,units,src,,\n");
        let (l, c, m) = data_err(&t);
        assert_eq!((l, c), (2, 22), "{m}");
        assert!(m.contains("4.2百万"));
    }

    #[test]
    fn rejects_non_finite_and_unknown_unit() {
        let (_, c, _) = data_err(&format!("{HEAD}A,,m,2024,inf,USD,s,,\n"));
        assert_eq!(c, 11);
        let (_, _, m) = data_err(&format!("{HEAD}A,,m,2024,1,GBP,s,,\n"));
        assert!(m.contains("unknown unit `GBP`"));
    }

    #[test]
    fn rejects_wrong_field_count_and_empty_required() {
        let (l, _, m) = data_err(&format!("{HEAD}A,,m,2024,1,USD,s\n"));
        assert_eq!(l, 2);
        assert!(m.contains("expected 9 fields"), "{m}");
        let (_, c, m) = data_err(&format!("{HEAD}A,,,2024,1,USD,s,,\n"));
        assert_eq!(c, 4);
        assert!(m.contains("empty `metric`"));
    }

    #[test]
    fn rejects_duplicate_keys_and_bad_periods() {
        let row = "A,,m,2024,1,USD,s,,\n";
        let (l, _, m) = data_err(&format!("{HEAD}{row}{row}"));
        assert_eq!(l, 3);
        assert!(m.contains("first on line 2"));
        let (_, c, _) = data_err(&format!("{HEAD}A,,m,2024年,1,USD,s,,\n"));
        assert_eq!(c, 6);
    }

    #[test]
    fn quoted_fields_keep_columns_right() {
        let t = format!("{HEAD}\"A, Inc.\",,m,2024,x,USD,s,,\n");
        let (_, c, _) = data_err(&t);
        assert_eq!(c, 19);
    }

    #[test]
    fn rejects_unknown_header_and_alias_kind() {
        let (l, c, _) = data_err("name,value\nx,1\n");
        assert_eq!((l, c), (1, 1));
        let (l, c, m) = data_err("kind,alias,canonical\nentity,英伟达,NVIDIA\ncompany,x,y\n");
        assert_eq!((l, c), (3, 1));
        assert!(m.contains("company"));
        let (l, _, m) =
            data_err("kind,alias,canonical\nentity,Nvidia,NVIDIA\nentity,NVIDIA ,NVIDIA\n");
        assert_eq!(l, 3);
        assert!(m.contains("duplicate alias"));
    }

    #[test]
    fn parses_events_strictly() {
        let ok = "date,entity,event,source,note\n2025-04-09,NVIDIA,licence,8-K,\n";
        assert!(matches!(parse("e.csv", ok), Ok(Layer::Events(e)) if e.len() == 1));
        let (l, c, _) = data_err("date,entity,event,source,note\n2025-02-30,NVIDIA,x,y,\n");
        assert_eq!((l, c), (2, 1));
    }

    #[test]
    fn crlf_files_and_multiline_quoted_notes() {
        let t = format!("{HEAD}A,,m,2024,1,USD,s,,\nB,,m,2024,2,USD,s,,\n").replace('\n', "\r\n");
        assert!(matches!(parse("f.csv", &t), Ok(Layer::Facts(f)) if f.len() == 2));
        let t = format!("{HEAD}A,,m,2024,1,USD,s,,\"line one\nline two\"\nB,,m,2024,x,USD,s,,\n");
        let (l, c, _) = data_err(&t);
        assert_eq!((l, c), (4, 11));
    }

    #[test]
    fn bom_and_empty_file() {
        let t = format!("\u{feff}{HEAD}A,,m,2024,1,USD,s,,\n");
        assert!(parse("f.csv", &t).is_ok());
        let (l, _, _) = data_err("");
        assert_eq!(l, 1);
    }
}
