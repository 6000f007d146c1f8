//! Engine benchmarks: full advice for one case (all rules, trace of every rule, ranked questions)
//! and loading + validating the whole shipped configuration. Goals: ≤ 0.5 ms and ≤ 20 ms.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tafel::case::typed_facts;
use tafel::config::ConfigSource;
use tafel::facts::{CaseFacts, RawValue};
use tafel::rules::{Engine, advice, load};

fn mid_meeting_case(set: &tafel::rules::RuleSet) -> CaseFacts {
    let mut raw = BTreeMap::new();
    raw.insert("parent_age_years".to_string(), RawValue::Number(24.0));
    raw.insert("pregnant".to_string(), RawValue::Bool(true));
    raw.insert(
        "residence_municipality".to_string(),
        RawValue::Str("utrecht_city".into()),
    );
    raw.insert("epa".to_string(), RawValue::Bool(true));
    raw.insert(
        "request_kind".to_string(),
        RawValue::List(vec![RawValue::Str("parent_child_placement".into())]),
    );
    raw.insert(
        "child_safety_concern".to_string(),
        RawValue::Str("structural".into()),
    );
    typed_facts(set, &raw).unwrap()
}

fn bench(c: &mut Criterion) {
    let source = ConfigSource::embedded();
    c.bench_function("config_load_and_validate", |b| {
        b.iter(|| load(&source).unwrap())
    });

    let set = load(&source).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let engine = Engine::new(&set, date);
    let empty = CaseFacts::new(&set.vocabulary);
    let mid = mid_meeting_case(&set);
    c.bench_function("advice_empty_case", |b| {
        b.iter(|| {
            let ev = engine.evaluate(&empty);
            advice::derive(&set, &ev)
        })
    });
    c.bench_function("advice_mid_meeting_case", |b| {
        b.iter(|| {
            let ev = engine.evaluate(&mid);
            advice::derive(&set, &ev)
        })
    });
    c.bench_function("advice_with_all_traces", |b| {
        b.iter(|| {
            let ev = engine.evaluate(&mid);
            let traces: Vec<_> = ev
                .results
                .iter()
                .map(|r| engine.trace(&mid, r.rule))
                .collect();
            (advice::derive(&set, &ev), traces)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
