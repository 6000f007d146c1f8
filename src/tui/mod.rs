//! The meeting screen: App state → `update(Action)` → a pure `render(&App, Frame)`.
//!
//! Nothing in the domain (facts, rules, case, meeting, checklist) depends on this module.

pub mod action;
pub mod app;
pub mod fuzzy;
pub mod input;
pub mod keymap;
pub mod live;
pub mod render;
pub mod review;
pub mod term;
pub mod text;
pub mod theme;

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, NaiveDateTime, Timelike};

use crate::case::{self, TableKind};
use crate::checklist::{self, Checklist};
use crate::config::{self, ConfigFile, ConfigSource};
use crate::meeting::{Meeting, MeetingCase};
use crate::rules::{self, RuleSet};
use crate::session::{Autosaver, Review, Session, Shutdown};

pub use action::{Action, Scope};
pub use app::{App, Edit, Options, SaveIndicator};
pub use keymap::Keymap;
pub use text::Lang;
pub use theme::{ColorMode, Theme, ThemeName};

/// How the screen is started (from the command line).
#[derive(Clone, Debug)]
pub struct Launch {
    pub config: Option<PathBuf>,
    /// None: the embedded sample cases (the demo).
    pub cases: Option<PathBuf>,
    /// Start with an empty agenda (`tafel new` without `--cases`).
    pub empty: bool,
    pub table: Option<TableKind>,
    pub chair: Option<String>,
    pub date: Option<NaiveDate>,
    pub timebox_minutes: u32,
    pub lang: Lang,
    pub theme: ThemeName,
    pub color: ColorMode,
    pub ascii: bool,
    /// Read the user's keys.ron overrides (off in tests).
    pub user_keys: bool,
}

impl Launch {
    /// The demo with fixed, test-friendly settings: embedded config and cases, Dutch, 16 colours.
    pub fn demo(date: NaiveDate) -> Launch {
        Launch {
            config: None,
            cases: None,
            empty: false,
            table: None,
            chair: Some("Voorzitter".into()),
            date: Some(date),
            timebox_minutes: 10,
            lang: Lang::Nl,
            theme: ThemeName::Default,
            color: ColorMode::Ansi16,
            ascii: false,
            user_keys: false,
        }
    }
}

/// Loads the configuration: rules, checklists and the keymap (with the user's overrides).
pub fn load_config(
    dir: Option<&Path>,
    user_keys: bool,
) -> Result<(ConfigSource, RuleSet, Vec<Checklist>, Keymap), String> {
    let source = match dir {
        Some(d) => ConfigSource::from_dir(d).map_err(|e| e.to_string())?,
        None => ConfigSource::embedded(),
    };
    let set = rules::load(&source)
        .map_err(|e| format!("{e}tafel weigert te werken met een kapotte regelset."))?;
    let checklists = if source.in_subdir("checklists").next().is_none() {
        Vec::new()
    } else {
        checklist::load(&source, &set).map_err(|e| e.to_string())?
    };
    let embedded = ConfigSource::embedded();
    let defaults = source
        .file("keys.ron")
        .cloned()
        .or_else(|| embedded.file("keys.ron").cloned())
        .ok_or_else(|| "config/keys.ron ontbreekt".to_string())?;
    let user = match Keymap::user_file().filter(|_| user_keys) {
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(ConfigFile { path, text })
        }
        None => None,
    };
    let keymap = Keymap::load(&defaults, user.as_ref()).map_err(|e| e.to_string())?;
    Ok((source, set, checklists, keymap))
}

/// Reads the cases of a directory (`*.ron` case files and `*.json` fact files), in name order.
pub fn read_cases(
    set: &RuleSet,
    files: &[ConfigFile],
    date: NaiveDate,
) -> Result<(Vec<MeetingCase>, Option<TableKind>), String> {
    let mut out = Vec::new();
    let mut table = None;
    for f in files {
        let path = f.path.display().to_string();
        let loaded = case::read_case(set, &path, &f.text, date).map_err(|e| e.to_string())?;
        table = table.or(loaded.table);
        let mc = match &loaded.file {
            Some(cf) => MeetingCase::from_case_file(cf),
            None => {
                let mut mc = MeetingCase::new(loaded.id.clone(), loaded.title.clone());
                for (id, v) in loaded.facts.known() {
                    mc.facts
                        .insert(set.fact_name(id).to_string(), set.vocabulary.raw(id, v));
                }
                mc
            }
        };
        out.push(mc);
    }
    Ok((out, table))
}

fn dir_files(dir: &Path) -> Result<Vec<ConfigFile>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron" || x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(ConfigFile { path, text })
        })
        .collect()
}

/// The loaded configuration and display options, shared by the screens of one run.
#[derive(Clone)]
pub struct Ctx {
    pub set: RuleSet,
    pub checklists: Vec<Checklist>,
    pub keymap: Keymap,
    pub options: Options,
}

impl Ctx {
    /// The meeting screen's App for a meeting (`now`: the meeting clock).
    pub fn app(&self, meeting: Meeting, now: NaiveDateTime) -> App {
        App::new(
            self.set.clone(),
            self.checklists.clone(),
            meeting,
            self.keymap.clone(),
            self.options.clone(),
            now,
        )
    }
}

/// Loads the configuration (rules, checklists, keymap with the user's overrides) and resolves
/// the theme. Fails — before any terminal or file is touched — on a broken configuration or
/// keymap, naming file, line and column.
pub fn context(launch: &Launch) -> Result<Ctx, String> {
    let (_, set, checklists, keymap) = load_config(launch.config.as_deref(), launch.user_keys)?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (theme_name, c256) = theme::resolve(launch.theme, launch.color, no_color);
    if theme_name != ThemeName::Mono && no_color {
        // the chair asked for colour explicitly
        crossterm::style::force_color_output(true);
    }
    let options = Options {
        lang: launch.lang,
        theme: Theme::new(theme_name, c256, launch.ascii),
        timebox_minutes: launch.timebox_minutes,
    };
    Ok(Ctx {
        set,
        checklists,
        keymap,
        options,
    })
}

/// A new meeting for a launch: its agenda (the sample cases, a directory of cases, or empty),
/// table, chair and start (the meeting date at the time of `now`).
pub fn new_meeting(launch: &Launch, set: &RuleSet, now: NaiveDateTime) -> Result<Meeting, String> {
    let date = launch.date.unwrap_or(now.date());
    let files = match (&launch.cases, launch.empty) {
        (Some(dir), _) => dir_files(dir)?,
        (None, true) => Vec::new(),
        (None, false) => config::embedded_sample_cases(),
    };
    let (cases, first_table) = read_cases(set, &files, date)?;
    let table = launch.table.or(first_table).unwrap_or_default();
    let chair = launch
        .chair
        .clone()
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "voorzitter".into());
    // to the second: the session file and the minutes need no more
    let time = now.time();
    let started = NaiveDateTime::new(date, time.with_nanosecond(0).unwrap_or(time));
    let mut meeting = Meeting::new(table, started, crate::text::sanitize_line(&chair));
    meeting.cases = cases;
    Ok(meeting)
}

/// Builds the App for a launch, without touching the terminal or any session file.
pub fn build(launch: &Launch, now: NaiveDateTime) -> Result<App, String> {
    let ctx = context(launch)?;
    let meeting = new_meeting(launch, &ctx.set, now)?;
    let started = meeting.started_at;
    Ok(ctx.app(meeting, started))
}

/// Starts the screen in the terminal, without a session file (the meeting is not saved).
pub fn launch(launch: &Launch) -> Result<(), String> {
    let now = Local::now().naive_local();
    let mut app = build(launch, now)?;
    set_clock(app.now, now);
    term::run(&mut app, clock).map_err(|e| format!("terminal: {e}"))
}

/// The meeting clock runs on wall time, shifted to the meeting date.
fn set_clock(meeting_now: NaiveDateTime, wall: NaiveDateTime) {
    let offset = meeting_now - wall;
    OFFSET.with(|o| o.set(offset.num_seconds()));
}

/// The meeting clock for a meeting on `date`: now, on that date.
pub fn meeting_now(date: NaiveDate) -> NaiveDateTime {
    NaiveDateTime::new(date, Local::now().naive_local().time())
}

/// How the meeting screen shows a meeting.
pub enum Mode {
    /// Writable: every change autosaved into the session.
    Live(Autosaver),
    /// Read-only (why), optionally following a session file that someone else writes.
    ReadOnly {
        reason: String,
        follow: Option<Box<Session>>,
    },
}

/// How a run of the meeting screen ended.
pub struct Ended {
    /// The session file written (a writable run).
    pub session: Option<PathBuf>,
    /// What closing the session did (pending save, lock release, recovery file).
    pub shutdown: Option<Shutdown>,
}

/// Runs the meeting screen: `notices` are shown in the status bar at the start.
pub fn run_meeting(mut app: App, mode: Mode, notices: &[String]) -> Result<Ended, String> {
    set_clock(app.now, Local::now().naive_local());
    if !notices.is_empty() {
        app.info(notices.join(" · "));
    }
    match mode {
        Mode::Live(saver) => {
            let live = live::Live::attach(&mut app, saver);
            let handle = live.handle();
            let session = live.path();
            let mut screen = live::MeetingScreen::new(app, Some(live), None, clock);
            let result = term::run_screen(&mut screen, Some(handle));
            let shutdown = screen.live.take().map(|l| l.close(&mut screen.app));
            result.map_err(|e| format!("terminal: {e}"))?;
            Ok(Ended {
                session: Some(session),
                shutdown,
            })
        }
        Mode::ReadOnly { reason, follow } => {
            app.read_only = Some(reason);
            let mut screen = live::MeetingScreen::new(app, None, follow.map(|s| *s), clock);
            term::run_screen(&mut screen, None).map_err(|e| format!("terminal: {e}"))?;
            Ok(Ended {
                session: None,
                shutdown: None,
            })
        }
    }
}

/// Runs the review browser over the sessions of `review`.
pub fn run_review(ctx: Ctx, review: Review) -> Result<(), String> {
    let today = Local::now().date_naive();
    let mut screen = review::ReviewScreen::new(ctx, review, today);
    term::run_screen(&mut screen, None).map_err(|e| format!("terminal: {e}"))
}

/// Shows the raw text of a file that does not parse, read-only.
pub fn run_raw(
    ctx: Ctx,
    path: &Path,
    text: &str,
    error: String,
    line: usize,
) -> Result<(), String> {
    let mut screen = review::RawScreen::new(ctx, path, text, error, line);
    term::run_screen(&mut screen, None).map_err(|e| format!("terminal: {e}"))
}

thread_local! {
    static OFFSET: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

fn clock() -> NaiveDateTime {
    Local::now().naive_local() + chrono::Duration::seconds(OFFSET.with(|o| o.get()))
}
