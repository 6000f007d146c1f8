//! `$TAFEL_HOME` chooses the data directory (alone in its test binary: it sets the variable).

use tafel::session::{self, Store};

#[test]
fn tafel_home_is_the_data_dir_with_sessions_inside() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("thuis");
    // SAFETY: the only test in this binary; no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("TAFEL_HOME", &home) };
    assert_eq!(session::data_dir().unwrap(), home);
    let store = Store::open_default().unwrap();
    assert_eq!(store.sessions_dir(), home.join("sessions"));
    assert!(store.sessions_dir().is_dir());
    assert_eq!(session::review_dir(None).unwrap(), home.join("sessions"));
    // empty means unset: the platform directory
    unsafe { std::env::set_var("TAFEL_HOME", "") };
    assert_ne!(session::data_dir().unwrap(), std::path::PathBuf::new());
}
