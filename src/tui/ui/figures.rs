//! A state's published E-Government Development Index figures, as the Overview card and a
//! state's own card show them: its standing (rank, change, place in its sub-region), a table of
//! every edition, and a chart of the five indices over the editions.
//!
//! The chart is ratatui's `Chart`, drawn into a buffer of its own and turned into lines, so it
//! scrolls with the card like any other line. A missing edition (2020) or a missing value is a
//! gap in its line, never a zero.

use crate::egdi::{Egdi, Figure, Scores};
use crate::tui::text;
use crate::tui::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// Below this width the table keeps the EGDI alone, and the chart is left out.
const FULL_TABLE: usize = 62;
/// The chart's height in lines, its axes included.
const CHART_HEIGHT: u16 = 12;
/// The narrowest chart worth drawing.
const CHART_MIN_WIDTH: usize = 30;

/// Each index's marker without colour (`NO_COLOR`), where only its shape tells it apart.
fn marker(f: Figure) -> (Marker, &'static str) {
    match f {
        Figure::Egdi => (Marker::Block, "█"),
        Figure::Osi => (Marker::Dot, "•"),
        Figure::Hci => (Marker::Bar, "▄"),
        Figure::Tii => (Marker::Braille, "⣿"),
        Figure::Epi => (Marker::HalfBlock, "▀"),
    }
}

/// The theme role that colours each index's line (by default, named colours that read on dark
/// and light backgrounds).
pub fn role(f: Figure) -> Role {
    match f {
        Figure::Egdi => Role::Egdi,
        Figure::Osi => Role::Osi,
        Figure::Hci => Role::Hci,
        Figure::Tii => Role::Tii,
        Figure::Epi => Role::Epi,
    }
}

/// "▲6", "▼3", "=" (no change); none when there is nothing to compare with.
pub fn change_label(change: Option<(u16, i64)>) -> String {
    match change {
        Some((_, n)) if n > 0 => format!("▲{n}"),
        Some((_, n)) if n < 0 => format!("▼{}", -n),
        Some(_) => "=".into(),
        None => String::new(),
    }
}

/// A figure as published: five decimals, or "—" when the source leaves it empty.
pub fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.5}"))
}

/// The ordinal of a position: "1st", "2nd", "23rd", "11th".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The lines of a state's figures: heading, standing, table, chart and credit.
pub fn lines(egdi: &Egdi, iso3: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(
        "E-Government Development Index",
        theme.title(),
    )];
    let years = egdi.years();
    let Some(&latest) = years
        .iter()
        .rev()
        .find(|y| egdi.scores(iso3, **y).is_some())
    else {
        out.push(Line::styled("no published figures", theme.dim()));
        return out;
    };
    out.extend(standing(egdi, iso3, latest, width, theme));
    out.push(Line::default());
    out.extend(
        table(egdi, iso3, width, theme)
            .into_iter()
            .map(|l| fit(l, width)),
    );
    if width >= CHART_MIN_WIDTH {
        out.push(Line::default());
        out.extend(chart(egdi, iso3, width as u16, CHART_HEIGHT, theme));
    }
    out.extend(text::wrap(
        "Source: UN DESA, UN E-Government Knowledgebase",
        width,
        "",
        theme.dim(),
        &[],
    ));
    out
}

/// The latest EGDI and standing on one line, for the top of the Overview: "0.79990 in 2024 ·
/// rank 63 of 193 ▲6 since 2022 · 2nd of 5 in Central Asia".
pub fn summary(egdi: &Egdi, iso3: &str) -> Option<String> {
    let year = egdi
        .years()
        .into_iter()
        .rev()
        .find(|y| egdi.scores(iso3, *y).is_some())?;
    let s = egdi.scores(iso3, year)?;
    let mut out = format!("{} in {year}", value(s.egdi));
    if let Some(rank) = s.rank {
        let of = egdi.edition(year).map_or(0, |e| e.states.len());
        out.push_str(&format!(" · rank {rank} of {of}"));
    }
    if let Some((since, n)) = egdi.rank_change(iso3, year) {
        out.push_str(&format!(
            " {} since {since}",
            change_label(Some((since, n)))
        ));
    }
    if let (Some((pos, of)), Some(place)) = (egdi.subregion_standing(iso3, year), egdi.place(iso3))
    {
        out.push_str(&format!(
            " · {} of {of} in {}",
            ordinal(pos),
            place.subregion
        ));
    }
    Some(out)
}

/// "Rank 63 of 193 in 2024 ▲6 since 2022 · 2nd of 5 in Central Asia".
fn standing(egdi: &Egdi, iso3: &str, year: u16, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let states = egdi.edition(year).map_or(0, |e| e.states.len());
    let scores = egdi.scores(iso3, year);
    let mut s = match scores.and_then(|s| s.rank) {
        Some(rank) => format!("Rank {rank} of {states} in {year}"),
        None => format!("No rank in {year}"),
    };
    if let Some((since, n)) = egdi.rank_change(iso3, year) {
        s.push_str(&format!(
            " {} since {since}",
            change_label(Some((since, n)))
        ));
    }
    if let (Some((pos, of)), Some(place)) = (egdi.subregion_standing(iso3, year), egdi.place(iso3))
    {
        s.push_str(&format!(
            " · {} of {of} in {}",
            ordinal(pos),
            place.subregion
        ));
    }
    text::wrap(&s, width, "", theme.bold(), &[])
}

/// One row per Survey edition, a missing one said to be missing.
fn table(egdi: &Egdi, iso3: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let full = width >= FULL_TABLE;
    let figures: &[Figure] = if full { &Figure::ALL } else { &[Figure::Egdi] };
    let cell = |s: &str, w: usize| format!("{s:>w$}");
    let mut head = format!("{:<7}{}{}", "Edition", cell("Rank", 5), cell("±", 5));
    for f in figures {
        head.push_str(&cell(f.short(), 9));
    }
    let mut out = vec![Line::styled(head, theme.label())];
    for year in egdi.survey_years() {
        let Some(edition) = egdi.edition(year) else {
            out.push(Line::from(vec![
                Span::styled(format!("{year:<7}"), theme.text()),
                Span::styled("no figures published", theme.dim()),
            ]));
            continue;
        };
        let Some(s) = edition.states.get(iso3) else {
            out.push(Line::from(vec![
                Span::styled(format!("{year:<7}"), theme.text()),
                Span::styled("not assessed", theme.dim()),
            ]));
            continue;
        };
        out.push(row(egdi, iso3, year, s, figures, theme));
    }
    if !full {
        out.extend(text::wrap(
            "OSI, HCI, TII and EPI: widen the pane, or see msq egdi",
            width,
            "",
            theme.dim(),
            &[],
        ));
    }
    out
}

fn row(
    egdi: &Egdi,
    iso3: &str,
    year: u16,
    s: &Scores,
    figures: &[Figure],
    theme: Theme,
) -> Line<'static> {
    let rank = s.rank.map_or_else(|| "—".to_string(), |r| r.to_string());
    let change = change_label(egdi.rank_change(iso3, year));
    let change_style = match egdi.rank_change(iso3, year) {
        Some((_, n)) if n > 0 => theme.ticked(),
        Some((_, n)) if n < 0 => theme.warning(),
        _ => theme.dim(),
    };
    let mut spans = vec![
        Span::styled(format!("{year:<7}{rank:>5}"), theme.text()),
        Span::styled(format!("{change:>5}"), change_style),
    ];
    for f in figures {
        let v = s.get(*f);
        let style = if v.is_some() {
            theme.text()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!("{:>9}", value(v)), style));
    }
    Line::from(spans)
}

/// The five indices over the editions, one line each, drawn as ratatui's `Chart` and read back
/// as lines. A line breaks where an edition or a value is missing.
pub fn chart(egdi: &Egdi, iso3: &str, width: u16, height: u16, theme: Theme) -> Vec<Line<'static>> {
    let years = egdi.survey_years();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Vec::new();
    };
    // One edition alone still gets an axis with room either side of its point.
    let (lo, hi) = if first == last {
        (f64::from(first) - 1.0, f64::from(last) + 1.0)
    } else {
        (f64::from(first), f64::from(last))
    };
    // Each index's runs of consecutive editions with a value; a gap ends a run.
    let mut runs: Vec<(Figure, Vec<(f64, f64)>)> = Vec::new();
    for f in Figure::ALL {
        let mut run: Vec<(f64, f64)> = Vec::new();
        for &year in &years {
            match egdi.scores(iso3, year).and_then(|s| s.get(f)) {
                Some(v) => run.push((f64::from(year), v)),
                None if !run.is_empty() => runs.push((f, std::mem::take(&mut run))),
                None => {}
            }
        }
        if !run.is_empty() {
            runs.push((f, run));
        }
    }
    let mut named = Vec::new();
    let datasets: Vec<Dataset> = runs
        .iter()
        .map(|(f, points)| {
            let style = theme.fg(role(*f));
            let shape = if theme.color {
                Marker::Braille
            } else {
                marker(*f).0
            };
            let mut d = Dataset::default()
                .marker(shape)
                .graph_type(if points.len() > 1 {
                    GraphType::Line
                } else {
                    GraphType::Scatter
                })
                .style(style)
                .data(points);
            // One legend entry per index, on its first run.
            if !named.contains(f) {
                named.push(*f);
                d = d.name(f.short());
            }
            d
        })
        .collect();
    // The axis spaces its labels evenly, so only the ends are named: a middle label would
    // fall on a year with no edition.
    let labels: Vec<Line> = [first, last]
        .iter()
        .map(|y| Line::from(y.to_string()))
        .collect();
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(labels)
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 1.0])
                .labels(vec![Line::from("0"), Line::from("0.5"), Line::from("1")])
                .style(theme.dim()),
        )
        // The legend is a line of its own under the chart, where it hides no point.
        .legend_position(None);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    chart.render(area, &mut buf);
    let mut out = buffer_lines(&buf);
    // The legend, wrapped to the width: "━━ EGDI  ━━ OSI  …".
    let mut legend: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for f in Figure::ALL {
        let w = 3 + f.short().len() + 2;
        if used > 0 && used + w > usize::from(width) {
            out.push(Line::from(std::mem::take(&mut legend)));
            used = 0;
        }
        let sample = if theme.color {
            "━━ ".to_string()
        } else {
            format!("{} ", marker(f).1.repeat(2))
        };
        legend.push(Span::styled(sample, theme.fg(role(f))));
        legend.push(Span::styled(format!("{}  ", f.short()), theme.text()));
        used += w;
    }
    out.push(Line::from(legend));
    out
}

/// A line cut to `width` columns, span by span.
fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    let mut left = width;
    let spans = line
        .spans
        .into_iter()
        .filter_map(|s| {
            if left == 0 {
                return None;
            }
            let w = text::width(&s.content);
            if w <= left {
                left -= w;
                return Some(s);
            }
            let cut = text::truncate(&s.content, left);
            left = 0;
            Some(Span::styled(cut, s.style))
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

/// A buffer's rows as lines, a span per run of one style.
fn buffer_lines(buf: &Buffer) -> Vec<Line<'static>> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut style = Style::default();
            for x in area.left()..area.right() {
                let Some(cell) = buf.cell((x, y)) else {
                    continue;
                };
                let s = cell.style();
                if s != style && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), style));
                }
                style = s;
                run.push_str(cell.symbol());
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, style));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_english() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .map(ordinal)
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn a_change_reads_as_an_arrow_and_places() {
        assert_eq!(change_label(Some((2022, 6))), "▲6");
        assert_eq!(change_label(Some((2022, -3))), "▼3");
        assert_eq!(change_label(Some((2022, 0))), "=");
        assert_eq!(change_label(None), "");
        assert_eq!(value(None), "—");
        assert_eq!(value(Some(0.98474)), "0.98474");
    }
}
