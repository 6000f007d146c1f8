//! The bad-input corpus (tests/bad-input/manifest.ron): every malformed file is run through the
//! real binary, which must exit with the expected code, print a message that names the problem
//! (at `file:line:col` where the manifest gives one), not panic, and leave the file unchanged.
//!
//! Configuration files are not run in place: each run gets a fresh copy of a whole configuration
//! (the one embedded in tafel, or tests/bad-input/mini-config) with the one broken file placed in
//! it, so that the error is the broken file's and not a missing neighbour's.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;
use tafel::config::ConfigSource;

const DATE: &str = "2026-11-22";
/// A run that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Base {
    /// The configuration built into tafel.
    Embedded,
    /// tests/bad-input/mini-config.
    Mini,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Run {
    /// `tafel eval FILE --date DATE`.
    Eval,
    /// FILE placed at PATH in a copy of BASE; `tafel --config DIR check`.
    Check(Base, String),
    /// FILE placed at PATH in a copy of BASE; the given command line ({config} = that copy).
    Config(Base, String, Vec<String>),
    /// Any command line (placeholders: {file}, {config}, {mini}, {tmp}, {date}).
    Args(Vec<String>),
    /// FILE copied into a fresh sessions directory as {session}; the command line runs on the
    /// copy, and that directory must afterwards hold the copy, unchanged, and nothing else (no
    /// lock, recovery or temporary file).
    Session(Vec<String>),
    /// FILE placed as the user's keymap ($XDG_CONFIG_HOME/tafel/keys.ron); the command line
    /// starts a screen, which must refuse with exit 2 before switching to the alternate screen
    /// and before creating a session file.
    Keys(Vec<String>),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    run: Run,
    exit: i32,
    message: String,
    #[serde(default)]
    at: Option<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn manifest() -> Vec<Entry> {
    let path = corpus_dir().join("manifest.ron");
    let text = fs::read_to_string(&path).expect("tests/bad-input/manifest.ron");
    tafel::config::ron_options()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes the configuration embedded in tafel into `dir` (the layout of `config/`).
fn write_embedded_config(dir: &Path) {
    for file in ConfigSource::embedded().files {
        let relative = file.path.strip_prefix("config").unwrap_or(&file.path);
        let target = dir.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, file.text).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn make_base(base: Base, dir: &Path) {
    match base {
        Base::Embedded => write_embedded_config(dir),
        Base::Mini => copy_dir(&corpus_dir().join("mini-config"), dir),
    }
}

/// Every file under `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> BTreeSet<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<(PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = fs::read(&path).unwrap();
                out.insert((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs tafel with `args`, isolated from the user's environment, with a time limit.
fn run_tafel(args: &[String], scratch: &Path) -> Result<Outcome, String> {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let home = scratch.join("home");
    fs::create_dir_all(&home).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(args)
        .env_remove("TAFEL_CONFIG")
        .env_remove("RUST_BACKTRACE")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TAFEL_HOME", home.join("tafel"))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .map_err(|e| format!("tafel did not start: {e}"))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no exit after {TIMEOUT:?} (hangs?)"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(Outcome {
        code: status.code(),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap()).into_owned(),
    })
}

/// Runs one manifest entry; `Err` describes everything that went wrong.
fn check_entry(entry: &Entry) -> Result<(), String> {
    let input = corpus_dir().join(&entry.file);
    let original = fs::read(&input).map_err(|e| format!("cannot read the input: {e}"))?;
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let s = |p: &Path| p.display().to_string();

    // the configuration copy the broken file goes into, if any
    let placed: Option<(PathBuf, PathBuf)> = match &entry.run {
        Run::Check(base, at) | Run::Config(base, at, _) => {
            let dir = tmp.path().join("config");
            make_base(*base, &dir);
            let target = dir.join(at);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, &original).unwrap();
            Some((dir, target))
        }
        _ => None,
    };
    // a session file is run on a copy in a sessions directory of its own
    let session_copy = match &entry.run {
        Run::Session(_) => {
            let dir = tmp.path().join("sessions");
            fs::create_dir_all(&dir).unwrap();
            let copy = dir.join(Path::new(&entry.file).file_name().unwrap());
            fs::write(&copy, &original).unwrap();
            Some(copy)
        }
        _ => None,
    };
    // a keymap goes where the user's overrides live
    let keys_file = match &entry.run {
        Run::Keys(_) => {
            let path = scratch.join("home/config/tafel/keys.ron");
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &original).unwrap();
            Some(path)
        }
        _ => None,
    };
    let expand = |arg: &str| -> String {
        let mut arg = arg
            .replace("{file}", &s(&input))
            .replace("{date}", DATE)
            .replace("{tmp}", &s(&scratch));
        if let Some(copy) = &session_copy {
            arg = arg.replace("{session}", &s(copy));
        }
        if arg.contains("{config}") {
            let dir = match &placed {
                Some((dir, _)) => dir.clone(),
                None => {
                    let dir = tmp.path().join("embedded");
                    if !dir.exists() {
                        write_embedded_config(&dir);
                    }
                    dir
                }
            };
            arg = arg.replace("{config}", &s(&dir));
        }
        if arg.contains("{mini}") {
            let dir = tmp.path().join("mini");
            if !dir.exists() {
                make_base(Base::Mini, &dir);
            }
            arg = arg.replace("{mini}", &s(&dir));
        }
        arg
    };
    let args: Vec<String> = match &entry.run {
        Run::Eval => vec!["eval".into(), s(&input), "--date".into(), DATE.into()],
        Run::Check(..) => {
            let dir = &placed.as_ref().unwrap().0;
            vec!["--config".into(), s(dir), "check".into()]
        }
        Run::Config(_, _, args) | Run::Args(args) | Run::Session(args) | Run::Keys(args) => {
            args.iter().map(|a| expand(a)).collect()
        }
    };
    let config_before = placed.as_ref().map(|(dir, _)| snapshot(dir));

    let out = run_tafel(&args, &scratch)?;

    let mut problems = Vec::new();
    if out.code != Some(entry.exit) {
        problems.push(format!(
            "exit code {:?}, expected {} (None: killed by a signal, e.g. a stack overflow)",
            out.code, entry.exit
        ));
    }
    for sign in ["panicked", "overflowed its stack", "RUST_BACKTRACE"] {
        if out.stderr.contains(sign) || out.stdout.contains(sign) {
            problems.push(format!("the output shows a crash ({sign:?})"));
        }
    }
    if !out.stderr.contains(&entry.message) {
        problems.push(format!("stderr does not contain {:?}", entry.message));
    }
    if let Some(at) = &entry.at {
        // `PATH:LINE:COL` followed by ':' (so that 3:1 does not match 3:12)
        let needle = format!("{at}:");
        match out.stderr.lines().find(|l| l.contains(&needle)) {
            None => problems.push(format!("stderr names no position {at}")),
            Some(line) if !line.contains(&entry.message) => problems.push(format!(
                "the error at {at} does not say {:?}: {line}",
                entry.message
            )),
            Some(_) => {}
        }
    }
    if matches!(entry.run, Run::Eval) && entry.exit != 0 && !out.stdout.is_empty() {
        problems.push("a failed eval printed a report on stdout".into());
    }
    if fs::read(&input).ok().as_deref() != Some(&original[..]) {
        problems.push("the input file changed".into());
    }
    if out.stdout.contains("\x1b[?1049h") {
        problems.push("it switched to the alternate screen".into());
    }
    if let Some(copy) = &session_copy {
        let dir = copy.parent().unwrap();
        let left: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        if left.len() != 1 {
            problems.push(format!("files left beside the session: {left:?}"));
        }
        if fs::read(copy).ok().as_deref() != Some(&original[..]) {
            problems.push("the session file changed".into());
        }
    }
    if let Some(keys) = &keys_file {
        if fs::read(keys).ok().as_deref() != Some(&original[..]) {
            problems.push("the keymap file changed".into());
        }
        let sessions = scratch.join("home/tafel/sessions");
        if sessions.exists() && fs::read_dir(&sessions).unwrap().next().is_some() {
            problems.push("a session file was created".into());
        }
    }
    if let Some((dir, target)) = &placed {
        if fs::read(target).ok().as_deref() != Some(&original[..]) {
            problems.push("the placed copy of the input changed".into());
        }
        if config_before.as_ref() != Some(&snapshot(dir)) {
            problems.push("the configuration directory changed (files written or altered)".into());
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  command: tafel {}\n  stderr: {}",
            problems.join("\n  "),
            args.join(" "),
            out.stderr.trim_end().replace('\n', "\n          ")
        ))
    }
}

#[test]
fn every_corpus_entry_fails_cleanly() {
    let entries = manifest();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(entry) = entries.get(i) else { break };
                    if let Err(why) = check_entry(entry) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{}: {why}", entry.file));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} corpus entries failed:\n\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n\n")
    );
}

#[test]
fn manifest_covers_the_whole_corpus() {
    let entries = manifest();
    assert!(entries.len() >= 50, "only {} entries", entries.len());
    let listed: BTreeSet<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(listed.len(), entries.len(), "a file is listed twice");
    let mut unlisted = Vec::new();
    let mut loaders = BTreeSet::new();
    for dir in fs::read_dir(corpus_dir()).unwrap() {
        let dir = dir.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || name == "mini-config" {
            continue;
        }
        for file in fs::read_dir(&dir).unwrap() {
            let file = format!("{name}/{}", file.unwrap().file_name().to_string_lossy());
            if listed.contains(file.as_str()) {
                loaders.insert(name.clone());
            } else {
                unlisted.push(file);
            }
        }
    }
    assert!(unlisted.is_empty(), "not in manifest.ron: {unlisted:?}");
    for e in &entries {
        assert!(
            corpus_dir().join(&e.file).is_file(),
            "{} does not exist",
            e.file
        );
    }
    for loader in [
        "rules",
        "facts",
        "params",
        "register",
        "checklists",
        "case",
        "json",
        "session",
        "keys",
    ] {
        assert!(loaders.contains(loader), "no corpus entry for {loader}");
    }
}

/// The bases themselves load: every error in the corpus is the broken file's own.
#[test]
fn base_configurations_load() {
    for base in [Base::Embedded, Base::Mini] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("config");
        make_base(base, &dir);
        let scratch = tmp.path().join("scratch");
        fs::create_dir_all(&scratch).unwrap();
        let args = vec![
            "--config".to_string(),
            dir.display().to_string(),
            "check".into(),
        ];
        let out = run_tafel(&args, &scratch).unwrap();
        assert_eq!(
            out.code,
            Some(0),
            "{base:?} does not load cleanly:\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
}
