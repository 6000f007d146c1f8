//! The real terminal: setup and restore (also on panic and on SIGHUP/SIGTERM/SIGINT), a backend
//! that can draw without any colour escape, and the event loop over a [`Screen`] (input, clock and
//! signals on their own threads, draw only on change, each frame inside synchronized output).

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEvent, KeyEventKind,
};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{execute, queue};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Modifier;
use ratatui::{Frame, Terminal};

use crate::session::{self, AutosaveHandle};

use super::app::App;
use super::render::render;

/// A crossterm backend that, in mono mode, writes text and attributes (bold, reverse, underline)
/// only, never a colour sequence: crossterm 0.29 turns a colour under NO_COLOR into a full SGR
/// reset, which would wipe the attributes that carry the selection.
pub struct TafelBackend<W: Write> {
    inner: CrosstermBackend<W>,
    mono: bool,
    size: Option<Size>,
}

impl<W: Write> TafelBackend<W> {
    pub fn new(writer: W, mono: bool) -> Self {
        TafelBackend {
            inner: CrosstermBackend::new(writer),
            mono,
            size: None,
        }
    }

    /// A fixed size instead of asking the terminal (benchmarks, tests).
    pub fn with_size(mut self, width: u16, height: u16) -> Self {
        self.size = Some(Size::new(width, height));
        self
    }

    pub fn writer_mut(&mut self) -> &mut CrosstermBackend<W> {
        &mut self.inner
    }

    fn draw_mono<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.inner;
        let mut modifier = Modifier::empty();
        let mut last: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
                queue!(w, MoveTo(x, y))?;
            }
            last = Some((x, y));
            let m = cell.modifier
                & (Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED | Modifier::DIM);
            if m != modifier {
                queue!(w, SetAttribute(Attribute::Reset))?;
                if m.contains(Modifier::BOLD) {
                    queue!(w, SetAttribute(Attribute::Bold))?;
                }
                if m.contains(Modifier::DIM) {
                    queue!(w, SetAttribute(Attribute::Dim))?;
                }
                if m.contains(Modifier::REVERSED) {
                    queue!(w, SetAttribute(Attribute::Reverse))?;
                }
                if m.contains(Modifier::UNDERLINED) {
                    queue!(w, SetAttribute(Attribute::Underlined))?;
                }
                modifier = m;
            }
            queue!(w, Print(cell.symbol()))?;
        }
        queue!(w, SetAttribute(Attribute::Reset))
    }
}

impl<W: Write> Backend for TafelBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.mono {
            self.draw_mono(content)
        } else {
            self.inner.draw(content)
        }
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    /// Not asked of the terminal: the screen is full-screen in the alternate buffer, so the
    /// position is never needed, and the query costs a round trip over SSH (and hangs on
    /// terminals that do not answer it).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        match self.size {
            Some(s) => Ok(s),
            None => self.inner.size(),
        }
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.size {
            Some(s) => Ok(WindowSize {
                columns_rows: s,
                pixels: Size::new(0, 0),
            }),
            None => self.inner.window_size(),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Puts the terminal back: main screen, cursor visible, cooked mode, no bracketed paste.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        SetAttribute(Attribute::Reset),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
}

/// Raw mode, alternate screen, bracketed paste, hidden cursor; and a panic hook that first writes
/// the pending change of the session to its recovery file (if there is one), then restores the
/// terminal, then reports the panic.
fn setup(recovery: Option<AutosaveHandle>) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(handle) = &recovery {
            handle.write_recovery();
        }
        restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    Ok(())
}

enum Msg {
    Input(Event),
    Tick,
    /// The input stream ended (the terminal went away).
    Stop,
}

/// A full-screen view the event loop drives: the meeting screen, the review browser, the
/// read-only copy of an unreadable file.
pub trait Screen {
    /// Draw without colour escapes (mono theme).
    fn mono(&self) -> bool;
    /// Layout-dependent state for the given size, before drawing.
    fn prepare(&mut self, width: u16, height: u16);
    fn render(&self, frame: &mut Frame);
    fn key(&mut self, key: KeyEvent);
    fn paste(&mut self, text: &str);
    /// Called once a second (clocks, following a file).
    fn second(&mut self) {}
    /// When the screen must be woken up at the latest (e.g. a pending autosave).
    fn deadline(&self) -> Option<Instant> {
        None
    }
    /// After every batch of events and at the deadline.
    fn settle(&mut self) {}
    fn needs_redraw(&self) -> bool;
    fn set_redraw(&mut self, redraw: bool);
    /// Whether the loop should end (the screen may refuse a quit, e.g. when a save failed).
    fn finished(&mut self) -> bool;
}

/// Draws one frame inside synchronized output.
pub fn draw<W: Write>(terminal: &mut Terminal<TafelBackend<W>>, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.prepare(size.width, size.height);
    queue!(terminal.backend_mut().writer_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| render(app, f))?;
    execute!(terminal.backend_mut().writer_mut(), EndSynchronizedUpdate)?;
    app.redraw = false;
    Ok(())
}

/// Draws one frame of any screen inside synchronized output.
pub fn draw_screen<W: Write>(
    terminal: &mut Terminal<TafelBackend<W>>,
    screen: &mut dyn Screen,
) -> io::Result<()> {
    let size = terminal.size()?;
    screen.prepare(size.width, size.height);
    queue!(terminal.backend_mut().writer_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| screen.render(f))?;
    execute!(terminal.backend_mut().writer_mut(), EndSynchronizedUpdate)?;
    screen.set_redraw(false);
    Ok(())
}

/// The meeting screen without a session (kept for callers that only have an App).
struct Plain<'a> {
    app: &'a mut App,
    clock: fn() -> chrono::NaiveDateTime,
}

impl Screen for Plain<'_> {
    fn mono(&self) -> bool {
        self.app.theme.mono
    }
    fn prepare(&mut self, width: u16, height: u16) {
        self.app.prepare(width, height);
    }
    fn render(&self, frame: &mut Frame) {
        render(self.app, frame);
    }
    fn key(&mut self, key: KeyEvent) {
        self.app.handle_key(key);
    }
    fn paste(&mut self, text: &str) {
        self.app.paste(text);
    }
    fn second(&mut self) {
        self.app.tick((self.clock)());
    }
    fn needs_redraw(&self) -> bool {
        self.app.redraw
    }
    fn set_redraw(&mut self, redraw: bool) {
        self.app.redraw = redraw;
    }
    fn finished(&mut self) -> bool {
        self.app.quit
    }
}

/// Runs the meeting screen (no session) until the chair quits (or the terminal goes away).
pub fn run(app: &mut App, clock: fn() -> chrono::NaiveDateTime) -> io::Result<()> {
    run_screen(&mut Plain { app, clock }, None)
}

/// Runs a screen in the terminal. Termination signals (SIGHUP — an SSH drop —, SIGTERM, SIGINT)
/// are handled on their own thread by the session layer: save what `saver` has pending, release
/// the session lock, restore the terminal, exit 0 — even while this thread is blocked. A panic
/// writes the pending change to the session's recovery file and restores the terminal.
pub fn run_screen(screen: &mut dyn Screen, saver: Option<AutosaveHandle>) -> io::Result<()> {
    let _signals = session::install_signal_handler(saver.clone(), restore)?;
    setup(saver)?;
    let result = event_loop(screen);
    restore();
    result
}

fn event_loop(screen: &mut dyn Screen) -> io::Result<()> {
    let backend = TafelBackend::new(io::stdout(), screen.mono());
    let mut terminal = Terminal::new(backend)?;
    terminal.clear()?;
    let (tx, rx) = mpsc::channel::<Msg>();
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if tx.send(Msg::Input(ev)).is_err() {
                            break;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Msg::Stop);
                        break;
                    }
                }
            }
        });
    }
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            while tx.send(Msg::Tick).is_ok() {
                std::thread::sleep(Duration::from_secs(1));
            }
        });
    }
    drop(tx);
    draw_screen(&mut terminal, screen)?;
    'events: loop {
        // sleep until input, the clock, or the screen's deadline (a pending autosave)
        let first = match screen.deadline() {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => Some(msg),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(msg) => Some(msg),
                Err(_) => break,
            },
        };
        // handle everything already waiting before drawing once (typing bursts, slow links)
        let mut next = first;
        while let Some(msg) = next.take() {
            match msg {
                Msg::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => screen.key(key),
                Msg::Input(Event::Paste(text)) => screen.paste(&text),
                Msg::Input(Event::Resize(..)) => {
                    terminal.autoresize()?;
                    screen.set_redraw(true);
                }
                Msg::Input(_) => {}
                Msg::Tick => screen.second(),
                Msg::Stop => break 'events,
            }
            if screen.finished() {
                break 'events;
            }
            next = rx.try_recv().ok();
        }
        screen.settle();
        if screen.finished() {
            break;
        }
        if screen.needs_redraw() {
            draw_screen(&mut terminal, screen)?;
        }
    }
    terminal.show_cursor()?;
    Ok(())
}
