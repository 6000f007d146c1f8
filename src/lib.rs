//! tafel: the triage-table tool for chairs of the Utrecht geboortezorgnetwerk, UNO and veldtafel.
//!
//! The domain (facts, rules, cases) knows nothing of terminals; everything the screen shows can be
//! had headless through the CLI (`tafel eval`, `tafel check`).

pub mod case;
pub mod checklist;
pub mod config;
pub mod export;
pub mod facts;
pub mod meeting;
pub mod rules;
pub mod session;
pub mod text;
pub mod tui;
