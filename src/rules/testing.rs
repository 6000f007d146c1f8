//! `tafel check`: every rule's own test cases, a coverage line per rule, and verification of the
//! quotes against the source documents.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::eval::{BranchPick, Engine, Tri};
use super::model::RuleSet;
use super::schema::Expect;

/// The meeting date rule tests use unless a test or the rule version says otherwise; fixed so
/// that tests are deterministic.
pub const DEFAULT_TEST_DATE: (i32, u32, u32) = (2026, 11, 22);

pub fn default_test_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(
        DEFAULT_TEST_DATE.0,
        DEFAULT_TEST_DATE.1,
        DEFAULT_TEST_DATE.2,
    )
    .unwrap()
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestFailure {
    pub rule: String,
    pub test: String,
    pub file: String,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub struct Coverage {
    pub applies: bool,
    pub not: bool,
    pub unknown: bool,
    pub tests: usize,
}

#[derive(Clone, Debug, Default)]
pub struct TestReport {
    pub run: usize,
    pub failures: Vec<TestFailure>,
    /// Per rule id (all versions together).
    pub coverage: BTreeMap<String, Coverage>,
    /// Rules with a test that leaves a deciding fact unknown.
    pub with_unknown_fact: std::collections::BTreeSet<String>,
    /// Rules with fewer than two tests or no unknown test (where the rule can be unknown).
    pub too_few: Vec<String>,
}

fn expect_word(e: Expect) -> &'static str {
    match e {
        Expect::Applies => "applies",
        Expect::Not => "not",
        Expect::Unknown => "unknown",
    }
}

/// Whether a test leaves out a fact that decides the rule: a fact whose answer would change the
/// outcome (for a rule read with protective defaults, the default is what decides it then).
fn leaves_deciding_fact_out(
    engine: &Engine,
    facts: &crate::facts::CaseFacts,
    rule: usize,
    status: Tri,
) -> bool {
    let set = engine.set;
    set.rules[rule].deps.iter().any(|&f| {
        facts.get(f).is_none()
            && set.candidates[f as usize]
                .iter()
                .any(|v| engine.status_with(facts, rule, Some((f, v))) != status)
    })
}

pub fn run_rule_tests(set: &RuleSet) -> TestReport {
    let mut report = TestReport::default();
    for (i, rule) in set.rules.iter().enumerate() {
        let cov = report.coverage.entry(rule.id.clone()).or_default();
        cov.tests += rule.tests.len();
        for test in &rule.tests {
            report.run += 1;
            let date = test
                .date
                .or(rule.valid_from)
                .unwrap_or_else(default_test_date);
            let fail = |message: String| TestFailure {
                rule: rule.id.clone(),
                test: test.name.clone(),
                file: rule.file.display().to_string(),
                message,
            };
            if !rule.in_force(date) {
                report.failures.push(fail(format!(
                    "testdatum {date} valt buiten de geldigheid van deze versie"
                )));
                continue;
            }
            let raw: BTreeMap<String, crate::facts::RawValue> =
                test.facts.iter().cloned().collect();
            let facts = match crate::case::typed_facts(set, &raw) {
                Ok(f) => f,
                Err(m) => {
                    report.failures.push(fail(m));
                    continue;
                }
            };
            let engine = Engine::new(set, date);
            let result = engine.evaluate_rule(&facts, i);
            let cov = report.coverage.get_mut(&rule.id).unwrap();
            match result.status {
                Tri::True => cov.applies = true,
                Tri::False => cov.not = true,
                Tri::Unknown => cov.unknown = true,
            }
            if result.status == Tri::Unknown
                || leaves_deciding_fact_out(&engine, &facts, i, result.status)
            {
                report.with_unknown_fact.insert(rule.id.clone());
            }
            let got = result.status.status();
            if got != expect_word(test.expect) {
                let blocking: Vec<&str> =
                    result.blocking.iter().map(|&f| set.fact_name(f)).collect();
                report.failures.push(fail(format!(
                    "verwacht {}, maar uitkomst is {got}{}",
                    expect_word(test.expect),
                    if blocking.is_empty() {
                        String::new()
                    } else {
                        format!(" (ontbreekt: {})", blocking.join(", "))
                    }
                )));
                continue;
            }
            for b in &test.blocking {
                if !result.blocking.iter().any(|&f| set.fact_name(f) == b) {
                    let got: Vec<&str> =
                        result.blocking.iter().map(|&f| set.fact_name(f)).collect();
                    report.failures.push(fail(format!(
                        "'{b}' had een blokkerend feit moeten zijn (wel: {})",
                        if got.is_empty() {
                            "geen".into()
                        } else {
                            got.join(", ")
                        }
                    )));
                }
            }
            if let Some(expected) = test.branch {
                let ok = matches!(result.branch, BranchPick::Chosen(i) if i == expected);
                if !ok {
                    report.failures.push(fail(format!(
                        "verwacht tak {expected}, maar kreeg {:?}",
                        result.branch
                    )));
                }
            }
            if let Some(expected) = test.judgement
                && result.judgement != expected
            {
                report.failures.push(fail(format!(
                    "verwacht judgement = {expected}, maar kreeg {}",
                    result.judgement
                )));
            }
        }
    }
    for rule in &set.rules {
        let constant = rule.deps.is_empty();
        if rule.tests.len() < 2 || (!constant && !report.with_unknown_fact.contains(&rule.id)) {
            report.too_few.push(rule.id.clone());
        }
    }
    report.too_few.dedup();
    report
}

/// Collapses whitespace, and optionally joins words broken by a hyphen at a line end.
pub fn normalise(text: &str, join_hyphens: bool) -> String {
    let text = if join_hyphens {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '-' {
                // look ahead: spaces then a newline then spaces then a letter
                let rest: String = chars.clone().take_while(|c| c.is_whitespace()).collect();
                if rest.contains('\n') {
                    for _ in 0..rest.chars().count() {
                        chars.next();
                    }
                    continue;
                }
            }
            out.push(c);
        }
        out
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuoteProblem {
    pub rule: String,
    pub file: String,
    pub document: String,
    pub quote: String,
    pub message: String,
}

/// Checks every quote against its document in `sources` (whitespace collapsed; a word split by a
/// hyphen at a line end may occur joined or as written).
pub fn check_quotes(set: &RuleSet, sources: &Path) -> Vec<QuoteProblem> {
    let mut documents = SourceDocuments::new(sources);
    let mut problems = Vec::new();
    for rule in &set.rules {
        for s in &rule.sources {
            if let Some(message) = documents.check(&s.document, &s.quote) {
                problems.push(QuoteProblem {
                    rule: rule.id.clone(),
                    file: rule.file.display().to_string(),
                    document: s.document.clone(),
                    quote: s.quote.clone(),
                    message: message.to_string(),
                });
            }
        }
    }
    problems
}

/// The source documents of a directory, each read once and normalised for quote checks.
pub struct SourceDocuments {
    dir: std::path::PathBuf,
    /// document → (whitespace collapsed, the same with line-end hyphen breaks joined)
    docs: BTreeMap<String, Option<(String, String)>>,
}

impl SourceDocuments {
    pub fn new(dir: &Path) -> Self {
        SourceDocuments {
            dir: dir.to_path_buf(),
            docs: BTreeMap::new(),
        }
    }

    /// `None` when `quote` occurs literally in `document` (whitespace collapsed; a word split by
    /// a hyphen at a line end may occur joined or as written), else what is wrong, in Dutch.
    pub fn check(&mut self, document: &str, quote: &str) -> Option<&'static str> {
        let dir = &self.dir;
        let doc = self.docs.entry(document.to_string()).or_insert_with(|| {
            std::fs::read_to_string(dir.join(document))
                .ok()
                .map(|t| (normalise(&t, false), normalise(&t, true)))
        });
        match doc {
            None => Some("document niet gevonden"),
            Some((as_written, joined)) => {
                let q = normalise(quote, false);
                if as_written.contains(&q) || joined.contains(&q) {
                    None
                } else {
                    Some("citaat komt niet (letterlijk) voor in het document")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_at_line_end_may_be_joined() {
        let doc = "de maatwerk-\n   voorziening wordt";
        assert!(normalise(doc, true).contains("maatwerkvoorziening wordt"));
        assert!(normalise(doc, false).contains("maatwerk- voorziening"));
        assert_eq!(normalise("a  b\n c", false), "a b c");
    }
}
