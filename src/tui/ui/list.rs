//! The country list: one row per response, with its edition and a badge for a presentation,
//! and one per member state the index holds no response from, dim, with its EGDI rank.

use crate::model::Kind;
use crate::tui::action::Action;
use crate::tui::app::{App, Entry, Focus, ListFilter, Modal, Sort};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::List;
    let rows = app.list.rows(&app.index);
    let typing = matches!(app.modal, Some(Modal::Filter));
    let filtering = typing || !app.list.filter.is_empty();
    let title = list_title(app, rows.len(), filtering, usize::from(area.width));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            title.clone(),
            if focused { theme.title() } else { theme.text() },
        ))
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        });
    let inner = block.inner(area);
    f.render_widget(block, area);
    if filtering {
        // The filter's query line, in the title after its label, with the cursor while typed.
        let text_width = text::width(app.list.filter.text());
        let field = layout::title_field(area, text::width(&title), text_width, area.width);
        super::query_line(f, &app.list.filter, field, typing, theme);
    }
    let width = usize::from(inner.width);
    let latest = app.egdi.years().last().copied();
    let mut lines: Vec<Line> = Vec::new();
    let selected = app.list.row(&rows);
    for (row, list_row) in rows
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(inner.height))
    {
        let here = row == selected;
        let style = match (here, focused) {
            (true, true) => theme.selected(),
            (true, false) => theme.selected_unfocused(),
            _ => theme.text(),
        };
        // A response shows its edition (and a badge for a presentation); a state the index
        // holds no response from is dim, with its latest EGDI rank.
        let (name, tail, badge, name_style) = match list_row.entry {
            Entry::Response(i) => {
                let r = &app.index.responses[i];
                let badge = if r.kind == Kind::Presentation {
                    " pres"
                } else {
                    ""
                };
                (r.country.as_str(), format!(" {}", r.edition), badge, style)
            }
            Entry::State(c) => {
                let rank = latest
                    .and_then(|y| app.egdi.scores(c.iso3, y))
                    .and_then(|s| s.rank)
                    .map_or_else(|| " —".to_string(), |r| format!(" #{r}"));
                let dim = if here { style } else { theme.dim() };
                (c.name, rank, "", dim)
            }
        };
        let tail_width = tail.chars().count() + badge.chars().count();
        let name_width = width.saturating_sub(tail_width + 1);
        let shown = text::truncate(name, name_width);
        let pad = name_width.saturating_sub(text::width(&shown));
        // "●" marks a response for comparison; "▸" the selected row.
        let marked = list_row
            .response()
            .is_some_and(|i| app.list.marked.contains(&i));
        let marker = if marked {
            "●"
        } else if here {
            "▸"
        } else {
            " "
        };
        // The characters the filter matched are marked, by position in the name as the index
        // holds it; a name the sanitiser changed (placeholders are wider) is shown unmarked.
        let clean = crate::sanitize::line(name) == name;
        let none = Vec::new();
        let matched = if clean { &list_row.matches } else { &none };
        let mut spans = vec![Span::styled(marker, style)];
        for (k, ch) in shown.chars().enumerate() {
            let s = if matched.contains(&k) {
                name_style.patch(theme.matched())
            } else {
                name_style
            };
            spans.push(Span::styled(ch.to_string(), s));
        }
        spans.extend([
            Span::styled(" ".repeat(pad), style),
            Span::styled(tail, name_style),
        ]);
        if !badge.is_empty() {
            spans.push(Span::styled(
                badge,
                if here { style } else { theme.badge() },
            ));
        }
        lines.push(Line::from(spans));
    }
    if rows.is_empty() {
        let filter = ListFilter::parse(app.list.filter.text(), &app.egdi);
        let why = filter
            .unknown_scope(&app.egdi)
            .unwrap_or_else(|| "no country matches".into());
        lines.extend(text::wrap(&format!(" {why}"), width, " ", theme.dim(), &[]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// " 193 states · 5 answered ", " 5 responses · by EGDI rank ", or with a filter,
/// " 12/198 · f: ".
/// The longest that fits the list's width, dropping the least needed parts first.
fn list_title(app: &App, shown: usize, filtering: bool, width: usize) -> String {
    let total = app.list.unfiltered_len(&app.index);
    if filtering {
        let key = keymap::key(Mode::List, &Action::StartFilter);
        return format!(" {shown}/{total} · {key}: ");
    }
    let sort = (app.list.sort != Sort::Responses).then(|| app.list.sort.label());
    let responses = app.index.responses.len();
    // The member states that answered, each once whatever its editions.
    let answered: std::collections::HashSet<&str> = app
        .index
        .responses
        .iter()
        .filter_map(|r| crate::countries::by_iso3(&r.iso3).map(|c| c.iso3))
        .collect();
    let noun = if responses == 1 {
        "response"
    } else {
        "responses"
    };
    let base = if app.list.responses_only {
        format!(" {total} {noun}")
    } else {
        let states = crate::countries::MEMBER_STATES.len();
        format!(" {states} states · {} answered", answered.len())
    };
    let short = if app.list.responses_only {
        format!(" {total} {noun}")
    } else {
        format!(" {} states", crate::countries::MEMBER_STATES.len())
    };
    let mut candidates = Vec::new();
    if let Some(s) = sort {
        candidates.push(format!("{base} · {s} "));
        candidates.push(format!("{short} · {s} "));
    }
    candidates.extend([format!("{base} "), format!("{short} ")]);
    let fits = |t: &String| text::width(t) + 2 <= width;
    candidates
        .iter()
        .find(|t| fits(t))
        .or(candidates.last())
        .cloned()
        .unwrap_or_default()
}
