//! The table checklists (RULES.md §4) as validated data: the shipped lists load against the
//! shipped rules, have exactly the items of RULES.md, quote their seeds verbatim, and every kind
//! of broken checklist file is reported with file, line and column.

use std::path::{Path, PathBuf};

use tafel::case::TableKind;
use tafel::checklist::{self, Checklist, ChecklistKind, ParticipantLevel};
use tafel::config::{ConfigFile, ConfigSource};
use tafel::facts::{CaseFacts, RawValue};
use tafel::rules::{LoadError, LoadErrors, RuleSet};

fn shipped() -> (RuleSet, Vec<Checklist>) {
    let source = ConfigSource::embedded();
    let rules = tafel::rules::load(&source).unwrap_or_else(|e| panic!("{e}"));
    let lists = checklist::load(&source, &rules).unwrap_or_else(|e| panic!("{e}"));
    (rules, lists)
}

fn by_id<'a>(lists: &'a [Checklist], id: &str) -> &'a Checklist {
    lists
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("checklist {id} ontbreekt"))
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i:02}")).collect()
}

#[test]
fn shipped_checklists_load_against_shipped_rules() {
    let (_, lists) = shipped();
    let mut names: Vec<&str> = lists.iter().map(|c| c.id.as_str()).collect();
    names.sort();
    assert_eq!(names, ["GZN", "ONZ-J", "ONZ-W", "RT", "UNO", "VT"]);
}

#[test]
fn the_repository_config_dir_loads_too() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    let source = ConfigSource::from_dir(&dir).unwrap();
    let rules = tafel::rules::load(&source).unwrap_or_else(|e| panic!("{e}"));
    let lists = checklist::load(&source, &rules).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lists.len(), 6);
}

#[test]
fn item_counts_and_ids_are_exactly_those_of_rules_md() {
    let (_, lists) = shipped();
    let item_ids = |c: &Checklist| c.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(item_ids(by_id(&lists, "GZN")), ids("GZN-", 20));
    assert_eq!(item_ids(by_id(&lists, "UNO")), ids("UNO-", 16));
    assert_eq!(item_ids(by_id(&lists, "VT")), ids("VT-", 13));
    assert_eq!(item_ids(by_id(&lists, "ONZ-W")), ids("ONZ-W", 20));
    assert_eq!(item_ids(by_id(&lists, "ONZ-J")), ids("ONZ-J", 7));
    assert_eq!(item_ids(by_id(&lists, "RT")), ids("RT-", 14));

    let vt = by_id(&lists, "VT");
    let list_ids = |c: &Checklist, l: &str| {
        c.list(l)
            .unwrap()
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        list_ids(vt, "A"),
        ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7"]
    );
    assert_eq!(list_ids(vt, "B"), ["B-a", "B-b", "B-c"]);
    let onz = by_id(&lists, "ONZ-W");
    assert_eq!(
        list_ids(onz, "C-BT"),
        ["C-BT-a", "C-BT-b", "C-BT-c", "C-BT-d", "C-BT-e", "C-BT-f"]
    );
    assert_eq!(
        list_ids(onz, "C-WMO"),
        [
            "C-WMO-a", "C-WMO-b", "C-WMO-c", "C-WMO-d", "C-WMO-e", "C-WMO-f", "C-WMO-g", "C-WMO-h"
        ]
    );
    let total: usize = lists.iter().map(|c| c.all_items().count()).sum();
    assert_eq!(total, 20 + 16 + 13 + 7 + 3 + 20 + 6 + 8 + 7 + 14);
}

#[test]
fn every_item_has_text_rules_and_a_quoted_source() {
    let (rules, lists) = shipped();
    for c in &lists {
        for item in c.all_items() {
            assert!(!item.text.trim().is_empty(), "{}", item.id);
            assert!(!item.rules.is_empty(), "{} drijft geen regel", item.id);
            assert!(
                item.rules.iter().all(|r| rules.key_of.contains_key(r)),
                "{}",
                item.id
            );
            assert!(
                !item.sources.is_empty() && item.sources.iter().all(|s| !s.quote.trim().is_empty()),
                "{}",
                item.id
            );
            assert!(
                !item.text.contains("**"),
                "{}: geen Markdown in teksten",
                item.id
            );
        }
    }
}

#[test]
fn wildcards_of_rules_md_are_expanded() {
    let (rules, lists) = shipped();
    let item = |c: &str, i: &str| by_id(&lists, c).item(i).unwrap().rules.clone();
    let all_with = |prefix: &str| {
        rules
            .ids
            .iter()
            .filter(|id| id.starts_with(prefix))
            .cloned()
            .collect::<Vec<_>>()
    };
    for (c, i, prefix) in [
        ("GZN", "GZN-06", "ROUTE-1000D-"),
        ("GZN", "GZN-12", "LAW-"),
        ("UNO", "UNO-07", "ROUTE-MINOR-PARENT-"),
        ("UNO", "UNO-07", "ROUTE-ADULT-PARENT-"),
        ("UNO", "UNO-12", "MO-"),
        ("VT", "VT-07", "MO-"),
        ("ONZ-W", "ONZ-W17", "PGB-"),
        ("ONZ-W", "ONZ-W20", "EIGEN-BIJDRAGE-"),
    ] {
        let got = item(c, i);
        for id in all_with(prefix) {
            assert!(got.contains(&id), "{i} mist {id} ({prefix}*)");
        }
    }
    for (c, i) in [("UNO", "UNO-12"), ("VT", "VT-07"), ("ONZ-W", "ONZ-W14")] {
        let got = item(c, i);
        for id in ["BT-ELEMENTS", "BV-ELEMENTS", "BWB-ELEMENTS"] {
            assert!(got.iter().any(|r| r == id), "{i} mist {id}");
        }
    }
}

#[test]
fn main_checklists_per_table_and_secondary_lists() {
    let (_, lists) = shipped();
    let main = |t| checklist::main_checklist(&lists, t).map(|c| c.id.as_str());
    assert_eq!(main(TableKind::Geboortezorgnetwerk), Some("GZN"));
    assert_eq!(main(TableKind::Uno), Some("UNO"));
    assert_eq!(main(TableKind::Veldtafel), Some("VT"));
    let mut secondary: Vec<&str> = checklist::secondary_checklists(&lists)
        .map(|c| c.id.as_str())
        .collect();
    secondary.sort();
    assert_eq!(secondary, ["ONZ-J", "ONZ-W", "RT"]);
    for id in ["ONZ-J", "ONZ-W", "RT"] {
        let c = by_id(&lists, id);
        assert_eq!(c.kind, ChecklistKind::Secondary);
        assert!(c.tables.is_empty());
    }
    assert!(by_id(&lists, "ONZ-W").order_inferred);
}

#[test]
fn participants_as_in_rules_md() {
    let (_, lists) = shipped();
    let count = |c: &str, level| {
        by_id(&lists, c)
            .participants
            .iter()
            .filter(|p| p.level == level)
            .count()
    };
    assert_eq!(count("GZN", ParticipantLevel::Chair), 1);
    assert_eq!(count("GZN", ParticipantLevel::Required), 4);
    assert_eq!(count("GZN", ParticipantLevel::Usual), 2);
    assert_eq!(count("GZN", ParticipantLevel::Sometimes), 1);
    assert_eq!(count("VT", ParticipantLevel::Required), 5);
    assert_eq!(count("VT", ParticipantLevel::Inferred), 3);
    let uno = by_id(&lists, "UNO");
    assert!(
        uno.participants.is_empty(),
        "UNO: deelnemers staan niet in de bronnen"
    );
    assert!(
        uno.notes
            .iter()
            .any(|n| n.register.contains(&"B1".to_string()))
    );
    assert!(
        uno.notes
            .iter()
            .any(|n| n.text.contains("aanmeldformulier") && !n.sources.is_empty())
    );
}

#[test]
fn every_quote_occurs_in_its_seed() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("{} ontbreekt: citaten niet gecontroleerd", seeds.display());
        return;
    }
    let (_, lists) = shipped();
    let problems = checklist::check_quotes(&lists, &seeds);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn check_quotes_reports_a_quote_that_is_not_in_the_seed() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        return;
    }
    let (_, mut lists) = shipped();
    let gzn = lists.iter_mut().find(|c| c.id == "GZN").unwrap();
    gzn.items[0].sources[0].quote = "Dit staat nergens in het document.".into();
    gzn.items[1].sources[0].document = "bestaat-niet.txt".into();
    let problems = checklist::check_quotes(&lists, &seeds);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].item, "GZN-01");
    assert!(problems[0].message.contains("niet (letterlijk)"));
    assert_eq!(problems[1].item, "GZN-02");
    assert_eq!(problems[1].message, "document niet gevonden");
}

#[test]
fn items_tick_automatically_when_all_their_facts_are_known() {
    let (rules, lists) = shipped();
    let vocab = &rules.vocabulary;
    let gzn = by_id(&lists, "GZN");
    let mut facts = CaseFacts::new(vocab);
    let set = |facts: &mut CaseFacts, name: &str, raw: RawValue| {
        let id = vocab.id(name).unwrap();
        facts.set(id, Some(vocab.typed(id, &raw).unwrap()));
    };
    let age = gzn.item("GZN-05").unwrap();
    let scope = gzn.item("GZN-03").unwrap();
    let no_facts = gzn.item("GZN-01").unwrap();
    assert!(!checklist::auto_ticked(age, &facts, vocab));
    set(&mut facts, "parent_age_years", RawValue::Number(17.0));
    assert!(checklist::auto_ticked(age, &facts, vocab));
    // GZN-03 needs both `pregnant` and `child_born`
    set(&mut facts, "pregnant", RawValue::Bool(true));
    assert!(!checklist::auto_ticked(scope, &facts, vocab));
    set(&mut facts, "child_born", RawValue::Bool(false));
    assert!(checklist::auto_ticked(scope, &facts, vocab));
    // an item without facts is never ticked automatically
    assert!(no_facts.facts.is_empty());
    assert!(!checklist::auto_ticked(no_facts, &facts, vocab));
}

// --- broken files ------------------------------------------------------------------------------

const GOOD_ITEM: &str = r#"Item(id: "T-01", text: "Tekst.", rules: ["VELDTAFEL"],
      source: [Source(document: "d.txt", section: "§1", quote: "citaat")])"#;

/// The embedded configuration without its checklists, plus the given checklist files.
fn source_with(files: &[(&str, &str)]) -> ConfigSource {
    let mut source = ConfigSource::embedded();
    source
        .files
        .retain(|f| !f.path.parent().is_some_and(|p| p.ends_with("checklists")));
    for (name, text) in files {
        source.files.push(ConfigFile {
            path: PathBuf::from(format!("config/checklists/{name}")),
            text: text.to_string(),
        });
    }
    source
}

fn checklist_text(id: &str, kind: &str, tables: &str, items: &[&str]) -> String {
    format!(
        "Checklist(\n  id: \"{id}\",\n  title: \"Test\",\n  kind: {kind},\n  tables: [{tables}],\n  items: [\n    {},\n  ],\n)\n",
        items.join(",\n    ")
    )
}

fn errors_for(files: &[(&str, &str)]) -> Vec<LoadError> {
    let source = source_with(files);
    let rules = tafel::rules::load(&source).unwrap_or_else(|e| panic!("{e}"));
    match checklist::load(&source, &rules) {
        Ok(_) => panic!("de checklist had afgekeurd moeten worden"),
        Err(LoadErrors(errors)) => errors,
    }
}

fn single(files: &[(&str, &str)]) -> LoadError {
    let errors = errors_for(files);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

/// (line, col), 1-based, of the first `needle` at or after the first `after` in `text`.
fn pos_of(text: &str, needle: &str, after: &str) -> (usize, usize) {
    let start = text.find(after).expect("anchor in text");
    let at = start + text[start..].find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = text[before.rfind('\n').map_or(0, |i| i + 1)..at]
        .chars()
        .count()
        + 1;
    (line, col)
}

fn assert_error(e: &LoadError, file: &str, at: (usize, usize), contains: &str) {
    assert_eq!(
        e.file.to_string_lossy(),
        format!("config/checklists/{file}"),
        "{e}"
    );
    assert_eq!((e.line, e.col), at, "{e}");
    assert!(
        e.message.contains(contains),
        "melding {:?} zou {contains:?} moeten bevatten",
        e.message
    );
}

#[test]
fn a_good_test_checklist_loads() {
    let text = checklist_text("T", "main", "veldtafel", &[GOOD_ITEM]);
    let source = source_with(&[("test.ron", &text)]);
    let rules = tafel::rules::load(&source).unwrap();
    let lists = checklist::load(&source, &rules).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lists[0].items[0].id, "T-01");
}

#[test]
fn ron_syntax_error_names_line_and_column() {
    let text = "Checklist(\n  id: \"T\",\n  title: \"Test\"\n  kind: main,\n)\n";
    let e = single(&[("test.ron", text)]);
    assert_eq!(e.file.to_string_lossy(), "config/checklists/test.ron");
    assert_eq!((e.line, e.col), (4, 3), "{e}");
    assert!(e.message.starts_with("RON:"), "{e}");
}

#[test]
fn unknown_field_is_a_ron_error_with_position() {
    let item = GOOD_ITEM.replace("text:", "tekst: \"x\", text:");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_eq!(e.line, pos_of(&text, "tekst", "Item(").0, "{e}");
    assert!(
        e.message.starts_with("RON:") && e.message.contains("tekst"),
        "{e}"
    );
}

#[test]
fn no_checklist_files_is_an_error() {
    let e = single(&[]);
    assert_eq!(e.file.to_string_lossy(), "config/checklists/*.ron");
    assert!(e.message.contains("geen enkele checklist"), "{e}");
}

#[test]
fn duplicate_checklist_id_across_files() {
    let a = checklist_text("T", "main", "veldtafel", &[GOOD_ITEM]);
    let b = checklist_text("T", "secondary", "", &[&GOOD_ITEM.replace("T-01", "T-02")]);
    let e = single(&[("a.ron", &a), ("b.ron", &b)]);
    assert_error(
        &e,
        "b.ron",
        pos_of(&b, "\"T\"", "id:"),
        "checklist-id 'T' bestaat al (eerder in config/checklists/a.ron:2:7)",
    );
}

#[test]
fn duplicate_item_id_across_checklists() {
    let a = checklist_text("T", "main", "veldtafel", &[GOOD_ITEM]);
    let b = checklist_text("U", "secondary", "", &[GOOD_ITEM]);
    let e = single(&[("a.ron", &a), ("b.ron", &b)]);
    let (l, c) = pos_of(&a, "\"T-01\"", "Item(");
    assert_error(
        &e,
        "b.ron",
        pos_of(&b, "\"T-01\"", "Item("),
        &format!("item-id 'T-01' bestaat al (eerder in config/checklists/a.ron:{l}:{c})"),
    );
}

#[test]
fn duplicate_item_id_in_a_sub_list() {
    let list = format!(
        "  lists: [List(id: \"L\", title: \"Lijst\", items: [\n    {GOOD_ITEM},\n  ])],\n)\n"
    );
    let text = checklist_text("T", "main", "veldtafel", &[GOOD_ITEM])
        .trim_end()
        .trim_end_matches(')')
        .to_string()
        + &list;
    let e = single(&[("test.ron", &text)]);
    let second = text.rfind("\"T-01\"").unwrap();
    let line = text[..second].matches('\n').count() + 1;
    let col = second - text[..second].rfind('\n').unwrap();
    assert_error(&e, "test.ron", (line, col), "item-id 'T-01' bestaat al");
}

#[test]
fn unknown_rule_points_at_the_id_and_suggests_a_close_one() {
    let item = GOOD_ITEM.replace("\"VELDTAFEL\"", "\"VELDTAFEL-DEELNEMER\"");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"VELDTAFEL-DEELNEMER\"", "rules:"),
        "item 'T-01': onbekende regel 'VELDTAFEL-DEELNEMER' (bedoelt u 'VELDTAFEL-DEELNEMERS'?)",
    );
    // far from every rule id: no suggestion
    let item = GOOD_ITEM.replace("\"VELDTAFEL\"", "\"GEEN-SUGGESTIE-HIERVOOR\"");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert!(
        e.message
            .ends_with("onbekende regel 'GEEN-SUGGESTIE-HIERVOOR'"),
        "{e}"
    );
}

#[test]
fn unknown_fact_points_at_the_name_and_suggests_a_close_one() {
    let item = GOOD_ITEM.replace("rules:", "facts: [\"parent_age_year\"], rules:");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"parent_age_year\"", "facts:"),
        "item 'T-01': onbekend feit 'parent_age_year' (bedoelt u 'parent_age_years'?)",
    );
}

#[test]
fn derived_fact_is_not_an_auto_tick_fact() {
    let item = GOOD_ITEM.replace("rules:", "facts: [\"parent_is_minor\"], rules:");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"parent_is_minor\"", "facts:"),
        "'parent_is_minor' is een afgeleid feit",
    );
}

#[test]
fn empty_text_points_at_the_text_field() {
    let item = GOOD_ITEM.replace("\"Tekst.\"", "\"  \"");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "text:", "Item("),
        "item 'T-01' heeft geen tekst",
    );
}

#[test]
fn missing_source_points_at_the_item_or_the_empty_list() {
    let item = r#"Item(id: "T-01", text: "Tekst.", rules: ["VELDTAFEL"])"#;
    let text = checklist_text("T", "main", "veldtafel", &[item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"T-01\"", "Item("),
        "item 'T-01' heeft geen bron",
    );

    let item = r#"Item(id: "T-01", text: "Tekst.", rules: ["VELDTAFEL"], source: [])"#;
    let text = checklist_text("T", "main", "veldtafel", &[item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "source:", "Item("),
        "item 'T-01' heeft geen bron",
    );
}

#[test]
fn empty_quote_points_at_that_quote() {
    let item = r#"Item(id: "T-01", text: "Tekst.", rules: ["VELDTAFEL"],
      source: [Source(document: "d.txt", section: "§1", quote: "goed"),
               Source(document: "d.txt", section: "§2", quote: "")])"#;
    let text = checklist_text("T", "main", "veldtafel", &[item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "quote: \"\"", "§2"),
        "item 'T-01': bron zonder citaat",
    );
}

#[test]
fn participant_without_source() {
    let text = checklist_text("T", "main", "veldtafel", &[GOOD_ITEM]).replace(
        "  items:",
        "  participants: [\n    Participant(label: \"Huisarts\", level: required),\n  ],\n  items:",
    );
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"Huisarts\"", "label:"),
        "deelnemer 'Huisarts' heeft geen bron",
    );
}

#[test]
fn unknown_register_entry() {
    let item = GOOD_ITEM.replace("rules:", "register: [\"Z9\"], rules:");
    let text = checklist_text("T", "main", "veldtafel", &[&item]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "\"Z9\"", "register:"),
        "onbekend registerpunt 'Z9'",
    );
}

#[test]
fn kind_and_tables_must_agree() {
    let text = checklist_text("T", "main", "", &[GOOD_ITEM]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "kind:", "title:"),
        "hoofdchecklist 'T' noemt geen tafel",
    );

    let text = checklist_text("T", "secondary", "uno", &[GOOD_ITEM]);
    let e = single(&[("test.ron", &text)]);
    assert_error(
        &e,
        "test.ron",
        pos_of(&text, "tables:", "kind:"),
        "gebruik tables: []",
    );

    let a = checklist_text("T", "main", "uno", &[GOOD_ITEM]);
    let b = checklist_text("U", "main", "uno", &[&GOOD_ITEM.replace("T-01", "T-02")]);
    let e = single(&[("a.ron", &a), ("b.ron", &b)]);
    assert_error(
        &e,
        "b.ron",
        pos_of(&b, "tables:", "kind:"),
        "tafel 'UNO' heeft al hoofdchecklist 'T'",
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let bad_rule = GOOD_ITEM
        .replace("\"VELDTAFEL\"", "\"VELDTAFL\"")
        .replace("T-01", "T-02");
    let no_text = GOOD_ITEM
        .replace("\"Tekst.\"", "\"\"")
        .replace("T-01", "T-03");
    let text = checklist_text(
        "T",
        "main",
        "veldtafel",
        &[GOOD_ITEM, &bad_rule, &no_text, GOOD_ITEM],
    );
    let broken = "Checklist(id: \"X\",";
    let errors = errors_for(&[("a.ron", &text), ("b.ron", broken)]);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("config/checklists/b.ron:") && m.contains("RON:")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("onbekende regel 'VELDTAFL' (bedoelt u 'VELDTAFEL'?)")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("item 'T-03' heeft geen tekst")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("item-id 'T-01' bestaat al")),
        "{messages:#?}"
    );
}
