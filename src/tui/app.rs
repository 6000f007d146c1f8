//! The screen's state and its one update function. Keys become [`Action`]s through the keymap;
//! every change to the meeting goes through [`App::apply`] (undo, redo, dirty flag, re-evaluation).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::case::{apply_dates, typed_facts};
use crate::checklist::{
    Checklist, ChecklistItem, auto_ticked, main_checklist, secondary_checklists,
};
use crate::facts::{CaseFacts, FactId, FactKind, RawValue, Value};
use crate::meeting::{ActionItem, Attendee, CaseStatus, ChecklistMark, Meeting, MeetingCase};
use crate::rules::advice::{self, AdviceOut};
use crate::rules::eval::{Evaluation, RuleResult, Trace};
use crate::rules::schema::Kind;
use crate::rules::{Engine, RuleSet, Tri};

use super::action::{Action, Scope};
use super::input::{Edited, LineInput, TextArea};
use super::keymap::{Key, Keymap};
use super::text::{self, Lang, Texts};
use super::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Rules,
    Checklist,
}

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Agenda => Pane::Rules,
            Pane::Rules => Pane::Checklist,
            Pane::Checklist => Pane::Agenda,
        }
    }
    fn prev(self) -> Pane {
        match self {
            Pane::Agenda => Pane::Checklist,
            Pane::Rules => Pane::Agenda,
            Pane::Checklist => Pane::Rules,
        }
    }
    fn scope(self) -> Scope {
        match self {
            Pane::Agenda => Scope::Agenda,
            Pane::Rules => Scope::Rules,
            Pane::Checklist => Scope::Checklist,
        }
    }
}

/// A change to the meeting. [`App::apply`] is the only place that mutates [`Meeting`].
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// `None` makes the fact unknown again.
    SetFact {
        case: usize,
        fact: String,
        value: Option<RawValue>,
    },
    SetCheck {
        case: usize,
        item: String,
        checked: bool,
    },
    SetCheckNote {
        case: usize,
        item: String,
        note: String,
    },
    SetNotes {
        case: usize,
        text: String,
    },
    SetDecision {
        case: usize,
        text: String,
    },
    AddActionItem {
        case: usize,
        item: ActionItem,
    },
    SetActionDone {
        case: usize,
        index: usize,
        done: bool,
    },
    RemoveActionItem {
        case: usize,
        index: usize,
    },
    SetStatus {
        case: usize,
        status: CaseStatus,
    },
    MoveCase {
        from: usize,
        to: usize,
    },
    AddCase {
        index: usize,
        case: Box<MeetingCase>,
    },
    /// Appends an attendee to the meeting (name and role are cleaned).
    AddAttendee {
        attendee: Attendee,
    },
    RemoveAttendee {
        index: usize,
    },
}

/// An undo record: the inverse is derived from it.
#[derive(Clone, Debug)]
enum Change {
    Case {
        index: usize,
        before: Box<MeetingCase>,
        after: Box<MeetingCase>,
    },
    Move {
        from: usize,
        to: usize,
    },
    Insert {
        index: usize,
        case: Box<MeetingCase>,
    },
    Attendees {
        before: Vec<Attendee>,
        after: Vec<Attendee>,
    },
}

/// One line of the Regels pane.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Heading(Heading),
    /// An applying safety warning (index into `rules`), pinned on top.
    Safety(usize),
    Advice(AdviceField),
    /// A non-safety warning or reminder (index into `rules`).
    Warning(usize),
    /// Index into `evaluation.questions`.
    Question(usize),
    /// The numbered values of the active enum question.
    Choices(usize),
    Kind(Kind, bool),
    /// Index into `evaluation.results`.
    Rule(usize),
    Note(&'static str),
    Blank,
}

impl Row {
    pub fn selectable(&self) -> bool {
        matches!(
            self,
            Row::Safety(_) | Row::Warning(_) | Row::Question(_) | Row::Rule(_)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    Advice,
    Questions(usize),
    RulesHere,
    RulesOther,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdviceField {
    Law,
    Route,
    Provision,
    Uno,
    Veldtafel,
}

/// The evaluated state of the open case.
#[derive(Clone, Debug)]
pub struct CaseView {
    pub case: usize,
    pub facts: CaseFacts,
    pub evaluation: Evaluation,
    pub advice: AdviceOut,
    pub rows: Vec<Row>,
    /// The case's facts do not fit the vocabulary (shown instead of an advice).
    pub error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RuleDetail {
    pub rule: usize,
    pub result: RuleResult,
    pub trace: Trace,
    pub scroll: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FactRow {
    Group(String),
    Fact(FactId),
}

#[derive(Clone, Debug)]
pub struct FactsView {
    pub rows: Vec<FactRow>,
    pub cursor: usize,
    pub offset: usize,
    pub filter: LineInput,
    pub filtering: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PickerMode {
    Choice {
        cursor: usize,
    },
    Multi {
        cursor: usize,
        chosen: Vec<bool>,
    },
    Text {
        input: LineInput,
        error: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Picker {
    pub fact: FactId,
    pub mode: PickerMode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorTarget {
    Notes,
    Decision,
}

#[derive(Clone, Debug)]
pub struct Editor {
    pub target: EditorTarget,
    pub area: TextArea,
    /// The case edited (index into `meeting.cases`).
    pub case: usize,
    /// The case as it was when the editor opened: the one undo record made when it closes.
    /// The text itself goes into the meeting as it is typed (see [`App::handle_key`]).
    pub before: Option<Box<MeetingCase>>,
    /// Read-only: a viewer (arrow keys move, Esc closes, nothing is typed).
    pub read_only: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ActionForm {
    /// wie, wat, uiterlijk
    pub fields: [LineInput; 3],
    pub focus: usize,
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct CaseForm {
    /// id, title
    pub fields: [LineInput; 2],
    pub focus: usize,
    pub error: Option<String>,
    /// The id looked like a BSN and the chair was warned once.
    pub warned: Option<String>,
}

/// The Actiepunten overlay: the action items of one case.
#[derive(Clone, Debug)]
pub struct ActionsView {
    /// The case (index into `meeting.cases`).
    pub case: usize,
    pub cursor: usize,
}

/// The Deelnemers overlay: the attendees of the meeting.
#[derive(Clone, Debug, Default)]
pub struct AttendeesView {
    pub cursor: usize,
}

#[derive(Clone, Debug, Default)]
pub struct AttendeeForm {
    /// naam, rol
    pub fields: [LineInput; 2],
    pub focus: usize,
    pub error: Option<String>,
    /// The participant labels of the table's main checklist, offered for the role (↑/↓).
    pub roles: Vec<String>,
    pub role_pick: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct ItemNoteForm {
    pub item: String,
    pub input: LineInput,
}

#[derive(Clone, Debug)]
pub enum Overlay {
    Help { scroll: usize },
    Rule(Box<RuleDetail>),
    Facts(FactsView),
    Picker(Picker),
    Editor(Editor),
    ActionForm(ActionForm),
    Actions(ActionsView),
    Attendees(AttendeesView),
    AttendeeForm(AttendeeForm),
    CaseForm(CaseForm),
    ItemNote(ItemNoteForm),
    ConfirmQuit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

/// One line of the checklist pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckRow {
    Participants,
    /// Index into the checklist's notes.
    Note(usize),
    /// Index into the checklist's sub-lists.
    List(usize),
    /// (sub-list or None, item index)
    Item(Option<usize>, usize),
}

#[derive(Clone, Debug)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    pub timebox_minutes: u32,
}

/// Called with the meeting after every applied edit (autosave hooks in here).
pub type ChangeHook = Box<dyn FnMut(&Meeting)>;

/// What the header says about the session file (set by the session wiring in `tui::live`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveIndicator {
    /// No session file (tests, benchmarks): the header shows "● gewijzigd" after a change and
    /// quitting asks when `dirty`.
    Off,
    /// Everything is on disk; the wall-clock time of the last write.
    Saved(chrono::NaiveTime),
    /// A change waits (a fraction of a second) for the next write.
    Pending,
    /// The last write failed: the latest change is not on disk.
    Failed(String),
}

pub struct App {
    pub set: RuleSet,
    pub checklists: Vec<Checklist>,
    /// Checklists reachable at this table: the main one first, then the secondary ones
    /// (indices into `checklists`).
    pub checklist_order: Vec<usize>,
    pub meeting: Meeting,
    pub keymap: Keymap,
    pub lang: Lang,
    pub theme: Theme,
    pub timebox_minutes: u32,
    pub now: NaiveDateTime,

    pub focus: Pane,
    /// Indices of `meeting.cases` shown in the agenda (all, or those matching the filter).
    pub visible: Vec<usize>,
    pub agenda_cursor: usize,
    pub agenda_offset: usize,
    pub filter: LineInput,
    pub filtering: bool,
    /// The case under discussion (index into `meeting.cases`).
    pub current: Option<usize>,
    pub view: Option<CaseView>,
    pub rules_cursor: usize,
    pub rules_offset: usize,
    pub checklist_index: usize,
    pub check_cursor: usize,
    pub check_offset: usize,
    pub overlays: Vec<Overlay>,
    /// Advice markers per case id ("Jeugdwet", "?", …), filled lazily for the visible rows.
    pub markers: HashMap<String, String>,
    pub message: Option<(String, MessageKind)>,
    pub dirty: bool,
    /// Counts the changes of the meeting (every edit, undo, redo and typed draft).
    pub revision: u64,
    /// The session file's state, for the header and the quit question.
    pub save: SaveIndicator,
    /// Read-only (review, a session held by someone else, `--alleen-lezen`): why. Editing keys
    /// show a message instead of acting.
    pub read_only: Option<String>,
    pub quit: bool,
    /// The chair confirmed quitting although something is not on disk.
    pub quit_confirmed: bool,
    /// Set whenever the screen must be drawn again.
    pub redraw: bool,
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Called after every applied edit (the autosave hook).
    pub on_change: Option<ChangeHook>,
}

/// Looks like a Dutch BSN: exactly nine digits (ignoring spaces and dots).
pub fn looks_like_bsn(id: &str) -> bool {
    let digits: String = id
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    digits.len() == 9 && digits.chars().all(|c| c.is_ascii_digit())
}

/// Parses a due date JJJJ-MM-DD (also D-M-JJJJ), with a Dutch error.
pub fn parse_due(text: &str, t: &Texts) -> Result<NaiveDate, String> {
    let s = text.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .map_err(|_| {
            if s.is_empty() {
                t.err_date_empty.to_string()
            } else {
                text::fill(t.err_date_bad, &[s])
            }
        })
}

impl App {
    pub fn new(
        set: RuleSet,
        checklists: Vec<Checklist>,
        meeting: Meeting,
        keymap: Keymap,
        options: Options,
        now: NaiveDateTime,
    ) -> App {
        let mut checklist_order = Vec::new();
        if let Some(main) = main_checklist(&checklists, meeting.table) {
            checklist_order.push(
                checklists
                    .iter()
                    .position(|c| std::ptr::eq(c, main))
                    .unwrap(),
            );
        }
        for c in secondary_checklists(&checklists) {
            checklist_order.push(checklists.iter().position(|x| std::ptr::eq(x, c)).unwrap());
        }
        let visible = (0..meeting.cases.len()).collect();
        let mut app = App {
            set,
            checklists,
            checklist_order,
            meeting,
            keymap,
            lang: options.lang,
            theme: options.theme,
            timebox_minutes: options.timebox_minutes,
            now,
            focus: Pane::Agenda,
            visible,
            agenda_cursor: 0,
            agenda_offset: 0,
            filter: LineInput::default(),
            filtering: false,
            current: None,
            view: None,
            rules_cursor: 0,
            rules_offset: 0,
            checklist_index: 0,
            check_cursor: 0,
            check_offset: 0,
            overlays: Vec::new(),
            markers: HashMap::new(),
            message: None,
            dirty: false,
            revision: 0,
            save: SaveIndicator::Off,
            read_only: None,
            quit: false,
            quit_confirmed: false,
            redraw: true,
            undo: Vec::new(),
            redo: Vec::new(),
            on_change: None,
        };
        if !app.meeting.cases.is_empty() {
            app.open_case(0);
        }
        app
    }

    pub fn t(&self) -> &'static Texts {
        text::texts(self.lang)
    }

    pub fn date(&self) -> NaiveDate {
        self.meeting.date
    }

    // ----- derived state -------------------------------------------------------------------

    /// The typed facts of a case for the meeting date (dates turned into ages and day counts).
    pub fn case_facts(&self, case: &MeetingCase) -> Result<CaseFacts, String> {
        let mut facts = typed_facts(&self.set, &case.facts)?;
        apply_dates(&self.set, &mut facts, &case.dates, self.meeting.date);
        Ok(facts)
    }

    fn evaluate_case(&self, index: usize) -> CaseView {
        let case = &self.meeting.cases[index];
        let engine = Engine::new(&self.set, self.meeting.date);
        let (facts, error) = match self.case_facts(case) {
            Ok(f) => (f, None),
            Err(e) => (CaseFacts::new(&self.set.vocabulary), Some(e)),
        };
        let evaluation = engine.evaluate(&facts);
        let advice =
            advice::derive_for_table(&self.set, &evaluation, Some(self.meeting.table.table()));
        CaseView {
            case: index,
            facts,
            evaluation,
            advice,
            rows: Vec::new(),
            error,
        }
    }

    /// The marker shown in the agenda: the law, "?" while open, "!" for judgement.
    pub fn marker_of(&self, advice: &AdviceOut) -> String {
        let law = &advice.law;
        match law.status {
            "determined" if law.laws.is_empty() => "—".into(),
            "determined" => law.laws.join("+"),
            "needs_judgement" => format!("! {}", law.candidates.join("/")),
            _ => "?".into(),
        }
    }

    /// Re-evaluates the open case and rebuilds the rows of the Regels pane.
    fn refresh_view(&mut self) {
        let Some(index) = self.current else {
            self.view = None;
            return;
        };
        let mut view = self.evaluate_case(index);
        let marker = self.marker_of(&view.advice);
        self.markers
            .insert(self.meeting.cases[index].id.clone(), marker);
        view.rows = self.build_rows(&view, None);
        self.view = Some(view);
        self.clamp_rules_cursor();
        self.rebuild_rows();
    }

    /// Rebuilds the rows (the active question's choices follow the cursor) without evaluating.
    fn rebuild_rows(&mut self) {
        let Some(view) = &self.view else { return };
        let selected = view.rows.get(self.rules_cursor).cloned();
        let active = match (&selected, self.focus) {
            (Some(Row::Question(q)), Pane::Rules) => Some(*q),
            _ => None,
        };
        let rows = self.build_rows(view, active);
        // keep the cursor on the same selectable row
        let cursor = selected
            .and_then(|s| rows.iter().position(|r| *r == s))
            .unwrap_or(self.rules_cursor);
        if let Some(v) = &mut self.view {
            v.rows = rows;
        }
        self.rules_cursor = cursor;
        self.clamp_rules_cursor();
    }

    fn build_rows(&self, view: &CaseView, active: Option<usize>) -> Vec<Row> {
        let set = &self.set;
        let ev = &view.evaluation;
        let mut rows = Vec::new();
        let rule_index = |id: &str| {
            ev.results
                .iter()
                .find(|r| set.rules[r.rule].id == id)
                .map(|r| r.rule)
        };
        let warnings: Vec<usize> = view
            .advice
            .warnings
            .iter()
            .filter_map(|id| rule_index(id))
            .collect();
        rows.push(Row::Heading(Heading::Advice));
        for &w in warnings.iter().filter(|&&w| set.rules[w].safety) {
            rows.push(Row::Safety(w));
        }
        for f in [
            AdviceField::Law,
            AdviceField::Route,
            AdviceField::Provision,
            AdviceField::Uno,
            AdviceField::Veldtafel,
        ] {
            rows.push(Row::Advice(f));
        }
        for &w in warnings.iter().filter(|&&w| !set.rules[w].safety) {
            rows.push(Row::Warning(w));
        }
        rows.push(Row::Blank);
        rows.push(Row::Heading(Heading::Questions(ev.questions.len())));
        if ev.questions.is_empty() {
            rows.push(Row::Note("no_questions"));
        }
        let active = active.or(if ev.questions.is_empty() {
            None
        } else {
            Some(0)
        });
        for q in 0..ev.questions.len() {
            rows.push(Row::Question(q));
            if Some(q) == active
                && matches!(
                    set.vocabulary.def(ev.questions[q].fact).kind,
                    FactKind::Enum(_)
                )
            {
                rows.push(Row::Choices(q));
            }
        }
        let table = self.meeting.table.table();
        for here in [true, false] {
            rows.push(Row::Blank);
            rows.push(Row::Heading(if here {
                Heading::RulesHere
            } else {
                Heading::RulesOther
            }));
            for kind in Kind::ALL {
                let mut in_kind: Vec<usize> = ev
                    .results
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        let rule = &set.rules[r.rule];
                        rule.kind == kind && rule.shown_at(table) == here
                    })
                    .map(|(i, _)| i)
                    .collect();
                if in_kind.is_empty() {
                    continue;
                }
                in_kind.sort_by_key(|&i| {
                    let r = &ev.results[i];
                    let rank = match (r.status, r.judgement) {
                        (Tri::True, true) => 0,
                        (Tri::True, false) => 1,
                        (Tri::Unknown, _) => 2,
                        (Tri::False, _) => 3,
                    };
                    (rank, set.rules[r.rule].order)
                });
                rows.push(Row::Kind(kind, here));
                rows.extend(in_kind.into_iter().map(Row::Rule));
            }
        }
        rows
    }

    fn clamp_rules_cursor(&mut self) {
        let Some(view) = &self.view else { return };
        let rows = &view.rows;
        if rows.is_empty() {
            self.rules_cursor = 0;
            return;
        }
        let mut c = self.rules_cursor.min(rows.len() - 1);
        if !rows[c].selectable() {
            // the first selectable row at or after, else before
            c = (c..rows.len())
                .find(|&i| rows[i].selectable())
                .or_else(|| (0..c).rev().find(|&i| rows[i].selectable()))
                .unwrap_or(0);
        }
        self.rules_cursor = c;
    }

    /// The first question row, where the cursor starts for a newly opened case.
    fn first_question_row(&self) -> usize {
        self.view
            .as_ref()
            .and_then(|v| v.rows.iter().position(|r| matches!(r, Row::Question(_))))
            .unwrap_or(0)
    }

    /// Fills the agenda markers for the given rows (called before drawing).
    pub fn ensure_markers(&mut self, from: usize, to: usize) {
        let to = to.min(self.visible.len());
        for i in from.min(to)..to {
            let index = self.visible[i];
            if self.markers.contains_key(&self.meeting.cases[index].id) {
                continue;
            }
            let view = self.evaluate_case(index);
            let marker = if view.error.is_some() {
                "fout".to_string()
            } else {
                self.marker_of(&view.advice)
            };
            self.markers
                .insert(self.meeting.cases[index].id.clone(), marker);
        }
    }

    /// The checklist shown in the pane.
    pub fn checklist(&self) -> Option<&Checklist> {
        self.checklist_order
            .get(self.checklist_index)
            .map(|&i| &self.checklists[i])
    }

    pub fn check_rows(&self) -> Vec<CheckRow> {
        let Some(c) = self.checklist() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        if !c.participants.is_empty() {
            rows.push(CheckRow::Participants);
        }
        rows.extend((0..c.notes.len()).map(CheckRow::Note));
        rows.extend((0..c.items.len()).map(|i| CheckRow::Item(None, i)));
        for (l, list) in c.lists.iter().enumerate() {
            rows.push(CheckRow::List(l));
            rows.extend((0..list.items.len()).map(|i| CheckRow::Item(Some(l), i)));
        }
        rows
    }

    pub fn check_item(&self, row: CheckRow) -> Option<&ChecklistItem> {
        let c = self.checklist()?;
        match row {
            CheckRow::Item(None, i) => c.items.get(i),
            CheckRow::Item(Some(l), i) => c.lists.get(l)?.items.get(i),
            _ => None,
        }
    }

    /// (manually checked, ticked automatically because its facts are known)
    pub fn item_state(&self, item: &ChecklistItem) -> (bool, bool) {
        let Some(case) = self.current.map(|i| &self.meeting.cases[i]) else {
            return (false, false);
        };
        let manual = case.checklist.get(&item.id).is_some_and(|m| m.checked);
        let auto = self
            .view
            .as_ref()
            .is_some_and(|v| auto_ticked(item, &v.facts, &self.set.vocabulary));
        (manual, auto)
    }

    pub fn selected_item(&self) -> Option<&ChecklistItem> {
        let rows = self.check_rows();
        rows.get(self.check_cursor)
            .and_then(|r| self.check_item(*r))
    }

    /// The question the quick-triage keys answer: the selected one in the Regels pane, else the
    /// top one.
    pub fn active_question(&self) -> Option<usize> {
        let view = self.view.as_ref()?;
        if self.focus == Pane::Rules
            && let Some(Row::Question(q)) = view.rows.get(self.rules_cursor)
        {
            return Some(*q);
        }
        (!view.evaluation.questions.is_empty()).then_some(0)
    }

    /// The fact the quick-triage keys act on.
    pub fn target_fact(&self) -> Option<FactId> {
        if let Some(Overlay::Facts(fv)) = self.overlays.last() {
            return match fv.rows.get(fv.cursor) {
                Some(FactRow::Fact(f)) => Some(*f),
                _ => None,
            };
        }
        let q = self.active_question()?;
        Some(self.view.as_ref()?.evaluation.questions[q].fact)
    }

    pub fn time_spent(&self) -> Option<u64> {
        self.current.map(|i| self.meeting.cases[i].seconds_spent)
    }

    // ----- the one mutation point ----------------------------------------------------------

    /// Applies an edit to the meeting (records undo, marks the meeting dirty, re-evaluates); free text that looks like a BSN, e-mail address or phone number gets a
    /// warning in the status bar (never a block: the chair decides).
    pub fn apply(&mut self, edit: Edit) {
        if self.refuse_edit() {
            return;
        }
        let free_text = match &edit {
            Edit::SetNotes { text, .. } | Edit::SetDecision { text, .. } => Some(text.clone()),
            Edit::SetCheckNote { note, .. } => Some(note.clone()),
            Edit::AddActionItem { item, .. } => Some(format!("{} {}", item.who, item.what)),
            Edit::AddCase { case, .. } => {
                Some(format!("{} {} {}", case.id, case.title, case.summary))
            }
            Edit::AddAttendee { attendee } => Some(format!("{} {}", attendee.name, attendee.role)),
            _ => None,
        };
        self.apply_edit(edit);
        if let Some(hint) = free_text
            .as_deref()
            .and_then(|t| crate::text::privacy_hints(t).into_iter().next())
        {
            self.error(hint.message());
        }
    }

    fn apply_edit(&mut self, edit: Edit) {
        let change = match edit {
            Edit::MoveCase { from, to } => {
                if from >= self.meeting.cases.len() || to >= self.meeting.cases.len() || from == to
                {
                    return;
                }
                self.move_case(from, to);
                Change::Move { from, to }
            }
            Edit::AddCase { index, case } => {
                let index = index.min(self.meeting.cases.len());
                self.meeting.cases.insert(index, (*case).clone());
                // the open case keeps pointing at the same case (as in redo)
                if let Some(c) = self.current.filter(|c| *c >= index) {
                    self.current = Some(c + 1);
                    if let Some(v) = &mut self.view {
                        v.case = c + 1;
                    }
                }
                self.structure_changed(Some(index));
                Change::Insert { index, case }
            }
            Edit::AddAttendee { attendee } => {
                let before = self.meeting.attendees.clone();
                self.meeting.attendees.push(Attendee {
                    name: crate::text::sanitize_line(attendee.name.trim()),
                    role: crate::text::sanitize_line(attendee.role.trim()),
                });
                Change::Attendees {
                    before,
                    after: self.meeting.attendees.clone(),
                }
            }
            Edit::RemoveAttendee { index } => {
                if index >= self.meeting.attendees.len() {
                    return;
                }
                let before = self.meeting.attendees.clone();
                self.meeting.attendees.remove(index);
                Change::Attendees {
                    before,
                    after: self.meeting.attendees.clone(),
                }
            }
            edit => {
                let index = match &edit {
                    Edit::SetFact { case, .. }
                    | Edit::SetCheck { case, .. }
                    | Edit::SetCheckNote { case, .. }
                    | Edit::SetNotes { case, .. }
                    | Edit::SetDecision { case, .. }
                    | Edit::AddActionItem { case, .. }
                    | Edit::SetActionDone { case, .. }
                    | Edit::RemoveActionItem { case, .. }
                    | Edit::SetStatus { case, .. } => *case,
                    _ => unreachable!(),
                };
                let Some(before) = self.meeting.cases.get(index).cloned() else {
                    return;
                };
                let (date, now) = (self.meeting.date, self.now);
                let c = &mut self.meeting.cases[index];
                match edit {
                    Edit::SetFact { fact, value, .. } => match value {
                        Some(v) => {
                            c.facts.insert(fact, v);
                        }
                        None => {
                            c.facts.remove(&fact);
                        }
                    },
                    Edit::SetCheck { item, checked, .. } => {
                        let mark = c.checklist.entry(item.clone()).or_default();
                        mark.checked = checked;
                        if *mark == ChecklistMark::default() {
                            c.checklist.remove(&item);
                        }
                    }
                    Edit::SetCheckNote { item, note, .. } => {
                        let mark = c.checklist.entry(item.clone()).or_default();
                        mark.note = note;
                        if *mark == ChecklistMark::default() {
                            c.checklist.remove(&item);
                        }
                    }
                    Edit::SetNotes { text, .. } => c.notes = text,
                    Edit::SetDecision { text, .. } => c.decision = text,
                    Edit::AddActionItem { item, .. } => c.actions.push(item),
                    Edit::SetActionDone { index, done, .. } => {
                        if let Some(a) = c.actions.get_mut(index) {
                            a.done = done;
                        }
                    }
                    Edit::RemoveActionItem { index, .. } => {
                        if index < c.actions.len() {
                            c.actions.remove(index);
                        }
                    }
                    Edit::SetStatus { status, .. } => {
                        c.status = status;
                        // the advice as it stands when the case is closed, so a later rule
                        // change does not silently rewrite the minutes
                        c.advice_at_close = (status == CaseStatus::Besproken)
                            .then(|| crate::export::advice_snapshot(&self.set, c, date, now));
                    }
                    _ => unreachable!(),
                }
                if *c == before {
                    return;
                }
                let after = Box::new(c.clone());
                self.case_changed(index);
                Change::Case {
                    index,
                    before: Box::new(before),
                    after,
                }
            }
        };
        self.undo.push(change);
        self.redo.clear();
        self.changed();
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.revision += 1;
        self.redraw = true;
        if let Some(hook) = &mut self.on_change {
            hook(&self.meeting);
        }
    }

    fn case_changed(&mut self, index: usize) {
        self.markers.remove(&self.meeting.cases[index].id);
        if self.current == Some(index) {
            self.refresh_view();
        }
    }

    fn move_case(&mut self, from: usize, to: usize) {
        let case = self.meeting.cases.remove(from);
        self.meeting.cases.insert(to, case);
        let fix = |i: usize| {
            if i == from {
                to
            } else if from < to && i > from && i <= to {
                i - 1
            } else if to < from && i >= to && i < from {
                i + 1
            } else {
                i
            }
        };
        self.current = self.current.map(fix);
        if let Some(v) = &mut self.view {
            v.case = fix(v.case);
        }
        self.refilter();
        if let Some(pos) = self.visible.iter().position(|&i| i == to) {
            self.agenda_cursor = pos;
        }
        self.sync_actions_overlay();
    }

    /// After cases moved, were inserted or removed: the Actiepunten overlay follows the open
    /// case (and closes when no case is open).
    fn sync_actions_overlay(&mut self) {
        let current = self.current;
        self.overlays.retain_mut(|o| match o {
            Overlay::Actions(v) => match current {
                Some(c) => {
                    v.case = c;
                    true
                }
                None => false,
            },
            _ => true,
        });
    }

    /// After a case was inserted or removed: recompute indices by id.
    fn structure_changed(&mut self, select: Option<usize>) {
        self.refilter();
        self.sync_actions_overlay();
        if let Some(index) = select
            && let Some(pos) = self.visible.iter().position(|&i| i == index)
        {
            self.agenda_cursor = pos;
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn undo(&mut self) {
        let Some(change) = self.undo.pop() else {
            self.info(self.t().nothing_to_undo);
            return;
        };
        self.revert(&change, true);
        self.redo.push(change);
        self.changed();
        self.info(self.t().undone);
    }

    pub fn redo(&mut self) {
        let Some(change) = self.redo.pop() else {
            self.info(self.t().nothing_to_redo);
            return;
        };
        self.revert(&change, false);
        self.undo.push(change);
        self.changed();
        self.info(self.t().redone);
    }

    /// Undoes (`back`) or redoes a change. Time spent on a case is not part of undo.
    fn revert(&mut self, change: &Change, back: bool) {
        match change {
            Change::Case {
                index,
                before,
                after,
            } => {
                let spent = self.meeting.cases[*index].seconds_spent;
                let mut case = if back {
                    (**before).clone()
                } else {
                    (**after).clone()
                };
                case.seconds_spent = spent;
                self.meeting.cases[*index] = case;
                self.case_changed(*index);
            }
            Change::Attendees { before, after } => {
                self.meeting.attendees = if back { before } else { after }.clone();
            }
            Change::Move { from, to } => {
                if back {
                    self.move_case(*to, *from)
                } else {
                    self.move_case(*from, *to)
                }
            }
            Change::Insert { index, case } => {
                if back {
                    self.meeting.cases.remove(*index);
                    self.current = match self.current {
                        Some(c) if c == *index => None,
                        Some(c) if c > *index => Some(c - 1),
                        other => other,
                    };
                    if self.current.is_none() && !self.meeting.cases.is_empty() {
                        self.open_case((*index).min(self.meeting.cases.len() - 1));
                    } else if self.meeting.cases.is_empty() {
                        self.view = None;
                    } else if let (Some(v), Some(c)) = (&mut self.view, self.current) {
                        v.case = c;
                    }
                    self.structure_changed(None);
                } else {
                    self.meeting.cases.insert(*index, (**case).clone());
                    if let Some(c) = self.current.filter(|c| *c >= *index) {
                        self.current = Some(c + 1);
                        if let Some(v) = &mut self.view {
                            v.case = c + 1;
                        }
                    }
                    self.structure_changed(Some(*index));
                }
            }
        }
    }

    // ----- the notes editor: every word on disk while it is typed ------------------------------

    /// The one exception to "every change goes through [`App::apply`]": the open notes or
    /// decision editor writes its text into the meeting at every keystroke (so a dropped
    /// connection loses no word; the autosave coalesces the burst). No undo record per key:
    /// [`App::close_editor`] makes one for the whole edit.
    fn draft(&mut self) {
        let Some(Overlay::Editor(e)) = self.overlays.last() else {
            return;
        };
        if e.read_only {
            return;
        }
        let (target, case, text) = (e.target, e.case, e.area.text());
        let Some(c) = self.meeting.cases.get_mut(case) else {
            return;
        };
        let field = match target {
            EditorTarget::Notes => &mut c.notes,
            EditorTarget::Decision => &mut c.decision,
        };
        if *field == text {
            return;
        }
        *field = text;
        self.changed();
    }

    /// Closes the editor: one undo record for the whole edit, and the privacy check.
    fn close_editor(&mut self) {
        self.draft();
        let Some(Overlay::Editor(e)) = self.overlays.pop() else {
            return;
        };
        let (Some(before), Some(after)) = (e.before, self.meeting.cases.get(e.case)) else {
            return;
        };
        let (old, new) = match e.target {
            EditorTarget::Notes => (&before.notes, &after.notes),
            EditorTarget::Decision => (&before.decision, &after.decision),
        };
        if old == new {
            return;
        }
        let hint = crate::text::privacy_hints(new).into_iter().next();
        let after = Box::new(after.clone());
        self.undo.push(Change::Case {
            index: e.case,
            before,
            after,
        });
        self.redo.clear();
        if let Some(hint) = hint {
            self.error(hint.message());
        }
    }

    // ----- sessions -----------------------------------------------------------------------------

    /// Is something not on disk that quitting would lose? (With a session: only when the last
    /// save failed — a pending change is written on the way out. Without one: any change.)
    pub fn unsaved(&self) -> bool {
        match &self.save {
            SaveIndicator::Off => self.dirty && self.read_only.is_none(),
            SaveIndicator::Failed(_) => true,
            SaveIndicator::Saved(_) | SaveIndicator::Pending => false,
        }
    }

    /// In read-only mode: says so and returns true (the caller does nothing).
    pub fn refuse_edit(&mut self) -> bool {
        let Some(why) = &self.read_only else {
            return false;
        };
        let text = text::fill(self.t().read_only_refused, &[why]);
        self.error(text);
        true
    }

    /// Replaces the meeting with a newer copy (a read-only viewer following the chair's saves),
    /// keeping the open case and the cursors where possible. Not an edit.
    pub fn replace_meeting(&mut self, meeting: Meeting) {
        let current = self.current.map(|i| self.meeting.cases[i].id.clone());
        let (rules_cursor, check_cursor, focus) =
            (self.rules_cursor, self.check_cursor, self.focus);
        self.meeting = meeting;
        self.markers.clear();
        self.undo.clear();
        self.redo.clear();
        self.overlays
            .retain(|o| matches!(o, Overlay::Help { .. } | Overlay::ConfirmQuit));
        self.current = None;
        self.view = None;
        self.visible = (0..self.meeting.cases.len()).collect();
        self.refilter();
        let index = current
            .and_then(|id| self.meeting.cases.iter().position(|c| c.id == id))
            .or((!self.meeting.cases.is_empty()).then_some(0));
        if let Some(i) = index {
            self.open_case(i);
            self.focus = focus;
            self.rules_cursor = rules_cursor;
            self.check_cursor = check_cursor;
            self.clamp_rules_cursor();
            self.clamp_check_cursor(1);
            self.rebuild_rows();
        }
        self.redraw = true;
    }

    // ----- messages --------------------------------------------------------------------------

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), MessageKind::Info));
        self.redraw = true;
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), MessageKind::Error));
        self.redraw = true;
    }

    // ----- time --------------------------------------------------------------------------------

    /// Advances the clock; the open case's time grows. Not an edit: neither dirty nor undoable.
    /// Returns whether something on screen changed.
    pub fn tick(&mut self, now: NaiveDateTime) -> bool {
        let seconds = (now - self.now).num_seconds();
        if seconds <= 0 {
            return false;
        }
        let shown_before = self.clock_shown();
        self.now = now;
        if let Some(i) = self.current
            && self.read_only.is_none()
        {
            self.meeting.cases[i].seconds_spent += seconds as u64;
        }
        // redraw only when the minutes on screen change (meeting clock or timebox)
        let changed = self.clock_shown() != shown_before;
        self.redraw |= changed;
        changed
    }

    /// What the clocks on screen show: meeting minutes and the timebox minutes of the open case.
    fn clock_shown(&self) -> (i64, Option<u64>) {
        let meeting = (self.now - self.meeting.started_at).num_minutes();
        let timebox = self.time_spent().map(|spent| {
            let left = self.timebox_minutes as i64 * 60 - spent as i64;
            left.unsigned_abs().div_ceil(60) + u64::from(left < 0) * 1_000_000
        });
        (meeting, timebox)
    }

    // ----- agenda --------------------------------------------------------------------------------

    pub fn open_case(&mut self, index: usize) {
        if index >= self.meeting.cases.len() {
            return;
        }
        let same = self.current == Some(index);
        self.current = Some(index);
        if let Some(pos) = self.visible.iter().position(|&i| i == index) {
            self.agenda_cursor = pos;
        }
        if !same {
            self.refresh_view();
            self.rules_cursor = self.first_question_row();
            self.rules_offset = 0;
            self.check_cursor = 0;
            self.check_offset = 0;
            self.clamp_check_cursor(1);
            self.rebuild_rows();
        }
        self.redraw = true;
    }

    /// Recomputes the visible cases from the filter (fuzzy over id, title and summary).
    pub fn refilter(&mut self) {
        let cursor_case = self.visible.get(self.agenda_cursor).copied();
        let query = self.filter.text.trim();
        if query.is_empty() {
            self.visible = (0..self.meeting.cases.len()).collect();
        } else {
            let haystacks: Vec<String> = self
                .meeting
                .cases
                .iter()
                .map(|c| format!("{} {} {}", c.id, c.title, c.summary))
                .collect();
            self.visible = super::fuzzy::filter(query, &haystacks);
        }
        self.agenda_cursor = cursor_case
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(0);
        self.agenda_cursor = self.agenda_cursor.min(self.visible.len().saturating_sub(1));
        self.redraw = true;
    }

    // ----- keys ---------------------------------------------------------------------------------

    /// The scopes whose bindings are active now.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.overlays.last() {
            Some(Overlay::Facts(_)) => vec![Scope::Global, Scope::Case],
            // t adds an action item, u/Ctrl-R undo and redo; other case keys are ignored there
            Some(Overlay::Actions(_) | Overlay::Attendees(_)) => {
                vec![Scope::Global, Scope::List, Scope::Case]
            }
            Some(_) => vec![Scope::Global],
            None => vec![Scope::Global, Scope::Case, self.focus.scope()],
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, event: KeyEvent) {
        self.redraw = true;
        if self.message.is_some() {
            self.message = None;
        }
        if self.text_key(&event) {
            return;
        }
        if matches!(self.overlays.last(), Some(Overlay::ConfirmQuit)) {
            match event.code {
                KeyCode::Char('j' | 'J' | 'y' | 'Y') | KeyCode::Enter => {
                    self.quit = true;
                    self.quit_confirmed = true;
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.overlays.pop();
                }
                _ => {}
            }
            return;
        }
        let key = Key::from_event(&event);
        let mut scopes = self.scopes();
        if matches!(self.overlays.last(), Some(Overlay::Facts(_))) {
            // the facts view filters like the agenda does
            if self.keymap.action(key, &[Scope::Agenda]) == Some(Action::Filter) {
                self.update(Action::Filter);
                return;
            }
        }
        if matches!(self.overlays.last(), Some(Overlay::Picker(_))) {
            scopes.push(Scope::Case);
        }
        if let Some(action) = self.keymap.action(key, &scopes) {
            let allowed = match self.overlays.last() {
                Some(Overlay::Actions(_)) => {
                    matches!(action, Action::NewActionItem | Action::Undo | Action::Redo)
                }
                Some(Overlay::Attendees(_)) => matches!(action, Action::Undo | Action::Redo),
                _ => true,
            };
            if action.scope() == Scope::Case && !allowed {
                return;
            }
            self.update(action);
        } else if let Some(Overlay::Picker(p)) = self.overlays.last_mut()
            && let (PickerMode::Multi { cursor, chosen }, KeyCode::Char(' ')) =
                (&mut p.mode, event.code)
            && let Some(c) = chosen.get_mut(*cursor)
        {
            *c = !*c;
        }
    }

    /// Pasted text goes into the open text field (cleaned first).
    pub fn paste(&mut self, text: &str) {
        self.redraw = true;
        match self.overlays.last_mut() {
            Some(Overlay::Editor(e)) => e.area.insert_str(text),
            Some(Overlay::ActionForm(f)) => f.fields[f.focus].insert_str(text),
            Some(Overlay::AttendeeForm(f)) => f.fields[f.focus].insert_str(text),
            Some(Overlay::CaseForm(f)) => f.fields[f.focus].insert_str(text),
            Some(Overlay::ItemNote(f)) => f.input.insert_str(text),
            Some(Overlay::Picker(Picker {
                mode: PickerMode::Text { input, .. },
                ..
            })) => input.insert_str(text),
            Some(Overlay::Facts(fv)) if fv.filtering => {
                fv.filter.insert_str(text);
                self.refilter_facts();
            }
            None if self.filtering => {
                self.filter.insert_str(text);
                self.refilter();
            }
            _ => {}
        }
    }

    /// Keys for text fields, which do not go through the keymap. Returns true when consumed.
    fn text_key(&mut self, event: &KeyEvent) -> bool {
        let t = self.t();
        let esc = event.code == KeyCode::Esc;
        let enter = event.code == KeyCode::Enter;
        let ctrl_s =
            event.code == KeyCode::Char('s') && event.modifiers.contains(KeyModifiers::CONTROL);
        match self.overlays.last_mut() {
            None if self.filtering => {
                if esc {
                    self.filtering = false;
                    self.filter = LineInput::default();
                    self.refilter();
                } else if enter {
                    self.filtering = false;
                } else if matches!(event.code, KeyCode::Up | KeyCode::Down) {
                    return false;
                } else if self.filter.key(event) == Edited::Handled {
                    self.refilter();
                }
                true
            }
            Some(Overlay::Facts(fv)) if fv.filtering => {
                if esc {
                    fv.filtering = false;
                    fv.filter = LineInput::default();
                } else if enter {
                    fv.filtering = false;
                } else if matches!(event.code, KeyCode::Up | KeyCode::Down) {
                    return false;
                } else {
                    fv.filter.key(event);
                }
                self.refilter_facts();
                true
            }
            Some(Overlay::Picker(Picker {
                mode: PickerMode::Text { input, error },
                fact,
            })) => {
                let fact = *fact;
                if esc {
                    self.overlays.pop();
                } else if enter {
                    let text = input.text.clone();
                    match self.parse_fact_text(fact, &text) {
                        Ok(raw) => {
                            self.overlays.pop();
                            self.set_fact(fact, Some(raw));
                        }
                        Err(e) => {
                            if let Some(Overlay::Picker(Picker {
                                mode: PickerMode::Text { error, .. },
                                ..
                            })) = self.overlays.last_mut()
                            {
                                *error = Some(e);
                            }
                        }
                    }
                } else {
                    input.key(event);
                    *error = None;
                }
                true
            }
            Some(Overlay::Editor(editor)) if editor.read_only => {
                if esc || event.code == KeyCode::Char('q') {
                    self.overlays.pop();
                } else if matches!(
                    event.code,
                    KeyCode::Up
                        | KeyCode::Down
                        | KeyCode::Left
                        | KeyCode::Right
                        | KeyCode::Home
                        | KeyCode::End
                ) {
                    editor.area.key(event);
                }
                true
            }
            Some(Overlay::Editor(editor)) => {
                if esc || ctrl_s {
                    self.close_editor();
                } else if editor.area.key(event) == Edited::Handled {
                    self.draft();
                }
                true
            }
            Some(Overlay::ActionForm(form)) => {
                if esc {
                    self.overlays.pop();
                } else if matches!(event.code, KeyCode::Tab | KeyCode::Down) {
                    form.focus = (form.focus + 1) % 3;
                } else if matches!(event.code, KeyCode::BackTab | KeyCode::Up) {
                    form.focus = (form.focus + 2) % 3;
                } else if enter {
                    let who = form.fields[0].text.trim().to_string();
                    let what = form.fields[1].text.trim().to_string();
                    let due = parse_due(&form.fields[2].text, t);
                    if who.is_empty() {
                        form.error = Some(t.err_who_empty.into());
                        form.focus = 0;
                    } else if what.is_empty() {
                        form.error = Some(t.err_what_empty.into());
                        form.focus = 1;
                    } else {
                        match due {
                            Err(e) => {
                                form.error = Some(e);
                                form.focus = 2;
                            }
                            Ok(due) => {
                                self.overlays.pop();
                                if let Some(case) = self.current {
                                    self.apply(Edit::AddActionItem {
                                        case,
                                        item: ActionItem {
                                            who,
                                            what,
                                            due,
                                            done: false,
                                        },
                                    });
                                    self.info(t.action_added);
                                    if let Some(Overlay::Actions(v)) = self.overlays.last_mut() {
                                        v.cursor = self.meeting.cases[case].actions.len() - 1;
                                    }
                                }
                            }
                        }
                    }
                } else {
                    form.fields[form.focus].key(event);
                    form.error = None;
                }
                true
            }
            Some(Overlay::AttendeeForm(form)) => {
                if esc {
                    self.overlays.pop();
                } else if matches!(event.code, KeyCode::Tab | KeyCode::BackTab) {
                    form.focus = 1 - form.focus;
                } else if form.focus == 1
                    && !form.roles.is_empty()
                    && matches!(event.code, KeyCode::Up | KeyCode::Down)
                {
                    let n = form.roles.len();
                    let pick = match (form.role_pick, event.code) {
                        (None, KeyCode::Down) => 0,
                        (None, _) => n - 1,
                        (Some(p), KeyCode::Down) => (p + 1) % n,
                        (Some(p), _) => (p + n - 1) % n,
                    };
                    form.role_pick = Some(pick);
                    form.fields[1] = LineInput::new(&form.roles[pick]);
                    form.error = None;
                } else if matches!(event.code, KeyCode::Up | KeyCode::Down) {
                    form.focus = 1 - form.focus;
                } else if enter {
                    let name = crate::text::sanitize_line(form.fields[0].text.trim());
                    let role = crate::text::sanitize_line(form.fields[1].text.trim());
                    if name.is_empty() {
                        form.error = Some(t.err_name_empty.into());
                        form.focus = 0;
                    } else if role.is_empty() {
                        form.error = Some(t.err_role_empty.into());
                        form.focus = 1;
                    } else {
                        self.overlays.pop();
                        self.apply(Edit::AddAttendee {
                            attendee: Attendee { name, role },
                        });
                        if self.message.is_none() {
                            self.info(t.attendee_added);
                        }
                        let last = self.meeting.attendees.len().saturating_sub(1);
                        if let Some(Overlay::Attendees(v)) = self.overlays.last_mut() {
                            v.cursor = last;
                        }
                    }
                } else {
                    form.fields[form.focus].key(event);
                    form.error = None;
                }
                true
            }
            Some(Overlay::CaseForm(form)) => {
                if esc {
                    self.overlays.pop();
                } else if matches!(
                    event.code,
                    KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up
                ) {
                    form.focus = 1 - form.focus;
                } else if enter {
                    let id = form.fields[0].text.trim().to_string();
                    let title = form.fields[1].text.trim().to_string();
                    if id.is_empty() {
                        form.error = Some(t.err_id_empty.into());
                        form.focus = 0;
                    } else if self.meeting.cases.iter().any(|c| c.id == id) {
                        form.error = Some(text::fill(t.err_id_taken, &[&id]));
                        form.focus = 0;
                    } else if looks_like_bsn(&id) && form.warned.as_deref() != Some(id.as_str()) {
                        form.error = Some(t.warn_bsn.into());
                        form.warned = Some(id);
                        form.focus = 0;
                    } else {
                        self.overlays.pop();
                        let index = self
                            .visible
                            .get(self.agenda_cursor)
                            .map_or(self.meeting.cases.len(), |i| i + 1);
                        let case = MeetingCase::new(
                            id,
                            if title.is_empty() {
                                t.untitled.to_string()
                            } else {
                                title
                            },
                        );
                        self.apply(Edit::AddCase {
                            index,
                            case: Box::new(case),
                        });
                        self.open_case(index);
                    }
                } else {
                    form.fields[form.focus].key(event);
                    form.error = None;
                }
                true
            }
            Some(Overlay::ItemNote(form)) => {
                if esc {
                    self.overlays.pop();
                } else if enter {
                    let note = form.input.text.trim().to_string();
                    let item = form.item.clone();
                    self.overlays.pop();
                    if let Some(case) = self.current {
                        self.apply(Edit::SetCheckNote { case, item, note });
                    }
                } else {
                    form.input.key(event);
                }
                true
            }
            _ => false,
        }
    }

    /// Performs an action in the current context.
    pub fn update(&mut self, action: Action) {
        self.redraw = true;
        let t = self.t();
        match action {
            Action::Quit => {
                if matches!(self.overlays.last(), Some(Overlay::ConfirmQuit)) {
                    self.quit = true;
                    self.quit_confirmed = true;
                } else if !self.unsaved() {
                    self.quit = true;
                } else {
                    self.overlays.push(Overlay::ConfirmQuit);
                }
                return;
            }
            Action::Help => {
                if matches!(self.overlays.last(), Some(Overlay::Help { .. })) {
                    self.overlays.pop();
                } else {
                    self.overlays.push(Overlay::Help { scroll: 0 });
                }
                return;
            }
            Action::Back => {
                if self.overlays.pop().is_none()
                    && !self.filter.text.is_empty()
                    && self.focus == Pane::Agenda
                {
                    self.filter = LineInput::default();
                    self.refilter();
                }
                return;
            }
            _ => {}
        }
        if action.edits() && self.refuse_edit() {
            return;
        }
        match action {
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            _ => {}
        }
        // overlays first
        if let Some(top) = self.overlays.last_mut() {
            let scroll = match top {
                Overlay::Help { scroll } => Some(scroll),
                Overlay::Rule(detail) => Some(&mut detail.scroll),
                _ => None,
            };
            if let Some(s) = scroll {
                {
                    match action {
                        Action::Down => *s += 1,
                        Action::Up => *s = s.saturating_sub(1),
                        Action::PageDown => *s += 10,
                        Action::PageUp => *s = s.saturating_sub(10),
                        Action::Top => *s = 0,
                        Action::Bottom => *s = usize::MAX / 2,
                        Action::Select => {
                            self.overlays.pop();
                        }
                        _ => {}
                    }
                    return;
                }
            }
            let picker_info = match self.overlays.last() {
                Some(Overlay::Picker(p)) => Some((self.picker_len(p.fact), self.is_bool(p.fact))),
                _ => None,
            };
            match self.overlays.last_mut().expect("an overlay is open") {
                Overlay::ConfirmQuit => {
                    if action == Action::Select {
                        self.quit = true;
                        self.quit_confirmed = true;
                    }
                    return;
                }
                Overlay::Picker(p) => {
                    let (len, is_bool) = picker_info.unwrap_or((0, false));
                    let fact = p.fact;
                    match (&mut p.mode, action) {
                        (
                            PickerMode::Choice { cursor } | PickerMode::Multi { cursor, .. },
                            Action::Down,
                        ) => *cursor = (*cursor + 1).min(len.saturating_sub(1)),
                        (
                            PickerMode::Choice { cursor } | PickerMode::Multi { cursor, .. },
                            Action::Up,
                        ) => *cursor = cursor.saturating_sub(1),
                        (
                            PickerMode::Choice { cursor } | PickerMode::Multi { cursor, .. },
                            Action::Top,
                        ) => *cursor = 0,
                        (
                            PickerMode::Choice { cursor } | PickerMode::Multi { cursor, .. },
                            Action::Bottom,
                        ) => *cursor = len.saturating_sub(1),
                        (PickerMode::Choice { cursor }, Action::Choice(n))
                            if (n as usize) <= len =>
                        {
                            *cursor = n as usize - 1;
                            self.confirm_picker();
                        }
                        (PickerMode::Multi { chosen, .. }, Action::Choice(n))
                            if (n as usize) <= len =>
                        {
                            chosen[n as usize - 1] = !chosen[n as usize - 1];
                        }
                        (PickerMode::Choice { .. }, Action::AnswerYes) if is_bool => {
                            self.overlays.pop();
                            self.set_fact(fact, Some(RawValue::Bool(true)));
                        }
                        (PickerMode::Choice { .. }, Action::AnswerNo) if is_bool => {
                            self.overlays.pop();
                            self.set_fact(fact, Some(RawValue::Bool(false)));
                        }
                        (_, Action::AnswerUnknown) => {
                            self.overlays.pop();
                            self.set_fact(fact, None);
                        }
                        (_, Action::Select) => self.confirm_picker(),
                        _ => {}
                    }
                    return;
                }
                Overlay::Facts(_) => {
                    self.facts_action(action);
                    return;
                }
                Overlay::Actions(_) => {
                    self.actions_action(action);
                    return;
                }
                Overlay::Attendees(_) => {
                    self.attendees_action(action);
                    return;
                }
                _ => return,
            }
        }
        match action {
            Action::NextPane => {
                self.focus = self.focus.next();
                self.rebuild_rows();
            }
            Action::PrevPane => {
                self.focus = self.focus.prev();
                self.rebuild_rows();
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.navigate(action),
            Action::Select => match self.focus {
                Pane::Agenda => {
                    if let Some(&i) = self.visible.get(self.agenda_cursor) {
                        self.open_case(i);
                    }
                }
                Pane::Rules => self.select_rule_row(),
                Pane::Checklist => self.toggle_item(),
            },
            Action::AnswerYes
            | Action::AnswerNo
            | Action::AnswerUnknown
            | Action::Choice(_)
            | Action::AnswerPicker => self.quick_answer(action),
            Action::Facts => self.open_facts(),
            Action::Notes | Action::Decision => {
                let Some(i) = self.current else {
                    return self.error(t.no_case_open);
                };
                let case = &self.meeting.cases[i];
                let (target, text) = if action == Action::Notes {
                    (EditorTarget::Notes, case.notes.clone())
                } else {
                    (EditorTarget::Decision, case.decision.clone())
                };
                let read_only = self.read_only.is_some();
                self.overlays.push(Overlay::Editor(Editor {
                    target,
                    area: TextArea::new(&text),
                    case: i,
                    before: (!read_only).then(|| Box::new(case.clone())),
                    read_only,
                }));
            }
            Action::NewActionItem => {
                if self.current.is_none() {
                    return self.error(t.no_case_open);
                }
                self.overlays
                    .push(Overlay::ActionForm(ActionForm::default()));
            }
            Action::ActionItems => {
                let Some(case) = self.current else {
                    return self.error(t.no_case_open);
                };
                self.overlays
                    .push(Overlay::Actions(ActionsView { case, cursor: 0 }));
            }
            Action::Attendees => self
                .overlays
                .push(Overlay::Attendees(AttendeesView::default())),
            Action::ListToggle | Action::ListRemove | Action::ListAdd => {}
            Action::CycleStatus => {
                let Some(case) = self.current else {
                    return self.error(t.no_case_open);
                };
                let status = match self.meeting.cases[case].status {
                    CaseStatus::Open => CaseStatus::Besproken,
                    CaseStatus::Besproken => CaseStatus::Uitgesteld,
                    CaseStatus::Uitgesteld => CaseStatus::Open,
                };
                self.apply(Edit::SetStatus { case, status });
                self.info(text::fill(
                    t.status_set,
                    &[text::status_label(self.lang, status)],
                ));
            }
            Action::NextCase | Action::PrevCase => {
                let pos = self
                    .current
                    .and_then(|c| self.visible.iter().position(|&i| i == c));
                let next = match (pos, action) {
                    (None, _) => 0,
                    (Some(p), Action::NextCase) => {
                        (p + 1).min(self.visible.len().saturating_sub(1))
                    }
                    (Some(p), _) => p.saturating_sub(1),
                };
                if let Some(&i) = self.visible.get(next) {
                    self.open_case(i);
                }
            }
            Action::Filter => {
                self.focus = Pane::Agenda;
                self.filtering = true;
            }
            Action::MoveCaseUp | Action::MoveCaseDown => {
                if !self.filter.text.is_empty() {
                    return self.error(t.clear_filter_first);
                }
                let Some(&from) = self.visible.get(self.agenda_cursor) else {
                    return;
                };
                let to = if action == Action::MoveCaseUp {
                    from.checked_sub(1)
                } else {
                    Some(from + 1)
                };
                if let Some(to) = to.filter(|&to| to < self.meeting.cases.len()) {
                    self.apply(Edit::MoveCase { from, to });
                }
            }
            Action::AddCase => self.overlays.push(Overlay::CaseForm(CaseForm::default())),
            Action::ToggleItem => self.toggle_item(),
            Action::ItemNote => {
                if self.current.is_none() {
                    return self.error(t.no_case_open);
                }
                let Some(item) = self.selected_item() else {
                    return self.error(t.select_item_first);
                };
                let id = item.id.clone();
                let note = self
                    .current
                    .and_then(|c| self.meeting.cases[c].checklist.get(&id))
                    .map(|m| m.note.clone());
                self.overlays.push(Overlay::ItemNote(ItemNoteForm {
                    item: id,
                    input: LineInput::new(&note.unwrap_or_default()),
                }));
            }
            Action::NextChecklist => {
                if self.checklist_order.len() > 1 {
                    self.checklist_index = (self.checklist_index + 1) % self.checklist_order.len();
                    self.check_cursor = 0;
                    self.check_offset = 0;
                    self.focus = Pane::Checklist;
                    self.clamp_check_cursor(1);
                }
            }
            Action::Quit | Action::Help | Action::Back | Action::Undo | Action::Redo => {}
        }
    }

    /// Keys in the Actiepunten overlay (edits were already refused in read-only mode).
    fn actions_action(&mut self, action: Action) {
        let t = self.t();
        let Some(Overlay::Actions(view)) = self.overlays.last_mut() else {
            return;
        };
        let case = view.case;
        let len = self.meeting.cases.get(case).map_or(0, |c| c.actions.len());
        view.cursor = view.cursor.min(len.saturating_sub(1));
        let last = len.saturating_sub(1);
        match action {
            Action::Down => view.cursor = (view.cursor + 1).min(last),
            Action::Up => view.cursor = view.cursor.saturating_sub(1),
            Action::PageDown => view.cursor = (view.cursor + 10).min(last),
            Action::PageUp => view.cursor = view.cursor.saturating_sub(10),
            Action::Top => view.cursor = 0,
            Action::Bottom => view.cursor = last,
            Action::ListToggle | Action::Select if len > 0 => {
                let index = view.cursor;
                let done = !self.meeting.cases[case].actions[index].done;
                if action == Action::Select && self.refuse_edit() {
                    return;
                }
                self.apply(Edit::SetActionDone { case, index, done });
                self.info(if done {
                    t.action_marked_done
                } else {
                    t.action_reopened
                });
            }
            Action::ListRemove if len > 0 => {
                let index = view.cursor;
                view.cursor = index.min(len.saturating_sub(2));
                self.apply(Edit::RemoveActionItem { case, index });
                let undo = self.keymap.first(Action::Undo);
                self.info(text::fill(t.action_removed, &[&undo]));
            }
            Action::ListAdd | Action::NewActionItem => {
                self.overlays
                    .push(Overlay::ActionForm(ActionForm::default()));
            }
            _ => {}
        }
    }

    /// The participant labels of the table's main checklist (offered as attendee roles).
    pub fn participant_roles(&self) -> Vec<String> {
        main_checklist(&self.checklists, self.meeting.table)
            .map(|c| c.participants.iter().map(|p| p.label.clone()).collect())
            .unwrap_or_default()
    }

    /// The required participant roles of the table's main checklist that no attendee has
    /// (an attendee's role matches a label regardless of case and surrounding spaces).
    pub fn missing_roles(&self) -> Vec<String> {
        let Some(main) = main_checklist(&self.checklists, self.meeting.table) else {
            return Vec::new();
        };
        main.participants
            .iter()
            .filter(|p| p.level == crate::checklist::ParticipantLevel::Required)
            .filter(|p| {
                let label = p.label.trim().to_lowercase();
                !self
                    .meeting
                    .attendees
                    .iter()
                    .any(|a| a.role.trim().to_lowercase() == label)
            })
            .map(|p| p.label.clone())
            .collect()
    }

    /// Keys in the Deelnemers overlay (edits were already refused in read-only mode).
    fn attendees_action(&mut self, action: Action) {
        let t = self.t();
        let roles = self.participant_roles();
        let len = self.meeting.attendees.len();
        let Some(Overlay::Attendees(view)) = self.overlays.last_mut() else {
            return;
        };
        view.cursor = view.cursor.min(len.saturating_sub(1));
        let last = len.saturating_sub(1);
        match action {
            Action::Down => view.cursor = (view.cursor + 1).min(last),
            Action::Up => view.cursor = view.cursor.saturating_sub(1),
            Action::PageDown => view.cursor = (view.cursor + 10).min(last),
            Action::PageUp => view.cursor = view.cursor.saturating_sub(10),
            Action::Top => view.cursor = 0,
            Action::Bottom => view.cursor = last,
            Action::ListRemove if len > 0 => {
                let index = view.cursor;
                view.cursor = index.min(len.saturating_sub(2));
                self.apply(Edit::RemoveAttendee { index });
                let undo = self.keymap.first(Action::Undo);
                self.info(text::fill(t.attendee_removed, &[&undo]));
            }
            Action::ListAdd => self.overlays.push(Overlay::AttendeeForm(AttendeeForm {
                roles,
                ..AttendeeForm::default()
            })),
            _ => {}
        }
    }

    fn navigate(&mut self, action: Action) {
        let page = 10;
        let step = |cursor: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            match action {
                Action::Up => cursor.saturating_sub(1),
                Action::Down => (cursor + 1).min(len - 1),
                Action::PageUp => cursor.saturating_sub(page),
                Action::PageDown => (cursor + page).min(len - 1),
                Action::Top => 0,
                _ => len - 1,
            }
        };
        match self.focus {
            Pane::Agenda => self.agenda_cursor = step(self.agenda_cursor, self.visible.len()),
            Pane::Rules => {
                let Some(view) = &self.view else { return };
                let rows = &view.rows;
                let dir_down = matches!(action, Action::Down | Action::PageDown | Action::Bottom);
                let mut c = step(self.rules_cursor, rows.len());
                // skip to a selectable row in the direction of travel
                if dir_down {
                    c = (c..rows.len())
                        .find(|&i| rows[i].selectable())
                        .or_else(|| (0..c).rev().find(|&i| rows[i].selectable()))
                        .unwrap_or(c);
                } else {
                    c = (0..=c)
                        .rev()
                        .find(|&i| rows[i].selectable())
                        .or_else(|| (c..rows.len()).find(|&i| rows[i].selectable()))
                        .unwrap_or(c);
                }
                self.rules_cursor = c;
                self.rebuild_rows();
            }
            Pane::Checklist => {
                let dir = if matches!(action, Action::Down | Action::PageDown | Action::Bottom) {
                    1
                } else {
                    -1
                };
                self.check_cursor = step(self.check_cursor, self.check_rows().len());
                self.clamp_check_cursor(dir);
            }
        }
    }

    /// Keeps the checklist cursor on an item row, moving in `dir`.
    fn clamp_check_cursor(&mut self, dir: i32) {
        let rows = self.check_rows();
        if rows.is_empty() {
            self.check_cursor = 0;
            return;
        }
        let is_item = |r: &CheckRow| matches!(r, CheckRow::Item(..));
        let c = self.check_cursor.min(rows.len() - 1);
        let fwd = (c..rows.len()).find(|&i| is_item(&rows[i]));
        let back = (0..=c).rev().find(|&i| is_item(&rows[i]));
        self.check_cursor = if dir >= 0 { fwd.or(back) } else { back.or(fwd) }.unwrap_or(c);
    }

    fn select_rule_row(&mut self) {
        let Some(view) = &self.view else { return };
        match view.rows.get(self.rules_cursor) {
            Some(Row::Question(q)) => {
                let fact = view.evaluation.questions[*q].fact;
                self.open_picker(fact, None);
            }
            Some(Row::Rule(r)) => {
                let rule = view.evaluation.results[*r].rule;
                self.open_rule(rule);
            }
            Some(Row::Safety(rule) | Row::Warning(rule)) => {
                let rule = *rule;
                self.open_rule(rule);
            }
            _ => {}
        }
    }

    pub fn open_rule(&mut self, rule: usize) {
        let Some(view) = &self.view else { return };
        let engine = Engine::new(&self.set, self.meeting.date);
        let result = view
            .evaluation
            .result_for(rule)
            .cloned()
            .unwrap_or_else(|| engine.evaluate_rule(&view.facts, rule));
        let trace = engine.trace(&view.facts, rule);
        self.overlays.push(Overlay::Rule(Box::new(RuleDetail {
            rule,
            result,
            trace,
            scroll: 0,
        })));
    }

    fn toggle_item(&mut self) {
        if self.refuse_edit() {
            return;
        }
        let t = self.t();
        let Some(case) = self.current else {
            return self.error(t.no_case_open);
        };
        let Some(item) = self.selected_item() else {
            return self.error(t.select_item_first);
        };
        let (manual, _) = self.item_state(item);
        let id = item.id.clone();
        self.apply(Edit::SetCheck {
            case,
            item: id,
            checked: !manual,
        });
    }

    fn is_bool(&self, fact: FactId) -> bool {
        matches!(self.set.vocabulary.def(fact).kind, FactKind::Bool)
    }

    fn picker_len(&self, fact: FactId) -> usize {
        match &self.set.vocabulary.def(fact).kind {
            FactKind::Bool => 2,
            FactKind::Enum(v) | FactKind::Set(v) => v.len(),
            _ => 0,
        }
    }

    /// Sets (or clears) a fact of the open case.
    pub fn set_fact(&mut self, fact: FactId, value: Option<RawValue>) {
        let Some(case) = self.current else {
            return self.error(self.t().no_case_open);
        };
        let name = self.set.fact_name(fact).to_string();
        if let Some(v) = &value
            && let Err(e) = self.set.vocabulary.typed(fact, v)
        {
            return self.error(e.to_string());
        }
        let question = self.set.vocabulary.def(fact).question.clone();
        let shown = value.as_ref().map(|v| {
            self.set
                .vocabulary
                .typed(fact, v)
                .map(|tv| self.set.vocabulary.display(fact, &tv))
                .unwrap_or_default()
        });
        self.apply(Edit::SetFact {
            case,
            fact: name,
            value,
        });
        let t = self.t();
        match shown {
            Some(s) => self.info(text::fill(t.answered, &[&s, &question])),
            None => self.info(text::fill(t.cleared, &[&question])),
        }
    }

    fn current_value(&self, fact: FactId) -> Option<Value> {
        self.view.as_ref().and_then(|v| v.facts.get(fact).cloned())
    }

    /// Opens the picker for a fact; `first` is a typed first character for number input.
    pub fn open_picker(&mut self, fact: FactId, first: Option<char>) {
        if self.refuse_edit() {
            return;
        }
        let def = self.set.vocabulary.def(fact);
        let current = self.current_value(fact);
        let mode = match &def.kind {
            FactKind::Bool => PickerMode::Choice {
                cursor: usize::from(current == Some(Value::Bool(false))),
            },
            FactKind::Enum(_) => PickerMode::Choice {
                cursor: match current {
                    Some(Value::Enum(i)) => i as usize,
                    _ => 0,
                },
            },
            FactKind::Set(values) if !values.is_empty() => PickerMode::Multi {
                cursor: 0,
                chosen: (0..values.len())
                    .map(|i| matches!(current, Some(Value::Set(bits)) if bits & (1 << i) != 0))
                    .collect(),
            },
            _ => {
                let text = match (first, &current) {
                    (Some(c), _) => c.to_string(),
                    (None, Some(v)) => match self.set.vocabulary.raw(fact, v) {
                        RawValue::Number(n) => crate::facts::format_number(n),
                        RawValue::Str(s) => s,
                        RawValue::List(items) => items
                            .iter()
                            .map(|i| match i {
                                RawValue::Number(n) => crate::facts::format_number(*n),
                                RawValue::Str(s) => s.clone(),
                                _ => String::new(),
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                        _ => String::new(),
                    },
                    (None, None) => String::new(),
                };
                PickerMode::Text {
                    input: LineInput::new(&text),
                    error: None,
                }
            }
        };
        self.overlays.push(Overlay::Picker(Picker { fact, mode }));
    }

    fn confirm_picker(&mut self) {
        let Some(Overlay::Picker(p)) = self.overlays.last() else {
            return;
        };
        let fact = p.fact;
        let kind = &self.set.vocabulary.def(fact).kind;
        let raw = match (&p.mode, kind) {
            (PickerMode::Choice { cursor }, FactKind::Bool) => RawValue::Bool(*cursor == 0),
            (PickerMode::Choice { cursor }, FactKind::Enum(values)) => {
                RawValue::Str(values[*cursor].0.clone())
            }
            (PickerMode::Multi { chosen, .. }, FactKind::Set(values)) => RawValue::List(
                values
                    .iter()
                    .zip(chosen)
                    .filter(|(_, c)| **c)
                    .map(|((v, _), _)| RawValue::Str(v.clone()))
                    .collect(),
            ),
            _ => return,
        };
        self.overlays.pop();
        self.set_fact(fact, Some(raw));
    }

    /// Parses typed text for a number, date, list or free set fact.
    pub fn parse_fact_text(&self, fact: FactId, text: &str) -> Result<RawValue, String> {
        let t = self.t();
        let s = text.trim();
        let number = |s: &str| -> Result<f64, String> {
            s.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| text::fill(t.err_number, &[s]))
        };
        let raw = match &self.set.vocabulary.def(fact).kind {
            FactKind::Number { .. } => RawValue::Number(number(s)?),
            FactKind::Date => {
                let d = parse_due(s, t)?;
                RawValue::Str(d.format("%Y-%m-%d").to_string())
            }
            FactKind::List { .. } => RawValue::List(
                s.split([';', ' '])
                    .flat_map(|p| p.split(", "))
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| number(p).map(RawValue::Number))
                    .collect::<Result<_, _>>()?,
            ),
            FactKind::Set(_) => RawValue::List(
                s.split([',', ';'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| RawValue::Str(p.to_string()))
                    .collect(),
            ),
            _ => return Err(t.err_use_choice.into()),
        };
        self.set
            .vocabulary
            .typed(fact, &raw)
            .map_err(|e| e.to_string())?;
        Ok(raw)
    }

    fn quick_answer(&mut self, action: Action) {
        let t = self.t();
        if self.current.is_none() {
            return self.error(t.no_case_open);
        }
        let Some(fact) = self.target_fact() else {
            return self.error(t.no_question);
        };
        let kind = self.set.vocabulary.def(fact).kind.clone();
        match (action, &kind) {
            (Action::AnswerPicker, _) => self.open_picker(fact, None),
            (Action::AnswerYes, FactKind::Bool) => self.set_fact(fact, Some(RawValue::Bool(true))),
            (Action::AnswerNo, FactKind::Bool) => self.set_fact(fact, Some(RawValue::Bool(false))),
            (Action::AnswerUnknown, _) => {
                let name = self.set.fact_name(fact).to_string();
                let stored = self
                    .current
                    .is_some_and(|c| self.meeting.cases[c].facts.contains_key(&name));
                if stored {
                    self.set_fact(fact, None);
                } else if self.current_value(fact).is_some() {
                    self.error(t.from_date)
                } else {
                    self.info(t.already_unknown)
                }
            }
            (Action::Choice(n), FactKind::Enum(values)) => match values.get(n as usize - 1) {
                Some((v, _)) => {
                    let v = v.clone();
                    self.set_fact(fact, Some(RawValue::Str(v)))
                }
                None => self.error(text::fill(t.err_choice_range, &[&values.len().to_string()])),
            },
            (Action::Choice(n), FactKind::Number { .. }) => {
                self.open_picker(fact, char::from_digit(n as u32, 10));
            }
            (Action::Choice(_), FactKind::Set(_)) => {
                self.open_picker(fact, None);
                if let Action::Choice(n) = action
                    && let Some(Overlay::Picker(Picker {
                        mode: PickerMode::Multi { chosen, cursor },
                        ..
                    })) = self.overlays.last_mut()
                    && let Some(c) = chosen.get_mut(n as usize - 1)
                {
                    *c = !*c;
                    *cursor = n as usize - 1;
                }
            }
            (Action::AnswerYes | Action::AnswerNo, _) => self.error(text::fill(
                t.err_not_yes_no,
                &[&self.keymap.first(Action::AnswerPicker)],
            )),
            (Action::Choice(_), _) => self.open_picker(fact, None),
            _ => {}
        }
    }

    // ----- facts view -----------------------------------------------------------------------------

    pub fn open_facts(&mut self) {
        if self.current.is_none() {
            return self.error(self.t().no_case_open);
        }
        let mut fv = FactsView {
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            filter: LineInput::default(),
            filtering: false,
        };
        fv.rows = self.fact_rows("");
        fv.cursor = fv
            .rows
            .iter()
            .position(|r| matches!(r, FactRow::Fact(_)))
            .unwrap_or(0);
        self.overlays.push(Overlay::Facts(fv));
    }

    fn fact_rows(&self, query: &str) -> Vec<FactRow> {
        let vocab = &self.set.vocabulary;
        let ids: Vec<FactId> = if query.trim().is_empty() {
            (0..vocab.len() as FactId).collect()
        } else {
            let hay: Vec<String> = vocab
                .facts
                .iter()
                .map(|f| format!("{} {} {}", f.name, f.question, f.help))
                .collect();
            let mut m = super::fuzzy::filter(query.trim(), &hay);
            m.sort();
            m.into_iter().map(|i| i as FactId).collect()
        };
        let mut groups: Vec<&str> = vocab.facts.iter().map(|f| f.group.as_str()).collect();
        groups.sort();
        groups.dedup();
        let mut rows = Vec::new();
        for g in groups {
            let in_group: Vec<FactId> = ids
                .iter()
                .copied()
                .filter(|&f| vocab.def(f).group == g)
                .collect();
            if in_group.is_empty() {
                continue;
            }
            rows.push(FactRow::Group(g.to_string()));
            rows.extend(in_group.into_iter().map(FactRow::Fact));
        }
        rows
    }

    fn refilter_facts(&mut self) {
        let query = match self.overlays.last() {
            Some(Overlay::Facts(fv)) => fv.filter.text.clone(),
            _ => return,
        };
        let rows = self.fact_rows(&query);
        if let Some(Overlay::Facts(fv)) = self.overlays.last_mut() {
            fv.rows = rows;
            fv.cursor = fv
                .rows
                .iter()
                .position(|r| matches!(r, FactRow::Fact(_)))
                .unwrap_or(0);
            fv.offset = 0;
        }
    }

    fn facts_action(&mut self, action: Action) {
        let Some(Overlay::Facts(fv)) = self.overlays.last_mut() else {
            return;
        };
        let len = fv.rows.len();
        let is_fact = |r: &FactRow| matches!(r, FactRow::Fact(_));
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                if len == 0 {
                    return;
                }
                let down = matches!(action, Action::Down | Action::PageDown | Action::Bottom);
                let c = match action {
                    Action::Up => fv.cursor.saturating_sub(1),
                    Action::Down => (fv.cursor + 1).min(len - 1),
                    Action::PageUp => fv.cursor.saturating_sub(10),
                    Action::PageDown => (fv.cursor + 10).min(len - 1),
                    Action::Top => 0,
                    _ => len - 1,
                };
                let fwd = (c..len).find(|&i| is_fact(&fv.rows[i]));
                let back = (0..=c).rev().find(|&i| is_fact(&fv.rows[i]));
                fv.cursor = if down { fwd.or(back) } else { back.or(fwd) }.unwrap_or(c);
            }
            Action::Filter => fv.filtering = true,
            Action::Select => {
                if let Some(FactRow::Fact(f)) = fv.rows.get(fv.cursor) {
                    let f = *f;
                    self.open_picker(f, None);
                }
            }
            Action::AnswerYes
            | Action::AnswerNo
            | Action::AnswerUnknown
            | Action::Choice(_)
            | Action::AnswerPicker => self.quick_answer(action),
            Action::Facts => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    // ----- layout-dependent state (before drawing) ----------------------------------------------

    /// Keeps the cursors of the lists in view for the given screen size and fills the markers
    /// of the visible agenda rows. Call before drawing.
    pub fn prepare(&mut self, width: u16, height: u16) {
        let areas = super::render::layout(ratatui::layout::Rect::new(0, 0, width, height), self);
        let Some(areas) = areas else { return };
        let keep = |cursor: usize, offset: usize, rows: usize| -> usize {
            if rows == 0 {
                return 0;
            }
            if cursor < offset {
                cursor
            } else if cursor >= offset + rows {
                cursor + 1 - rows
            } else {
                offset
            }
        };
        self.agenda_offset = keep(
            self.agenda_cursor,
            self.agenda_offset,
            areas.agenda_rows as usize,
        );
        self.rules_offset = keep(
            self.rules_cursor,
            self.rules_offset,
            areas.rules_rows as usize,
        );
        // the advice on top stays in view whenever the cursor allows it
        if self.rules_cursor < areas.rules_rows as usize {
            self.rules_offset = 0;
        } else if self.rules_cursor == self.first_question_row()
            && self.rules_offset == self.rules_cursor
        {
            // show the heading above the first question too
            self.rules_offset = self.rules_offset.saturating_sub(1);
        }
        self.check_offset = keep(
            self.check_cursor,
            self.check_offset,
            areas.check_rows as usize,
        );
        let rows = (height as usize).saturating_sub(6);
        if let Some(Overlay::Facts(fv)) = self.overlays.last_mut() {
            fv.offset = keep(fv.cursor, fv.offset, rows.saturating_sub(6));
        }
        let (from, to) = (
            self.agenda_offset,
            self.agenda_offset + areas.agenda_rows as usize,
        );
        self.ensure_markers(from, to);
    }
}

/// Whole minutes, rounded up ("10 min" from the first second to the last of the tenth minute):
/// the screen changes once a minute, so an idle meeting writes nothing to the terminal between.
pub fn clock_text(seconds: i64) -> String {
    format!("{} min", seconds.unsigned_abs().div_ceil(60))
}
