//! Colours and attributes. Sixteen ANSI colours by default; `mono` uses only bold, reverse and
//! underline (and is chosen under NO_COLOR); state is never shown by colour alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    Default,
    HighContrast,
    Mono,
}

impl ThemeName {
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "default" | "standaard" => Some(ThemeName::Default),
            "high-contrast" | "hoog-contrast" => Some(ThemeName::HighContrast),
            "mono" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

/// `--color auto|16|256|never`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    Auto,
    Ansi16,
    Ansi256,
    Never,
}

impl ColorMode {
    pub fn parse(s: &str) -> Option<ColorMode> {
        match s {
            "auto" => Some(ColorMode::Auto),
            "16" => Some(ColorMode::Ansi16),
            "256" => Some(ColorMode::Ansi256),
            "never" | "none" | "0" => Some(ColorMode::Never),
            _ => None,
        }
    }
}

/// The theme actually used, given the theme asked for, the colour mode and NO_COLOR.
pub fn resolve(name: ThemeName, mode: ColorMode, no_color_env: bool) -> (ThemeName, bool) {
    match mode {
        ColorMode::Never => (ThemeName::Mono, false),
        ColorMode::Auto if no_color_env => (ThemeName::Mono, false),
        ColorMode::Ansi256 => (name, true),
        _ => (name, false),
    }
}

#[derive(Clone, Debug)]
pub struct Theme {
    pub name: ThemeName,
    pub mono: bool,
    pub ascii: bool,
    pub base: Style,
    pub dim: Style,
    pub header: Style,
    pub title: Style,
    pub title_focused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub cursor: Style,
    pub cursor_unfocused: Style,
    pub heading: Style,
    pub yes: Style,
    pub no: Style,
    pub unknown: Style,
    pub judgement: Style,
    pub danger: Style,
    pub badge: Style,
    pub key: Style,
    pub status: Style,
    pub error: Style,
    pub info: Style,
    pub over_time: Style,
    pub selected_mark: Style,
}

impl Theme {
    pub fn new(name: ThemeName, colors256: bool, ascii: bool) -> Theme {
        let bold = Modifier::BOLD;
        match name {
            ThemeName::Mono => {
                let plain = Style::new();
                Theme {
                    name,
                    mono: true,
                    ascii,
                    base: plain,
                    dim: plain,
                    header: plain.add_modifier(Modifier::REVERSED),
                    title: plain,
                    title_focused: plain.add_modifier(bold | Modifier::UNDERLINED),
                    border: plain,
                    border_focused: plain.add_modifier(bold),
                    cursor: plain.add_modifier(Modifier::REVERSED),
                    cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
                    heading: plain.add_modifier(bold | Modifier::UNDERLINED),
                    yes: plain.add_modifier(bold),
                    no: plain,
                    unknown: plain,
                    judgement: plain.add_modifier(bold),
                    danger: plain.add_modifier(bold),
                    badge: plain.add_modifier(Modifier::REVERSED),
                    key: plain.add_modifier(bold),
                    status: plain.add_modifier(Modifier::REVERSED),
                    error: plain.add_modifier(bold | Modifier::REVERSED),
                    info: plain.add_modifier(bold),
                    over_time: plain.add_modifier(bold | Modifier::REVERSED),
                    selected_mark: plain.add_modifier(bold),
                }
            }
            ThemeName::Default | ThemeName::HighContrast => {
                let hc = name == ThemeName::HighContrast;
                let c = |c16: Color, c256: u8| if colors256 { Color::Indexed(c256) } else { c16 };
                let fg = if hc { Color::White } else { Color::Reset };
                let base = Style::new().fg(fg);
                let dim = if hc {
                    base
                } else {
                    Style::new().fg(c(Color::DarkGray, 245))
                };
                let accent = if hc {
                    Color::LightCyan
                } else {
                    c(Color::Cyan, 38)
                };
                Theme {
                    name,
                    mono: false,
                    ascii,
                    base,
                    dim,
                    header: Style::new().fg(Color::Black).bg(if hc {
                        Color::White
                    } else {
                        accent
                    }),
                    title: base,
                    title_focused: Style::new().fg(accent).add_modifier(bold),
                    border: if hc { base } else { dim },
                    border_focused: Style::new().fg(accent).add_modifier(bold),
                    cursor: Style::new().add_modifier(Modifier::REVERSED),
                    cursor_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
                    heading: Style::new()
                        .fg(if hc { Color::White } else { accent })
                        .add_modifier(bold),
                    yes: Style::new().fg(if hc {
                        Color::LightGreen
                    } else {
                        c(Color::Green, 34)
                    }),
                    no: if hc { base } else { dim },
                    unknown: Style::new().fg(if hc {
                        Color::LightYellow
                    } else {
                        c(Color::Yellow, 178)
                    }),
                    judgement: Style::new()
                        .fg(if hc {
                            Color::LightMagenta
                        } else {
                            c(Color::Magenta, 170)
                        })
                        .add_modifier(bold),
                    danger: Style::new()
                        .fg(if hc {
                            Color::LightRed
                        } else {
                            c(Color::Red, 160)
                        })
                        .add_modifier(bold),
                    badge: Style::new().fg(Color::Black).bg(if hc {
                        Color::LightMagenta
                    } else {
                        c(Color::Magenta, 170)
                    }),
                    key: Style::new()
                        .fg(if hc { Color::LightYellow } else { accent })
                        .add_modifier(bold),
                    status: if hc {
                        Style::new().fg(Color::Black).bg(Color::White)
                    } else {
                        Style::new().add_modifier(Modifier::REVERSED)
                    },
                    error: Style::new()
                        .fg(Color::White)
                        .bg(Color::Red)
                        .add_modifier(bold),
                    info: Style::new()
                        .fg(if hc {
                            Color::LightGreen
                        } else {
                            c(Color::Green, 34)
                        })
                        .add_modifier(bold),
                    over_time: Style::new()
                        .fg(Color::White)
                        .bg(Color::Red)
                        .add_modifier(bold),
                    selected_mark: Style::new().fg(accent).add_modifier(bold),
                }
            }
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            border::PLAIN
        }
    }
}
