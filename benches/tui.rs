//! Screen benchmarks. Goals (issue 3): one full frame at 200×60 with 1,000 cases ≤ 16 ms;
//! keystroke to frame with the engine ≤ 16 ms; one move down the case list at 160×40 ≤ 1 KB.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use tafel::tui::app::App;
use tafel::tui::render::render;
use tafel::tui::term::{TafelBackend, draw};
use tafel::tui::{Launch, build};

fn app_with_cases(n: usize) -> App {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = NaiveDateTime::new(date, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
    let mut app = build(&Launch::demo(date), now).unwrap();
    let samples = app.meeting.cases.clone();
    app.meeting.cases = (0..n)
        .map(|i| {
            let mut c = samples[i % samples.len()].clone();
            c.id = format!("{}-{i:04}", c.id);
            c
        })
        .collect();
    app.refilter();
    app.open_case(0);
    app
}

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn full_frame(c: &mut Criterion) {
    let mut app = app_with_cases(1000);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app.prepare(200, 60);
    c.bench_function("render full frame 200x60, 1000 cases", |b| {
        b.iter(|| {
            // a fresh buffer each time: the whole frame is drawn and diffed
            terminal.clear().unwrap();
            app.prepare(200, 60);
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });
}

fn keystroke_to_frame(c: &mut Criterion) {
    let mut app = app_with_cases(1000);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app.prepare(200, 60);
    terminal.draw(|f| render(&app, f)).unwrap();
    c.bench_function(
        "keystroke to frame: answer J (engine) + draw, 200x60",
        |b| {
            b.iter(|| {
                key(&mut app, 'J');
                app.prepare(200, 60);
                terminal.draw(|f| render(&app, f)).unwrap();
                key(&mut app, 'u');
                app.prepare(200, 60);
                terminal.draw(|f| render(&app, f)).unwrap();
            })
        },
    );
    c.bench_function(
        "keystroke to frame: open next case (engine) + draw, 200x60",
        |b| {
            let mut forward = true;
            b.iter(|| {
                key(&mut app, if forward { ']' } else { '[' });
                forward = !forward;
                app.prepare(200, 60);
                terminal.draw(|f| render(&app, f)).unwrap();
            })
        },
    );
}

/// Counts the bytes a backend writes.
#[derive(Clone, Default)]
struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written to the terminal for one `j` in the agenda, through the real backend
/// (synchronized-output markers included).
fn bytes_for_move_down() -> usize {
    let mut app = app_with_cases(1000);
    let counter = Counter::default();
    let backend = TafelBackend::new(counter.clone(), false).with_size(160, 40);
    let mut terminal = Terminal::new(backend).unwrap();
    draw(&mut terminal, &mut app).unwrap();
    let before = counter.0.get();
    key(&mut app, 'j');
    draw(&mut terminal, &mut app).unwrap();
    counter.0.get() - before
}

fn bytes(c: &mut Criterion) {
    let n = bytes_for_move_down();
    println!("bytes written for one move down the case list at 160x40: {n} (goal <= 1024)");
    c.bench_function(
        "move down the case list + draw to a byte buffer, 160x40",
        |b| {
            let mut app = app_with_cases(1000);
            let backend = TafelBackend::new(std::io::sink(), false).with_size(160, 40);
            let mut terminal = Terminal::new(backend).unwrap();
            draw(&mut terminal, &mut app).unwrap();
            let mut down = true;
            b.iter(|| {
                key(&mut app, if down { 'j' } else { 'k' });
                down = !down;
                draw(&mut terminal, &mut app).unwrap();
            })
        },
    );
}

criterion_group!(benches, full_frame, keystroke_to_frame, bytes);
criterion_main!(benches);
