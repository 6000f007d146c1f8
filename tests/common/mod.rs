#![allow(dead_code)]
//! Small in-memory configurations for engine tests.

use std::path::PathBuf;

use tafel::config::{ConfigFile, ConfigSource};

pub const FACTS: &str = r#"FactFile(
  facts: [
    Fact(name: "a", group: "2.1", kind: bool, question: "A?"),
    Fact(name: "b", group: "2.1", kind: bool, question: "B?"),
    Fact(name: "c", group: "2.1", kind: bool, question: "C?"),
    Fact(name: "safe", group: "2.5", kind: bool, question: "Veilig?", priority: safety),
    Fact(name: "gate", group: "2.1", kind: bool, question: "Poort?", priority: gatekeeping),
    Fact(name: "akkoord", group: "2.7", kind: bool, question: "Akkoord?", unknown_as: Some(false)),
    Fact(name: "age", group: "2.1", kind: number(unit: "jaar"), question: "Leeftijd?"),
    Fact(name: "colour", group: "2.1", kind: enum([("red", "rood"), ("green", "groen"), ("blue", "blauw")]), question: "Kleur?"),
    Fact(name: "kinds", group: "2.6", kind: set([("x", "iks"), ("y", "ij"), ("z", "zet")]), question: "Soorten?"),
    Fact(name: "ages", group: "2.1", kind: list(unit: "jaar"), question: "Leeftijden?"),
    Fact(name: "d1", group: "2.7", kind: date, question: "Datum 1?"),
    Fact(name: "d2", group: "2.7", kind: date, question: "Datum 2?"),
  ],
  derived: [
    Derived(name: "minor", kind: bool, when: "age < $adult", description: "jonger dan 18"),
  ],
)"#;

pub const PARAMS: &str = r#"Params([ Param(name: "adult", value: 18) ])"#;
pub const REGISTER: &str =
    r#"Register([ Entry(id: "C1", title: "t", text: "t", handling: judgement) ])"#;

/// A rule with the given id and condition, two trivial tests, and a source.
pub fn rule(id: &str, when: &str) -> String {
    format!(
        r#"Rule(id: "{id}", kind: warning, tables: [ALL], title: "{id}", when: "{when}", applies: "ja",
      source: [Source(document: "d.txt", section: "§1", quote: "q")],
      tests: [Test(name: "leeg", facts: {{}}, expect: unknown)]),"#
    )
}

pub fn rules_file(rules: &[String]) -> String {
    format!(
        "RuleFile(theme: \"test\", rules: [\n{}\n])",
        rules.join("\n")
    )
}

pub fn source(rules_text: &str) -> ConfigSource {
    source_with(FACTS, rules_text)
}

pub fn source_with(facts: &str, rules_text: &str) -> ConfigSource {
    let file = |p: &str, t: &str| ConfigFile {
        path: PathBuf::from(p),
        text: t.to_string(),
    };
    ConfigSource {
        files: vec![
            file("config/facts.ron", facts),
            file("config/params.ron", PARAMS),
            file("config/register.ron", REGISTER),
            file("config/rules/test.ron", rules_text),
        ],
    }
}
