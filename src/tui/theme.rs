//! Styles. By default only the 16 ANSI colours, which the terminal's own theme sets, so text
//! reads on dark and light backgrounds alike; selection uses reverse video rather than a fixed
//! background. The config file's `[theme]` may name other colours for each [`Role`]. With
//! `NO_COLOR` set, no colour at all: bold, dim, underline and reverse carry the meaning.

use ratatui::style::{Color, Modifier, Style};

/// What a colour is for: the names the config file's `[theme]` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Key,
    Focus,
    Link,
    Label,
    Ticked,
    Warning,
    Badge,
    Match,
    Egdi,
    Osi,
    Hci,
    Tii,
    Epi,
}

impl Role {
    pub const ALL: [Role; 14] = [
        Role::Title,
        Role::Key,
        Role::Focus,
        Role::Link,
        Role::Label,
        Role::Ticked,
        Role::Warning,
        Role::Badge,
        Role::Match,
        Role::Egdi,
        Role::Osi,
        Role::Hci,
        Role::Tii,
        Role::Epi,
    ];

    /// The role's key under `[theme]`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Key => "key",
            Role::Focus => "focus",
            Role::Link => "link",
            Role::Label => "label",
            Role::Ticked => "ticked",
            Role::Warning => "warning",
            Role::Badge => "badge",
            Role::Match => "match",
            Role::Egdi => "egdi",
            Role::Osi => "osi",
            Role::Hci => "hci",
            Role::Tii => "tii",
            Role::Epi => "epi",
        }
    }

    /// What the role colours, for `msq config`.
    pub fn about(self) -> &'static str {
        match self {
            Role::Title => "titles and tab names",
            Role::Key => "keys in hints and help",
            Role::Focus => "the border of the focused pane",
            Role::Link => "links",
            Role::Label => "question numbers and labels",
            Role::Ticked => "ticked options",
            Role::Warning => "warnings and errors",
            Role::Badge => "badges: marks, counts, the search scope",
            Role::Match => "search matches",
            Role::Egdi => "the EGDI line of the chart",
            Role::Osi => "the Online Service Index line",
            Role::Hci => "the Human Capital Index line",
            Role::Tii => "the Telecommunication Infrastructure Index line",
            Role::Epi => "the E-Participation Index line",
        }
    }

    /// The default colour, as the config file names it.
    pub fn default_name(self) -> &'static str {
        match self {
            Role::Title | Role::Key | Role::Focus | Role::Epi => "cyan",
            Role::Link | Role::Osi => "blue",
            Role::Label | Role::Badge | Role::Tii => "magenta",
            Role::Ticked | Role::Hci => "green",
            Role::Warning | Role::Match | Role::Egdi => "red",
        }
    }

    pub fn named(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// Reads a colour as the config file names it: one of the 16 ANSI names ("red",
/// "light-blue", "dark-gray"), "reset" for the terminal's own, an index 0-255, or "#rrggbb".
pub fn parse_color(text: &str) -> Result<Color, String> {
    text.parse::<Color>().map_err(|_| {
        format!(
            "\"{text}\" is not a colour (a name such as red, light-blue or dark-gray, reset, \
             0-255, or #rrggbb)"
        )
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    palette: [Color; Role::ALL.len()],
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::colored()
    }
}

impl Theme {
    /// The default colours.
    pub fn colored() -> Theme {
        Theme {
            color: true,
            palette: Role::ALL.map(|r| parse_color(r.default_name()).unwrap_or(Color::Reset)),
        }
    }

    /// No colour at all, as under `NO_COLOR`.
    pub fn plain() -> Theme {
        Theme {
            color: false,
            ..Theme::colored()
        }
    }

    /// This theme, with colour unless `NO_COLOR` is set to anything non-empty
    /// (no-color.org).
    pub fn with_env(self) -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            ..self
        }
    }

    /// The default colours, under `NO_COLOR` none.
    pub fn from_env() -> Theme {
        Theme::colored().with_env()
    }

    /// This theme with another colour for a role.
    pub fn with(mut self, role: Role, color: Color) -> Theme {
        self.palette[role as usize] = color;
        self
    }

    /// This theme with colour on or off.
    pub fn with_color(self, color: bool) -> Theme {
        Theme { color, ..self }
    }

    /// A role's colour, whether or not colour is on.
    pub fn color_of(self, role: Role) -> Color {
        self.palette[role as usize]
    }

    /// A role's foreground colour, or none without colour.
    pub fn fg(self, role: Role) -> Style {
        if self.color {
            Style::new().fg(self.color_of(role))
        } else {
            Style::new()
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        self.fg(Role::Title).add_modifier(Modifier::BOLD)
    }

    pub fn link(self) -> Style {
        self.fg(Role::Link).add_modifier(Modifier::UNDERLINED)
    }

    pub fn label(self) -> Style {
        self.fg(Role::Label)
    }

    /// The selected row of a focused list, and the focused item's marker.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the focus.
    pub fn selected_unfocused(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Unfocused borders: the terminal's own colour, dimmed (dark grey vanishes on some
    /// dark themes, where it is the background).
    pub fn border(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn border_focused(self) -> Style {
        self.fg(Role::Focus)
    }

    pub fn ticked(self) -> Style {
        self.fg(Role::Ticked).add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.fg(Role::Warning).add_modifier(Modifier::BOLD)
    }

    pub fn badge(self) -> Style {
        self.fg(Role::Badge).add_modifier(Modifier::BOLD)
    }

    /// A search match (used by the search overlay).
    pub fn matched(self) -> Style {
        self.fg(Role::Match)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn key(self) -> Style {
        self.fg(Role::Key).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_colour_is_one_the_config_can_name() {
        for r in Role::ALL {
            assert!(parse_color(r.default_name()).is_ok(), "{}", r.name());
            assert_eq!(Role::named(r.name()), Some(r));
            assert_eq!(Role::ALL[r as usize], r);
        }
        assert_eq!(Theme::colored().color_of(Role::Title), Color::Cyan);
        assert_eq!(parse_color("light-blue"), Ok(Color::LightBlue));
        assert_eq!(parse_color("#102030"), Ok(Color::Rgb(16, 32, 48)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert!(parse_color("blurple").is_err());
    }

    #[test]
    fn without_colour_a_role_has_none() {
        let t = Theme::plain().with(Role::Title, Color::Yellow);
        assert_eq!(t.title(), Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(t.with_color(true).title().fg, Some(Color::Yellow));
    }
}
