//! Exports of a meeting: Markdown minutes (verslag) and the advice snapshot taken when a case is
//! closed. No terminal code.

pub mod advice;
pub mod markdown;

pub use advice::{
    AdviceLines, Basis, CaseAdvice, advice_snapshot, evaluate_case, snapshot_changes,
};
pub use markdown::minutes;
