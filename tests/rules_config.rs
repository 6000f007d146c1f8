//! One test per rule of the shipped configuration, running the rule's own test cases from
//! config/rules/*.ron through the same code as `tafel check`; plus whole-configuration checks:
//! every RULES.md rule id is present, and every quote occurs in its source document.

use std::collections::BTreeSet;
use std::path::Path;

use libtest_mimic::{Arguments, Failed, Trial};
use tafel::config::ConfigSource;
use tafel::rules::{RuleSet, load, testing};

fn shipped() -> RuleSet {
    load(&ConfigSource::embedded()).unwrap_or_else(|e| panic!("{e}"))
}

fn shared(relative: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(relative);
    p.exists().then_some(p)
}

/// Rule ids in RULES.md: `#### ID` headings and the ids in the §3.12 table.
fn catalogue_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut in_rules = false;
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("### ") {
            in_table = line.starts_with("### 3.12");
        }
        if line.starts_with("## 3.") || line.starts_with("## 3 ") || line == "## 3. Rules" {
            in_rules = true;
        }
        if line.starts_with("## 4.") {
            in_rules = false;
        }
        if !in_rules {
            continue;
        }
        if let Some(id) = line.strip_prefix("#### ") {
            ids.insert(id.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("| ") {
            let id = rest.split(" |").next().unwrap_or("").trim();
            let looks_like_id = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            if in_table && looks_like_id && id != "ID" {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

fn main() {
    let args = Arguments::from_args();
    let set = shipped();
    let report = testing::run_rule_tests(&set);
    let mut trials = Vec::new();
    for id in &set.ids {
        let failures: Vec<String> = report
            .failures
            .iter()
            .filter(|f| &f.rule == id)
            .map(|f| format!("{} [{}]: {}", f.test, f.file, f.message))
            .collect();
        let too_few = report.too_few.contains(id);
        let tests = report.coverage.get(id).map_or(0, |c| c.tests);
        trials.push(Trial::test(format!("rule::{id}"), move || {
            if tests < 2 {
                return Err(Failed::from(format!(
                    "only {tests} test case(s); at least two are required"
                )));
            }
            if too_few {
                return Err(Failed::from("no test case leaves a deciding fact unknown"));
            }
            if failures.is_empty() {
                Ok(())
            } else {
                Err(Failed::from(failures.join("\n")))
            }
        }));
    }
    let ids: BTreeSet<String> = set.ids.iter().cloned().collect();
    trials.push(Trial::test("config::has_169_rules", move || {
        if ids.len() == 169 {
            Ok(())
        } else {
            Err(format!("{} rule ids", ids.len()).into())
        }
    }));
    if let Some(path) = shared("domain/RULES.md") {
        let config_ids: BTreeSet<String> = set.ids.iter().cloned().collect();
        trials.push(Trial::test("config::ids_match_rules_md", move || {
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            let catalogue = catalogue_ids(&text);
            let missing: Vec<_> = catalogue.difference(&config_ids).collect();
            let extra: Vec<_> = config_ids.difference(&catalogue).collect();
            if missing.is_empty() && extra.is_empty() {
                Ok(())
            } else {
                Err(format!("missing in config: {missing:?}; not in RULES.md: {extra:?}").into())
            }
        }));
    }
    if let Some(seeds) = shared("seeds") {
        let set = shipped();
        trials.push(Trial::test("config::quotes_occur_in_seeds", move || {
            let problems = testing::check_quotes(&set, &seeds);
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems
                    .iter()
                    .map(|p| format!("{} {}: «{}»", p.rule, p.document, p.quote))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into())
            }
        }));
        trials.push(Trial::test("cli::check_with_sources_passes", move || {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_tafel"))
                .args(["check", "--sources"])
                .arg(shared("seeds").unwrap())
                .output()
                .map_err(|e| e.to_string())?;
            let stdout = String::from_utf8_lossy(&out.stdout);
            if out.status.success()
                && stdout.contains("Alles in orde")
                && stdout.contains("169 regels")
            {
                Ok(())
            } else {
                Err(format!(
                    "exit {:?}\n{stdout}\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                )
                .into())
            }
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
