//! Rules as data: schema, loader with validation, Kleene evaluator, advice and rule tests.

pub mod advice;
pub mod dsl;
pub mod eval;
pub mod expr;
pub mod loader;
pub mod model;
pub mod report;
pub mod schema;
pub mod testing;

pub use eval::{Engine, Evaluation, Tri};
pub use loader::{LoadError, LoadErrors, load, load_dir};
pub use model::RuleSet;
