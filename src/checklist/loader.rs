//! Loads `config/checklists/*.ron` and validates them against the loaded rule set, reporting every
//! error at once with file, line and column.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::case::TableKind;
use crate::config::{ConfigFile, ConfigSource};
use crate::rules::RuleSet;
use crate::rules::expr::edit_distance;
use crate::rules::loader::{LoadError, LoadErrors, Located};
use crate::rules::model::Source;
use crate::rules::schema::SourceSpec;

use super::schema::{ChecklistSpec, ItemSpec, ListSpec, NoteSpec};
use super::{Checklist, ChecklistItem, ChecklistKind, ChecklistNote, Participant, Sublist};

/// Loads every checklist in `source.in_subdir("checklists")` and checks it against `rules`:
/// RON syntax, duplicate checklist/list ids, duplicate item ids over all checklists, unknown rule
/// ids, unknown facts, unknown register entries, empty texts, missing sources and empty quotes,
/// and the `kind`/`tables` combination.
pub fn load(source: &ConfigSource, rules: &RuleSet) -> Result<Vec<Checklist>, LoadErrors> {
    let mut errors = Vec::new();
    let mut parsed: Vec<(&ConfigFile, ChecklistSpec)> = Vec::new();
    for file in source.in_subdir("checklists") {
        match crate::config::ron_options().from_str::<ChecklistSpec>(&file.text) {
            Ok(spec) => parsed.push((file, spec)),
            Err(e) => errors.push(LoadError {
                file: file.path.clone(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: format!("RON: {}", e.code),
            }),
        }
    }
    if parsed.is_empty() && errors.is_empty() {
        errors.push(LoadError {
            file: PathBuf::from("config/checklists/*.ron"),
            line: 1,
            col: 1,
            message: "bestand ontbreekt: geen enkele checklist gevonden".into(),
        });
    }

    let mut ctx = Ctx {
        rules,
        errors: &mut errors,
        list_ids: HashMap::new(),
        item_ids: HashMap::new(),
        occurrence: HashMap::new(),
    };
    let mut main_of: HashMap<TableKind, String> = HashMap::new();
    let mut out = Vec::new();
    for (file, spec) in &parsed {
        let at = Located::new(file);
        let start = ctx.offset(&at, "id", &spec.id);
        if spec.id.trim().is_empty() {
            ctx.errors.push(at.error(start, "checklist zonder id"));
        }
        ctx.unique_list_id(&at, start, &spec.id, "checklist");
        if spec.title.trim().is_empty() {
            let off = at
                .find_in(at.region(start, "id"), "title:")
                .unwrap_or(start);
            ctx.errors
                .push(at.error(off, format!("checklist '{}' heeft geen titel", spec.id)));
        }
        match spec.kind {
            ChecklistKind::Main if spec.tables.is_empty() => {
                let off = at.find_in(at.region(start, "id"), "kind:").unwrap_or(start);
                ctx.errors.push(at.error(
                    off,
                    format!("hoofdchecklist '{}' noemt geen tafel (tables: [geboortezorgnetwerk|uno|veldtafel])", spec.id),
                ));
            }
            ChecklistKind::Secondary if !spec.tables.is_empty() => {
                let off = at
                    .find_in(at.region(start, "id"), "tables:")
                    .unwrap_or(start);
                ctx.errors.push(at.error(
                    off,
                    format!(
                        "aanvullende checklist '{}' hoort bij alle tafels: gebruik tables: []",
                        spec.id
                    ),
                ));
            }
            _ => {}
        }
        if spec.kind == ChecklistKind::Main {
            for t in &spec.tables {
                if let Some(other) = main_of.insert(*t, spec.id.clone()) {
                    let off = at
                        .find_in(at.region(start, "id"), "tables:")
                        .unwrap_or(start);
                    ctx.errors.push(at.error(
                        off,
                        format!("tafel '{}' heeft al hoofdchecklist '{other}'", t.label()),
                    ));
                }
            }
        }
        if spec.items.is_empty() {
            ctx.errors
                .push(at.error(start, format!("checklist '{}' heeft geen items", spec.id)));
        }

        let mut participants = Vec::new();
        let mut label_seen: HashMap<&str, usize> = HashMap::new();
        for p in &spec.participants {
            let n = label_seen.entry(p.label.as_str()).or_insert(0);
            let off = at
                .id_offsets("label", &p.label)
                .get(*n)
                .copied()
                .unwrap_or(start);
            *n += 1;
            if p.label.trim().is_empty() {
                ctx.errors.push(at.error(
                    off,
                    format!("deelnemer zonder naam in checklist '{}'", spec.id),
                ));
            }
            let what = format!("deelnemer '{}'", p.label);
            let region = call_span(&at.file.text, off, "Participant(")
                .unwrap_or((off, at.region(off, "label").1));
            let sources = ctx.sources(&at, region, off, &p.source, &what);
            participants.push(Participant {
                label: p.label.clone(),
                level: p.level,
                note: p.note.clone(),
                sources,
            });
        }

        let notes = ctx.notes(
            &at,
            (start, at.region(start, "id").1),
            &spec.notes,
            &spec.id,
        );
        let items = spec.items.iter().map(|i| ctx.item(&at, i)).collect();
        let lists = spec.lists.iter().map(|l| ctx.list(&at, l)).collect();
        out.push(Checklist {
            id: spec.id.clone(),
            title: spec.title.clone(),
            kind: spec.kind,
            tables: spec.tables.clone(),
            description: spec.description.clone(),
            order_inferred: spec.order_inferred,
            participants,
            notes,
            items,
            lists,
            file: file.path.clone(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(LoadErrors(errors))
    }
}

struct Ctx<'r, 'e> {
    rules: &'r RuleSet,
    errors: &'e mut Vec<LoadError>,
    /// checklist and list ids → where first seen
    list_ids: HashMap<String, (PathBuf, usize, usize)>,
    /// item ids over all checklists → where first seen
    item_ids: HashMap<String, (PathBuf, usize, usize)>,
    /// how many `key: "id"` occurrences of a file have been used up, to point at the right one
    occurrence: HashMap<(PathBuf, &'static str, String), usize>,
}

impl Ctx<'_, '_> {
    /// Offset of the next unused `key: "value"` in the file (0 if not found).
    fn offset(&mut self, at: &Located, key: &'static str, value: &str) -> usize {
        let n = self
            .occurrence
            .entry((at.file.path.clone(), key, value.to_string()))
            .or_insert(0);
        let off = at.id_offsets(key, value).get(*n).copied().unwrap_or(0);
        *n += 1;
        off
    }

    fn unique_list_id(&mut self, at: &Located, off: usize, id: &str, what: &str) {
        let (line, col) = at.position(off);
        match self.list_ids.get(id) {
            Some((file, l, c)) => {
                let e = at.error(
                    off,
                    format!(
                        "{what}-id '{id}' bestaat al (eerder in {}:{l}:{c})",
                        file.display()
                    ),
                );
                self.errors.push(e);
            }
            None => {
                self.list_ids
                    .insert(id.to_string(), (at.file.path.clone(), line, col));
            }
        }
    }

    fn list(&mut self, at: &Located, spec: &ListSpec) -> Sublist {
        let start = self.offset(at, "id", &spec.id);
        self.unique_list_id(at, start, &spec.id, "lijst");
        let region = (start, at.region(start, "id").1);
        if spec.title.trim().is_empty() {
            let off = at.find_in(region, "title:").unwrap_or(start);
            self.errors
                .push(at.error(off, format!("lijst '{}' heeft geen titel", spec.id)));
        }
        if spec.items.is_empty() {
            self.errors
                .push(at.error(start, format!("lijst '{}' heeft geen items", spec.id)));
        }
        let what = format!("lijst '{}'", spec.id);
        let sources = if spec.source.is_empty() {
            Vec::new()
        } else {
            self.sources(at, region, start, &spec.source, &what)
        };
        let notes = self.notes(at, region, &spec.notes, &spec.id);
        let items = spec.items.iter().map(|i| self.item(at, i)).collect();
        Sublist {
            id: spec.id.clone(),
            title: spec.title.clone(),
            sources,
            notes,
            items,
        }
    }

    fn notes(
        &mut self,
        at: &Located,
        region: (usize, usize),
        specs: &[NoteSpec],
        owner: &str,
    ) -> Vec<ChecklistNote> {
        let mut out = Vec::new();
        let mut from = region.0;
        for n in specs {
            let end = at.file.text.len();
            let off = at.find_in((from, end), "Note(").unwrap_or(region.0);
            from = off + 1;
            let note_region = call_span(&at.file.text, off + 1, "Note(").unwrap_or((off, end));
            if n.text.trim().is_empty() {
                let t = at.find_in(note_region, "text:").unwrap_or(off);
                self.errors
                    .push(at.error(t, format!("notitie zonder tekst bij '{owner}'")));
            }
            self.register(
                at,
                note_region,
                &n.register,
                &format!("notitie bij '{owner}'"),
            );
            let sources = if n.source.is_empty() {
                Vec::new()
            } else {
                self.sources(
                    at,
                    note_region,
                    off,
                    &n.source,
                    &format!("notitie bij '{owner}'"),
                )
            };
            out.push(ChecklistNote {
                text: n.text.clone(),
                sources,
                register: n.register.clone(),
            });
        }
        out
    }

    fn item(&mut self, at: &Located, spec: &ItemSpec) -> ChecklistItem {
        let start = self.offset(at, "id", &spec.id);
        let region = (start, at.region(start, "id").1);
        let (line, col) = at.position(start);
        if spec.id.trim().is_empty() {
            self.errors.push(at.error(start, "item zonder id"));
        }
        match self.item_ids.get(&spec.id) {
            Some((file, l, c)) => {
                let e = at.error(
                    start,
                    format!(
                        "item-id '{}' bestaat al (eerder in {}:{l}:{c})",
                        spec.id,
                        file.display()
                    ),
                );
                self.errors.push(e);
            }
            None => {
                self.item_ids
                    .insert(spec.id.clone(), (at.file.path.clone(), line, col));
            }
        }
        if spec.text.trim().is_empty() {
            let off = at.find_in(region, "text:").unwrap_or(start);
            self.errors
                .push(at.error(off, format!("item '{}' heeft geen tekst", spec.id)));
        }
        for r in &spec.rules {
            if !self.rules.key_of.contains_key(r) {
                let off = at.find_in(region, &format!("\"{r}\"")).unwrap_or(start);
                let message = match suggest(r, self.rules.ids.iter().map(String::as_str)) {
                    Some(s) => format!(
                        "item '{}': onbekende regel '{r}' (bedoelt u '{s}'?)",
                        spec.id
                    ),
                    None => format!("item '{}': onbekende regel '{r}'", spec.id),
                };
                self.errors.push(at.error(off, message));
            }
        }
        let vocabulary = &self.rules.vocabulary;
        for f in &spec.facts {
            if vocabulary.id(f).is_none() {
                let off = at.find_in(region, &format!("\"{f}\"")).unwrap_or(start);
                let names = vocabulary.facts.iter().map(|d| d.name.as_str());
                let derived = self.rules.derived.iter().any(|d| &d.name == f);
                let message = if derived {
                    format!(
                        "item '{}': '{f}' is een afgeleid feit; noem de invoerfeiten waaruit het volgt",
                        spec.id
                    )
                } else {
                    match suggest(f, names) {
                        Some(s) => {
                            format!("item '{}': onbekend feit '{f}' (bedoelt u '{s}'?)", spec.id)
                        }
                        None => format!("item '{}': onbekend feit '{f}'", spec.id),
                    }
                };
                self.errors.push(at.error(off, message));
            }
        }
        self.register(at, region, &spec.register, &format!("item '{}'", spec.id));
        let sources = self.sources(
            at,
            region,
            start,
            &spec.source,
            &format!("item '{}'", spec.id),
        );
        ChecklistItem {
            id: spec.id.clone(),
            text: spec.text.clone(),
            rules: spec.rules.clone(),
            sources,
            facts: spec.facts.clone(),
            register: spec.register.clone(),
            inferred: spec.inferred,
        }
    }

    fn register(&mut self, at: &Located, region: (usize, usize), ids: &[String], what: &str) {
        for r in ids {
            if self.rules.register_entry(r).is_none() {
                let off = at.find_in(region, &format!("\"{r}\"")).unwrap_or(region.0);
                self.errors
                    .push(at.error(off, format!("{what}: onbekend registerpunt '{r}'")));
            }
        }
    }

    /// At least one source; every source with a document and a non-empty quote.
    fn sources(
        &mut self,
        at: &Located,
        region: (usize, usize),
        start: usize,
        specs: &[SourceSpec],
        what: &str,
    ) -> Vec<Source> {
        if specs.is_empty() {
            let off = at.find_in(region, "source:").unwrap_or(start);
            self.errors.push(at.error(
                off,
                format!(
                    "{what} heeft geen bron (source: [Source(document: …, section: …, quote: …)])"
                ),
            ));
        }
        let mut from = region.0;
        let mut out = Vec::new();
        for s in specs {
            let here = at.find_in((from, region.1), "Source(").unwrap_or(start);
            from = here + 1;
            if s.document.trim().is_empty() {
                let off = at.find_in((here, region.1), "document:").unwrap_or(here);
                self.errors
                    .push(at.error(off, format!("{what}: bron zonder document")));
            }
            if s.quote.trim().is_empty() {
                let off = at.find_in((here, region.1), "quote:").unwrap_or(here);
                self.errors
                    .push(at.error(off, format!("{what}: bron zonder citaat (quote is leeg)")));
            }
            out.push(Source {
                document: s.document.clone(),
                section: s.section.clone(),
                quote: s.quote.clone(),
            });
        }
        out
    }
}

fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|n| (edit_distance(n, name), n))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n.to_string())
}

/// The span of the call `name(...)` (e.g. `Participant(`) that starts at or before `off`: from the
/// name to its matching closing parenthesis, skipping string literals.
fn call_span(text: &str, off: usize, name: &str) -> Option<(usize, usize)> {
    let start = text[..off.min(text.len())].rfind(name)?;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[start + name.len() - 1..].char_indices() {
        let at = start + name.len() - 1 + i;
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((start, at + 1));
                }
            }
            _ => {}
        }
    }
    None
}
