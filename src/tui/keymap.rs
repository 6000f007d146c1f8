//! Keys → actions. The defaults come from `config/keys.ron`; a partial file in the user's config
//! directory (`$XDG_CONFIG_HOME/tafel/keys.ron`, else `~/.config/tafel/keys.ron`) replaces the keys
//! of the actions it names. Every error names file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Scope};
use crate::config::ConfigFile;

/// A key with its modifiers, normalised (a character carries its case, never SHIFT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Parses "q", "J", "ctrl-r", "alt-up", "shift-tab", "enter", "space", "pagedown", "f1" …
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1
                && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1
                && (lower.starts_with("alt-") || lower.starts_with("alt+"))
            {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1
                && (lower.starts_with("shift-") || lower.starts_with("shift+"))
            {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            (None, _) => return Err(format!("lege toets in '{text}'")),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap())
                }
                _ => {
                    return Err(format!(
                        "onbekende toets '{text}' (voorbeelden: \"q\", \"J\", \"ctrl-r\", \"alt-up\", \"enter\", \"space\", \"pagedown\", \"f1\")"
                    ));
                }
            },
        };
        Ok(Key::new(code, mods))
    }

    /// A short label for the help overlay and the status bar.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Spatie"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("Enter"),
            KeyCode::Esc => out.push_str("Esc"),
            KeyCode::Tab => out.push_str("Tab"),
            KeyCode::BackTab => out.push_str("Shift-Tab"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::Home => out.push_str("Home"),
            KeyCode::End => out.push_str("End"),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Backspace => out.push_str("Backspace"),
            KeyCode::Delete => out.push_str("Del"),
            KeyCode::Insert => out.push_str("Ins"),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            _ => out.push('?'),
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Keys")]
struct KeysFile {
    bindings: BTreeMap<Action, Vec<String>>,
}

/// A keymap file error: file, line, column and message, as for every configuration file.
pub type KeymapError = crate::rules::LoadError;

#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: BTreeMap<Action, Vec<Key>>,
    lookup: HashMap<(Key, Scope), Action>,
}

/// Line and column (1-based) of the n-th occurrence of `needle` in `text`, or 1:1.
fn locate(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let mut from = 0;
    let mut found = None;
    for _ in 0..=nth {
        match text[from..].find(needle) {
            Some(i) => {
                found = Some(from + i);
                from += i + needle.len();
            }
            None => break,
        }
    }
    let Some(at) = found else { return (1, 1) };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Per action: its keys and where each key stands in the file (line, column).
type Parsed = BTreeMap<Action, (Vec<Key>, Vec<(usize, usize)>)>;

fn parse_file(file: &ConfigFile) -> Result<Parsed, KeymapError> {
    let err = |line, col, message: String| KeymapError {
        file: file.path.clone(),
        line,
        col,
        message,
    };
    let parsed: KeysFile = crate::config::ron_options()
        .from_str(&file.text)
        .map_err(|e| {
            err(
                e.span.start.line,
                e.span.start.col,
                format!("RON: {}", e.code),
            )
        })?;
    let mut out = BTreeMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (action, keys) in parsed.bindings {
        if let Action::Choice(n) = action
            && !(1..=9).contains(&n)
        {
            let (line, col) = locate(&file.text, &format!("Choice({n})"), 0);
            return Err(err(
                line,
                col,
                format!("Choice({n}) bestaat niet: keuzes gaan van Choice(1) tot en met Choice(9)"),
            ));
        }
        let mut parsed_keys = Vec::new();
        let mut positions = Vec::new();
        for k in keys {
            let quoted = format!("{k:?}");
            let nth = seen.entry(quoted.clone()).or_insert(0);
            let pos = locate(&file.text, &quoted, *nth);
            *nth += 1;
            let key = Key::parse(&k).map_err(|m| err(pos.0, pos.1, m))?;
            parsed_keys.push(key);
            positions.push(pos);
        }
        out.insert(action, (parsed_keys, positions));
    }
    Ok(out)
}

impl Keymap {
    /// The shipped defaults (`keys.ron` of the configuration) with the user's overrides.
    pub fn load(defaults: &ConfigFile, user: Option<&ConfigFile>) -> Result<Keymap, KeymapError> {
        let mut merged = parse_file(defaults)?;
        let mut origin: HashMap<Action, &ConfigFile> =
            merged.keys().map(|a| (*a, defaults)).collect();
        if let Some(user) = user {
            for (action, entry) in parse_file(user)? {
                merged.insert(action, entry);
                origin.insert(action, user);
            }
        }
        let mut lookup: HashMap<(Key, Scope), Action> = HashMap::new();
        let mut bindings = BTreeMap::new();
        // user bindings are checked last so that a clash is reported in the user's file
        let mut order: Vec<Action> = merged.keys().copied().collect();
        order.sort_by_key(|a| !std::ptr::eq(origin[a], defaults));
        for action in order {
            let (keys, positions) = &merged[&action];
            for (key, pos) in keys.iter().zip(positions) {
                for scope in Scope::ALL {
                    if !scope.overlaps(action.scope()) {
                        continue;
                    }
                    if let Some(other) = lookup.get(&(*key, scope))
                        && *other != action
                    {
                        return Err(KeymapError {
                            file: origin[&action].path.clone(),
                            line: pos.0,
                            col: pos.1,
                            message: format!(
                                "toets '{}' is al gebonden aan {:?}; {:?} kan hem niet ook krijgen",
                                key.label(),
                                other,
                                action
                            ),
                        });
                    }
                }
                lookup.insert((*key, action.scope()), action);
            }
            bindings.insert(action, keys.clone());
        }
        Ok(Keymap { bindings, lookup })
    }

    /// The defaults shipped in the binary, without user overrides.
    pub fn embedded() -> Keymap {
        let source = crate::config::ConfigSource::embedded();
        let file = source
            .file("keys.ron")
            .expect("config/keys.ron is embedded");
        Keymap::load(file, None).expect("the shipped keymap is valid")
    }

    /// The user's override file, if there is one.
    pub fn user_file() -> Option<PathBuf> {
        let dir = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
            Some(x) => PathBuf::from(x),
            None => PathBuf::from(std::env::var_os("HOME")?).join(".config"),
        };
        let path = dir.join("tafel").join("keys.ron");
        path.is_file().then_some(path)
    }

    /// The action for a key, looking through the given scopes in order.
    pub fn action(&self, key: Key, scopes: &[Scope]) -> Option<Action> {
        scopes
            .iter()
            .find_map(|s| self.lookup.get(&(key, *s)).copied())
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .get(&action)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// The label of the first key bound to an action ("" when unbound).
    pub fn first(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map(|k| k.label())
            .unwrap_or_default()
    }

    /// All keys of an action, joined ("j/↓").
    pub fn labels(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn bound(&self) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings.iter().map(|(a, k)| (*a, k.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> ConfigFile {
        ConfigFile {
            path: PathBuf::from(path),
            text: text.to_string(),
        }
    }

    #[test]
    fn parses_keys() {
        assert_eq!(Key::parse("J").unwrap(), Key::char('J'));
        assert_eq!(
            Key::parse("ctrl-r").unwrap(),
            Key::new(KeyCode::Char('r'), KeyModifiers::CONTROL)
        );
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("-").unwrap(), Key::char('-'));
        assert!(Key::parse("ctrl-banana").is_err());
    }

    #[test]
    fn shipped_keymap_loads() {
        let k = Keymap::embedded();
        assert_eq!(
            k.action(Key::char('q'), &[Scope::Global]),
            Some(Action::Quit)
        );
        assert_eq!(
            k.action(Key::char('J'), &[Scope::Global, Scope::Case]),
            Some(Action::AnswerYes)
        );
    }

    #[test]
    fn user_override_replaces_one_action() {
        let source = crate::config::ConfigSource::embedded();
        let defaults = source.file("keys.ron").unwrap();
        let user = file(
            "user/keys.ron",
            "Keys(bindings: {\n  Quit: [\"ctrl-q\"],\n})",
        );
        let k = Keymap::load(defaults, Some(&user)).unwrap();
        assert_eq!(k.action(Key::char('q'), &[Scope::Global]), None);
        assert_eq!(
            k.action(Key::parse("ctrl-q").unwrap(), &[Scope::Global]),
            Some(Action::Quit)
        );
        assert_eq!(
            k.action(Key::char('?'), &[Scope::Global]),
            Some(Action::Help)
        );
    }

    #[test]
    fn bad_user_keymap_names_line_and_column() {
        let source = crate::config::ConfigSource::embedded();
        let defaults = source.file("keys.ron").unwrap();
        let bad_key = file(
            "user/keys.ron",
            "Keys(bindings: {\n  Quit: [\"ctrl-banana\"],\n})",
        );
        let e = Keymap::load(defaults, Some(&bad_key)).unwrap_err();
        assert_eq!((e.line, e.col), (2, 10), "{e}");
        let bad_action = file("user/keys.ron", "Keys(bindings: {\n  Quitt: [\"x\"],\n})");
        let e = Keymap::load(defaults, Some(&bad_action)).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.to_string().starts_with("user/keys.ron:2:"), "{e}");
        let clash = file("user/keys.ron", "Keys(bindings: {\n  Help: [\"q\"],\n})");
        let e = Keymap::load(defaults, Some(&clash)).unwrap_err();
        assert_eq!((e.line, e.col), (2, 10), "{e}");
        assert!(e.message.contains("Quit"), "{e}");
    }
}
