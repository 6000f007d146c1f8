//! Table checklists as data (RULES.md §4; format in docs/config-format.md §8).
//!
//! Each meeting kind has a main checklist (geboortezorgnetwerk → GZN, UNO → UNO, veldtafel → VT);
//! the onderzoek lists (ONZ-W, ONZ-J) and the RT aanmelding list are secondary lists that every
//! table can open. Items name the rules they drive, their verbatim sources, and optionally the
//! input facts whose being known ticks the item automatically.

mod loader;
pub mod schema;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::case::TableKind;
use crate::facts::{CaseFacts, Vocabulary};
use crate::rules::model::Source;

pub use loader::load;

/// Whether a checklist is the main list of the tables it names, or a secondary list that every
/// table can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistKind {
    Main,
    Secondary,
}

/// How firmly a participant belongs at the table: `chair` (who leads it), `required` (the sources
/// say they take part), `usual` (most tables), `sometimes`, `inferred` (not in the sources; RULES.md
/// infers it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantLevel {
    Chair,
    Required,
    Usual,
    Sometimes,
    Inferred,
}

impl ParticipantLevel {
    pub fn label(self) -> &'static str {
        match self {
            ParticipantLevel::Chair => "voorzitter",
            ParticipantLevel::Required => "vaste deelnemer",
            ParticipantLevel::Usual => "meestal",
            ParticipantLevel::Sometimes => "soms",
            ParticipantLevel::Inferred => "afgeleid",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Participant {
    pub label: String,
    pub level: ParticipantLevel,
    /// When this participant is expected (e.g. "bij ouder-kindcasussen"); may be empty.
    pub note: String,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug)]
pub struct ChecklistNote {
    pub text: String,
    pub sources: Vec<Source>,
    /// RULES.md §6 register entries the note concerns.
    pub register: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ChecklistItem {
    /// Stable id as in RULES.md §4 (GZN-01, VT-13, A-1, C-WMO-g …); unique over all checklists.
    pub id: String,
    /// Dutch text the chair reads aloud.
    pub text: String,
    /// Rule ids the item drives (wildcards of RULES.md expanded).
    pub rules: Vec<String>,
    pub sources: Vec<Source>,
    /// Input facts whose being known ticks the item automatically (all of them must be known).
    pub facts: Vec<String>,
    pub register: Vec<String>,
    pub inferred: bool,
}

/// A numbered sub-list inside a checklist (lists A and B of the veldtafel, list C of the Wmo
/// onderzoek).
#[derive(Clone, Debug)]
pub struct Sublist {
    pub id: String,
    pub title: String,
    pub sources: Vec<Source>,
    pub notes: Vec<ChecklistNote>,
    pub items: Vec<ChecklistItem>,
}

#[derive(Clone, Debug)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub kind: ChecklistKind,
    /// The meeting kinds that show this list as their main checklist (empty for secondary lists).
    pub tables: Vec<TableKind>,
    pub description: String,
    /// RULES.md marks the order of the items as inferred.
    pub order_inferred: bool,
    pub participants: Vec<Participant>,
    pub notes: Vec<ChecklistNote>,
    pub items: Vec<ChecklistItem>,
    pub lists: Vec<Sublist>,
    /// The file the checklist came from (for messages).
    pub file: PathBuf,
}

impl Checklist {
    /// Every item: the main items first, then the items of each sub-list in order.
    pub fn all_items(&self) -> impl Iterator<Item = &ChecklistItem> + '_ {
        self.items
            .iter()
            .chain(self.lists.iter().flat_map(|l| l.items.iter()))
    }

    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.all_items().find(|i| i.id == id)
    }

    pub fn list(&self, id: &str) -> Option<&Sublist> {
        self.lists.iter().find(|l| l.id == id)
    }

    /// How many quotes the checklist cites.
    pub fn quote_count(&self) -> usize {
        self.all_sources().count()
    }

    /// Every source quoted in the checklist: participants, notes, lists and items.
    fn all_sources(&self) -> impl Iterator<Item = (&str, &Source)> + '_ {
        let own = self
            .participants
            .iter()
            .flat_map(move |p| p.sources.iter().map(move |s| (self.id.as_str(), s)));
        let notes = self
            .notes
            .iter()
            .flat_map(move |n| n.sources.iter().map(move |s| (self.id.as_str(), s)));
        let lists = self.lists.iter().flat_map(|l| {
            l.sources.iter().map(move |s| (l.id.as_str(), s)).chain(
                l.notes
                    .iter()
                    .flat_map(move |n| n.sources.iter().map(move |s| (l.id.as_str(), s))),
            )
        });
        let items = self
            .all_items()
            .flat_map(|i| i.sources.iter().map(move |s| (i.id.as_str(), s)));
        own.chain(notes).chain(lists).chain(items)
    }
}

/// The main checklist of a meeting kind.
pub fn main_checklist(list: &[Checklist], table: TableKind) -> Option<&Checklist> {
    list.iter()
        .find(|c| c.kind == ChecklistKind::Main && c.tables.contains(&table))
}

/// The secondary checklists (available at every table), in load order.
pub fn secondary_checklists(list: &[Checklist]) -> impl Iterator<Item = &Checklist> {
    list.iter().filter(|c| c.kind == ChecklistKind::Secondary)
}

/// TRUE when the item names facts and all of them are known in the case (RULES.md §4: the pane can
/// tick items automatically when the underlying facts become known). Items without facts are
/// never ticked automatically.
pub fn auto_ticked(item: &ChecklistItem, facts: &CaseFacts, vocab: &Vocabulary) -> bool {
    !item.facts.is_empty()
        && item
            .facts
            .iter()
            .all(|name| vocab.id(name).is_some_and(|id| facts.get(id).is_some()))
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuoteProblem {
    /// The item, list or checklist id that carries the quote.
    pub item: String,
    pub file: String,
    pub document: String,
    pub quote: String,
    pub message: String,
}

/// Checks every quote of the checklists against its document in `sources` (whitespace collapsed;
/// a word split by a hyphen at a line end may occur joined or as written), like
/// `crate::rules::testing::check_quotes` does for rules.
pub fn check_quotes(list: &[Checklist], sources: &Path) -> Vec<QuoteProblem> {
    let mut documents = crate::rules::testing::SourceDocuments::new(sources);
    let mut problems = Vec::new();
    for checklist in list {
        for (owner, s) in checklist.all_sources() {
            if let Some(message) = documents.check(&s.document, &s.quote) {
                problems.push(QuoteProblem {
                    item: owner.to_string(),
                    file: checklist.file.display().to_string(),
                    document: s.document.clone(),
                    quote: s.quote.clone(),
                    message: message.to_string(),
                });
            }
        }
    }
    problems
}
