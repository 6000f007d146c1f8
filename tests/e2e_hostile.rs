//! Hostile text: a case file and a paste full of terminal escape sequences, bidi overrides and
//! zero-width characters. Through a real pseudo-terminal, none of it may reach the terminal.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const HOSTILE_CASE: &str = "Case(id: \"GZN-H1\", table: geboortezorgnetwerk,\n  \
    title: \"Gevaarlijke \u{1b}]0;PWNED\u{7}titel \u{202e}omgekeerd\u{200b}\",\n  \
    summary: \"Regel \u{1b}[6n en \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7} en \u{1b}Pdcs\u{1b}\\\\ klaar\",\n  \
    facts: {})\n";

#[test]
fn escape_sequences_from_files_and_pastes_never_reach_the_terminal() {
    let dir = std::env::temp_dir().join(format!("tafel-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("h1.ron"), HOSTILE_CASE).unwrap();

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 140,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
    cmd.args([
        "--cases",
        dir.to_str().unwrap(),
        "--date",
        "2026-11-22",
        "--voorzitter",
        "E2E",
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("TAFEL_HOME", dir.join("home"));
    cmd.env("XDG_CONFIG_HOME", dir.join("config"));
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
    let wait_for = |needle: &str| {
        let start = Instant::now();
        while !String::from_utf8_lossy(&bytes.lock().unwrap()).contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {needle:?}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    };
    let mut send = |data: &str| {
        writer.write_all(data.as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    };
    wait_for("Gevaarlijke");
    // open the case and paste hostile text into its notes
    send("\r");
    send("e");
    send("\u{1b}[200~notitie \u{1b}]0;PWNED2\u{7}\u{1b}[2;2Hverplaatst \u{202e}x einde\u{1b}[201~");
    wait_for("einde");
    send("\u{1b}");
    send("q");
    send("j");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tafel did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    let out = String::from_utf8_lossy(&bytes.lock().unwrap()).to_string();
    for forbidden in [
        "PWNED",
        "\u{1b}]0;",
        "\u{1b}]8;",
        "\u{1b}P",
        "\u{1b}[6n",
        "\u{202e}",
        "\u{200b}",
    ] {
        assert!(
            !out.contains(forbidden),
            "{forbidden:?} reached the terminal"
        );
    }
    assert!(out.contains("titel"), "the harmless text is still shown");
    let _ = std::fs::remove_dir_all(&dir);
}
