//! Property tests: no parser, loader or the evaluator panics on arbitrary input, and `sanitize`
//! leaves no control, bidi or zero-width character behind.
//!
//! Each property runs at most 256 cases (the loader properties fewer: one case loads the whole
//! configuration), so that the suite stays fast on two cores. For a longer run:
//! `PROPTEST_CASES=5000 cargo test --release --test proptest_parsers`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::Config;

use tafel::config::{ConfigFile, ConfigSource};
use tafel::facts::{CaseFacts, FactKind, Value};
use tafel::rules::{self, Engine, RuleSet, advice, dsl};
use tafel::text::{privacy_hints, sanitize, sanitize_line};

fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        // a failing case is printed; no regression files in the source tree
        failure_persistence: None,
        ..Config::default()
    }
}

fn rule_set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        rules::load(&ConfigSource::embedded()).expect("the shipped configuration loads")
    })
}

fn meeting() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A shipped rule file to mutate (the largest, for the most variety).
fn shipped_rule_file() -> ConfigFile {
    ConfigSource::embedded()
        .in_subdir("rules")
        .max_by_key(|f| f.text.len())
        .expect("a shipped rule file")
        .clone()
}

/// The embedded configuration with `file` replacing the file of the same path (or added).
fn with_file(file: ConfigFile) -> ConfigSource {
    let mut source = ConfigSource::embedded();
    source.files.retain(|f| f.path != file.path);
    source.files.push(file);
    source
}

/// Loading may fail, but must not panic; errors must have a position inside the file.
fn load_without_panic(source: &ConfigSource) {
    if let Err(errors) = rules::load(source) {
        assert!(
            !errors.0.is_empty(),
            "a failed load reports at least one error"
        );
        for e in &errors.0 {
            assert!(
                e.line >= 1 && e.col >= 1,
                "position {}:{} in {e}",
                e.line,
                e.col
            );
            if let Some(file) = source.files.iter().find(|f| f.path == e.file) {
                let lines = file.text.split('\n').count();
                assert!(e.line <= lines, "line {} of {} in {e}", e.line, lines);
            }
        }
    }
}

// ───────────────────────────── generators ─────────────────────────────

/// Text that looks like a condition: the DSL's words, operators and brackets in any order.
fn condition_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("all(".to_string()),
        Just("any(".to_string()),
        Just("not(".to_string()),
        Just("known(".to_string()),
        Just("count(".to_string()),
        Just("has(".to_string()),
        Just("has_any(".to_string()),
        Just("rule(".to_string()),
        Just(")".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(",".to_string()),
        Just(" in ".to_string()),
        Just("==".to_string()),
        Just("!=".to_string()),
        Just("<=".to_string()),
        Just(">".to_string()),
        Just("$".to_string()),
        Just("-".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just("pregnant".to_string()),
        Just("pregnancy_weeks".to_string()),
        Just("residence_municipality".to_string()),
        Just("request_kind".to_string()),
        Just("children_ages_years".to_string()),
        "[a-z_]{1,8}",
        "-?[0-9]{1,4}(\\.[0-9]{0,3})?",
        "[0-9.eE+-]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

#[derive(Clone, Debug)]
enum Mutation {
    FlipByte { at: usize, bit: u8 },
    SetByte { at: usize, byte: u8 },
    Truncate { at: usize },
    DuplicateLine { line: usize },
    DeleteLine { line: usize },
    SwapLines { a: usize, b: usize },
    Insert { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| Mutation::FlipByte { at, bit }),
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::SetByte { at, byte }),
        at.prop_map(|at| Mutation::Truncate { at }),
        at.prop_map(|line| Mutation::DuplicateLine { line }),
        at.prop_map(|line| Mutation::DeleteLine { line }),
        (at, at).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (
            at,
            prop_oneof![
                Just("(".to_string()),
                Just(")".to_string()),
                Just("\"".to_string()),
                Just(",".to_string()),
                Just("[".to_string()),
                Just("rule(".to_string()),
                Just("\u{feff}".to_string()),
                "\\PC{0,8}",
            ]
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

fn mutate(original: &str, mutations: &[Mutation]) -> String {
    let mut bytes = original.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::FlipByte { at, bit } => {
                if !bytes.is_empty() {
                    bytes[at % len] ^= 1 << bit;
                }
            }
            Mutation::SetByte { at, byte } => {
                if !bytes.is_empty() {
                    bytes[at % len] = *byte;
                }
            }
            Mutation::Truncate { at } => bytes.truncate(at % len),
            Mutation::Insert { at, text } => {
                let at = at % len.min(bytes.len() + 1);
                bytes.splice(at..at, text.bytes());
            }
            Mutation::DuplicateLine { line }
            | Mutation::DeleteLine { line }
            | Mutation::SwapLines { a: line, .. } => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let n = lines.len();
                let i = line % n;
                match m {
                    Mutation::DuplicateLine { .. } => lines.insert(i, lines[i].clone()),
                    Mutation::DeleteLine { .. } => {
                        lines.remove(i);
                    }
                    Mutation::SwapLines { b, .. } => lines.swap(i, b % n),
                    _ => unreachable!(),
                }
                bytes = lines.join(&b'\n');
            }
        }
    }
    // the loaders see text (ConfigSource::from_dir refuses invalid UTF-8)
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Extreme and ordinary finite numbers (typed facts are always finite).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::MIN_POSITIVE),
        Just(-f64::MIN_POSITIVE),
        Just(f64::EPSILON),
        Just(1e300),
        Just(-1e300),
        Just(9_007_199_254_740_993.0),
        Just(i64::MAX as f64),
        Just(u64::MAX as f64),
        -1000.0..1000.0f64,
        any::<i32>().prop_map(f64::from),
        any::<f64>().prop_filter("finite", |n| n.is_finite()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()),
        (1900i32..2200, 1u32..=366).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d)
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 12, 31).unwrap())),
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
    ]
}

/// One value of a fact's kind, drawn to include the edges: empty and full sets, long lists.
fn value_of(kind: &FactKind) -> BoxedStrategy<Value> {
    match kind {
        FactKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        FactKind::Enum(values) => {
            let n = values.len().max(1) as u16;
            (0..n).prop_map(Value::Enum).boxed()
        }
        FactKind::Number { .. } => number().prop_map(Value::Number).boxed(),
        FactKind::Set(values) if values.is_empty() => prop::collection::vec("\\PC{0,12}", 0..12)
            .prop_map(|mut tags| {
                tags.sort();
                tags.dedup();
                Value::Tags(tags)
            })
            .boxed(),
        FactKind::Set(values) => {
            let full = if values.len() >= 64 {
                u64::MAX
            } else {
                (1u64 << values.len()) - 1
            };
            prop_oneof![
                Just(0u64),
                Just(full),
                any::<u64>().prop_map(move |b| b & full)
            ]
            .prop_map(Value::Set)
            .boxed()
        }
        FactKind::List { .. } => prop_oneof![
            Just(Vec::new()),
            prop::collection::vec(number(), 1..8),
            prop::collection::vec(number(), 100..200),
        ]
        .prop_map(Value::List)
        .boxed(),
        FactKind::Date => date().prop_map(Value::Date).boxed(),
    }
}

/// A partial assignment of facts: each fact of the vocabulary known with some probability.
fn assignment() -> impl Strategy<Value = Vec<Option<Value>>> {
    let set = rule_set();
    let per_fact: Vec<BoxedStrategy<Option<Value>>> = set
        .vocabulary
        .facts
        .iter()
        .map(|f| prop::option::weighted(0.5, value_of(&f.kind)).boxed())
        .collect();
    per_fact
}

/// Text shaped like a RON case or a JSON object of facts, with random values.
fn case_like(json: bool) -> impl Strategy<Value = String> {
    let set = rule_set();
    let names: Vec<String> = set
        .vocabulary
        .facts
        .iter()
        .map(|f| f.name.clone())
        .chain(set.derived.iter().map(|d| d.name.clone()))
        .chain(["zwanger".to_string(), String::new()])
        .collect();
    let raw = prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        Just("null".to_string()),
        Just("None".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("1e400".to_string()),
        Just("-1e400".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("\"NaN\"".to_string()),
        Just("\"2026-02-30\"".to_string()),
        Just("\"+262143-12-31\"".to_string()),
        Just("\"-262143-01-01\"".to_string()),
        Just("[\"housing\", \"shelter\"]".to_string()),
        Just("[1, 2, \"drie\"]".to_string()),
        Just("\"utrecht_city\"".to_string()),
        "-?[0-9]{1,25}(\\.[0-9]{0,5})?",
        "\"\\PC{0,10}\"",
    ];
    let pair = (prop::sample::select(names), raw);
    let facts = prop::collection::vec(pair, 0..12);
    let dates = prop_oneof![
        Just(String::new()),
        Just("dates: (parent_birth: \"2009-06-14\", due: \"2027-02-20\"),".to_string()),
        Just(
            "dates: (parent_birth: \"+262143-12-31\", index_child_birth: \"-262143-01-01\"),"
                .to_string()
        ),
        Just("dates: (due: \"0000-01-01\"),".to_string()),
        "dates: \\(\\PC{0,20}\\),",
    ];
    (facts, dates, any::<bool>()).prop_map(move |(facts, dates, cut)| {
        let body: Vec<String> = facts.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
        let text = if json {
            format!("{{{}}}", body.join(", "))
        } else {
            format!(
                "Case(id: \"X\", title: \"t\", table: uno, {dates} facts: {{{}}})",
                body.join(", ")
            )
        };
        if cut {
            // truncated somewhere (at a char boundary)
            let at = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(text.len() / 2)
                .unwrap_or(0);
            text[..at].to_string()
        } else {
            text
        }
    })
}

// ───────────────────────────── properties ─────────────────────────────

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn dsl_parse_never_panics(text in "\\PC{0,80}") {
        let _ = dsl::parse(&text);
    }

    #[test]
    fn dsl_parse_never_panics_on_condition_like_text(text in condition_like()) {
        if let Err(e) = dsl::parse(&text) {
            prop_assert!(e.offset <= text.len(), "offset {} beyond {}", e.offset, text.len());
        }
    }

    #[test]
    fn read_case_never_panics_on_arbitrary_text(text in "\\PC{0,200}", json in any::<bool>()) {
        let path = if json { "case.json" } else { "case.ron" };
        let _ = tafel::case::read_case(rule_set(), path, &text, meeting());
    }

    #[test]
    fn read_case_never_panics_on_case_like_ron(text in case_like(false)) {
        let _ = tafel::case::read_case(rule_set(), "case.ron", &text, meeting());
    }

    #[test]
    fn read_case_never_panics_on_case_like_json(text in case_like(true)) {
        let _ = tafel::case::read_case(rule_set(), "case.json", &text, meeting());
    }

    #[test]
    fn evaluate_and_advice_never_panic(values in assignment(), date in date()) {
        let set = rule_set();
        let mut facts = CaseFacts::new(&set.vocabulary);
        for (id, v) in values.into_iter().enumerate() {
            facts.set(id as u16, v);
        }
        let engine = Engine::new(set, date);
        let evaluation = engine.evaluate(&facts);
        let _ = advice::derive(set, &evaluation);
        let _ = tafel::rules::report::report(set, "X", date, &evaluation);
    }

    #[test]
    fn sanitize_is_idempotent_and_clean(text in sanitize_input()) {
        let once = sanitize(&text);
        prop_assert_eq!(sanitize(&once), once.clone());
        for c in once.chars() {
            prop_assert!(!forbidden(c), "{:?} survived in {:?}", c, once);
        }
        let line = sanitize_line(&text);
        prop_assert_eq!(sanitize_line(&line), line.clone());
        prop_assert!(!line.contains(['\n', '\t']));
        for c in line.chars() {
            prop_assert!(!forbidden(c), "{:?} survived in {:?}", c, line);
        }
        let _ = privacy_hints(&text);
    }

    #[test]
    fn sanitize_keeps_ordinary_text(text in "[\\p{L}\\p{N}\\p{P}\\p{Sm}\\p{Sc} €«»\n\t]{0,60}") {
        // the Hangul fillers are letters that render as nothing: sanitize removes them
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}'))
            .collect();
        prop_assert_eq!(sanitize(&text), text);
    }
}

proptest! {
    // each case loads the whole configuration (~170 rules): fewer cases
    #![proptest_config(config(48))]

    #[test]
    fn loader_never_panics_on_a_random_rule_file(text in prop_oneof![
        "\\PC{0,300}",
        condition_like().prop_map(|w| format!(
            "RuleFile(theme: \"t\", rules: [Rule(id: \"R\", kind: warning, tables: [ALL], title: \"t\", \
             when: \"{}\", applies: \"a\", source: [Source(document: \"d\", section: \"s\", quote: \"q\")], \
             tests: [])])",
            w.replace('\\', "\\\\").replace('"', "\\\"")
        )),
    ]) {
        load_without_panic(&with_file(ConfigFile {
            path: PathBuf::from("config/rules/zz-random.ron"),
            text,
        }));
    }

    #[test]
    fn loader_never_panics_on_a_mutated_shipped_rule_file(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let original = shipped_rule_file();
        let text = mutate(&original.text, &mutations);
        load_without_panic(&with_file(ConfigFile { path: original.path, text }));
    }

    #[test]
    fn checklist_loader_never_panics_on_a_mutated_shipped_checklist(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let original = ConfigSource::embedded()
            .in_subdir("checklists")
            .max_by_key(|f| f.text.len())
            .expect("a shipped checklist")
            .clone();
        let text = mutate(&original.text, &mutations);
        let source = with_file(ConfigFile { path: original.path, text });
        let _ = tafel::checklist::load(&source, rule_set());
    }

    #[test]
    fn loader_never_panics_on_a_mutated_facts_file(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let source = ConfigSource::embedded();
        let facts = source.file("facts.ron").expect("facts.ron").clone();
        let text = mutate(&facts.text, &mutations);
        load_without_panic(&with_file(ConfigFile { path: facts.path, text }));
    }
}

/// Input for `sanitize`: arbitrary text mixed with the characters it must remove.
fn sanitize_input() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        prop::sample::select(vec![
            "\u{1b}",
            "\u{1b}[",
            "\u{1b}]",
            "\u{1b}[31m",
            "\u{1b}[2J",
            "\u{1b}]0;titel\u{7}",
            "\u{1b}]8;;https://x\u{1b}\\",
            "\u{1b}P",
            "\u{1b}\\",
            "\u{1b}(B",
            "\u{9b}",
            "\u{9d}",
            "\u{9c}",
            "\r",
            "\r\n",
            "\u{202e}",
            "\u{2066}",
            "\u{200b}",
            "\u{200d}",
            "\u{feff}",
            "\u{fe0f}",
            "\u{e0100}",
            "\u{e0041}",
            "\u{2028}",
            "\u{ad}",
            "👍🏽",
            "❤️",
            "é",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// What sanitised text may never contain (the classes of tafel::text::sanitize, written out
/// independently here).
fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&u)
        || matches!(u, 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
        || matches!(u, 0x200b..=0x200d | 0x2060 | 0xfeff)
        || matches!(u, 0x2028 | 0x2029 | 0xe0000..=0xe007f)
}

#[test]
fn sanitize_leaves_no_escape_sequence_payload() {
    let hostile =
        "Titel\u{1b}]0;gehackt\u{7}\u{1b}[2J\u{1b}[31mrood\u{1b}[0m\u{9b}1;1H\u{202e}keer";
    assert_eq!(sanitize(hostile), "Titelroodkeer");
}

/// Conditions up to the nesting limit load and evaluate (no stack overflow in a test thread's
/// small stack); deeper ones are refused with a message, not a crash.
#[test]
fn deep_conditions_are_refused_before_they_overflow_the_stack() {
    let depth = tafel::rules::loader::MAX_CONDITION_NESTING;
    let rule = |when: &str| {
        format!(
            "RuleFile(theme: \"t\", rules: [Rule(id: \"DEEP\", kind: warning, tables: [ALL], title: \"t\", \
             when: \"{when}\", applies: \"a\", source: [Source(document: \"d\", section: \"s\", quote: \"q\")], \
             tests: [])])"
        )
    };
    let nested = |n: usize| format!("{}pregnant{}", "all(".repeat(n), ")".repeat(n));
    let ok = with_file(ConfigFile {
        path: PathBuf::from("config/rules/zz-deep.ron"),
        text: rule(&nested(depth)),
    });
    let set = rules::load(&ok).expect("nesting at the limit loads");
    let mut facts = CaseFacts::new(&set.vocabulary);
    facts.set(
        set.vocabulary.id("pregnant").unwrap(),
        Some(Value::Bool(true)),
    );
    let evaluation = Engine::new(&set, meeting()).evaluate(&facts);
    assert!(evaluation.by_id(&set, "DEEP").is_some());

    let too_deep = with_file(ConfigFile {
        path: PathBuf::from("config/rules/zz-deep.ron"),
        text: rule(&nested(10 * depth)),
    });
    let errors = rules::load(&too_deep)
        .expect_err("deeper nesting is refused")
        .0;
    assert!(
        errors.iter().any(|e| e.message.contains("te diep genest")),
        "{errors:?}"
    );
}

#[test]
fn typed_facts_reject_derived_and_unknown_names() {
    let set = rule_set();
    let derived = &set.derived[0].name;
    let raw: BTreeMap<String, tafel::facts::RawValue> =
        [(derived.clone(), tafel::facts::RawValue::Bool(true))].into();
    assert!(tafel::case::typed_facts(set, &raw).is_err());
}
