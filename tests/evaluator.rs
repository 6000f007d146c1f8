//! Unit tests of the Kleene evaluator on small in-memory rule sets: every connective with unknowns,
//! rule() chains, protective defaults, set/list/enum/number/date tests, branches, conflicts,
//! validity windows, blocking facts and the ranking of questions.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use tafel::case::typed_facts;
use tafel::facts::{CaseFacts, RawValue};
use tafel::rules::eval::BranchPick;
use tafel::rules::{Engine, RuleSet, Tri, load};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn set(rules: &[String]) -> RuleSet {
    load(&common::source(&common::rules_file(rules))).unwrap_or_else(|e| panic!("{e}"))
}

fn facts(set: &RuleSet, pairs: &[(&str, RawValue)]) -> CaseFacts {
    let raw: BTreeMap<String, RawValue> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    typed_facts(set, &raw).unwrap()
}

fn b(v: bool) -> RawValue {
    RawValue::Bool(v)
}
fn n(v: f64) -> RawValue {
    RawValue::Number(v)
}
fn s(v: &str) -> RawValue {
    RawValue::Str(v.into())
}
fn l(items: &[&str]) -> RawValue {
    RawValue::List(items.iter().map(|i| s(i)).collect())
}

/// Status of the single rule "R" for the given facts.
fn status(when: &str, pairs: &[(&str, RawValue)]) -> Tri {
    let set = set(&[common::rule("R", when)]);
    let f = facts(&set, pairs);
    Engine::new(&set, date()).evaluate_rule(&f, 0).status
}

use Tri::{False as F, True as T, Unknown as U};

#[test]
fn all_is_false_on_any_false_else_unknown_on_any_unknown() {
    assert_eq!(status("all(a, b)", &[("a", b(true)), ("b", b(true))]), T);
    assert_eq!(
        status("all(a, b)", &[("a", b(false))]),
        F,
        "one FALSE decides, b unknown"
    );
    assert_eq!(status("all(a, b)", &[("a", b(true))]), U);
    assert_eq!(status("all(a, b)", &[]), U);
}

#[test]
fn any_is_true_on_any_true_else_unknown_on_any_unknown() {
    assert_eq!(
        status("any(a, b)", &[("b", b(true))]),
        T,
        "one TRUE decides, a unknown"
    );
    assert_eq!(status("any(a, b)", &[("a", b(false))]), U);
    assert_eq!(status("any(a, b)", &[("a", b(false)), ("b", b(false))]), F);
}

#[test]
fn not_keeps_unknown_unknown() {
    assert_eq!(status("not(a)", &[]), U);
    assert_eq!(status("not(a)", &[("a", b(true))]), F);
    assert_eq!(status("not(a)", &[("a", b(false))]), T);
}

#[test]
fn known_is_never_unknown() {
    assert_eq!(status("known(age)", &[]), F);
    assert_eq!(status("known(age)", &[("age", n(3.0))]), T);
    assert_eq!(
        status("all(known(a), a)", &[]),
        F,
        "an unanswered fact can be kept from switching anything on"
    );
}

#[test]
fn comparisons_on_unknown_facts_are_unknown() {
    assert_eq!(status("age < 18", &[]), U);
    assert_eq!(status("age < 18", &[("age", n(17.0))]), T);
    assert_eq!(status("age >= 18", &[("age", n(17.0))]), F);
    assert_eq!(status("age <= -1", &[("age", n(-3.0))]), T);
    assert_eq!(status("colour == red", &[]), U);
    assert_eq!(status("colour != red", &[("colour", s("blue"))]), T);
    assert_eq!(
        status("colour in {red, green}", &[("colour", s("green"))]),
        T
    );
    assert_eq!(
        status("colour in {red, green}", &[("colour", s("blue"))]),
        F
    );
    assert_eq!(status("d1 < d2", &[("d1", s("2026-01-01"))]), U);
    assert_eq!(
        status(
            "d1 < d2",
            &[("d1", s("2026-01-01")), ("d2", s("2026-02-01"))]
        ),
        T
    );
}

#[test]
fn set_and_list_tests() {
    assert_eq!(
        status("has(kinds, x)", &[]),
        U,
        "a set is unknown until confirmed"
    );
    assert_eq!(
        status("has(kinds, x)", &[("kinds", l(&[]))]),
        F,
        "a confirmed empty set is known"
    );
    assert_eq!(status("has_any(kinds, {x, y})", &[("kinds", l(&["y"]))]), T);
    assert_eq!(status("has_all(kinds, {x, y})", &[("kinds", l(&["y"]))]), F);
    assert_eq!(status("count(kinds) >= 2", &[("kinds", l(&["x", "z"]))]), T);
    assert_eq!(status("empty(kinds)", &[("kinds", l(&[]))]), T);
    assert_eq!(
        status(
            "count(ages) >= 2",
            &[("ages", RawValue::List(vec![n(3.0)]))]
        ),
        F
    );
}

#[test]
fn derived_facts_and_params() {
    assert_eq!(status("minor", &[("age", n(17.0))]), T);
    assert_eq!(status("minor", &[("age", n(18.0))]), F);
    assert_eq!(status("minor", &[]), U);
}

#[test]
fn protective_default_decides_but_is_still_asked() {
    let set = set(&[common::rule("R", "not(akkoord)")]);
    let engine = Engine::new(&set, date());
    let ev = engine.evaluate(&CaseFacts::new(&set.vocabulary));
    assert_eq!(
        ev.results[0].status, T,
        "akkoord unknown counts as not given"
    );
    assert!(
        ev.results[0].blocking.is_empty(),
        "a defaulted fact never blocks"
    );
    let q = ev
        .questions
        .iter()
        .find(|q| set.fact_name(q.fact) == "akkoord")
        .expect("asked");
    assert!(q.settles.is_empty());
    assert_eq!(q.changes, vec![0]);
}

#[test]
fn rule_references_chain_three_valued() {
    let set = set(&[
        common::rule("BASE", "all(a, b)"),
        common::rule("MID", "any(rule(BASE), c)"),
        common::rule("TOP", "not(rule(MID))"),
    ]);
    let engine = Engine::new(&set, date());
    let check = |pairs: &[(&str, RawValue)], expect: [Tri; 3]| {
        let ev = engine.evaluate(&facts(&set, pairs));
        let got: Vec<Tri> = ev.results.iter().map(|r| r.status).collect();
        assert_eq!(got, expect, "{pairs:?}");
    };
    check(&[], [U, U, U]);
    check(&[("a", b(true)), ("b", b(true))], [T, T, F]);
    check(&[("a", b(false))], [F, U, U]);
    check(&[("a", b(false)), ("c", b(false))], [F, F, T]);
    check(&[("c", b(true))], [U, T, F]);
    // blocking facts are found through the chain
    let ev = engine.evaluate(&facts(&set, &[("a", b(false))]));
    let top = &ev.results[2];
    assert_eq!(
        top.blocking
            .iter()
            .map(|f| set.fact_name(*f))
            .collect::<Vec<_>>(),
        vec!["c"]
    );
}

#[test]
fn blocking_facts_are_those_that_can_decide() {
    let set = set(&[common::rule("R", "all(a, any(b, c))")]);
    let engine = Engine::new(&set, date());
    let ev = engine.evaluate(&facts(&set, &[("b", b(false))]));
    let names: Vec<&str> = ev.results[0]
        .blocking
        .iter()
        .map(|f| set.fact_name(*f))
        .collect();
    assert_eq!(names, vec!["a", "c"]);
    let ev = engine.evaluate(&facts(&set, &[("a", b(true)), ("b", b(true))]));
    assert!(ev.results[0].blocking.is_empty());
}

#[test]
fn questions_rank_safety_gatekeeping_then_either_way_then_count() {
    let set = set(&[
        common::rule("SAFETY", "safe"),
        common::rule("GATE", "gate"),
        common::rule("EITHER", "c"),
        common::rule("ONE1", "all(b, a)"),
        common::rule("ONE2", "all(b, colour == red)"),
    ]);
    let engine = Engine::new(&set, date());
    let ev = engine.evaluate(&CaseFacts::new(&set.vocabulary));
    let order: Vec<&str> = ev.questions.iter().map(|q| set.fact_name(q.fact)).collect();
    assert_eq!(order, vec!["safe", "gate", "c", "b", "a", "colour"]);
    let c = &ev.questions[2];
    assert_eq!((c.settles_either_way, c.settles.len()), (1, 1));
    let b = &ev.questions[3];
    assert_eq!((b.settles_either_way, b.settles.len()), (0, 2));
}

#[test]
fn branches_choose_the_first_true_or_stay_open() {
    let rule = r#"Rule(id: "M", kind: law, tables: [ALL], title: "menu", when: "a", applies: "ja",
      branches: [
        Branch(when: "colour == red", text: "rood"),
        Branch(when: "colour == green", text: "groen", judgement: true),
        Branch(text: "anders"),
      ],
      source: [Source(document: "d.txt", section: "§1", quote: "q")],
      tests: [Test(name: "x", facts: {}, expect: unknown)]),"#;
    let set = set(&[rule.to_string()]);
    let engine = Engine::new(&set, date());
    let r = |pairs: &[(&str, RawValue)]| engine.evaluate_rule(&facts(&set, pairs), 0);
    assert_eq!(
        r(&[("a", b(true)), ("colour", s("red"))]).branch,
        BranchPick::Chosen(0)
    );
    let green = r(&[("a", b(true)), ("colour", s("green"))]);
    assert_eq!(green.branch, BranchPick::Chosen(1));
    assert!(green.judgement, "a branch can need judgement");
    assert_eq!(
        r(&[("a", b(true)), ("colour", s("blue"))]).branch,
        BranchPick::Chosen(2)
    );
    let open = r(&[("a", b(true))]);
    assert_eq!(open.branch, BranchPick::Open(vec![0, 1, 2]));
    assert_eq!(
        open.blocking
            .iter()
            .map(|f| set.fact_name(*f))
            .collect::<Vec<_>>(),
        vec!["colour"]
    );
    assert_eq!(r(&[("a", b(false))]).branch, BranchPick::None);
}

#[test]
fn conflicts_mark_both_rules_and_need_judgement() {
    let one = r#"Rule(id: "ONE", kind: law, tables: [ALL], title: "een", when: "a", applies: "ja",
      conflicts: [Conflict(with: "TWO", when: "colour == red", register: "C1")],
      source: [Source(document: "d.txt", section: "§1", quote: "q")],
      tests: [Test(name: "x", facts: {}, expect: unknown)]),"#;
    let set = set(&[one.to_string(), common::rule("TWO", "b")]);
    let engine = Engine::new(&set, date());
    let ev = engine.evaluate(&facts(
        &set,
        &[("a", b(true)), ("b", b(true)), ("colour", s("red"))],
    ));
    assert!(
        ev.results
            .iter()
            .all(|r| r.judgement && r.conflicts.len() == 1)
    );
    let ev = engine.evaluate(&facts(
        &set,
        &[("a", b(true)), ("b", b(true)), ("colour", s("blue"))],
    ));
    assert!(
        ev.results
            .iter()
            .all(|r| !r.judgement && r.conflicts.is_empty()),
        "conflict condition false"
    );
    let ev = engine.evaluate(&facts(
        &set,
        &[("a", b(true)), ("b", b(false)), ("colour", s("red"))],
    ));
    assert!(
        ev.results.iter().all(|r| r.conflicts.is_empty()),
        "only when both apply"
    );
}

#[test]
fn validity_windows_pick_the_version_in_force() {
    let old = r#"Rule(id: "V", kind: time, tables: [ALL], title: "oud", when: "a", applies: "oude tekst", valid_to: "2023-12-31",
      source: [Source(document: "d.txt", section: "§1", quote: "q")],
      tests: [Test(name: "x", facts: {}, expect: unknown)]),"#;
    let new = r#"Rule(id: "V", kind: time, tables: [ALL], title: "nieuw", when: "b", applies: "nieuwe tekst", valid_from: "2024-01-01",
      source: [Source(document: "d.txt", section: "§1", quote: "q")],
      tests: [Test(name: "x", facts: {}, expect: unknown)]),"#;
    let set = set(&[
        old.to_string(),
        new.to_string(),
        common::rule("USES", "rule(V)"),
    ]);
    let f = facts(&set, &[("a", b(true)), ("b", b(false))]);
    let d2023 = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
    let ev = Engine::new(&set, d2023).evaluate(&f);
    assert_eq!(ev.results.len(), 2);
    assert_eq!(set.rules[ev.results[0].rule].applies, "oude tekst");
    assert_eq!(ev.results[1].status, T);
    let ev = Engine::new(&set, date()).evaluate(&f);
    assert_eq!(set.rules[ev.results[0].rule].applies, "nieuwe tekst");
    assert_eq!(ev.results[1].status, F);
}

#[test]
fn trace_shows_each_condition_with_its_value() {
    let set = set(&[common::rule("R", "all(a, any(b, age < 18))")]);
    let engine = Engine::new(&set, date());
    let trace = engine.trace(&facts(&set, &[("a", b(true)), ("age", n(16.0))]), 0);
    assert_eq!(trace.when.value, T);
    assert_eq!(trace.when.children.len(), 2);
    assert_eq!(trace.when.children[0].detail.as_deref(), Some("a = ja"));
    let inner = &trace.when.children[1];
    assert_eq!(inner.children[0].value, U);
    assert_eq!(inner.children[0].detail.as_deref(), Some("b onbekend"));
    assert_eq!(inner.children[1].text, "age < 18");
    assert_eq!(inner.children[1].detail.as_deref(), Some("age = 16 jaar"));
}
