use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};

use tafel::case;
use tafel::config::{self, ConfigSource};
use tafel::rules::{self, Engine, RuleSet, report, testing};

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

/// Options of the meeting screen (`tafel` without a command, and `tafel new`).
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

fn screen(config: &Option<PathBuf>, args: TuiArgs, empty: bool) -> Result<ExitCode, ExitCode> {
    let date = match &args.date {
        None => None,
        Some(_) => Some(parse_date(&args.date)?),
    };
    let launch = tafel::tui::Launch {
        config: config.clone(),
        cases: args.cases,
        empty,
        table: args.tafel,
        chair: args.voorzitter,
        date,
        timebox_minutes: args.timebox,
        lang: tafel::tui::Lang::parse(&args.lang).unwrap_or(tafel::tui::Lang::Nl),
        theme: tafel::tui::ThemeName::parse(&args.theme).unwrap_or(tafel::tui::ThemeName::Default),
        color: tafel::tui::ColorMode::parse(&args.color).unwrap_or(tafel::tui::ColorMode::Auto),
        ascii: args.ascii,
        user_keys: true,
    };
    match tafel::tui::launch(&launch) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("tafel: {e}");
            Err(ExitCode::from(2))
        }
    }
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
