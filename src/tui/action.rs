//! The one vocabulary of things a key can do. `config/keys.ron` binds keys to these names; the
//! help overlay and the status-bar hints are generated from the same bindings.

use serde::Deserialize;

/// Where a binding is active. Bindings in overlapping scopes may not share a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Everywhere except text input: navigation, help, quit.
    Global,
    /// The main screen (any pane) and the facts view: quick triage and per-case editing.
    Case,
    /// The Casussen pane.
    Agenda,
    /// The Regels pane.
    Rules,
    /// The checklist pane.
    Checklist,
    /// The list overlays (Actiepunten, Deelnemers).
    List,
}

impl Scope {
    pub const ALL: [Scope; 6] = [
        Scope::Global,
        Scope::Case,
        Scope::Agenda,
        Scope::Rules,
        Scope::Checklist,
        Scope::List,
    ];

    /// Whether a key may not be bound in both scopes.
    pub fn overlaps(self, other: Scope) -> bool {
        self == other
            || matches!(self, Scope::Global | Scope::Case)
            || matches!(other, Scope::Global | Scope::Case)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Action {
    // Global
    Quit,
    Help,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Select,
    Back,
    // Case
    AnswerYes,
    AnswerNo,
    AnswerUnknown,
    /// Pick enum value n (1-based) for the current question.
    Choice(u8),
    AnswerPicker,
    Facts,
    Notes,
    Decision,
    NewActionItem,
    /// The Actiepunten overlay of the open case.
    ActionItems,
    /// The Deelnemers overlay of the meeting.
    Attendees,
    CycleStatus,
    NextCase,
    PrevCase,
    Undo,
    Redo,
    // Agenda
    Filter,
    MoveCaseUp,
    MoveCaseDown,
    AddCase,
    // Checklist
    ToggleItem,
    ItemNote,
    NextChecklist,
    // List overlays
    ListToggle,
    ListRemove,
    ListAdd,
}

impl Action {
    pub fn scope(self) -> Scope {
        use Action::*;
        match self {
            Quit | Help | NextPane | PrevPane | Up | Down | PageUp | PageDown | Top | Bottom
            | Select | Back => Scope::Global,
            AnswerYes | AnswerNo | AnswerUnknown | Choice(_) | AnswerPicker | Facts | Notes
            | Decision | NewActionItem | ActionItems | Attendees | CycleStatus | NextCase
            | PrevCase | Undo | Redo => Scope::Case,
            Filter | MoveCaseUp | MoveCaseDown | AddCase => Scope::Agenda,
            ToggleItem | ItemNote | NextChecklist => Scope::Checklist,
            ListToggle | ListRemove | ListAdd => Scope::List,
        }
    }

    /// Does the action change the meeting (directly or by opening a form that does)? These are
    /// refused in read-only mode. Notes and Decision are not: read-only, they open a viewer.
    pub fn edits(self) -> bool {
        use Action::*;
        matches!(
            self,
            AnswerYes
                | AnswerNo
                | AnswerUnknown
                | Choice(_)
                | AnswerPicker
                | NewActionItem
                | CycleStatus
                | Undo
                | Redo
                | MoveCaseUp
                | MoveCaseDown
                | AddCase
                | ToggleItem
                | ItemNote
                | ListToggle
                | ListRemove
                | ListAdd
        )
    }

    /// Every action, in the order the help overlay lists them.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut v = vec![
            Quit,
            Help,
            NextPane,
            PrevPane,
            Up,
            Down,
            PageUp,
            PageDown,
            Top,
            Bottom,
            Select,
            Back,
            AnswerYes,
            AnswerNo,
            AnswerUnknown,
        ];
        v.extend((1..=9).map(Choice));
        v.extend([
            AnswerPicker,
            Facts,
            Notes,
            Decision,
            NewActionItem,
            ActionItems,
            Attendees,
            CycleStatus,
            NextCase,
            PrevCase,
            Undo,
            Redo,
            Filter,
            MoveCaseUp,
            MoveCaseDown,
            AddCase,
            ToggleItem,
            ItemNote,
            NextChecklist,
            ListToggle,
            ListRemove,
            ListAdd,
        ]);
        v
    }
}
