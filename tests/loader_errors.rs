//! One broken configuration per kind of error: the loader must name the file, line and column
//! and say what is wrong, and report every error at once.

mod common;

use tafel::rules::{LoadError, LoadErrors, load};

/// (line, col), 1-based, of the first occurrence of `needle` at or after `after` in `text`.
fn pos_of(text: &str, needle: &str, after: &str) -> (usize, usize) {
    let start = text.find(after).expect("anchor in text");
    let at = start + text[start..].find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

fn errors_for(rules_text: &str) -> Vec<LoadError> {
    match load(&common::source(rules_text)) {
        Ok(_) => panic!("expected the configuration to be rejected"),
        Err(LoadErrors(errors)) => errors,
    }
}

fn single(rules_text: &str) -> LoadError {
    let errors = errors_for(rules_text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

fn assert_error(e: &LoadError, file: &str, at: (usize, usize), contains: &str) {
    assert_eq!(e.file.to_string_lossy(), file, "{e}");
    assert_eq!((e.line, e.col), at, "{e}");
    assert!(
        e.message.contains(contains),
        "message {:?} should contain {contains:?}",
        e.message
    );
}

#[test]
fn ron_syntax_error_names_line_and_column() {
    let text = "RuleFile(theme: \"t\", rules: [\n  Rule(id: \"X\" kind: warning),\n])";
    let e = single(text);
    assert_eq!(e.file.to_string_lossy(), "config/rules/test.ron");
    assert_eq!(e.line, 2);
    assert!(e.message.starts_with("RON:"), "{e}");
}

#[test]
fn unknown_field_is_rejected_with_position() {
    let text =
        common::rules_file(
            &[common::rule("X", "a").replace("applies:", "aplies: \"x\", applies:")],
        );
    let e = single(&text);
    assert_eq!(e.line, 2);
    assert!(e.message.contains("aplies"), "{e}");
}

#[test]
fn unknown_fact_points_into_the_condition() {
    let text = common::rules_file(&[common::rule("X", "all(a, pregnnt)")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "pregnnt", "when:"),
        "onbekend feit 'pregnnt'",
    );
}

#[test]
fn unknown_fact_suggests_a_close_name() {
    let text = common::rules_file(&[common::rule("X", "colur == red")]);
    let e = single(&text);
    assert!(e.message.contains("bedoelt u 'colour'"), "{e}");
}

#[test]
fn enum_value_not_in_the_list() {
    let text = common::rules_file(&[common::rule("X", "colour in {red, purple}")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "purple", "when:"),
        "'purple' is geen waarde van 'colour'",
    );
}

#[test]
fn type_mismatch_number_against_value_and_bare_non_bool() {
    let text = common::rules_file(&[common::rule("X", "age == red")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "red", "when:"),
        "is een getal",
    );
    let text = common::rules_file(&[common::rule("Y", "all(a, colour)")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "colour", "when:"),
        "geen ja/nee-feit",
    );
    let text = common::rules_file(&[common::rule("Z", "has(colour, red)")]);
    assert!(single(&text).message.contains("geen verzameling"));
}

#[test]
fn duplicate_rule_id() {
    let text = common::rules_file(&[common::rule("X", "a"), common::rule("X", "b")]);
    let e = single(&text);
    let second = text.rfind("\"X\"").unwrap();
    let line = text[..second].matches('\n').count() + 1;
    assert_eq!(e.line, line);
    assert!(e.message.contains("komt twee keer voor"), "{e}");
}

#[test]
fn overlapping_validity_windows_of_one_id() {
    let v1 = common::rule("X", "a").replace("applies:", "valid_from: \"2024-01-01\", applies:");
    let v2 = common::rule("X", "b").replace("applies:", "valid_from: \"2025-01-01\", applies:");
    let e = single(&common::rules_file(&[v1.clone(), v2]));
    assert!(e.message.contains("overlappen"), "{e}");
    // adjacent windows are fine
    let v2 = common::rule("X", "b").replace("applies:", "valid_to: \"2023-12-31\", applies:");
    assert!(load(&common::source(&common::rules_file(&[v1, v2]))).is_ok());
}

#[test]
fn dangling_rule_reference() {
    let text = common::rules_file(&[common::rule("X", "any(a, rule(NOPE))")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "rule(NOPE)", "when:"),
        "rule(NOPE) verwijst naar een regel die niet bestaat",
    );
}

#[test]
fn cycle_between_rules() {
    let text = common::rules_file(&[
        common::rule("P", "rule(Q)"),
        common::rule("Q", "all(a, rule(R))"),
        common::rule("R", "not(rule(P))"),
    ]);
    let e = single(&text);
    assert!(e.message.contains("kringverwijzing"), "{e}");
    assert!(e.message.contains("P → Q → R → P"), "{e}");
    assert_eq!(e.line, 2);
}

#[test]
fn missing_source_and_empty_quote() {
    let no_source = common::rule("X", "a").replace(
        "source: [Source(document: \"d.txt\", section: \"§1\", quote: \"q\")]",
        "source: []",
    );
    let e = single(&common::rules_file(&[no_source]));
    assert!(e.message.contains("bron ontbreekt"), "{e}");
    let empty_quote = common::rule("Y", "a").replace("quote: \"q\"", "quote: \"\"");
    let e = single(&common::rules_file(&[empty_quote]));
    assert!(
        e.message.contains("zonder document, sectie of citaat"),
        "{e}"
    );
}

#[test]
fn test_cases_may_not_use_unknown_or_derived_facts_or_wrong_types() {
    let t = common::rule("X", "a").replace("facts: {}", "facts: {\"minor\": true}");
    assert!(
        single(&common::rules_file(&[t]))
            .message
            .contains("afgeleid feit")
    );
    let t = common::rule("X", "a").replace("facts: {}", "facts: {\"zz\": true}");
    assert!(
        single(&common::rules_file(&[t]))
            .message
            .contains("geen bekend feit")
    );
    let t = common::rule("X", "a").replace("facts: {}", "facts: {\"age\": \"oud\"}");
    assert!(
        single(&common::rules_file(&[t]))
            .message
            .contains("verwacht een getal")
    );
}

#[test]
fn unknown_parameter_and_syntax_error_inside_a_condition() {
    let text = common::rules_file(&[common::rule("X", "age < $volwassen")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "$volwassen", "when:"),
        "onbekende parameter",
    );
    let text = common::rules_file(&[common::rule("Y", "all(a b)")]);
    let e = single(&text);
    assert_error(
        &e,
        "config/rules/test.ron",
        pos_of(&text, "b)", "when:"),
        "',' of ')' verwacht",
    );
}

#[test]
fn all_errors_are_reported_at_once_across_files() {
    let text = common::rules_file(&[
        common::rule("X", "pregnnt"),
        common::rule("Y", "colour == purple"),
        common::rule("Z", "rule(NOPE)"),
    ]);
    let broken_facts =
        common::FACTS.replace("kind: bool, question: \"C?\"", "kind: bool, question: \"\"");
    let errors = match load(&common::source_with(&broken_facts, &text)) {
        Err(LoadErrors(e)) => e,
        Ok(_) => panic!("rejected"),
    };
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.file.ends_with("facts.ron") && e.message.contains("geen vraag"))
    );
    let rule_errors = errors
        .iter()
        .filter(|e| e.file.ends_with("test.ron"))
        .count();
    assert_eq!(rule_errors, 3);
}

#[test]
fn bad_fact_definitions() {
    let dup = common::FACTS.replace("Fact(name: \"b\",", "Fact(name: \"a\",");
    let errors = match load(&common::source_with(
        &dup,
        &common::rules_file(&[common::rule("X", "a")]),
    )) {
        Err(LoadErrors(e)) => e,
        Ok(_) => panic!("rejected"),
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("staat er twee keer in")),
        "{errors:#?}"
    );
    let bad_default = common::FACTS.replace("unknown_as: Some(false)", "unknown_as: Some(\"nee\")");
    let errors = match load(&common::source_with(
        &bad_default,
        &common::rules_file(&[common::rule("X", "a")]),
    )) {
        Err(LoadErrors(e)) => e,
        Ok(_) => panic!("rejected"),
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("unknown_as") && e.file.ends_with("facts.ron")),
        "{errors:#?}"
    );
}

#[test]
fn the_display_form_is_file_line_col_message() {
    let text = common::rules_file(&[common::rule("X", "pregnnt")]);
    let e = single(&text);
    let (line, col) = pos_of(&text, "pregnnt", "when:");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!(
            "config/rules/test.ron:{line}:{col}: regel X: when: onbekend feit 'pregnnt'"
        )),
        "{shown}"
    );
}
