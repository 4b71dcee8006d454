//! Help, generated from the key table: the keys of the current screen (the mode it was opened
//! from first), the query line's editing keys, the mouse, the query syntax (the text
//! `msq search --help` gives) and the selection legend; wrapped to the box's width.

use crate::tui::action::Action;
use crate::tui::app::{App, Help};
use crate::tui::keymap::{self, Mode, Section};
use crate::tui::layout;
use crate::tui::text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The widest the key column grows; longer key lists wrap within it.
const KEY_COLUMN: usize = 26;

/// Help's lines, wrapped to `width` columns.
pub fn lines(modes: &[Mode], width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let section = |out: &mut Vec<Line<'static>>, title: &str, keys: Option<Section>| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        let mut spans = vec![Span::styled(title.to_string(), theme.title())];
        // Where the config file rebinds these keys.
        if let Some(s) = keys {
            spans.push(Span::styled(format!("  [keys.{}]", s.name()), theme.dim()));
        }
        out.push(Line::from(spans));
    };
    let table = |out: &mut Vec<Line<'static>>, rows: &[(String, String, &str)]| {
        let column = |f: &dyn Fn(&(String, String, &str)) -> usize| {
            rows.iter().map(f).max().unwrap_or(0).min(KEY_COLUMN)
        };
        let keys_width = column(&|(k, _, _)| text::width(k));
        let name_width = column(&|(_, n, _)| text::width(n));
        for (keys, name, label) in rows {
            out.extend(row(
                keys,
                name,
                label,
                (keys_width, name_width),
                width,
                theme,
            ));
        }
    };
    for mode in modes {
        section(&mut out, mode.title(), Some(Section::Mode(*mode)));
        table(&mut out, &keymap::help_rows(*mode));
    }
    let (edits, everywhere) = keymap::shared_rows();
    section(&mut out, Section::Editing.title(), Some(Section::Editing));
    table(&mut out, &edits);
    section(
        &mut out,
        Section::Everywhere.title(),
        Some(Section::Everywhere),
    );
    table(&mut out, &everywhere);
    section(&mut out, "Mouse", None);
    let mouse = [
        (
            "click",
            "choose a country, a tab, an item, a hit, a cell or a link",
        ),
        ("click again", "on the chosen search hit: jump to it"),
        (
            "wheel",
            "scroll what is under the pointer, or the open overlay",
        ),
        ("click outside", "close the overlay"),
    ];
    table(
        &mut out,
        &mouse
            .iter()
            .map(|(k, l)| (k.to_string(), String::new(), *l))
            .collect::<Vec<_>>(),
    );
    section(&mut out, "Search queries", None);
    let (rows, notes) = syntax_rows();
    let rows: Vec<(String, String, &str)> = rows
        .iter()
        .map(|(e, m)| (e.clone(), String::new(), m.as_str()))
        .collect();
    table(&mut out, &rows);
    for note in notes {
        out.extend(text::wrap(&note, width, "", theme.dim(), &[]));
    }
    section(&mut out, "Selections", None);
    out.extend(text::wrap(
        "(x) the source shows the option ticked. ( ) not ticked, or not recorded in the source: \
         the 2022 web-form export lost which option was chosen, and says so as \"selection not \
         recorded\".",
        width,
        "",
        theme.dim(),
        &[],
    ));
    section(&mut out, "E-Government Development Index", None);
    out.extend(text::wrap(
        &format!(
            "The figures beside the answers, for every member state: the EGDI, its Online \
             Service, Human Capital and Telecommunication Infrastructure indices, the \
             E-Participation Index and the rank, for the editions with published figures (no \
             2020 figures were found: that edition shows as missing, never as zero). {}, Data \
             Center.",
            crate::egdi::CREDIT
        ),
        width,
        "",
        theme.dim(),
        &[],
    ));
    out
}

/// The query syntax as `msq search --help` prints it, as rows of example and meaning (a line
/// indented under the meaning continues it), and the lines that are not rows.
fn syntax_rows() -> (Vec<(String, String)>, Vec<String>) {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut notes = Vec::new();
    for line in crate::search::SYNTAX.lines().skip(1) {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        match body.split_once("  ") {
            _ if indent > 4 => {
                if let Some((_, meaning)) = rows.last_mut() {
                    meaning.push(' ');
                    meaning.push_str(body);
                }
            }
            Some((example, meaning)) if indent > 0 => {
                rows.push((example.to_string(), meaning.trim().to_string()))
            }
            _ => notes.push(body.to_string()),
        }
    }
    (rows, notes)
}

/// One row: the keys, the action's name (dim) when it has one, then the label wrapped under
/// itself.
fn row(
    keys: &str,
    name: &str,
    label: &str,
    (keys_width, name_width): (usize, usize),
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let name_column = if name_width > 0 { name_width + 2 } else { 0 };
    let indent = keys_width + 4 + name_column;
    if width < indent + 12 {
        // Too narrow for the columns: the keys and name above their label.
        let mut out = text::wrap(keys, width, "  ", theme.key(), &[]);
        if !name.is_empty() {
            out.extend(text::wrap(name, width, "    ", theme.dim(), &[]));
        }
        out.extend(text::wrap(label, width, "    ", theme.text(), &[]));
        return out;
    }
    let mut key_lines = text::wrap(keys, keys_width, "", theme.key(), &[]);
    let mut name_lines = if name_column > 0 {
        text::wrap(name, name_width, "", theme.dim(), &[])
    } else {
        Vec::new()
    };
    let label_lines = text::wrap(label, width - indent, "", theme.text(), &[]);
    let n = key_lines.len().max(label_lines.len()).max(name_lines.len());
    key_lines.resize(n, Line::default());
    name_lines.resize(n, Line::default());
    key_lines
        .into_iter()
        .zip(name_lines)
        .zip(
            label_lines
                .into_iter()
                .chain(std::iter::repeat(Line::default())),
        )
        .map(|((k, nm), l)| {
            let mut spans = vec![Span::raw("  ")];
            let used = k.width();
            spans.extend(k.spans);
            spans.push(Span::raw(" ".repeat(keys_width + 2 - used)));
            if name_column > 0 {
                let used = nm.width();
                spans.extend(nm.spans);
                spans.push(Span::raw(" ".repeat(name_column - used)));
            }
            spans.extend(l.spans);
            Line::from(spans)
        })
        .collect()
}

pub fn render(app: &App, h: &Help, f: &mut Frame) {
    let popup = layout::help_popup(app.size);
    f.render_widget(Clear, popup);
    let close = keymap::key(Mode::Help, &Action::Back);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Help · {close} closes "))
        .border_style(app.theme.border_focused());
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let all = lines(&app.help_modes(), usize::from(inner.width), app.theme);
    let rows = usize::from(inner.height);
    let scroll = h.scroll.offset.min(all.len().saturating_sub(rows));
    let mut shown: Vec<Line> = all.iter().skip(scroll).take(rows).cloned().collect();
    // Say so when there is more below.
    if scroll + rows < all.len()
        && let Some(last) = shown.last_mut()
    {
        let keys = [Action::Down, Action::PageDown]
            .iter()
            .map(|a| keymap::key(Mode::Help, a))
            .collect::<Vec<_>>()
            .join(", ");
        *last = Line::styled(format!("  ↓ more: {keys}"), app.theme.key());
    }
    f.render_widget(Paragraph::new(shown), inner);
    let bar = ratatui::layout::Rect {
        y: inner.y,
        height: inner.height,
        ..popup
    };
    super::scrollbar(f, bar, all.len(), scroll, app.theme);
}
