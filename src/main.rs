use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};

use tafel::case;
use tafel::config::{self, ConfigSource};
use tafel::rules::{self, Engine, RuleSet, report, testing};
use tafel::session::{self, Autosaver, Recovery, Session, SessionError, SessionLock, Store};
use tafel::tui::Mode;

#[derive(Parser)]
#[command(
    name = "tafel",
    version,
    about = "Voor de voorzitter van het geboortezorgnetwerk, het UNO en de veldtafel"
)]
struct Cli {
    /// Configuratiemap (facts.ron, rules/, …); standaard de meegeleverde configuratie.
    #[arg(long, global = true, env = "TAFEL_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    tui: TuiArgs,
}

/// Options of a new meeting (`tafel` without a command, and `tafel new`).
#[derive(clap::Args, Clone)]
struct TuiArgs {
    /// Soort overleg: geboortezorgnetwerk, uno of veldtafel (standaard: die van de eerste casus).
    #[arg(long, value_parser = parse_table)]
    tafel: Option<case::TableKind>,
    /// Map met casussen (*.ron, *.json) voor de agenda.
    #[arg(long)]
    cases: Option<PathBuf>,
    /// Naam van de voorzitter (standaard de gebruikersnaam).
    #[arg(long)]
    voorzitter: Option<String>,
    /// Datum van het overleg (JJJJ-MM-DD); standaard vandaag.
    #[arg(long)]
    date: Option<String>,
    #[command(flatten)]
    display: DisplayArgs,
}

/// How the screen looks (every command with a screen).
#[derive(clap::Args, Clone)]
struct DisplayArgs {
    /// Minuten per casus voor de tijdklok in de statusbalk.
    #[arg(long, default_value_t = 10)]
    timebox: u32,
    /// Taal van het scherm: nl of en.
    #[arg(long, default_value = "nl", value_parser = ["nl", "en"])]
    lang: String,
    /// Kleurenschema: default, high-contrast of mono (mono ook bij NO_COLOR).
    #[arg(long, default_value = "default", value_parser = ["default", "high-contrast", "mono"])]
    theme: String,
    /// Kleuren: auto, 16, 256 of never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "16", "256", "never"])]
    color: String,
    /// Kaders met gewone ASCII-tekens (+ - |) voor terminals die lijntekens verminken.
    #[arg(long)]
    ascii: bool,
}

fn parse_table(s: &str) -> Result<case::TableKind, String> {
    case::TableKind::parse(s)
        .ok_or_else(|| format!("'{s}' is geen tafel: kies geboortezorgnetwerk, uno of veldtafel"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Markdown: het verslag, klaar om in het casussysteem te plakken.
    Md,
}

#[derive(Subcommand)]
enum Command {
    /// Evalueert één casus (RON-casus of JSON met feiten) en drukt het advies af.
    Eval {
        file: PathBuf,
        /// Datum van het overleg (JJJJ-MM-DD); standaard vandaag.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Controleert feiten, regels en hun testgevallen (en met --sources de citaten).
    Check {
        /// Map met de brondocumenten; controleert dat elk citaat er letterlijk in staat.
        #[arg(long)]
        sources: Option<PathBuf>,
    },
    /// Drukt het advies af voor alle voorbeeldcasussen (de demo).
    Demo {
        #[arg(long)]
        date: Option<String>,
    },
    /// Start een nieuw overleg in het scherm (zonder --cases met een lege agenda).
    New {
        #[command(flatten)]
        tui: TuiArgs,
    },
    /// Zet een eerder overleg voort (SESSIE.ron), of bekijkt het alleen-lezen.
    Open {
        /// Het sessiebestand, bijv. ~/.local/share/tafel/sessions/2026-11-22_uno_0930.ron.
        file: PathBuf,
        /// Alleen lezen: niets wijzigen, niets opslaan, geen slot.
        #[arg(long)]
        alleen_lezen: bool,
        /// Is het bestand onleesbaar: toon de ruwe tekst alleen-lezen.
        #[arg(long)]
        kopie_lezen: bool,
        /// Neem het herstelbestand over (na een crash).
        #[arg(long, conflicts_with = "verwerp_herstel")]
        herstel: bool,
        /// Verwijder het herstelbestand en open de sessie zoals opgeslagen.
        #[arg(long)]
        verwerp_herstel: bool,
        #[command(flatten)]
        display: DisplayArgs,
    },
    /// Bladert alleen-lezen door opgeslagen overleggen: lijst, zoeken, open actiepunten.
    Review {
        /// Map met sessies (of een gegevensmap met sessions/); standaard die van TAFEL_HOME.
        dir: Option<PathBuf>,
        #[command(flatten)]
        display: DisplayArgs,
    },
    /// Drukt het verslag van een overleg af (Markdown).
    Export {
        /// Het sessiebestand (wordt alleen gelezen).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
    },
    /// Verwijdert overleggen ouder dan DAYS dagen (bewaartermijn), met hun slot- en herstelbestanden.
    Purge {
        /// Overleggen waarvan de datum meer dan zoveel dagen geleden is.
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
        /// Alleen tonen wat verwijderd zou worden.
        #[arg(long)]
        dry_run: bool,
        /// Niet om bevestiging vragen.
        #[arg(long)]
        ja: bool,
    },
}

fn load_rules(config_dir: &Option<PathBuf>) -> Result<RuleSet, ExitCode> {
    let source = match config_dir {
        Some(dir) => match ConfigSource::from_dir(dir) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("tafel: {e}");
                return Err(ExitCode::from(2));
            }
        },
        None => ConfigSource::embedded(),
    };
    rules::load(&source).map_err(|e| {
        eprint!("tafel: {e}");
        eprintln!("tafel weigert te werken met een kapotte regelset.");
        ExitCode::from(2)
    })
}

fn parse_date(text: &Option<String>) -> Result<NaiveDate, ExitCode> {
    match text {
        None => Ok(Local::now().date_naive()),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            eprintln!("tafel: --date '{t}' is geen geldige datum (verwacht JJJJ-MM-DD)");
            ExitCode::from(2)
        }),
    }
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval { file, date, format }) => eval(&cli.config, &file, &date, format),
        Some(Command::Check { sources }) => check(&cli.config, sources),
        Some(Command::Demo { date }) => demo(&cli.config, &date),
        Some(Command::New { tui }) => {
            if tui.tafel.is_none() {
                eprintln!(
                    "tafel: 'tafel new' heeft --tafel geboortezorgnetwerk|uno|veldtafel nodig"
                );
                return ExitCode::from(2);
            }
            let empty = tui.cases.is_none();
            screen(&cli.config, tui, empty)
        }
        Some(Command::Open {
            file,
            alleen_lezen,
            kopie_lezen,
            herstel,
            verwerp_herstel,
            display,
        }) => open(
            &cli.config,
            &file,
            OpenFlags {
                read_only: alleen_lezen,
                raw_copy: kopie_lezen,
                recover: herstel,
                discard: verwerp_herstel,
            },
            display,
        ),
        Some(Command::Review { dir, display }) => review(&cli.config, dir, display),
        Some(Command::Export { file, format }) => export(&cli.config, &file, format),
        Some(Command::Purge {
            older_than,
            dry_run,
            ja,
        }) => purge(older_than, dry_run, ja),
        None => screen(&cli.config, cli.tui, false),
    };
    result.unwrap_or_else(|code| code)
}

fn eval(
    config: &Option<PathBuf>,
    file: &PathBuf,
    date: &Option<String>,
    format: Format,
) -> Result<ExitCode, ExitCode> {
    let date = parse_date(date)?;
    let set = load_rules(config)?;
    let path = file.display().to_string();
    let text = std::fs::read(file).map_err(|e| {
        eprintln!("tafel: {path}: kan het bestand niet lezen: {e}");
        ExitCode::from(2)
    })?;
    let text = case::decode_text(&path, text).map_err(|e| {
        eprintln!("tafel: {e}");
        ExitCode::from(2)
    })?;
    let loaded = case::read_case(&set, &path, &text, date).map_err(|e| {
        eprintln!("tafel: {e}");
        ExitCode::from(2)
    })?;
    let engine = Engine::new(&set, date);
    let evaluation = engine.evaluate(&loaded.facts);
    let out = report::report_for_table(
        &set,
        &loaded.id,
        date,
        &evaluation,
        loaded.table.map(|t| t.table()),
    );
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("report serialises")
        ),
        Format::Text => print!("{}", report::text(&out)),
    }
    Ok(ExitCode::SUCCESS)
}

fn config_source(config_dir: &Option<PathBuf>) -> Result<ConfigSource, ExitCode> {
    match config_dir {
        Some(dir) => ConfigSource::from_dir(dir).map_err(|e| {
            eprintln!("tafel: {e}");
            ExitCode::from(2)
        }),
        None => Ok(ConfigSource::embedded()),
    }
}

fn check(config: &Option<PathBuf>, sources: Option<PathBuf>) -> Result<ExitCode, ExitCode> {
    let source = config_source(config)?;
    let set = rules::load(&source).map_err(|e| {
        eprint!("tafel: {e}");
        eprintln!("tafel weigert te werken met een kapotte regelset.");
        ExitCode::from(2)
    })?;
    let checklists = tafel::checklist::load(&source, &set).map_err(|e| {
        eprint!("tafel: {e}");
        eprintln!("tafel weigert te werken met kapotte checklists.");
        ExitCode::from(2)
    })?;
    let items: usize = checklists.iter().map(|c| c.all_items().count()).sum();
    println!(
        "Checklists geladen: {} lijsten ({}), {} punten.",
        checklists.len(),
        checklists
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        items
    );
    let ids = set.ids.len();
    println!(
        "Configuratie geladen: {} invoerfeiten, {} afgeleide feiten, {} regels ({} versies), {} registerpunten, {} parameters.",
        set.vocabulary.len(),
        set.derived.len(),
        ids,
        set.rules.len(),
        set.register.len(),
        set.params.len()
    );
    let report = testing::run_rule_tests(&set);
    let mut ok = report.failures.is_empty() && report.too_few.is_empty();
    for f in &report.failures {
        println!(
            "FOUT {} [{}] test '{}': {}",
            f.rule, f.file, f.test, f.message
        );
    }
    for id in &report.too_few {
        println!("FOUT {id}: minder dan twee tests, of geen test met een onbekend beslissend feit");
    }
    println!(
        "Regeltests: {} gedraaid, {} mislukt.",
        report.run,
        report.failures.len()
    );
    let full = report
        .coverage
        .values()
        .filter(|c| c.applies && c.not && c.unknown)
        .count();
    println!("Dekking per regel (A = van toepassing, N = niet, ? = onbekend gezien in de tests):");
    for (id, c) in &report.coverage {
        println!(
            "  {}{}{} {id} ({} tests)",
            if c.applies { "A" } else { "-" },
            if c.not { "N" } else { "-" },
            if c.unknown { "?" } else { "-" },
            c.tests
        );
    }
    println!("Dekking: {full} van {ids} regels zagen alle drie de uitkomsten.");
    if let Some(dir) = sources {
        let problems = testing::check_quotes(&set, &dir);
        for p in &problems {
            println!(
                "FOUT {} [{}] citaat uit {}: {} «{}»",
                p.rule, p.file, p.document, p.message, p.quote
            );
        }
        let checklist_problems = tafel::checklist::check_quotes(&checklists, &dir);
        for p in &checklist_problems {
            println!(
                "FOUT checklistpunt {} [{}] citaat uit {}: {} «{}»",
                p.item, p.file, p.document, p.message, p.quote
            );
        }
        ok &= checklist_problems.is_empty();
        let checklist_quotes: usize = checklists.iter().map(|c| c.quote_count()).sum();
        println!(
            "Checklistcitaten: {checklist_quotes} gecontroleerd, {} niet gevonden.",
            checklist_problems.len()
        );
        let quotes: usize = set.rules.iter().map(|r| r.sources.len()).sum();
        println!(
            "Citaten: {} gecontroleerd tegen {}, {} niet gevonden.",
            quotes,
            dir.display(),
            problems.len()
        );
        ok &= problems.is_empty();
    }
    if ok {
        println!("Alles in orde.");
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

fn demo(config: &Option<PathBuf>, date: &Option<String>) -> Result<ExitCode, ExitCode> {
    let date = parse_date(date)?;
    let set = load_rules(config)?;
    let engine = Engine::new(&set, date);
    for file in config::embedded_sample_cases() {
        let path = file.path.display().to_string();
        match case::read_case(&set, &path, &file.text, date) {
            Ok(loaded) => {
                let evaluation = engine.evaluate(&loaded.facts);
                let out = report::report_for_table(
                    &set,
                    &loaded.id,
                    date,
                    &evaluation,
                    loaded.table.map(|t| t.table()),
                );
                println!("=== {} — {}", loaded.id, loaded.title);
                print!("{}", report::text(&out));
                println!();
            }
            Err(e) => eprintln!("tafel: {e}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn launch_of(config: &Option<PathBuf>, display: DisplayArgs) -> tafel::tui::Launch {
    tafel::tui::Launch {
        config: config.clone(),
        cases: None,
        empty: false,
        table: None,
        chair: None,
        date: None,
        timebox_minutes: display.timebox,
        lang: tafel::tui::Lang::parse(&display.lang).unwrap_or(tafel::tui::Lang::Nl),
        theme: tafel::tui::ThemeName::parse(&display.theme)
            .unwrap_or(tafel::tui::ThemeName::Default),
        color: tafel::tui::ColorMode::parse(&display.color).unwrap_or(tafel::tui::ColorMode::Auto),
        ascii: display.ascii,
        user_keys: true,
    }
}

/// The screens draw on stdout: refuse early (before any session file is created or locked)
/// when it is not a terminal.
fn need_terminal() -> Result<(), ExitCode> {
    if std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(fail(
            "het scherm heeft een terminal nodig (stdout is geen terminal); voor een verslag: tafel export SESSIE.ron --format md",
        ))
    }
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("tafel: {e}");
    ExitCode::from(2)
}

/// `tafel` and `tafel new`: a new meeting, written to its session file at once and autosaved.
fn screen(config: &Option<PathBuf>, args: TuiArgs, empty: bool) -> Result<ExitCode, ExitCode> {
    let date = match &args.date {
        None => None,
        Some(_) => Some(parse_date(&args.date)?),
    };
    let launch = tafel::tui::Launch {
        cases: args.cases,
        empty,
        table: args.tafel,
        chair: args.voorzitter,
        date,
        ..launch_of(config, args.display)
    };
    // configuration and keymap first: a broken one refuses before any file or the terminal
    let ctx = tafel::tui::context(&launch).map_err(fail)?;
    let now = Local::now().naive_local();
    let meeting = tafel::tui::new_meeting(&launch, &ctx.set, now).map_err(fail)?;
    need_terminal()?;
    let store = Store::open_default().map_err(fail)?;
    let mut notices = Vec::new();
    for r in store.find_recoveries() {
        let notice = format!(
            "Herstelbestand gevonden voor {0}: start `tafel open {0}` om te herstellen",
            r.session.display()
        );
        eprintln!("tafel: {notice}");
        notices.push(notice);
    }
    let session = store.create(&meeting).map_err(fail)?;
    let started = meeting.started_at;
    let app = ctx.app(meeting, started);
    let saver = Autosaver::with_interval(session, tafel::tui::live::SAVE_INTERVAL);
    let ended = tafel::tui::run_meeting(app, Mode::Live(saver), &notices).map_err(fail)?;
    Ok(report_end(&ended))
}

/// After the screen: where the meeting is, or what went wrong closing it.
fn report_end(ended: &tafel::tui::Ended) -> ExitCode {
    if let Some(s) = &ended.shutdown
        && let Some(e) = &s.error
    {
        match &s.recovery {
            Some(r) => eprintln!(
                "tafel: opslaan mislukt ({e}); de vergadering staat in {}",
                r.display()
            ),
            None => eprintln!("tafel: {e}"),
        }
        if s.lost {
            return ExitCode::from(1);
        }
    }
    if let Some(path) = &ended.session {
        eprintln!(
            "tafel: opgeslagen in {0} (verder: tafel open {0})",
            path.display()
        );
    }
    ExitCode::SUCCESS
}

struct OpenFlags {
    read_only: bool,
    raw_copy: bool,
    recover: bool,
    discard: bool,
}

enum RecoveryChoice {
    Recover,
    Discard,
    Later,
}

/// How the recovery file differs from the session, in a sentence.
fn recovery_summary(recovery: &Recovery, saved: &tafel::meeting::Meeting) -> String {
    let when = recovery
        .modified
        .map(|t| {
            chrono::DateTime::<Local>::from(t)
                .format(" (geschreven %d-%m-%Y %H:%M)")
                .to_string()
        })
        .unwrap_or_default();
    match &recovery.meeting {
        Ok(m) => {
            let differing = m
                .cases
                .iter()
                .filter(|c| !saved.cases.iter().any(|s| s == *c))
                .count()
                + saved
                    .cases
                    .iter()
                    .filter(|s| !m.cases.iter().any(|c| c.id == s.id))
                    .count();
            format!(
                "Herstelbestand {}{when}: {} casussen, {} anders dan in de opgeslagen sessie.",
                recovery.path.display(),
                m.cases.len(),
                differing
            )
        }
        Err(e) => format!(
            "Herstelbestand {}{when} is zelf onleesbaar: {e}",
            recovery.path.display()
        ),
    }
}

/// Asks on the terminal what to do with a recovery file (only when stdin is a terminal).
fn ask_recovery(readable: bool) -> RecoveryChoice {
    let mut err = std::io::stderr();
    if readable {
        let _ = writeln!(
            err,
            "  h = herstellen (het herstelbestand wordt de sessie)\n  v = verwerpen (het herstelbestand wordt verwijderd)\n  Enter = later beslissen (het blijft staan; de sessie opent zoals opgeslagen)"
        );
        let _ = write!(err, "Keuze [h/v/Enter]: ");
    } else {
        let _ = writeln!(
            err,
            "  v = verwerpen (het herstelbestand wordt verwijderd)\n  Enter = later beslissen (het blijft staan)"
        );
        let _ = write!(err, "Keuze [v/Enter]: ");
    }
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        return RecoveryChoice::Later;
    }
    match line.trim().to_lowercase().as_str() {
        "h" | "herstel" | "herstellen" if readable => RecoveryChoice::Recover,
        "v" | "verwerp" | "verwerpen" => RecoveryChoice::Discard,
        _ => RecoveryChoice::Later,
    }
}

/// `tafel open SESSION.ron`: continue a meeting (locked), or view it read-only.
fn open(
    config: &Option<PathBuf>,
    file: &Path,
    flags: OpenFlags,
    display: DisplayArgs,
) -> Result<ExitCode, ExitCode> {
    let launch = launch_of(config, display);
    let ctx = tafel::tui::context(&launch).map_err(fail)?;
    if flags.read_only {
        return match Session::open_read_only(file) {
            Ok(opened) => read_only_screen(ctx, opened.meeting, "--alleen-lezen".into(), None, &[]),
            Err(SessionError::Parse(p)) => parse_failed(ctx, file, p, flags.raw_copy),
            Err(e) => Err(fail(e)),
        };
    }
    let mut opened = match Session::open(file) {
        Ok(opened) => opened,
        Err(e @ SessionError::Locked { .. }) => {
            eprintln!("tafel: {e}");
            eprintln!(
                "tafel: de sessie wordt alleen-lezen geopend (wijzigingen van de houder verschijnen vanzelf)"
            );
            let reason = match e.holder() {
                Some(h) => h.message(),
                None => "in gebruik door een ander tafel-proces".into(),
            };
            return match Session::open_read_only(file) {
                Ok(opened) => {
                    let notice = format!("Alleen lezen: {reason}");
                    read_only_screen(
                        ctx,
                        opened.meeting,
                        reason,
                        Some(Box::new(opened.session)),
                        &[notice],
                    )
                }
                Err(SessionError::Parse(p)) => parse_failed(ctx, file, p, flags.raw_copy),
                Err(e) => Err(fail(e)),
            };
        }
        Err(SessionError::Parse(p)) => return parse_failed(ctx, file, p, flags.raw_copy),
        Err(e) => return Err(fail(e)),
    };
    need_terminal()?;
    let mut notices = Vec::new();
    if let Some(h) = &opened.stale_lock {
        notices.push(format!(
            "De vorige keer is deze sessie niet netjes afgesloten (pid {} op {}).",
            h.pid, h.host
        ));
    }
    if let Some(v) = opened.migrated_from {
        notices.push(format!(
            "Sessiebestand in het oude formaat v{v}: het wordt bijgewerkt bij de eerste wijziging."
        ));
    }
    let mut meeting = opened.meeting;
    match opened.recovery.take() {
        Some(recovery) => {
            let summary = recovery_summary(&recovery, &meeting);
            let readable = recovery.meeting.is_ok();
            let asked = !flags.recover
                && !flags.discard
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal();
            let choice = if flags.recover {
                RecoveryChoice::Recover
            } else if flags.discard {
                RecoveryChoice::Discard
            } else if asked {
                eprintln!("tafel: {summary}");
                ask_recovery(readable)
            } else {
                RecoveryChoice::Later
            };
            match choice {
                RecoveryChoice::Recover => {
                    meeting = opened.session.recover().map_err(fail)?;
                    notices.push(format!(
                        "Hersteld uit {}: opgeslagen in de sessie.",
                        recovery.path.display()
                    ));
                }
                RecoveryChoice::Discard => {
                    opened.session.discard_recovery().map_err(fail)?;
                    notices.push("Herstelbestand verwijderd.".into());
                }
                RecoveryChoice::Later if asked => notices.push(
                    "Het herstelbestand blijft staan (later: --herstel of --verwerp-herstel)."
                        .into(),
                ),
                RecoveryChoice::Later => {
                    let notice = format!(
                        "{summary} Het blijft staan: kies met `tafel open {0} --herstel` of `--verwerp-herstel`.",
                        file.display()
                    );
                    eprintln!("tafel: {notice}");
                    notices.push(notice);
                }
            }
        }
        None if flags.recover || flags.discard => {
            eprintln!("tafel: er is geen herstelbestand bij {}", file.display());
        }
        None => {}
    }
    meeting.clean_texts();
    let now = tafel::tui::meeting_now(meeting.date);
    let app = ctx.app(meeting, now);
    let saver = Autosaver::with_interval(opened.session, tafel::tui::live::SAVE_INTERVAL);
    let ended = tafel::tui::run_meeting(app, Mode::Live(saver), &notices).map_err(fail)?;
    Ok(report_end(&ended))
}

fn read_only_screen(
    ctx: tafel::tui::Ctx,
    mut meeting: tafel::meeting::Meeting,
    reason: String,
    follow: Option<Box<Session>>,
    notices: &[String],
) -> Result<ExitCode, ExitCode> {
    need_terminal()?;
    meeting.clean_texts();
    let now = tafel::tui::meeting_now(meeting.date);
    let app = ctx.app(meeting, now);
    tafel::tui::run_meeting(app, Mode::ReadOnly { reason, follow }, notices).map_err(fail)?;
    Ok(ExitCode::SUCCESS)
}

/// A session file that does not parse: never touched; say where, and offer a read-only copy or
/// a fresh meeting.
fn parse_failed(
    ctx: tafel::tui::Ctx,
    file: &Path,
    error: tafel::session::ParseError,
    raw_copy: bool,
) -> Result<ExitCode, ExitCode> {
    eprintln!("tafel: {}", SessionError::Parse(error.clone()));
    if raw_copy {
        need_terminal()?;
        let text = error
            .raw_text()
            .map_err(|e| fail(format!("{}: {e}", file.display())))?;
        tafel::tui::run_raw(ctx, file, &text, error.to_string(), error.line).map_err(fail)?;
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "tafel: bekijk de tekst alleen-lezen met `tafel open {} --kopie-lezen`, of begin een nieuw overleg met `tafel new --tafel …`.",
        file.display()
    );
    Err(ExitCode::from(2))
}

/// `tafel review [DIR]`.
fn review(
    config: &Option<PathBuf>,
    dir: Option<PathBuf>,
    display: DisplayArgs,
) -> Result<ExitCode, ExitCode> {
    let launch = launch_of(config, display);
    let ctx = tafel::tui::context(&launch).map_err(fail)?;
    need_terminal()?;
    let dir = match dir {
        Some(d) => session::review_dir(Some(&d)).map_err(fail)?,
        // the store's own directory, created when this is the first use
        None => Store::open_default()
            .map_err(fail)?
            .sessions_dir()
            .to_path_buf(),
    };
    let review = session::Review::load(&dir).map_err(fail)?;
    tafel::tui::run_review(ctx, review).map_err(fail)?;
    Ok(ExitCode::SUCCESS)
}

/// `tafel export SESSION.ron --format md`.
fn export(
    config: &Option<PathBuf>,
    file: &Path,
    format: ExportFormat,
) -> Result<ExitCode, ExitCode> {
    let opened = Session::open_read_only(file).map_err(fail)?;
    let set = load_rules(config)?;
    let mut meeting = opened.meeting;
    meeting.clean_texts();
    match format {
        ExportFormat::Md => print!("{}", tafel::export::minutes(&meeting, &set)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Who holds the lock of a session, without taking it (None: free). Reads only.
#[allow(clippy::incompatible_msrv)] // File::try_lock: stable since 1.89 (the MSRV)
fn lock_held(session: &Path) -> Option<String> {
    let file = std::fs::File::open(session::lock_path(session)).ok()?;
    match file.try_lock() {
        Ok(()) => None, // a stale lock file: its holder is gone
        Err(std::fs::TryLockError::WouldBlock) => Some(
            session::read_lock_holder(session)
                .map(|h| h.message())
                .unwrap_or_else(|| "in gebruik".into()),
        ),
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// Removes a session with its recovery and lock files, holding its lock while doing so.
fn remove_session(path: &Path) -> Result<(), SessionError> {
    let lock = SessionLock::acquire(path)?;
    let io = |p: &Path, e: std::io::Error| SessionError::Io {
        path: p.to_path_buf(),
        source: e,
    };
    for p in [path.to_path_buf(), session::recovery_path(path)] {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&p, e)),
        }
    }
    let lock_file = lock.path().to_path_buf();
    lock.release().map_err(|e| io(&lock_file, e))?;
    if let Some(dir) = path.parent() {
        let _ = tafel::session::fsutil::sync_dir(dir);
    }
    Ok(())
}

/// `tafel purge --older-than DAYS [--dry-run] [--ja]`.
fn purge(older_than: u32, dry_run: bool, yes: bool) -> Result<ExitCode, ExitCode> {
    let store = Store::open_default().map_err(fail)?;
    let dir = store.sessions_dir();
    let today = Local::now().date_naive();
    let cutoff = today - chrono::Duration::days(i64::from(older_than));
    let summaries = session::list_sessions(dir).map_err(fail)?;
    let mut remove = Vec::new();
    let mut kept_locked = Vec::new();
    let mut undated = Vec::new();
    for s in summaries {
        match s.date {
            None => undated.push(s),
            Some(d) if d < cutoff => match lock_held(&s.path) {
                Some(holder) => kept_locked.push((s, holder)),
                None => remove.push(s),
            },
            Some(_) => {}
        }
    }
    let line = |s: &session::SessionSummary| {
        let name = s
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let what = match &s.error {
            Some(_) => "onleesbaar".to_string(),
            None => format!(
                "{}, voorzitter {}, {} casussen",
                s.table.map_or("?", |t| t.label()),
                tafel::text::sanitize_line(&s.chair),
                s.cases
            ),
        };
        format!(
            "  {}  {}  ({what})",
            s.date
                .map_or_else(|| "?".into(), |d| d.format("%Y-%m-%d").to_string()),
            tafel::text::sanitize_line(&name)
        )
    };
    println!(
        "Sessies in {} van vóór {} (ouder dan {older_than} dagen):",
        dir.display(),
        cutoff.format("%Y-%m-%d")
    );
    for s in &remove {
        println!("{}", line(s));
    }
    if remove.is_empty() {
        println!("  (geen)");
    }
    for (s, holder) in &kept_locked {
        println!("{}  — NIET verwijderd: {holder}", line(s));
    }
    for s in &undated {
        println!("{}  — NIET verwijderd: datum onbekend", line(s));
    }
    if remove.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    if dry_run {
        println!("Proefdraai (--dry-run): niets verwijderd.");
        return Ok(ExitCode::SUCCESS);
    }
    if !yes {
        eprint!("Verwijder {} sessies? [j/N] ", remove.len());
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "j" | "ja" | "y" | "yes"
        ) {
            println!("Niets verwijderd.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut removed = 0;
    let mut failed = false;
    for s in &remove {
        match remove_session(&s.path) {
            Ok(()) => removed += 1,
            Err(e) => {
                eprintln!("tafel: {e} — niet verwijderd");
                failed = true;
            }
        }
    }
    println!("{removed} sessies verwijderd.");
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `tafel eval … | head` closes the pipe early; like other command-line tools, end quietly instead
/// of panicking on the failed write.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting the disposition of SIGPIPE to its default before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
