//! The rankings screen: every member state in one edition, a row each, with its rank, the
//! change since the edition before, its region and the five indices; columns that do not fit a
//! narrow terminal are left out, the sorted one first to stay.

use super::figures::{change_label, value};
use crate::egdi::Figure;
use crate::tui::action::Action;
use crate::tui::app::{App, Column, Modal, RankRow, RankingsView};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, CompareAreas};
use crate::tui::text;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The most a country's name is given; a wide terminal's room goes to the region.
const MAX_COUNTRY: usize = 36;

/// The width of each column; the country takes what is left.
fn width_of(c: Column) -> usize {
    match c {
        Column::Rank => 5,
        Column::Change => 5,
        Column::Country => 14,
        Column::Region => 16,
        Column::Figure(_) => 9,
    }
}

/// The columns that fit `width`, in table order: rank, change, country and EGDI always; then
/// the sorted column, then the other indices and the region as room allows.
pub fn columns(width: usize, sort: Column) -> Vec<Column> {
    let mut shown = vec![
        Column::Rank,
        Column::Change,
        Column::Country,
        Column::Figure(Figure::Egdi),
    ];
    let extra = std::iter::once(sort).chain([
        Column::Figure(Figure::Osi),
        Column::Figure(Figure::Hci),
        Column::Figure(Figure::Tii),
        Column::Figure(Figure::Epi),
        Column::Region,
    ]);
    // A marker column, and a space between columns.
    let used = |cols: &[Column]| 2 + cols.iter().map(|c| width_of(*c) + 1).sum::<usize>();
    for c in extra {
        if shown.contains(&c) {
            continue;
        }
        let mut with = shown.clone();
        with.push(c);
        if used(&with) <= width {
            shown = with;
        }
    }
    Column::ALL
        .into_iter()
        .filter(|c| shown.contains(c))
        .collect()
}

pub fn render(app: &App, view: &RankingsView, f: &mut Frame) {
    let theme = app.theme;
    let areas = CompareAreas::at(app.size);
    let area = areas.frame;
    f.render_widget(Clear, area);
    let rows = view.rows(&app.egdi);
    let total = app.egdi.edition(view.year).map_or(0, |e| e.states.len());
    let typing = matches!(app.modal, Some(Modal::RankingsFilter));
    let filtered = typing || !view.filter.is_empty();
    let arrow = if view.reversed { "↑" } else { "↓" };
    let mut title = format!(
        " Rankings · {} · by {} {arrow} · {} ",
        view.year,
        view.sort.label(),
        if filtered {
            format!("{}/{total}", rows.len())
        } else {
            format!("{total} states")
        }
    );
    if filtered {
        let key = keymap::key(Mode::Rankings, &Action::StartFilter);
        title.push_str(&format!("· {key} "));
    }
    super::screen_frame(f, area, &title, theme);
    if filtered {
        let field = layout::title_field(
            area,
            text::width(&title),
            text::width(view.filter.text()),
            30,
        );
        super::query_line(f, &view.filter, field, typing, theme);
    }
    let width = usize::from(areas.header.width);
    let cols = columns(width, view.sort);
    let fixed: usize = 2 + cols
        .iter()
        .filter(|c| **c != Column::Country)
        .map(|c| width_of(*c) + 1)
        .sum::<usize>();
    // The country's own space after it is counted with the others'. A name longer than
    // MAX_COUNTRY is cut; the room left widens the region, for its sub-region.
    let spare = width.saturating_sub(fixed + 1);
    let country_width = spare.clamp(width_of(Column::Country), MAX_COUNTRY);
    let region_width = width_of(Column::Region) + spare.saturating_sub(country_width).min(24);
    let cell_width = |c: Column| match c {
        Column::Country => country_width,
        Column::Region => region_width,
        c => width_of(c),
    };
    // The header: the sorted column's title marked with the order's arrow.
    let mut head = vec![Span::styled("  ", theme.label())];
    for c in &cols {
        let mut t = c.title().to_string();
        if *c == view.sort {
            t.push_str(arrow);
        }
        let w = cell_width(*c);
        let t = if matches!(c, Column::Country | Column::Region) {
            format!("{:<w$} ", text::truncate(&t, w))
        } else {
            format!("{:>w$} ", text::truncate(&t, w))
        };
        let style = if *c == view.sort {
            theme.title()
        } else {
            theme.label()
        };
        head.push(Span::styled(t, style));
    }
    f.render_widget(Paragraph::new(Line::from(head)), areas.header);
    let height = usize::from(areas.body.height);
    let mut lines: Vec<Line> = Vec::new();
    for (k, row) in rows.iter().enumerate().skip(view.rows.offset).take(height) {
        lines.push(row_line(app, row, &cols, &cell_width, k == view.rows.focus));
    }
    if rows.is_empty() {
        let filter = crate::tui::app::ListFilter::parse(view.filter.text(), &app.egdi);
        let why = filter
            .unknown_scope(&app.egdi)
            .unwrap_or_else(|| "no state matches".into());
        lines.extend(text::wrap(
            &format!("  {why}"),
            width,
            "  ",
            theme.dim(),
            &[],
        ));
    }
    f.render_widget(Paragraph::new(lines), areas.body);
    super::scrollbar(f, areas.body, rows.len(), view.rows.offset, theme);
}

fn row_line(
    app: &App,
    row: &RankRow,
    cols: &[Column],
    cell_width: &dyn Fn(Column) -> usize,
    focused: bool,
) -> Line<'static> {
    let theme = app.theme;
    let base = if focused {
        theme.selected()
    } else {
        theme.text()
    };
    let answered = app
        .index
        .responses
        .iter()
        .position(|r| r.iso3.eq_ignore_ascii_case(row.country.iso3));
    let marked = answered.is_some_and(|_| {
        app.list.marked.iter().any(|&m| {
            app.index.responses[m]
                .iso3
                .eq_ignore_ascii_case(row.country.iso3)
        })
    });
    // "●" a state whose response is marked for comparison, "◆" one with a response.
    let marker = if marked {
        "● "
    } else if answered.is_some() {
        "◆ "
    } else {
        "  "
    };
    let mut spans = vec![Span::styled(
        marker,
        if focused { base } else { theme.badge() },
    )];
    for c in cols {
        let w = cell_width(*c);
        let (t, style) = match c {
            Column::Rank => (
                row.scores
                    .rank
                    .map_or_else(|| "—".into(), |r| r.to_string()),
                base,
            ),
            Column::Change => {
                let style = match row.change {
                    _ if focused => base,
                    Some((_, n)) if n > 0 => theme.ticked(),
                    Some((_, n)) if n < 0 => theme.warning(),
                    _ => theme.dim(),
                };
                let label = change_label(row.change);
                (
                    if label.is_empty() {
                        "—".into()
                    } else {
                        label
                    },
                    style,
                )
            }
            Column::Country => (row.country.name.to_string(), base),
            Column::Region => {
                // The sub-region too, where the column has room for it.
                let both = format!("{} · {}", row.region, row.subregion);
                let t = if text::width(&both) <= w {
                    both
                } else {
                    row.region.to_string()
                };
                (t, if focused { base } else { theme.dim() })
            }
            Column::Figure(f) => {
                let v = row.scores.get(*f);
                let style = if v.is_none() && !focused {
                    theme.dim()
                } else {
                    base
                };
                (value(v), style)
            }
        };
        if *c == Column::Country {
            // The letters the filter matched are marked.
            let shown = text::truncate(&t, w);
            for (k, ch) in shown.chars().enumerate() {
                let s = if row.matches.contains(&k) {
                    style.patch(theme.matched())
                } else {
                    style
                };
                spans.push(Span::styled(ch.to_string(), s));
            }
            let pad = w.saturating_sub(text::width(&shown)) + 1;
            spans.push(Span::styled(" ".repeat(pad), base));
        } else if *c == Column::Region {
            spans.push(Span::styled(
                format!("{:<w$} ", text::truncate(&t, w)),
                style,
            ));
        } else {
            spans.push(Span::styled(
                format!("{:>w$} ", text::truncate(&t, w)),
                style,
            ));
        }
    }
    Line::from(spans)
}
