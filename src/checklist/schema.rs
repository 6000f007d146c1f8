//! The RON format of `config/checklists/*.ron` (docs/config-format.md §8). Struct names are the
//! names written in the files: `Checklist(...)`, `Item(...)`, `Participant(...)`, `List(...)`,
//! `Note(...)`, `Source(...)`.

use serde::Deserialize;

use crate::case::TableKind;
use crate::rules::schema::SourceSpec;

use super::{ChecklistKind, ParticipantLevel};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Checklist")]
pub struct ChecklistSpec {
    pub id: String,
    pub title: String,
    pub kind: ChecklistKind,
    #[serde(default)]
    pub tables: Vec<TableKind>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub order_inferred: bool,
    #[serde(default)]
    pub participants: Vec<ParticipantSpec>,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    #[serde(default)]
    pub items: Vec<ItemSpec>,
    #[serde(default)]
    pub lists: Vec<ListSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Participant")]
pub struct ParticipantSpec {
    pub label: String,
    pub level: ParticipantLevel,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Note")]
pub struct NoteSpec {
    pub text: String,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub register: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Item")]
pub struct ItemSpec {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub facts: Vec<String>,
    #[serde(default)]
    pub register: Vec<String>,
    #[serde(default)]
    pub inferred: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "List")]
pub struct ListSpec {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    #[serde(default)]
    pub items: Vec<ItemSpec>,
}
