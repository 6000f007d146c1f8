//! Termination signals (SIGHUP — an SSH drop —, SIGTERM, SIGINT) handled on their own thread, so
//! they are acted on even while the main thread is blocked or spinning in crossterm's `poll`:
//! save what is pending, release the session lock, let the caller restore the terminal, exit.
//! No terminal code here: the caller passes a restore callback.

use std::io;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use super::autosave::AutosaveHandle;

/// The signals that end tafel cleanly.
pub const TERMINATION_SIGNALS: [i32; 3] = [SIGHUP, SIGTERM, SIGINT];

/// An installed handler. Dropping it leaves the handler installed (the usual case: for the
/// whole run); [`SignalHandler::uninstall`] removes it.
pub struct SignalHandler {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
    saver: Arc<Mutex<Option<AutosaveHandle>>>,
}

impl SignalHandler {
    /// Changes which session is saved on a signal (None: nothing to save, e.g. in review mode).
    pub fn set_saver(&self, saver: Option<AutosaveHandle>) {
        *self.saver.lock().unwrap_or_else(|p| p.into_inner()) = saver;
    }

    /// Stops the signal thread and restores the default signal behaviour.
    pub fn uninstall(mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs `callback(signal)` on a dedicated thread at the first SIGHUP, SIGTERM or SIGINT, then
/// exits the process with the code the callback returns. The generic building block.
pub fn on_termination_signal<F>(callback: F) -> io::Result<(Handle, JoinHandle<()>)>
where
    F: FnOnce(i32) -> i32 + Send + 'static,
{
    let mut signals = Signals::new(TERMINATION_SIGNALS)?;
    let handle = signals.handle();
    let thread = std::thread::Builder::new()
        .name("tafel-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let code = callback(signal);
                std::process::exit(code);
            }
        })?;
    Ok((handle, thread))
}

/// Installs the handler of tafel: on SIGHUP/SIGTERM/SIGINT it (1) writes the pending change of
/// the session (or, if that fails, the recovery file), (2) releases the session lock, (3) calls
/// `restore_terminal` (leave the alternate screen, raw mode off, show the cursor), (4) exits with
/// code 0 — 1 only if the pending change could be written nowhere (reported on stderr after the
/// terminal is restored).
pub fn install_signal_handler<R>(
    saver: Option<AutosaveHandle>,
    restore_terminal: R,
) -> io::Result<SignalHandler>
where
    R: FnOnce() + Send + 'static,
{
    let slot = Arc::new(Mutex::new(saver));
    let thread_slot = Arc::clone(&slot);
    let (handle, thread) = on_termination_signal(move |_signal| {
        let saver = thread_slot
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let report = saver.map(|s| s.shutdown());
        restore_terminal();
        let Some(report) = report else { return 0 };
        if let Some(e) = &report.error {
            match &report.recovery {
                Some(recovery) => eprintln!(
                    "tafel: opslaan mislukt ({e}); de vergadering staat in {}",
                    recovery.display()
                ),
                None => eprintln!("tafel: {e}"),
            }
        }
        if report.lost { 1 } else { 0 }
    })?;
    Ok(SignalHandler {
        handle,
        thread: Some(thread),
        saver: slot,
    })
}
