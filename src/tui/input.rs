//! Small text editors: a one-line input and a multi-line area. Every character that enters them,
//! typed or pasted, is cleaned of control, bidi-override and zero-width characters.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Cleans typed or pasted text (crate::text): control characters and escape sequences, bidi
/// overrides and zero-width characters go; newlines stay only when `multiline`.
pub fn sanitize(text: &str, multiline: bool) -> String {
    if multiline {
        crate::text::sanitize(text)
    } else {
        crate::text::sanitize_line(text)
    }
}

fn byte_at(s: &str, char_idx: usize) -> usize {
    s.char_indices().nth(char_idx).map_or(s.len(), |(i, _)| i)
}

/// Terminals that send ^H for the backspace key arrive as Ctrl-h.
fn backspace_alias(key: &KeyEvent) -> KeyEvent {
    if key.code == KeyCode::Char('h') && key.modifiers.contains(KeyModifiers::CONTROL) {
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
    } else {
        *key
    }
}

/// What an editor did with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    /// The key changed the text or the cursor.
    Handled,
    /// Not an editing key (Enter, Esc, Tab …): the caller decides.
    Ignored,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> Self {
        let text = sanitize(text, false);
        LineInput {
            cursor: text.chars().count(),
            text,
        }
    }

    pub fn insert_str(&mut self, s: &str) {
        let s = sanitize(s, false);
        let at = byte_at(&self.text, self.cursor);
        self.text.insert_str(at, &s);
        self.cursor += s.chars().count();
    }

    pub fn key(&mut self, key: &KeyEvent) -> Edited {
        let key = &backspace_alias(key);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let at = byte_at(&self.text, self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = len,
            KeyCode::Char(c) if !ctrl => self.insert_str(&c.to_string()),
            KeyCode::Backspace if self.cursor > 0 => {
                let at = byte_at(&self.text, self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < len => {
                let at = byte_at(&self.text, self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return Edited::Ignored,
        }
        Edited::Handled
    }
}

/// A multi-line text area (notes, decision).
#[derive(Clone, Debug, PartialEq)]
pub struct TextArea {
    pub lines: Vec<String>,
    pub row: usize,
    /// Column in characters.
    pub col: usize,
}

impl TextArea {
    pub fn new(text: &str) -> Self {
        let text = sanitize(text, true);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        TextArea { lines, row, col }
    }

    pub fn text(&self) -> String {
        let joined = self.lines.join("\n");
        joined.trim_end().to_string()
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines[row].chars().count()
    }

    pub fn insert_str(&mut self, s: &str) {
        for (i, part) in sanitize(s, true).split('\n').enumerate() {
            if i > 0 {
                self.newline();
            }
            let at = byte_at(&self.lines[self.row], self.col);
            self.lines[self.row].insert_str(at, part);
            self.col += part.chars().count();
        }
    }

    fn newline(&mut self) {
        let at = byte_at(&self.lines[self.row], self.col);
        let rest = self.lines[self.row].split_off(at);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    pub fn key(&mut self, key: &KeyEvent) -> Edited {
        let key = &backspace_alias(key);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => self.newline(),
            KeyCode::Char(c) if !ctrl => self.insert_str(&c.to_string()),
            KeyCode::Backspace => {
                if self.col > 0 {
                    let at = byte_at(&self.lines[self.row], self.col - 1);
                    self.lines[self.row].remove(at);
                    self.col -= 1;
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                    self.lines[self.row].push_str(&line);
                }
            }
            KeyCode::Delete => {
                if self.col < self.line_len(self.row) {
                    let at = byte_at(&self.lines[self.row], self.col);
                    self.lines[self.row].remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            KeyCode::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                }
            }
            KeyCode::Right => {
                if self.col < self.line_len(self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(self.line_len(self.row));
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(self.line_len(self.row));
            }
            KeyCode::Up | KeyCode::Down => {}
            KeyCode::Home => self.col = 0,
            KeyCode::End => self.col = self.line_len(self.row),
            _ => return Edited::Ignored,
        }
        Edited::Handled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn sanitize_drops_controls_escape_sequences_and_bidi() {
        assert_eq!(sanitize("a\u{202E}b\u{200B}c\x1b[31m\td", false), "abc d");
        assert_eq!(sanitize("x\r\ny", true), "x\ny");
    }

    #[test]
    fn line_input_edits_unicode() {
        let mut i = LineInput::new("café");
        i.key(&k(KeyCode::Backspace));
        i.key(&k(KeyCode::Left));
        i.key(&k(KeyCode::Char('ë')));
        assert_eq!(i.text, "caëf");
    }

    #[test]
    fn text_area_splits_and_joins_lines() {
        let mut t = TextArea::new("ab");
        t.key(&k(KeyCode::Left));
        t.key(&k(KeyCode::Enter));
        assert_eq!(t.lines, vec!["a", "b"]);
        t.key(&k(KeyCode::Home));
        t.key(&k(KeyCode::Backspace));
        assert_eq!(t.text(), "ab");
        t.insert_str("1\n2");
        assert_eq!(t.text(), "a1\n2b");
    }
}
