//! The real terminal: setup and restore (also on panic and on SIGHUP/SIGTERM), a backend that can
//! draw without any colour escape, and the event loop (input and signals on their own threads,
//! draw only on change, each frame inside synchronized output).

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Modifier;

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

fn setup() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    Ok(())
}

enum Msg {
    Input(Event),
    Tick,
    /// SIGHUP / SIGTERM, or the input stream ended (the connection dropped).
    Stop,
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

/// Runs the screen until the chair quits (or the terminal goes away).
pub fn run(app: &mut App, clock: fn() -> chrono::NaiveDateTime) -> io::Result<()> {
    setup()?;
    let result = event_loop(app, clock);
    restore();
    result
}

fn event_loop(app: &mut App, clock: fn() -> chrono::NaiveDateTime) -> io::Result<()> {
    let backend = TafelBackend::new(io::stdout(), app.theme.mono);
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
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM]) {
            let tx = tx.clone();
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = tx.send(Msg::Stop);
                }
            });
        }
    }
    drop(tx);
    draw(&mut terminal, app)?;
    'events: while let Ok(first) = rx.recv() {
        // handle everything already waiting before drawing once (typing bursts, slow links)
        let mut next = Some(first);
        while let Some(msg) = next.take() {
            match msg {
                Msg::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key)
                }
                Msg::Input(Event::Paste(text)) => app.paste(&text),
                Msg::Input(Event::Resize(..)) => {
                    terminal.autoresize()?;
                    app.redraw = true;
                }
                Msg::Input(_) => {}
                Msg::Tick => {
                    app.tick(clock());
                }
                Msg::Stop => break 'events,
            }
            if app.quit {
                break 'events;
            }
            next = rx.try_recv().ok();
        }
        if app.redraw {
            draw(&mut terminal, app)?;
        }
    }
    terminal.show_cursor()?;
    Ok(())
}
