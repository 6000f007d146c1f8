//! End to end through a real pseudo-terminal: start the binary, select a case, answer a question,
//! see the advice change, tick a checklist item, quit, and check the terminal was restored.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    /// TAFEL_HOME and XDG_CONFIG_HOME of this run (the meeting's session file goes here).
    home: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let home = tempfile::tempdir().unwrap();
        cmd.env("TAFEL_HOME", home.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        let child = pair.slave.spawn_command(cmd).expect("tafel starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            _master: pair.master,
            home,
        }
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if pred(&c) {
                return c;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{c}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // let the app read the key before the next one (Esc followed at once by a key reads as Alt)
        std::thread::sleep(Duration::from_millis(120));
    }
}

#[test]
fn triage_one_case_and_quit_restores_the_terminal() {
    let mut s = Session::start(&["--date", "2026-11-23", "--voorzitter", "E2E"], 150, 44);
    s.wait_for("the main screen", |c| {
        c.contains("Casussen") && c.contains("Regels (live) · GZN-2026-031")
    });
    {
        let parser = s.parser.lock().unwrap();
        assert!(
            parser.screen().alternate_screen(),
            "runs in the alternate screen"
        );
        assert!(parser.screen().bracketed_paste(), "bracketed paste is on");
    }

    // select a case: down, open it, back up, open the first again
    s.send("j");
    s.send("\r");
    s.wait_for("case 034 opened", |c| {
        c.contains("Regels (live) · GZN-2026-034")
    });
    s.send("k");
    s.send("\r");
    s.wait_for("case 031 opened", |c| {
        c.contains("Regels (live) · GZN-2026-031")
    });

    // to the Regels pane: the top question is the pinned safety question; answer "ja"
    s.send("\t");
    let before = s.contents();
    // the law line of the Regels pane (the same screen row also shows other panes)
    let law_of = |screen: &str| -> Option<String> {
        let line = screen.lines().find(|l| l.contains("│ Wet "))?;
        let start = line.find("│ Wet ")? + "│ Wet ".len();
        Some(line[start..].split('│').next().unwrap_or("").to_string())
    };
    let law_before = law_of(&before).expect("a law line");
    assert!(
        law_before.contains("Jeugdwet") && !law_before.contains("Wmo"),
        "{law_before}"
    );
    assert!(
        before
            .lines()
            .any(|l| l.contains("1. VEILIGHEID Is de ouder slachtoffer")
                && l.contains("[J ja · N nee]")),
        "the violence question is on top with its keys; screen:\n{before}"
    );
    assert!(
        !before.contains("acute dreiging"),
        "the follow-up question waits for its premise"
    );
    s.send("J");
    let after = s.wait_for("the advice and the questions to change", |c| {
        law_of(c).is_some_and(|l| l.contains("Wmo")) && c.contains("acute dreiging")
    });
    let law_after = law_of(&after).unwrap();
    assert!(
        law_after.contains("Jeugdwet") && law_after.contains("Wmo"),
        "{law_after}"
    );
    assert!(
        after
            .lines()
            .next()
            .is_some_and(|l| l.contains("opgeslagen")),
        "the header says the change is saved"
    );

    // tick the first checklist item
    s.send("\t");
    let ticked_before = s.contents().matches("[x]").count();
    s.send(" ");
    s.wait_for("a ticked item", |c| {
        c.matches("[x]").count() == ticked_before + 1
    });

    // quit: everything is on disk, so it does not ask
    s.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tafel did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "the alternate screen was left");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
    assert!(!screen.bracketed_paste(), "bracketed paste is off again");
    drop(parser);
    // the meeting is in its session file, with the answer, and the lock is gone
    let sessions: Vec<_> = std::fs::read_dir(s.home.path().join("data/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    let text = std::fs::read_to_string(&sessions[0]).unwrap();
    assert!(text.contains("ended_at: Some("), "{text}");
    assert!(
        text.contains("checked: true"),
        "the ticked item is saved: {text}"
    );
    assert!(
        !sessions[0].with_extension("lock").exists(),
        "the lock is released"
    );
}

#[test]
fn too_small_window_says_so_and_quits_without_asking() {
    let mut s = Session::start(&["--date", "2026-11-23"], 40, 12);
    s.wait_for("the too-small message", |c| c.contains("Venster te klein"));
    s.send("q");
    let start = Instant::now();
    while s.child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tafel did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn mono_under_no_color_emits_no_colour_codes() {
    // draw through the real binary with NO_COLOR and capture the raw bytes
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 30,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
    cmd.args(["--date", "2026-11-23"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    let home = tempfile::tempdir().unwrap();
    cmd.env("TAFEL_HOME", home.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let b = bytes.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            b.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let start = Instant::now();
    while !String::from_utf8_lossy(&bytes.lock().unwrap()).contains("Casussen") {
        assert!(start.elapsed() < Duration::from_secs(15), "no screen");
        std::thread::sleep(Duration::from_millis(40));
    }
    std::thread::sleep(Duration::from_millis(300));
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let _ = child.wait();
    let out = bytes.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&out);
    // every SGR sequence (ESC [ params m) may carry attributes only, never a colour
    let mut sgr = 0;
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\x1b[") {
        let tail = &rest[i + 2..];
        let end = tail
            .find(|c: char| c.is_ascii_alphabetic() || c == '~')
            .unwrap_or(tail.len());
        let (params, fin) = (&tail[..end], tail[end..].chars().next());
        if fin == Some('m') {
            sgr += 1;
            for p in params.split(';').filter(|p| !p.is_empty()) {
                let n: u32 = p.parse().unwrap_or(0);
                let colour = matches!(n, 30..=49 | 58 | 59 | 90..=97 | 100..=107);
                assert!(
                    !colour,
                    "colour parameter {n} in mono output: ESC[{params}m"
                );
            }
        }
        rest = &tail[end..];
    }
    assert!(sgr > 0, "attributes are still used");
    // the selection is still visible: reverse video is used
    assert!(
        text.contains("\x1b[7m"),
        "mono shows the cursor with reverse video"
    );
}
