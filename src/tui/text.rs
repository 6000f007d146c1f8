//! Every text the screen shows, in Dutch (the default) and English (`--lang en`). Domain terms stay
//! Dutch in both (Wmo, Jeugdwet, buurtteam, KOOS/Spoor030 …), as do the rule texts from config/.

use chrono::{Datelike, NaiveDate};

use crate::meeting::CaseStatus;
use crate::rules::schema::Kind;

use super::action::{Action, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Fills `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or(""));
    for (i, part) in parts.enumerate() {
        out.push_str(args.get(i).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

pub struct Texts {
    // panes and header
    pub pane_agenda: &'static str,
    pub pane_rules: &'static str,
    pub pane_checklist: &'static str,
    pub chair: &'static str,
    pub elapsed: &'static str,
    pub unsaved: &'static str,
    pub filter: &'static str,
    pub no_cases: &'static str,
    pub no_match: &'static str,
    pub no_summary: &'static str,
    pub no_case_open: &'static str,
    pub no_checklist: &'static str,
    pub decision: &'static str,
    pub actions: &'static str,
    pub due: &'static str,
    pub notes: &'static str,
    pub too_small: &'static str,
    pub too_small_size: &'static str,
    pub too_small_need: &'static str,
    pub too_small_quit: &'static str,
    // advice
    pub h_advice: &'static str,
    pub h_questions: &'static str,
    pub h_rules_here: &'static str,
    pub h_rules_other: &'static str,
    pub law: &'static str,
    pub route: &'static str,
    pub provision: &'static str,
    pub uno: &'static str,
    pub veldtafel: &'static str,
    pub adv_determined: &'static str,
    pub adv_unknown: &'static str,
    pub adv_none: &'static str,
    pub adv_no_law: &'static str,
    pub in_view: &'static str,
    pub voorliggend: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub safety: &'static str,
    pub gatekeeping: &'static str,
    pub case_facts_error: &'static str,
    pub choose: &'static str,
    pub type_number: &'static str,
    pub type_date: &'static str,
    // rule states
    pub st_applies: &'static str,
    pub st_not: &'static str,
    pub st_unknown: &'static str,
    pub st_judgement: &'static str,
    pub flag_concept: &'static str,
    pub flag_historical: &'static str,
    pub flag_verify: &'static str,
    pub flag_inferred: &'static str,
    // checklist
    pub participants: &'static str,
    pub note_mark: &'static str,
    pub checked: &'static str,
    pub auto_checked: &'static str,
    pub not_checked: &'static str,
    pub note: &'static str,
    pub source: &'static str,
    pub rules: &'static str,
    pub item_note: &'static str,
    // status bar
    pub timebox: &'static str,
    pub over_time: &'static str,
    pub key_space: &'static str,
    pub hint_toggle: &'static str,
    pub hint_confirm: &'static str,
    pub hint_cancel: &'static str,
    pub hint_done: &'static str,
    pub hint_newline: &'static str,
    pub hint_next_field: &'static str,
    pub hint_keep_filter: &'static str,
    pub hint_clear_filter: &'static str,
    pub hint_choose: &'static str,
    pub hint_close: &'static str,
    pub hint_unknown: &'static str,
    // forms
    pub editor_hint: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub due_label: &'static str,
    pub new_action: &'static str,
    pub case_id: &'static str,
    pub case_title: &'static str,
    pub new_case: &'static str,
    pub form_hint: &'static str,
    pub untitled: &'static str,
    pub quit_title: &'static str,
    pub quit_unsaved: &'static str,
    pub quit_ask: &'static str,
    // help
    pub help_title: &'static str,
    pub unbound: &'static str,
    pub help_text_fields_title: &'static str,
    pub help_text_fields: &'static [&'static str],
    pub help_legend_title: &'static str,
    pub help_legend: &'static [&'static str],
    pub help_keys_file: &'static str,
    // rule detail
    pub kind: &'static str,
    pub tables: &'static str,
    pub valid: &'static str,
    pub outcome: &'static str,
    pub blocking: &'static str,
    pub trace: &'static str,
    pub branch: &'static str,
    pub chosen: &'static str,
    pub otherwise: &'static str,
    pub conflicts: &'static str,
    pub sources: &'static str,
    pub register: &'static str,
    pub escalation: &'static str,
    // facts view and picker
    pub facts_title: &'static str,
    pub known: &'static str,
    pub unknown_value: &'static str,
    pub rules_short: &'static str,
    pub moves_rules: &'static str,
    pub set_hint: &'static str,
    pub number_hint: &'static str,
    pub date_hint: &'static str,
    pub list_hint: &'static str,
    pub tags_hint: &'static str,
    // messages
    pub err_date_empty: &'static str,
    pub err_date_bad: &'static str,
    pub err_who_empty: &'static str,
    pub err_what_empty: &'static str,
    pub err_id_empty: &'static str,
    pub err_id_taken: &'static str,
    pub warn_bsn: &'static str,
    pub err_number: &'static str,
    pub err_use_choice: &'static str,
    pub err_choice_range: &'static str,
    pub err_not_yes_no: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub undone: &'static str,
    pub redone: &'static str,
    pub action_added: &'static str,
    pub status_set: &'static str,
    pub clear_filter_first: &'static str,
    pub select_item_first: &'static str,
    pub answered: &'static str,
    pub cleared: &'static str,
    pub no_question: &'static str,
    pub from_date: &'static str,
    pub already_unknown: &'static str,
}

pub static NL: Texts = Texts {
    pane_agenda: "Casussen",
    pane_rules: "Regels (live)",
    pane_checklist: "Checklist",
    chair: "voorzitter",
    elapsed: "overleg",
    unsaved: "● gewijzigd",
    filter: "filter",
    no_cases: "Nog geen casussen. {} voegt een casus toe.",
    no_match: "Geen casus past bij het filter.",
    no_summary: "(geen samenvatting)",
    no_case_open: "Geen casus geopend: kies er een in Casussen met Enter.",
    no_checklist: "Geen checklist voor deze tafel geladen.",
    decision: "Besluit",
    actions: "Actiepunten",
    due: "uiterlijk",
    notes: "Notities",
    too_small: "Venster te klein",
    too_small_size: "Het venster is {}×{} tekens.",
    too_small_need: "tafel heeft minstens {}×{} nodig: maak het venster groter.",
    too_small_quit: "({} stopt)",
    h_advice: "ADVIES",
    h_questions: "OPEN VRAGEN ({}) — meest beslissend eerst",
    h_rules_here: "REGELS — {}",
    h_rules_other: "REGELS — andere tafels",
    law: "Wet",
    route: "Route",
    provision: "Voorziening",
    uno: "UNO",
    veldtafel: "Veldtafel",
    adv_determined: "bepaald",
    adv_unknown: "nog onbekend",
    adv_none: "geen",
    adv_no_law: "geen wet",
    in_view: "in beeld",
    voorliggend: "voorliggend",
    yes: "ja",
    no: "nee",
    safety: "VEILIGHEID",
    gatekeeping: "poortwachter",
    case_facts_error: "De feiten van deze casus passen niet bij de configuratie:",
    choose: "kiezen",
    type_number: "getal",
    type_date: "datum",
    st_applies: "geldt",
    st_not: "geldt niet",
    st_unknown: "onbekend",
    st_judgement: "oordeel",
    flag_concept: "concept",
    flag_historical: "historisch",
    flag_verify: "verifiëren",
    flag_inferred: "afgeleid",
    participants: "Deelnemers",
    note_mark: "ⓘ",
    checked: "afgevinkt",
    auto_checked: "feiten bekend (automatisch)",
    not_checked: "nog open",
    note: "Opmerking",
    source: "Bron",
    rules: "Regels",
    item_note: "Opmerking bij punt",
    timebox: "Tijd",
    over_time: "Tijd over",
    key_space: "Spatie",
    hint_toggle: "aan/uit",
    hint_confirm: "bevestigen",
    hint_cancel: "annuleren",
    hint_done: "klaar",
    hint_newline: "nieuwe regel",
    hint_next_field: "volgend veld",
    hint_keep_filter: "filter houden",
    hint_clear_filter: "filter wissen",
    hint_choose: "kiezen",
    hint_close: "sluiten",
    hint_unknown: "maakt het weer onbekend",
    editor_hint: "Esc of Ctrl-S: klaar",
    who: "Wie",
    what: "Wat",
    due_label: "Uiterlijk",
    new_action: "Nieuw actiepunt",
    case_id: "Id (pseudoniem)",
    case_title: "Titel",
    new_case: "Nieuwe casus",
    form_hint: "Tab: volgend veld · Enter: opslaan · Esc: annuleren",
    untitled: "(zonder titel)",
    quit_title: "Afsluiten",
    quit_unsaved: "Er zijn wijzigingen die nog niet zijn opgeslagen.",
    quit_ask: "Toch afsluiten? j = ja, n of Esc = nee",
    help_title: "Sneltoetsen",
    unbound: "geen toets",
    help_text_fields_title: "In tekstvelden",
    help_text_fields: &[
        "Notities en besluit: Enter = nieuwe regel, Esc of Ctrl-S = klaar (bewaard, ongedaan te maken).",
        "Formulieren (actiepunt, nieuwe casus, opmerking, getal, datum): Tab = volgend veld, Enter = opslaan, Esc = annuleren.",
        "Filter (/): typ om te zoeken, Enter = filter houden, Esc = filter wissen.",
        "Plakken werkt overal waar getypt kan worden; stuurtekens worden verwijderd.",
    ],
    help_legend_title: "Tekens",
    help_legend: &[
        "✓ geldt · ✗ geldt niet · ? onbekend · ! oordeel nodig (NEEDS JUDGEMENT) · [CONFLICT] regels spreken elkaar tegen (§6).",
        "Checklist: [x] afgevinkt · [a] automatisch, de feiten zijn bekend · [ ] open · ✎ met opmerking.",
        "Casussen: ▶ geopende casus; status open / besproken / uitgesteld; daarna de wet of ? zolang die open is.",
    ],
    help_keys_file: "Toetsen aanpassen: zet een gedeeltelijke keys.ron in ~/.config/tafel/ (of $XDG_CONFIG_HOME/tafel/).",
    kind: "soort",
    tables: "Tafels",
    valid: "Geldig",
    outcome: "Uitkomst",
    blocking: "Ontbrekende feiten die de regel beslissen",
    trace: "Waarom (voorwaarden met hun waarde)",
    branch: "Uitkomst",
    chosen: "gekozen",
    otherwise: "anders",
    conflicts: "Conflicten",
    sources: "Bronnen",
    register: "Register (§6)",
    escalation: "Escalatie",
    facts_title: "Feiten",
    known: "bekend",
    unknown_value: "onbekend",
    rules_short: "regels",
    moves_rules: "Beweegt",
    set_hint: "Spatie of cijfer: aan/uit · Enter: bevestigen (niets aangevinkt = bevestigd leeg) · Esc: annuleren",
    number_hint: "Een getal ({}) · Enter: opslaan · Esc: annuleren",
    date_hint: "Een datum JJJJ-MM-DD · Enter: opslaan · Esc: annuleren",
    list_hint: "Getallen ({}), gescheiden door komma's of spaties · Enter: opslaan",
    tags_hint: "Namen, gescheiden door komma's (leeg = bevestigd leeg) · Enter: opslaan",
    err_date_empty: "Vul een datum in (JJJJ-MM-DD).",
    err_date_bad: "'{}' is geen geldige datum: gebruik JJJJ-MM-DD, bijvoorbeeld 2026-12-01.",
    err_who_empty: "Vul in wie het actiepunt oppakt.",
    err_what_empty: "Vul in wat er moet gebeuren.",
    err_id_empty: "Vul een id in (initialen of een casusnummer).",
    err_id_taken: "Er is al een casus met id '{}'.",
    warn_bsn: "Dit lijkt op een BSN (9 cijfers). Gebruik een pseudoniem. Enter nogmaals = toch opslaan.",
    err_number: "'{}' is geen getal.",
    err_use_choice: "Kies een waarde uit de lijst.",
    err_choice_range: "Kies 1 tot en met {}.",
    err_not_yes_no: "Dit is geen ja/nee-vraag: {} opent de keuze.",
    nothing_to_undo: "Niets om ongedaan te maken.",
    nothing_to_redo: "Niets om opnieuw te doen.",
    undone: "Ongedaan gemaakt.",
    redone: "Opnieuw gedaan.",
    action_added: "Actiepunt toegevoegd.",
    status_set: "Status: {}.",
    clear_filter_first: "Wis eerst het filter (Esc) om de volgorde te wijzigen.",
    select_item_first: "Kies eerst een punt van de checklist.",
    answered: "{}: {}",
    cleared: "onbekend: {}",
    no_question: "Geen open vraag.",
    from_date: "Dit feit is berekend uit een datum van de casus.",
    already_unknown: "Dit feit is al onbekend.",
};

pub static EN: Texts = Texts {
    pane_agenda: "Cases",
    pane_rules: "Rules (live)",
    pane_checklist: "Checklist",
    chair: "chair",
    elapsed: "meeting",
    unsaved: "● changed",
    filter: "filter",
    no_cases: "No cases yet. {} adds a case.",
    no_match: "No case matches the filter.",
    no_summary: "(no summary)",
    no_case_open: "No case open: pick one in Cases with Enter.",
    no_checklist: "No checklist loaded for this table.",
    decision: "Decision",
    actions: "Action items",
    due: "due",
    notes: "Notes",
    too_small: "Window too small",
    too_small_size: "The window is {}×{} characters.",
    too_small_need: "tafel needs at least {}×{}: make the window larger.",
    too_small_quit: "({} quits)",
    h_advice: "ADVICE",
    h_questions: "OPEN QUESTIONS ({}) — most decisive first",
    h_rules_here: "RULES — {}",
    h_rules_other: "RULES — other tables",
    law: "Law",
    route: "Route",
    provision: "Provision",
    uno: "UNO",
    veldtafel: "Veldtafel",
    adv_determined: "determined",
    adv_unknown: "still unknown",
    adv_none: "none",
    adv_no_law: "no law",
    in_view: "in view",
    voorliggend: "comes first",
    yes: "yes",
    no: "no",
    safety: "SAFETY",
    gatekeeping: "gatekeeping",
    case_facts_error: "The facts of this case do not fit the configuration:",
    choose: "choose",
    type_number: "number",
    type_date: "date",
    st_applies: "applies",
    st_not: "does not",
    st_unknown: "unknown",
    st_judgement: "judgement",
    flag_concept: "concept",
    flag_historical: "historical",
    flag_verify: "verify",
    flag_inferred: "inferred",
    participants: "Participants",
    note_mark: "ⓘ",
    checked: "checked",
    auto_checked: "facts known (automatic)",
    not_checked: "open",
    note: "Note",
    source: "Source",
    rules: "Rules",
    item_note: "Note on item",
    timebox: "Time",
    over_time: "Over time",
    key_space: "Space",
    hint_toggle: "toggle",
    hint_confirm: "confirm",
    hint_cancel: "cancel",
    hint_done: "done",
    hint_newline: "new line",
    hint_next_field: "next field",
    hint_keep_filter: "keep filter",
    hint_clear_filter: "clear filter",
    hint_choose: "choose",
    hint_close: "close",
    hint_unknown: "makes it unknown again",
    editor_hint: "Esc or Ctrl-S: done",
    who: "Who",
    what: "What",
    due_label: "Due by",
    new_action: "New action item",
    case_id: "Id (pseudonym)",
    case_title: "Title",
    new_case: "New case",
    form_hint: "Tab: next field · Enter: save · Esc: cancel",
    untitled: "(untitled)",
    quit_title: "Quit",
    quit_unsaved: "There are changes that have not been saved.",
    quit_ask: "Quit anyway? y = yes, n or Esc = no",
    help_title: "Keys",
    unbound: "no key",
    help_text_fields_title: "In text fields",
    help_text_fields: &[
        "Notes and decision: Enter = new line, Esc or Ctrl-S = done (kept, can be undone).",
        "Forms (action item, new case, note, number, date): Tab = next field, Enter = save, Esc = cancel.",
        "Filter (/): type to search, Enter = keep the filter, Esc = clear it.",
        "Paste works wherever you can type; control characters are removed.",
    ],
    help_legend_title: "Symbols",
    help_legend: &[
        "✓ applies · ✗ does not apply · ? unknown · ! needs judgement · [CONFLICT] rules contradict each other (§6).",
        "Checklist: [x] checked · [a] automatic, the facts are known · [ ] open · ✎ has a note.",
        "Cases: ▶ open case; status open / besproken / uitgesteld; then the law, or ? while it is open.",
    ],
    help_keys_file: "Change keys: put a partial keys.ron in ~/.config/tafel/ (or $XDG_CONFIG_HOME/tafel/).",
    kind: "kind",
    tables: "Tables",
    valid: "Valid",
    outcome: "Outcome",
    blocking: "Missing facts that decide the rule",
    trace: "Why (conditions with their values)",
    branch: "Outcome",
    chosen: "chosen",
    otherwise: "otherwise",
    conflicts: "Conflicts",
    sources: "Sources",
    register: "Register (§6)",
    escalation: "Escalation",
    facts_title: "Facts",
    known: "known",
    unknown_value: "unknown",
    rules_short: "rules",
    moves_rules: "Moves",
    set_hint: "Space or digit: toggle · Enter: confirm (nothing ticked = confirmed empty) · Esc: cancel",
    number_hint: "A number ({}) · Enter: save · Esc: cancel",
    date_hint: "A date YYYY-MM-DD · Enter: save · Esc: cancel",
    list_hint: "Numbers ({}), separated by commas or spaces · Enter: save",
    tags_hint: "Names, separated by commas (empty = confirmed empty) · Enter: save",
    err_date_empty: "Enter a date (YYYY-MM-DD).",
    err_date_bad: "'{}' is not a valid date: use YYYY-MM-DD, for example 2026-12-01.",
    err_who_empty: "Enter who takes the action.",
    err_what_empty: "Enter what has to happen.",
    err_id_empty: "Enter an id (initials or a case number).",
    err_id_taken: "There already is a case with id '{}'.",
    warn_bsn: "This looks like a BSN (9 digits). Use a pseudonym. Enter again = save anyway.",
    err_number: "'{}' is not a number.",
    err_use_choice: "Pick a value from the list.",
    err_choice_range: "Pick 1 to {}.",
    err_not_yes_no: "This is not a yes/no question: {} opens the choices.",
    nothing_to_undo: "Nothing to undo.",
    nothing_to_redo: "Nothing to redo.",
    undone: "Undone.",
    redone: "Redone.",
    action_added: "Action item added.",
    status_set: "Status: {}.",
    clear_filter_first: "Clear the filter first (Esc) to change the order.",
    select_item_first: "Select a checklist item first.",
    answered: "{}: {}",
    cleared: "unknown: {}",
    no_question: "No open question.",
    from_date: "This fact is computed from a date of the case.",
    already_unknown: "This fact is already unknown.",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

pub fn status_label(lang: Lang, status: CaseStatus) -> &'static str {
    // the status words are the meeting's own Dutch terms in both languages
    let _ = lang;
    status.label()
}

pub fn weekday_date(lang: Lang, date: NaiveDate) -> String {
    let nl = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = date.weekday().num_days_from_monday() as usize;
    let day = if lang == Lang::Nl { nl[i] } else { en[i] };
    format!("{day} {}", date.format("%d-%m-%Y"))
}

pub fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    let (nl, en) = match kind {
        Kind::Law => ("Wet", "Law"),
        Kind::Route => ("Route", "Route"),
        Kind::Eligibility => ("Toegang", "Eligibility"),
        Kind::Exclusion => ("Uitsluiting", "Exclusion"),
        Kind::Procedure => ("Procedure", "Procedure"),
        Kind::Warning => ("Waarschuwing", "Warning"),
        Kind::Reminder => ("Herinnering", "Reminder"),
        Kind::Principle => ("Principe", "Principle"),
        Kind::Escalation => ("Escalatie", "Escalation"),
        Kind::Time => ("Termijn", "Time limit"),
    };
    if lang == Lang::Nl { nl } else { en }
}

pub fn group_label(lang: Lang, group: &str) -> &'static str {
    let (nl, en) = match group {
        "2.1" => ("Gezin, personen en fase", "Family, persons and phase"),
        "2.2" => (
            "Woonplaats, verblijfsstatus, verantwoordelijke gemeente",
            "Residence, legal status, responsible municipality",
        ),
        "2.3" => (
            "Aandoeningen en problemen van de ouder",
            "Parent's conditions and problems",
        ),
        "2.4" => (
            "Ondersteuningsbehoefte en woonsituatie",
            "Support need and living situation",
        ),
        "2.5" => (
            "Veiligheid van het kind en kinderbescherming",
            "Child safety and child protection",
        ),
        "2.6" => (
            "Hulpvraag, wet en andere aanspraken",
            "Help question, law, other entitlements",
        ),
        "2.7" => (
            "Proces en stand van het overleg",
            "Process and meeting state",
        ),
        "2.8" => ("Geld en pgb", "Money and pgb"),
        "2.9" => ("Overige Wmo-feiten", "Peripheral Wmo facts"),
        _ => ("", ""),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// Route parties as the chair says them.
pub fn party_label(lang: Lang, party: &str) -> &str {
    let en = lang == Lang::En;
    match party {
        "buurtteam_jeugd_en_gezin" => "buurtteam J&G",
        "buurtteam_sociaal" => "buurtteam sociaal",
        "koos_spoor030" => "KOOS/Spoor030",
        "gi" => "GI",
        "rt" => "Regionale Toegang",
        "beleid" => {
            if en {
                "policy"
            } else {
                "beleid"
            }
        }
        "zorgaanbieder_intake" => {
            if en {
                "provider intake"
            } else {
                "intake zorgaanbieder"
            }
        }
        "lokaal_team_woongemeente" => {
            if en {
                "local team (home municipality)"
            } else {
                "lokaal team woongemeente"
            }
        }
        "jgz" => "JGZ",
        "verloskundige_kraamzorg" => "verloskundige/kraamzorg",
        "huisarts" => "huisarts",
        "ziekenhuis_mmw" => "ziekenhuis/MMW",
        "veilig_thuis" => "Veilig Thuis",
        "stadsteam_back_up" => "stadsteam back-up",
        "het_juiste_loket" => "Het Juiste Loket",
        "juridische_ondersteuning" => {
            if en {
                "legal support"
            } else {
                "juridische ondersteuning"
            }
        }
        "accounthouders" => "accounthouders",
        "uno_triage" => "UNO-triage",
        "veldtafel" => "veldtafel",
        other => other,
    }
}

pub fn note(lang: Lang, key: &str) -> &'static str {
    match (key, lang) {
        ("no_questions", Lang::Nl) => "Geen open vragen: alle regels zijn beslist.",
        ("no_questions", Lang::En) => "No open questions: every rule is decided.",
        _ => "",
    }
}

pub fn scope_label(lang: Lang, scope: Scope) -> &'static str {
    let (nl, en) = match scope {
        Scope::Global => ("Overal", "Everywhere"),
        Scope::Case => ("Snelle triage en de casus", "Quick triage and the case"),
        Scope::Agenda => ("Paneel Casussen", "Cases pane"),
        Scope::Rules => ("Paneel Regels", "Rules pane"),
        Scope::Checklist => ("Paneel Checklist", "Checklist pane"),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// A sentence for the help overlay.
pub fn describe(lang: Lang, action: Action) -> &'static str {
    let (nl, en) = match action {
        Action::Quit => (
            "Afsluiten (vraagt alleen bij niet-opgeslagen wijzigingen)",
            "Quit (asks only when there are unsaved changes)",
        ),
        Action::Help => ("Deze hulp openen of sluiten", "Open or close this help"),
        Action::NextPane => ("Volgend paneel", "Next pane"),
        Action::PrevPane => ("Vorig paneel", "Previous pane"),
        Action::Up => ("Omhoog", "Up"),
        Action::Down => ("Omlaag", "Down"),
        Action::PageUp => ("Pagina omhoog", "Page up"),
        Action::PageDown => ("Pagina omlaag", "Page down"),
        Action::Top => ("Naar boven", "To the top"),
        Action::Bottom => ("Naar beneden", "To the bottom"),
        Action::Select => (
            "Openen: casus openen, regel of vraag openen, checklistpunt afvinken",
            "Open: open a case, a rule or a question, tick a checklist item",
        ),
        Action::Back => (
            "Sluiten wat open is (of het filter wissen)",
            "Close what is open (or clear the filter)",
        ),
        Action::AnswerYes => (
            "Ja op de bovenste (of gekozen) vraag",
            "Yes to the top (or selected) question",
        ),
        Action::AnswerNo => (
            "Nee op de bovenste (of gekozen) vraag",
            "No to the top (or selected) question",
        ),
        Action::AnswerUnknown => ("Onbekend: het antwoord wissen", "Unknown: clear the answer"),
        Action::Choice(_) => (
            "Keuze n van een keuzevraag; bij een getal begint het typen",
            "Choice n of a choice question; for a number it starts typing",
        ),
        Action::AnswerPicker => (
            "Antwoord kiezen of typen (getal, datum, meerkeuze)",
            "Pick or type the answer (number, date, multiple choice)",
        ),
        Action::Facts => (
            "Alle feiten per onderdeel (RULES.md §2), bekend en onbekend, te wijzigen",
            "All facts by section (RULES.md §2), known and unknown, editable",
        ),
        Action::Notes => (
            "Notities van de casus (meerdere regels)",
            "Notes of the case (multi-line)",
        ),
        Action::Decision => ("Besluit van de tafel", "The table's decision"),
        Action::NewActionItem => (
            "Nieuw actiepunt: wie, wat, uiterlijk",
            "New action item: who, what, due date",
        ),
        Action::CycleStatus => (
            "Status: open → besproken → uitgesteld",
            "Status: open → besproken → uitgesteld",
        ),
        Action::NextCase => ("Volgende casus openen", "Open the next case"),
        Action::PrevCase => ("Vorige casus openen", "Open the previous case"),
        Action::Undo => ("Ongedaan maken", "Undo"),
        Action::Redo => ("Opnieuw doen", "Redo"),
        Action::Filter => ("Casussen filteren (vaag zoeken)", "Filter cases (fuzzy)"),
        Action::MoveCaseUp => ("Casus eerder op de agenda", "Move the case up the agenda"),
        Action::MoveCaseDown => ("Casus later op de agenda", "Move the case down the agenda"),
        Action::AddCase => (
            "Nieuwe casus met een pseudoniem",
            "New case with a pseudonym",
        ),
        Action::ToggleItem => (
            "Punt afvinken of weer openzetten",
            "Tick or untick the item",
        ),
        Action::ItemNote => ("Opmerking bij het punt", "Note on the item"),
        Action::NextChecklist => (
            "Andere checklist (onderzoek, RT-aanmelding …)",
            "Other checklist (onderzoek, RT aanmelding …)",
        ),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// A word or two for the status bar.
pub fn hint(lang: Lang, action: Action) -> &'static str {
    let (nl, en) = match action {
        Action::Quit => ("stop", "quit"),
        Action::Help => ("hulp", "help"),
        Action::NextPane => ("paneel", "pane"),
        Action::PrevPane => ("paneel terug", "pane back"),
        Action::Up => ("omhoog", "up"),
        Action::Down => ("omlaag", "down"),
        Action::PageUp | Action::PageDown => ("pagina", "page"),
        Action::Top | Action::Bottom => ("begin/eind", "top/bottom"),
        Action::Select => ("open", "open"),
        Action::Back => ("sluit", "close"),
        Action::AnswerYes => ("ja", "yes"),
        Action::AnswerNo => ("nee", "no"),
        Action::AnswerUnknown => ("onbekend", "unknown"),
        Action::Choice(_) => ("kies", "choose"),
        Action::AnswerPicker => ("antwoord", "answer"),
        Action::Facts => ("feiten", "facts"),
        Action::Notes => ("notities", "notes"),
        Action::Decision => ("besluit", "decision"),
        Action::NewActionItem => ("actie", "action"),
        Action::CycleStatus => ("status", "status"),
        Action::NextCase => ("volgende", "next"),
        Action::PrevCase => ("vorige", "previous"),
        Action::Undo => ("ongedaan", "undo"),
        Action::Redo => ("opnieuw", "redo"),
        Action::Filter => ("filter", "filter"),
        Action::MoveCaseUp | Action::MoveCaseDown => ("volgorde", "reorder"),
        Action::AddCase => ("nieuw", "new"),
        Action::ToggleItem => ("afvinken", "tick"),
        Action::ItemNote => ("opmerking", "note"),
        Action::NextChecklist => ("lijst", "list"),
    };
    if lang == Lang::Nl { nl } else { en }
}
