//! Loads and validates the whole configuration, reporting every error at once with file, line
//! and column. The program refuses to run on a broken rule set.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{ConfigFile, ConfigSource};
use crate::facts::schema::{DerivedSpec, FactFile, KindSpec, PrioritySpec};
use crate::facts::{FactDef, FactId, FactKind, Priority, RawValue, Value, Vocabulary};

use super::dsl;
use super::expr::{self, CompileError, FactRef, Node, Ref, RuleKey, Scope};
use super::model::*;
use super::schema::{self, AdviceSpec, ParamsFile, RegisterFile, RuleFile, RuleSpec};

#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "De configuratie bevat {} fout(en):", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// A file's text with helpers to turn byte offsets and names into line:column positions.
pub struct Located<'a> {
    pub file: &'a ConfigFile,
    /// `key_field` → its index (see `index`), built on first use.
    indexes: std::cell::RefCell<HashMap<String, HashMap<String, Vec<usize>>>>,
}

impl<'a> Located<'a> {
    pub fn new(file: &'a ConfigFile) -> Self {
        Located {
            file,
            indexes: Default::default(),
        }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let text = &self.file.text;
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..offset].chars().count() + 1)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> LoadError {
        let (line, col) = self.position(offset);
        LoadError {
            file: self.file.path.clone(),
            line,
            col,
            message: message.into(),
        }
    }

    /// Offsets of `id: "ID"` in the file, in order (one per version of the rule). The file is
    /// indexed once per key field, so that asking for every rule stays linear.
    pub fn id_offsets(&self, key_field: &str, id: &str) -> Vec<usize> {
        let mut indexes = self.indexes.borrow_mut();
        let index = indexes
            .entry(key_field.to_string())
            .or_insert_with(|| self.index(key_field).0);
        index.get(id).cloned().unwrap_or_default()
    }

    /// The text region of the item that starts at `start`: up to the next `id:` or the end.
    pub fn region(&self, start: usize, key_field: &str) -> (usize, usize) {
        let text = &self.file.text;
        let probe = format!("{key_field}:");
        let mut from = start + 1;
        while let Some(i) = text[from.min(text.len())..].find(&probe) {
            let at = from + i;
            let prev = text[..at].chars().next_back();
            if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return (start, at);
            }
            from = at + probe.len();
        }
        (start, text.len())
    }

    /// Every `key_field: "VALUE"` in the file in one pass: value → offsets of its opening quote,
    /// and all those offsets in order (the starts of the items, for `region`).
    pub fn index(&self, key_field: &str) -> (HashMap<String, Vec<usize>>, Vec<usize>) {
        let text = &self.file.text;
        let probe = format!("{key_field}:");
        let mut by_value: HashMap<String, Vec<usize>> = HashMap::new();
        let mut starts = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find(&probe) {
            let at = from + i;
            from = at + probe.len();
            let prev = text[..at].chars().next_back();
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[from..];
            let quote = from + (rest.len() - rest.trim_start().len());
            if !text[quote..].starts_with('"') {
                continue;
            }
            if let Some(end) = text[quote + 1..].find('"') {
                let value = &text[quote + 1..quote + 1 + end];
                by_value.entry(value.to_string()).or_default().push(quote);
                starts.push(quote);
            }
        }
        (by_value, starts)
    }

    pub fn find_in(&self, region: (usize, usize), needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        self.file.text[region.0..region.1]
            .find(needle)
            .map(|i| region.0 + i)
    }
}

fn ron_error(file: &ConfigFile, e: &ron::error::SpannedError) -> LoadError {
    // RON's own message for these two ("Expected opening `(`") hides the real cause
    let message = if file.text.starts_with('\u{feff}') {
        "het bestand begint met een BOM (U+FEFF); sla het op als UTF-8 zonder BOM".to_string()
    } else if file.text.trim().is_empty() {
        "het bestand is leeg".to_string()
    } else {
        format!("RON: {}", e.code)
    };
    LoadError {
        file: file.path.clone(),
        line: e.span.start.line,
        col: e.span.start.col,
        message,
    }
}

/// The deepest nesting of brackets a condition may have. Deeper text is refused before it is
/// parsed: the parser, compiler and evaluator are recursive and would run out of stack.
pub const MAX_CONDITION_NESTING: usize = 64;

/// Parses a condition, refusing absurdly deep nesting first.
fn parse_condition(text: &str) -> Result<dsl::SynNode, dsl::ParseError> {
    let mut depth = 0usize;
    for (offset, c) in text.char_indices() {
        match c {
            '(' | '{' => {
                depth += 1;
                if depth > MAX_CONDITION_NESTING {
                    return Err(dsl::ParseError {
                        offset,
                        message: format!(
                            "de voorwaarde is te diep genest (meer dan {MAX_CONDITION_NESTING} haakjes)"
                        ),
                    });
                }
            }
            ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    dsl::parse(text)
}

fn kind_from_spec(spec: &KindSpec) -> FactKind {
    match spec {
        KindSpec::Bool => FactKind::Bool,
        KindSpec::Enum(values) => FactKind::Enum(values.clone()),
        KindSpec::Number { unit } => FactKind::Number { unit: unit.clone() },
        KindSpec::Set(values) => FactKind::Set(values.clone()),
        KindSpec::List { unit } => FactKind::List { unit: unit.clone() },
        KindSpec::Date => FactKind::Date,
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Loads, validates and compiles the configuration.
pub fn load(source: &ConfigSource) -> Result<RuleSet, LoadErrors> {
    let mut errors = Vec::new();
    let missing = |name: &str| LoadError {
        file: PathBuf::from(format!("config/{name}")),
        line: 1,
        col: 1,
        message: "bestand ontbreekt".into(),
    };

    // --- facts ---------------------------------------------------------------------------
    let Some(facts_file) = source.file("facts.ron") else {
        return Err(LoadErrors(vec![missing("facts.ron")]));
    };
    let fact_file: FactFile = match crate::config::ron_options().from_str(&facts_file.text) {
        Ok(f) => f,
        Err(e) => {
            errors.push(ron_error(facts_file, &e));
            FactFile {
                facts: Vec::new(),
                derived: Vec::new(),
            }
        }
    };
    let facts_at = Located::new(facts_file);
    let mut defs = Vec::new();
    let mut seen = HashSet::new();
    for spec in &fact_file.facts {
        let at = facts_at
            .id_offsets("name", &spec.name)
            .first()
            .copied()
            .unwrap_or(0);
        if !seen.insert(spec.name.clone()) {
            errors.push(facts_at.error(at, format!("feit '{}' staat er twee keer in", spec.name)));
            continue;
        }
        let kind = kind_from_spec(&spec.kind);
        if let FactKind::Enum(values) | FactKind::Set(values) = &kind {
            if matches!(kind, FactKind::Enum(_)) && values.is_empty() {
                errors.push(
                    facts_at.error(at, format!("keuzefeit '{}' heeft geen waarden", spec.name)),
                );
            }
            if values.len() > 64 {
                errors
                    .push(facts_at.error(at, format!("'{}' heeft meer dan 64 waarden", spec.name)));
            }
            let mut names = HashSet::new();
            for (v, _) in values {
                if !names.insert(v) {
                    errors.push(facts_at.error(
                        at,
                        format!("waarde '{v}' staat twee keer bij '{}'", spec.name),
                    ));
                }
            }
        }
        if spec.question.trim().is_empty() {
            errors.push(facts_at.error(at, format!("feit '{}' heeft geen vraag", spec.name)));
        }
        defs.push(FactDef {
            name: spec.name.clone(),
            group: spec.group.clone(),
            kind,
            question: spec.question.clone(),
            help: spec.help.clone(),
            priority: match spec.priority {
                PrioritySpec::Safety => Priority::Safety,
                PrioritySpec::Gatekeeping => Priority::Gatekeeping,
                PrioritySpec::Normal => Priority::Normal,
            },
            unknown_as: None,
        });
    }
    let mut vocabulary = Vocabulary::new(defs);
    for spec in &fact_file.facts {
        if let (Some(raw), Some(id)) = (&spec.unknown_as, vocabulary.id(&spec.name)) {
            match vocabulary.typed(id, raw) {
                Ok(v) => vocabulary.facts[id as usize].unknown_as = Some(v),
                Err(e) => {
                    let at = facts_at
                        .id_offsets("name", &spec.name)
                        .first()
                        .copied()
                        .unwrap_or(0);
                    let (s, _) = facts_at.region(at, "name");
                    let off = facts_at
                        .find_in((s, facts_at.region(at, "name").1), "unknown_as")
                        .unwrap_or(at);
                    errors.push(facts_at.error(off, format!("unknown_as: {e}")));
                }
            }
        }
    }

    // --- params and register -----------------------------------------------------------------
    let mut params = Vec::new();
    let mut param_values: HashMap<String, RawValue> = HashMap::new();
    match source.file("params.ron") {
        None => errors.push(missing("params.ron")),
        Some(file) => match crate::config::ron_options().from_str::<ParamsFile>(&file.text) {
            Err(e) => errors.push(ron_error(file, &e)),
            Ok(ParamsFile(specs)) => {
                let at = Located::new(file);
                for p in specs {
                    let off = at.id_offsets("name", &p.name).first().copied().unwrap_or(0);
                    if !matches!(p.value, RawValue::Number(_) | RawValue::Bool(_)) {
                        errors.push(at.error(
                            off,
                            format!("parameter '{}' moet een getal of true/false zijn", p.name),
                        ));
                    } else if matches!(p.value, RawValue::Number(n) if !n.is_finite()) {
                        errors.push(at.error(
                            off,
                            format!("parameter '{}' is geen eindig getal (te groot?)", p.name),
                        ));
                    }
                    if param_values
                        .insert(p.name.clone(), p.value.clone())
                        .is_some()
                    {
                        errors.push(
                            at.error(off, format!("parameter '{}' staat er twee keer in", p.name)),
                        );
                    }
                    params.push(Param {
                        name: p.name,
                        value: p.value,
                        register: p.register,
                        description: p.description,
                    });
                }
            }
        },
    }
    let mut register = Vec::new();
    let register_file = source.file("register.ron");
    match register_file {
        None => errors.push(missing("register.ron")),
        Some(file) => match crate::config::ron_options().from_str::<RegisterFile>(&file.text) {
            Err(e) => errors.push(ron_error(file, &e)),
            Ok(RegisterFile(entries)) => {
                let at = Located::new(file);
                let mut ids = HashSet::new();
                for e in entries {
                    if !ids.insert(e.id.clone()) {
                        let off = at.id_offsets("id", &e.id).get(1).copied().unwrap_or(0);
                        errors.push(at.error(
                            off,
                            format!("registerpunt '{}' staat er twee keer in", e.id),
                        ));
                    }
                    for p in &e.params {
                        if !param_values.contains_key(p) {
                            let off = at.id_offsets("id", &e.id).first().copied().unwrap_or(0);
                            errors.push(at.error(
                                off,
                                format!("registerpunt '{}' noemt onbekende parameter '{p}'", e.id),
                            ));
                        }
                    }
                    register.push(RegisterEntry {
                        id: e.id,
                        title: e.title,
                        text: e.text,
                        handling: e.handling,
                        rules: e.rules,
                        params: e.params,
                        escalation: e.escalation,
                    });
                }
            }
        },
    }
    let register_ids: HashSet<&str> = register.iter().map(|e| e.id.as_str()).collect();

    // --- derived facts -------------------------------------------------------------------------
    let derived_kinds: Vec<(String, FactKind)> = fact_file
        .derived
        .iter()
        .map(|d| (d.name.clone(), kind_from_spec(&d.kind)))
        .collect();
    let no_rules = HashMap::new();
    let mut derived = Vec::new();
    for spec in &fact_file.derived {
        let at = facts_at
            .id_offsets("name", &spec.name)
            .first()
            .copied()
            .unwrap_or(0);
        if vocabulary.id(&spec.name).is_some() {
            errors.push(facts_at.error(
                at,
                format!("afgeleid feit '{}' bestaat al als invoerfeit", spec.name),
            ));
            continue;
        }
        let scope = Scope {
            vocabulary: &vocabulary,
            derived: &derived_kinds,
            params: &param_values,
            rule_keys: &no_rules,
            allow_rules: false,
        };
        match derived_rule(spec, &scope) {
            Ok(rule) => derived.push(DerivedFact {
                name: spec.name.clone(),
                kind: kind_from_spec(&spec.kind),
                rule,
                description: spec.description.clone(),
                inputs: Vec::new(),
            }),
            Err(e) => {
                let off = spec
                    .when
                    .as_deref()
                    .and_then(|w| facts_at.find_in(facts_at.region(at, "name"), w))
                    .map_or(at, |o| o + e.offset);
                errors.push(
                    facts_at.error(off, format!("afgeleid feit '{}': {}", spec.name, e.message)),
                );
            }
        }
    }
    if derived.len() == fact_file.derived.len() {
        if let Err(message) = resolve_derived_inputs(&mut derived, &vocabulary) {
            errors.push(facts_at.error(0, message));
        }
    } else {
        derived.clear();
    }

    // --- rules -------------------------------------------------------------------------------
    let mut parsed: Vec<(&ConfigFile, RuleFile)> = Vec::new();
    for file in source.in_subdir("rules") {
        match crate::config::ron_options().from_str::<RuleFile>(&file.text) {
            Ok(rf) => parsed.push((file, rf)),
            Err(e) => errors.push(ron_error(file, &e)),
        }
    }
    if parsed.is_empty() && errors.is_empty() {
        errors.push(missing("rules/*.ron"));
    }
    let mut key_of: HashMap<String, RuleKey> = HashMap::new();
    let mut ids = Vec::new();
    for (_, rf) in &parsed {
        for r in &rf.rules {
            if !key_of.contains_key(&r.id) {
                key_of.insert(r.id.clone(), ids.len() as RuleKey);
                ids.push(r.id.clone());
            }
        }
    }
    let derived_scope_kinds: Vec<(String, FactKind)> = derived
        .iter()
        .map(|d| (d.name.clone(), d.kind.clone()))
        .collect();
    let scope = Scope {
        vocabulary: &vocabulary,
        derived: &derived_scope_kinds,
        params: &param_values,
        rule_keys: &key_of,
        allow_rules: true,
    };
    let mut ask_when: Vec<Option<Condition>> = vec![None; vocabulary.len()];
    for spec in &fact_file.facts {
        let (Some(text), Some(id)) = (&spec.ask_when, vocabulary.id(&spec.name)) else {
            continue;
        };
        let at = facts_at
            .id_offsets("name", &spec.name)
            .first()
            .copied()
            .unwrap_or(0);
        let fact_scope = Scope {
            allow_rules: false,
            ..scope
        };
        let compiled = parse_condition(text)
            .map_err(|e| CompileError {
                offset: e.offset,
                message: e.message,
            })
            .and_then(|syn| expr::compile(&syn, &fact_scope));
        match compiled {
            Ok(node) => {
                ask_when[id as usize] = Some(Condition {
                    node,
                    text: text.clone(),
                })
            }
            Err(e) => {
                let off = facts_at
                    .find_in(facts_at.region(at, "name"), text)
                    .map_or(at, |o| o + e.offset);
                errors.push(facts_at.error(
                    off,
                    format!("feit '{}': ask_when: {}", spec.name, e.message),
                ));
            }
        }
    }
    let mut rules = Vec::new();
    let mut occurrence: HashMap<(PathBuf, String), usize> = HashMap::new();
    for (file, rf) in &parsed {
        let at = Located::new(file);
        // one pass over the file instead of a search per rule: loading stays fast with 169 rules
        let (id_index, starts) = at.index("id");
        for spec in &rf.rules {
            let n = occurrence
                .entry((file.path.clone(), spec.id.clone()))
                .or_insert(0);
            let start = id_index
                .get(&spec.id)
                .and_then(|v| v.get(*n))
                .copied()
                .unwrap_or(0);
            *n += 1;
            let end = starts
                .iter()
                .copied()
                .find(|&s| s > start)
                .unwrap_or(file.text.len());
            let region = (start, end);
            let mut ctx = RuleCtx {
                at: &at,
                region,
                start,
                errors: &mut errors,
                scope: &scope,
                rule: &spec.id,
            };
            if let Some(rule) = compile_rule(
                spec,
                &rf.theme,
                rules.len(),
                &mut ctx,
                &register_ids,
                &key_of,
            ) {
                rules.push(rule);
            }
        }
    }

    // versions and overlapping windows
    let mut versions: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, r) in rules.iter().enumerate() {
        versions[r.key as usize].push(i);
    }
    for list in &versions {
        for (a_pos, &a) in list.iter().enumerate() {
            for &b in &list[a_pos + 1..] {
                let (ra, rb) = (&rules[a], &rules[b]);
                let overlap = ra
                    .valid_from
                    .max(rb.valid_from)
                    .zip(ra.valid_to.min(rb.valid_to))
                    .is_none_or(|(f, t)| f <= t)
                    && !(ra.valid_to.zip(rb.valid_from).is_some_and(|(t, f)| t < f)
                        || rb.valid_to.zip(ra.valid_from).is_some_and(|(t, f)| t < f));
                if overlap {
                    let file = parsed
                        .iter()
                        .find(|(f, _)| f.path == rb.file)
                        .map(|(f, _)| *f)
                        .unwrap();
                    let at = Located::new(file);
                    let off = at.id_offsets("id", &rb.id).last().copied().unwrap_or(0);
                    let message = if ra.valid_from.is_none()
                        && ra.valid_to.is_none()
                        && rb.valid_from.is_none()
                        && rb.valid_to.is_none()
                    {
                        format!(
                            "regel-id '{}' komt twee keer voor (ook in {})",
                            rb.id,
                            ra.file.display()
                        )
                    } else {
                        format!(
                            "geldigheidsperiodes van '{}' overlappen (zie ook {})",
                            rb.id,
                            ra.file.display()
                        )
                    };
                    errors.push(at.error(off, message));
                }
            }
        }
    }

    // cycles between rules (through the conditions that decide their status)
    if errors.is_empty()
        && let Some(cycle) = find_cycle(&rules, &versions)
    {
        let first = &rules[versions[cycle[0] as usize][0]];
        let file = parsed
            .iter()
            .find(|(f, _)| f.path == first.file)
            .map(|(f, _)| *f)
            .unwrap();
        let at = Located::new(file);
        let off = at.id_offsets("id", &first.id).first().copied().unwrap_or(0);
        let names: Vec<&str> = cycle.iter().map(|k| ids[*k as usize].as_str()).collect();
        errors.push(at.error(
            off,
            format!(
                "kringverwijzing tussen regels: {} → {}",
                names.join(" → "),
                names[0]
            ),
        ));
    }

    // every rule named in the register exists
    if let Some(file) = register_file {
        let at = Located::new(file);
        for e in &register {
            for r in &e.rules {
                if !key_of.contains_key(r) && !r.ends_with('*') && !parsed.is_empty() {
                    let off = at.id_offsets("id", &e.id).first().copied().unwrap_or(0);
                    let region = at.region(off, "id");
                    let off = at.find_in(region, &format!("\"{r}\"")).unwrap_or(off);
                    errors.push(at.error(
                        off,
                        format!("registerpunt '{}' noemt onbekende regel '{r}'", e.id),
                    ));
                }
            }
        }
    }

    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        errors.dedup();
        return Err(LoadErrors(errors));
    }

    let mut set = RuleSet {
        vocabulary,
        derived,
        rules,
        ids,
        versions,
        key_of,
        params,
        register,
        candidates: Vec::new(),
        rules_by_fact: Vec::new(),
        ask_when,
    };
    compute_dependencies(&mut set);
    set.candidates = candidate_values(&set);
    Ok(set)
}

fn derived_rule(spec: &DerivedSpec, scope: &Scope) -> Result<DerivedRule, CompileError> {
    match (&spec.when, &spec.builtin) {
        (Some(when), None) => {
            if spec.kind != KindSpec::Bool {
                return Err(CompileError {
                    offset: 0,
                    message: "alleen een ja/nee-feit kan met 'when' worden afgeleid".into(),
                });
            }
            let syn = parse_condition(when).map_err(|e| CompileError {
                offset: e.offset,
                message: e.message,
            })?;
            let node = expr::compile(&syn, scope)?;
            Ok(DerivedRule::When {
                node,
                text: when.clone(),
            })
        }
        (None, Some(name)) => Builtin::parse(name)
            .map(DerivedRule::Builtin)
            .ok_or_else(|| CompileError {
                offset: 0,
                message: format!("onbekende builtin '{name}'"),
            }),
        _ => Err(CompileError {
            offset: 0,
            message: "geef precies één van 'when' of 'builtin'".into(),
        }),
    }
}

fn builtin_inputs(builtin: Builtin, vocabulary: &Vocabulary) -> Vec<&'static str> {
    let _ = vocabulary;
    match builtin {
        Builtin::MinChildAgeYears => vec![
            "children_ages_years",
            "child_born",
            "index_child_age_months",
        ],
        Builtin::ExpectedBirthInDays => vec!["days_until_due_date", "pregnancy_weeks"],
        Builtin::AanvraagDate => vec!["ondersteuningsplan_signed"],
        Builtin::PersoonlijkPlanDeadline => vec!["melding_date"],
    }
}

fn resolve_derived_inputs(
    derived: &mut [DerivedFact],
    vocabulary: &Vocabulary,
) -> Result<(), String> {
    // derived facts may use earlier or later derived facts; iterate to a fixed point and detect cycles
    let n = derived.len();
    let mut direct: Vec<(BTreeSet<FactId>, Vec<usize>)> = Vec::with_capacity(n);
    for d in derived.iter() {
        let mut inputs = BTreeSet::new();
        let mut uses = Vec::new();
        match &d.rule {
            DerivedRule::When { node, .. } => node.visit(&mut |r| match r {
                Ref::Fact(FactRef::Input(id)) => {
                    inputs.insert(id);
                }
                Ref::Fact(FactRef::Derived(i)) => uses.push(i as usize),
                Ref::Rule(_) => {}
            }),
            DerivedRule::Builtin(b) => {
                for name in builtin_inputs(*b, vocabulary) {
                    match vocabulary.id(name) {
                        Some(id) => {
                            inputs.insert(id);
                        }
                        None => {
                            return Err(format!(
                                "builtin van '{}' heeft invoerfeit '{name}' nodig",
                                d.name
                            ));
                        }
                    }
                }
            }
        }
        direct.push((inputs, uses));
    }
    fn visit(
        i: usize,
        direct: &[(BTreeSet<FactId>, Vec<usize>)],
        state: &mut [u8],
        out: &mut BTreeSet<FactId>,
        names: &[String],
    ) -> Result<(), String> {
        if state[i] == 1 {
            return Err(format!("kringverwijzing in afgeleid feit '{}'", names[i]));
        }
        state[i] = 1;
        out.extend(direct[i].0.iter().copied());
        for &j in &direct[i].1 {
            visit(j, direct, state, out, names)?;
        }
        state[i] = 0;
        Ok(())
    }
    let names: Vec<String> = derived.iter().map(|d| d.name.clone()).collect();
    for (i, d) in derived.iter_mut().enumerate() {
        let mut state = vec![0u8; n];
        let mut out = BTreeSet::new();
        visit(i, &direct, &mut state, &mut out, &names)?;
        d.inputs = out.into_iter().collect();
    }
    Ok(())
}

struct RuleCtx<'a, 'b> {
    at: &'a Located<'a>,
    region: (usize, usize),
    start: usize,
    errors: &'b mut Vec<LoadError>,
    scope: &'a Scope<'a>,
    rule: &'a str,
}

impl RuleCtx<'_, '_> {
    fn error_at(&mut self, needle: Option<&str>, message: impl Into<String>) {
        let off = needle
            .and_then(|n| self.at.find_in(self.region, n))
            .unwrap_or(self.start);
        let message = format!("regel {}: {}", self.rule, message.into());
        self.errors.push(self.at.error(off, message));
    }

    /// Where `keyword` (e.g. `tests:`) first occurs in the rule, or the rule's start.
    fn anchor(&self, keyword: &str) -> usize {
        self.at.find_in(self.region, keyword).unwrap_or(self.start)
    }

    /// Like `error_at`, but looks for `needle` only from `from` on (an anchor), so that a fact
    /// named in a test or in `unknown_as` is not confused with the same name in `when`.
    fn error_after(&mut self, from: usize, needle: &str, message: impl Into<String>) {
        let from = from.clamp(self.region.0, self.region.1);
        let off = self
            .at
            .find_in((from, self.region.1), needle)
            .unwrap_or(from);
        let message = format!("regel {}: {}", self.rule, message.into());
        self.errors.push(self.at.error(off, message));
    }

    fn condition(&mut self, field: &str, text: &str) -> Option<Condition> {
        let fail = |ctx: &mut Self, offset: usize, message: String| {
            let base = ctx.at.find_in(ctx.region, text);
            let off = base.map_or_else(
                || ctx.at.find_in(ctx.region, field).unwrap_or(ctx.start),
                |b| b + offset,
            );
            let message = format!("regel {}: {field}: {message}", ctx.rule);
            ctx.errors.push(ctx.at.error(off, message));
        };
        let syn = match parse_condition(text) {
            Ok(s) => s,
            Err(e) => {
                fail(self, e.offset, e.message);
                return None;
            }
        };
        match expr::compile(&syn, self.scope) {
            Ok(node) => Some(Condition {
                node,
                text: text.to_string(),
            }),
            Err(e) => {
                fail(self, e.offset, e.message);
                None
            }
        }
    }
}

fn compile_advice(spec: &AdviceSpec, ctx: &mut RuleCtx) -> Option<Advice> {
    let mut ok = true;
    let mut route = Vec::new();
    for party in &spec.route {
        match PARTIES.iter().find(|p| **p == party) {
            Some(p) => route.push(*p),
            None => {
                ctx.error_at(
                    Some(&format!("\"{party}\"")),
                    format!(
                        "onbekende partij '{party}' in route (mogelijk: {})",
                        PARTIES.join(", ")
                    ),
                );
                ok = false;
            }
        }
    }
    for name in &spec.decisive_on {
        if ctx.scope.vocabulary.id(name).is_none() {
            ctx.error_at(
                Some(&format!("\"{name}\"")),
                format!("decisive_on: onbekend feit '{name}'"),
            );
            ok = false;
        }
    }
    let mut route_done = Vec::new();
    for (party, when) in &spec.route_done {
        let Some(p) = route.iter().find(|p| **p == party) else {
            ctx.error_at(
                Some(&format!("\"{party}\"")),
                format!("route_done noemt '{party}', dat niet in de route staat"),
            );
            ok = false;
            continue;
        };
        match ctx.condition("route_done", when) {
            Some(c) => route_done.push((*p, c)),
            None => ok = false,
        }
    }
    let provision = match &spec.provision {
        None => None,
        Some(p) => match PROVISIONS.iter().find(|x| **x == p) {
            Some(x) => Some(*x),
            None => {
                ctx.error_at(
                    Some(&format!("\"{p}\"")),
                    format!(
                        "onbekende voorziening '{p}' (mogelijk: {})",
                        PROVISIONS.join(", ")
                    ),
                );
                ok = false;
                None
            }
        },
    };
    ok.then(|| Advice {
        laws: spec.laws.clone(),
        voorliggend: spec.voorliggend.clone(),
        candidates: spec.candidates.clone(),
        decisive: spec.decisive,
        decisive_on: spec.decisive_on.clone(),
        route,
        route_done,
        route_priority: spec.route_priority.unwrap_or(50),
        provision,
        uno: spec.uno,
        veldtafel: spec.veldtafel,
    })
}

fn compile_rule(
    spec: &RuleSpec,
    theme: &str,
    order: usize,
    ctx: &mut RuleCtx,
    register_ids: &HashSet<&str>,
    key_of: &HashMap<String, RuleKey>,
) -> Option<Rule> {
    let errors_before = ctx.errors.len();
    let when = ctx.condition("when", &spec.when);
    if spec.title.trim().is_empty() {
        ctx.error_at(Some("title"), "titel ontbreekt");
    }
    if spec.applies.trim().is_empty() {
        ctx.error_at(Some("applies"), "tekst bij 'applies' ontbreekt");
    }
    if spec.tables.is_empty() {
        ctx.error_at(Some("tables"), "geen tafels opgegeven");
    }
    let mut branches = Vec::new();
    for (i, b) in spec.branches.iter().enumerate() {
        let when = match &b.when {
            Some(w) => ctx.condition("branches.when", w),
            None => {
                if i + 1 != spec.branches.len() {
                    ctx.error_at(
                        Some(&b.text),
                        "alleen de laatste tak mag zonder 'when' (de 'anders'-tak)",
                    );
                }
                None
            }
        };
        let advice = b.advice.as_ref().and_then(|a| compile_advice(a, ctx));
        branches.push(Branch {
            when,
            text: b.text.clone(),
            judgement: b.judgement,
            advice,
        });
    }
    let mut notes = Vec::new();
    for n in &spec.notes {
        if let Some(when) = ctx.condition("notes.when", &n.when) {
            notes.push(Note {
                when,
                text: n.text.clone(),
                judgement: n.judgement,
                show_when_unknown: n.show_when_unknown,
            });
        }
    }
    let judgement_when = spec
        .judgement_when
        .as_ref()
        .and_then(|w| ctx.condition("judgement_when", w));
    if let Some(esc) = &spec.escalation
        && !key_of.contains_key(esc)
    {
        ctx.error_at(
            Some(&format!("\"{esc}\"")),
            format!("escalatie naar onbekende regel '{esc}'"),
        );
    }
    let mut conflicts = Vec::new();
    let conflicts_at = ctx.anchor("conflicts:");
    for c in &spec.conflicts {
        let Some(&with) = key_of.get(&c.with) else {
            ctx.error_after(
                conflicts_at,
                &format!("\"{}\"", c.with),
                format!("conflict met onbekende regel '{}'", c.with),
            );
            continue;
        };
        if c.with == spec.id {
            ctx.error_after(
                conflicts_at,
                &format!("\"{}\"", c.with),
                "een regel kan niet met zichzelf conflicteren",
            );
        }
        let when = c
            .when
            .as_ref()
            .and_then(|w| ctx.condition("conflicts.when", w));
        if let Some(r) = &c.register
            && !register_ids.is_empty()
            && !register_ids.contains(r.as_str())
        {
            ctx.error_at(
                Some(&format!("\"{r}\"")),
                format!("onbekend registerpunt '{r}'"),
            );
        }
        conflicts.push(Conflict {
            with,
            when,
            register: c.register.clone(),
        });
    }
    for r in &spec.register {
        if !register_ids.is_empty() && !register_ids.contains(r.as_str()) {
            ctx.error_at(
                Some(&format!("\"{r}\"")),
                format!("onbekend registerpunt '{r}'"),
            );
        }
    }
    let mut unknown_as = Vec::new();
    let unknown_as_at = ctx.anchor("unknown_as:");
    for (name, raw) in &spec.unknown_as {
        match ctx.scope.vocabulary.id(name) {
            None => ctx.error_after(
                unknown_as_at,
                &format!("\"{name}\""),
                format!("unknown_as: onbekend feit '{name}'"),
            ),
            Some(id) => match ctx.scope.vocabulary.typed(id, raw) {
                Ok(v) => unknown_as.push((id, v)),
                Err(e) => ctx.error_after(
                    unknown_as_at,
                    &format!("\"{name}\""),
                    format!("unknown_as: {e}"),
                ),
            },
        }
    }
    let advice = spec.advice.as_ref().and_then(|a| compile_advice(a, ctx));
    if spec.source.is_empty() {
        ctx.error_at(
            Some("source"),
            "bron ontbreekt (document, sectie en citaat)",
        );
    }
    for s in &spec.source {
        if s.document.trim().is_empty() || s.section.trim().is_empty() || s.quote.trim().is_empty()
        {
            ctx.error_at(Some("Source"), "bron zonder document, sectie of citaat");
        }
    }
    let date = |ctx: &mut RuleCtx, field: &str, text: &Option<String>| -> Option<NaiveDate> {
        let t = text.as_ref()?;
        let d = parse_date(t);
        if d.is_none() {
            ctx.error_at(
                Some(t),
                format!("{field}: '{t}' is geen datum (JJJJ-MM-DD)"),
            );
        }
        d
    };
    let valid_from = date(ctx, "valid_from", &spec.valid_from);
    let valid_to = date(ctx, "valid_to", &spec.valid_to);
    if let (Some(f), Some(t)) = (valid_from, valid_to)
        && f > t
    {
        ctx.error_at(spec.valid_to.as_deref(), "valid_to ligt vóór valid_from");
    }
    let mut tests = Vec::new();
    let tests_at = ctx.anchor("tests:");
    for t in &spec.tests {
        // the test's own text: from its name on
        let test_at = ctx
            .at
            .find_in((tests_at, ctx.region.1), &format!("\"{}\"", t.name))
            .unwrap_or(tests_at);
        let mut facts = Vec::new();
        for (name, raw) in &t.facts {
            match ctx.scope.vocabulary.id(name) {
                None => {
                    let derived = ctx.scope.derived.iter().any(|(n, _)| n == name);
                    let why = if derived {
                        "is een afgeleid feit en kan niet worden opgegeven"
                    } else {
                        "is geen bekend feit"
                    };
                    ctx.error_after(
                        test_at,
                        &format!("\"{name}\""),
                        format!("test '{}': '{name}' {why}", t.name),
                    );
                }
                Some(id) => match ctx.scope.vocabulary.typed(id, raw) {
                    Ok(_) => facts.push((name.clone(), raw.clone())),
                    Err(e) => ctx.error_after(
                        test_at,
                        &format!("\"{name}\""),
                        format!("test '{}': {e}", t.name),
                    ),
                },
            }
        }
        for b in &t.blocking {
            if ctx.scope.vocabulary.id(b).is_none() {
                ctx.error_after(
                    test_at,
                    &format!("\"{b}\""),
                    format!("test '{}': blocking noemt onbekend feit '{b}'", t.name),
                );
            }
        }
        let test_date = t.date.as_ref().and_then(|text| {
            let d = parse_date(text);
            if d.is_none() {
                ctx.error_after(
                    test_at,
                    &format!("\"{text}\""),
                    format!("test.date: '{text}' is geen datum (JJJJ-MM-DD)"),
                );
            }
            d
        });
        tests.push(RuleTest {
            name: t.name.clone(),
            facts,
            expect: t.expect,
            date: test_date,
            blocking: t.blocking.clone(),
            branch: t.branch,
            judgement: t.judgement,
        });
    }
    if ctx.errors.len() > errors_before {
        return None;
    }
    let when = when?;
    let mut safety = false;
    when.node.visit(&mut |r| {
        if let Ref::Fact(FactRef::Input(id)) = r {
            safety |= ctx.scope.vocabulary.def(id).priority == Priority::Safety;
        }
        if let Ref::Fact(FactRef::Derived(i)) = r {
            safety |= ctx.scope.derived[i as usize].0 == "child_safety_concern_present";
        }
    });
    Some(Rule {
        id: spec.id.clone(),
        key: key_of[&spec.id],
        theme: theme.to_string(),
        file: ctx.at.file.path.clone(),
        kind: spec.kind,
        tables: spec.tables.clone(),
        title: spec.title.clone(),
        when,
        applies: spec.applies.clone(),
        not: non_empty(&spec.not)
            .unwrap_or("Niet van toepassing.")
            .to_string(),
        unknown: non_empty(&spec.unknown)
            .unwrap_or("Nog niet te bepalen: er ontbreken feiten (zie de vragen).")
            .to_string(),
        branches,
        notes,
        judgement: spec.judgement,
        judgement_when,
        escalation: spec.escalation.clone(),
        conflicts,
        register: spec.register.clone(),
        flags: spec.flags.clone(),
        verify: spec.verify.clone(),
        unknown_as,
        advice,
        sources: spec
            .source
            .iter()
            .map(|s| Source {
                document: s.document.clone(),
                section: s.section.clone(),
                quote: s.quote.clone(),
            })
            .collect(),
        valid_from,
        valid_to,
        tests,
        deps: Vec::new(),
        order,
        safety,
    })
}

fn non_empty(text: &str) -> Option<&str> {
    if text.trim().is_empty() {
        None
    } else {
        Some(text)
    }
}

fn status_edges(rule: &Rule) -> Vec<RuleKey> {
    let mut out = Vec::new();
    rule.when.node.visit(&mut |r| {
        if let Ref::Rule(k) = r {
            out.push(k);
        }
    });
    out
}

fn find_cycle(rules: &[Rule], versions: &[Vec<usize>]) -> Option<Vec<RuleKey>> {
    let n = versions.len();
    let edges: Vec<Vec<RuleKey>> = (0..n)
        .map(|k| {
            versions[k]
                .iter()
                .flat_map(|&i| status_edges(&rules[i]))
                .collect()
        })
        .collect();
    let mut state = vec![0u8; n];
    let mut stack = Vec::new();
    fn dfs(
        k: usize,
        edges: &[Vec<RuleKey>],
        state: &mut [u8],
        stack: &mut Vec<RuleKey>,
    ) -> Option<Vec<RuleKey>> {
        state[k] = 1;
        stack.push(k as RuleKey);
        for &next in &edges[k] {
            let next = next as usize;
            if state[next] == 1 {
                let pos = stack.iter().position(|&s| s as usize == next).unwrap();
                return Some(stack[pos..].to_vec());
            }
            if state[next] == 0
                && let Some(c) = dfs(next, edges, state, stack)
            {
                return Some(c);
            }
        }
        stack.pop();
        state[k] = 2;
        None
    }
    (0..n).find_map(|k| {
        if state[k] == 0 {
            dfs(k, &edges, &mut state, &mut stack)
        } else {
            None
        }
    })
}

fn node_inputs(
    node: &Node,
    derived: &[DerivedFact],
    facts: &mut BTreeSet<FactId>,
    rules: &mut Vec<RuleKey>,
) {
    node.visit(&mut |r| match r {
        Ref::Fact(FactRef::Input(id)) => {
            facts.insert(id);
        }
        Ref::Fact(FactRef::Derived(i)) => facts.extend(derived[i as usize].inputs.iter().copied()),
        Ref::Rule(k) => rules.push(k),
    });
}

/// Fills `deps` of every rule (input facts that can change its status or branch) and the
/// index from facts to the rules they move.
fn compute_dependencies(set: &mut RuleSet) {
    let n = set.ids.len();
    // status deps per key (union over versions), transitively through rule references
    let mut direct: Vec<(BTreeSet<FactId>, Vec<RuleKey>)> = vec![(BTreeSet::new(), Vec::new()); n];
    for rule in &set.rules {
        let entry = &mut direct[rule.key as usize];
        node_inputs(&rule.when.node, &set.derived, &mut entry.0, &mut entry.1);
    }
    let mut status_deps: Vec<Option<BTreeSet<FactId>>> = vec![None; n];
    fn resolve(
        k: usize,
        direct: &[(BTreeSet<FactId>, Vec<RuleKey>)],
        memo: &mut [Option<BTreeSet<FactId>>],
    ) -> BTreeSet<FactId> {
        if let Some(d) = &memo[k] {
            return d.clone();
        }
        let mut out = direct[k].0.clone();
        for &r in &direct[k].1 {
            out.extend(resolve(r as usize, direct, memo));
        }
        memo[k] = Some(out.clone());
        out
    }
    for k in 0..n {
        resolve(k, &direct, &mut status_deps);
    }
    let mut rules_by_fact = vec![Vec::new(); set.vocabulary.len()];
    for (i, rule) in set.rules.iter_mut().enumerate() {
        let mut facts = status_deps[rule.key as usize].clone().unwrap_or_default();
        let mut refs = Vec::new();
        for b in &rule.branches {
            if let Some(c) = &b.when {
                node_inputs(&c.node, &set.derived, &mut facts, &mut refs);
            }
        }
        for r in refs {
            facts.extend(status_deps[r as usize].clone().unwrap_or_default());
        }
        for f in &facts {
            rules_by_fact[*f as usize].push(i);
        }
        rule.deps = facts.into_iter().collect();
    }
    set.rules_by_fact = rules_by_fact;
}

/// Hypothetical answers per input fact: every bool and enum value, the numbers the rules compare
/// with (just below, at and above), and for sets the empty set, each single value and all values.
fn candidate_values(set: &RuleSet) -> Vec<Vec<Value>> {
    let vocabulary = &set.vocabulary;
    let mut thresholds: Vec<Vec<f64>> = vec![Vec::new(); vocabulary.len()];
    let mut counts: Vec<Vec<f64>> = vec![Vec::new(); vocabulary.len()];
    let record = |node: &Node, thresholds: &mut Vec<Vec<f64>>, counts: &mut Vec<Vec<f64>>| {
        let mut found = Vec::new();
        node.thresholds(&mut found);
        for (fact, n, is_count) in found {
            let inputs: Vec<(FactId, f64)> = match fact {
                FactRef::Input(id) => vec![(id, n)],
                FactRef::Derived(d) => {
                    let derived = &set.derived[d as usize];
                    match &derived.rule {
                        DerivedRule::Builtin(Builtin::MinChildAgeYears) => {
                            let mut v = Vec::new();
                            if let Some(id) = vocabulary.id("children_ages_years") {
                                v.push((id, n));
                            }
                            if let Some(id) = vocabulary.id("index_child_age_months") {
                                v.push((id, n * 12.0));
                            }
                            v
                        }
                        _ => Vec::new(),
                    }
                }
            };
            for (id, n) in inputs {
                if is_count {
                    counts[id as usize].push(n);
                } else {
                    thresholds[id as usize].push(n);
                }
            }
        }
    };
    for rule in &set.rules {
        record(&rule.when.node, &mut thresholds, &mut counts);
        for b in &rule.branches {
            if let Some(c) = &b.when {
                record(&c.node, &mut thresholds, &mut counts);
            }
        }
        for n in &rule.notes {
            record(&n.when.node, &mut thresholds, &mut counts);
        }
    }
    for d in &set.derived {
        if let DerivedRule::When { node, .. } = &d.rule {
            record(node, &mut thresholds, &mut counts);
        }
    }
    (0..vocabulary.len())
        .map(|i| {
            let def = vocabulary.def(i as FactId);
            let mut out = Vec::new();
            let numbers = |out: &mut Vec<f64>, base: &[f64], extra: &[f64]| {
                for &t in base {
                    out.extend([t - 1.0, t, t + 1.0]);
                }
                out.extend_from_slice(extra);
                out.sort_by(|a, b| a.partial_cmp(b).unwrap());
                out.dedup();
            };
            match &def.kind {
                FactKind::Bool => out.extend([Value::Bool(true), Value::Bool(false)]),
                FactKind::Enum(values) => {
                    out.extend((0..values.len()).map(|i| Value::Enum(i as u16)))
                }
                FactKind::Number { unit } => {
                    let extra: &[f64] = if unit == "dagen" {
                        &[-365.0, 0.0, 90.0, 183.0, 280.0, 365.0]
                    } else {
                        &[0.0]
                    };
                    let mut ns = Vec::new();
                    numbers(&mut ns, &thresholds[i], extra);
                    out.extend(ns.into_iter().map(Value::Number));
                }
                FactKind::Set(values) if values.is_empty() => {
                    let max = counts[i].iter().fold(1.0f64, |a, &b| a.max(b)) as usize;
                    for n in 0..=max {
                        out.push(Value::Tags(
                            (0..n).map(|k| format!("organisatie {}", k + 1)).collect(),
                        ));
                    }
                }
                FactKind::Set(values) => {
                    let all = if values.len() == 64 {
                        u64::MAX
                    } else {
                        (1u64 << values.len()) - 1
                    };
                    out.push(Value::Set(0));
                    out.extend((0..values.len()).map(|k| Value::Set(1 << k)));
                    for &c in &counts[i] {
                        let n = c as usize;
                        if n >= 2 && n <= values.len() {
                            out.push(Value::Set((1u64 << n) - 1));
                        }
                    }
                    out.push(Value::Set(all));
                    out.dedup();
                }
                FactKind::List { .. } => {
                    out.push(Value::List(Vec::new()));
                    let mut ns = Vec::new();
                    numbers(&mut ns, &thresholds[i], &[]);
                    for n in ns.into_iter().filter(|n| *n >= 0.0) {
                        out.push(Value::List(vec![n]));
                    }
                    let max = counts[i].iter().fold(0.0f64, |a, &b| a.max(b)) as usize;
                    for n in 2..=max.max(2) {
                        out.push(Value::List(vec![8.0; n]));
                    }
                }
                FactKind::Date => {
                    // Dates are compared with each other; two far-apart values cover both orders.
                    let d1 = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
                    let d2 = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
                    out.extend([Value::Date(d1), Value::Date(d2)]);
                }
            }
            out
        })
        .collect()
}

/// Loads the configuration from a directory.
pub fn load_dir(dir: &Path) -> Result<RuleSet, LoadErrors> {
    let source = ConfigSource::from_dir(dir).map_err(|e| {
        let (line, col) = e.position.unwrap_or((1, 1));
        LoadErrors(vec![LoadError {
            file: e.path.clone(),
            line,
            col,
            message: e.message,
        }])
    })?;
    load(&source)
}

// keep `schema` in scope for doc links
#[allow(unused_imports)]
use schema::Kind as _KindForDocs;
