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
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval { file, date, format }) => eval(&cli.config, &file, &date, format),
        Some(Command::Check { sources }) => check(&cli.config, sources),
        Some(Command::Demo { date }) => demo(&cli.config, &date),
        None => demo(&cli.config, &None),
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
    let text = String::from_utf8(text).map_err(|e| {
        eprintln!(
            "tafel: {path}: geen geldige UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        );
        ExitCode::from(2)
    })?;
    let loaded = case::read_case(&set, &path, &text, date).map_err(|e| {
        eprintln!("tafel: {e}");
        ExitCode::from(2)
    })?;
    let engine = Engine::new(&set, date);
    let evaluation = engine.evaluate(&loaded.facts);
    let out = report::report(&set, &loaded.id, date, &evaluation);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("report serialises")
        ),
        Format::Text => print!("{}", report::text(&out)),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(config: &Option<PathBuf>, sources: Option<PathBuf>) -> Result<ExitCode, ExitCode> {
    let set = load_rules(config)?;
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
                let out = report::report(&set, &loaded.id, date, &evaluation);
                println!("=== {} — {}", loaded.id, loaded.title);
                print!("{}", report::text(&out));
                println!();
            }
            Err(e) => eprintln!("tafel: {e}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}
