//! The search overlay: the query, the match count or what is wrong with the query, the hits
//! with their matches marked, and the selected hit's whole text with every match marked.

use crate::search::Hit;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::SearchAreas;
use crate::tui::text::{self, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(app: &App, f: &mut Frame) {
    let Some(a) = SearchAreas::at(app.size) else {
        return;
    };
    let theme = app.theme;
    let s = &app.search;
    let parsed = s.query();
    f.render_widget(Clear, a.popup);
    f.render_widget(
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Search ", theme.title()))
            .border_style(theme.border_focused()),
        a.popup,
    );

    // The query, and the scope on the right.
    let scope = match (
        s.current_only,
        s.within.and_then(|i| app.index.responses.get(i)),
    ) {
        (true, Some(r)) => format!("[{} {} only]", r.country, r.edition),
        (true, None) => "[current response]".to_string(),
        (false, _) => format!("[all {} responses]", app.index.responses.len()),
    };
    // The scope gives way to the query: it takes at most half the line.
    let scope = text::truncate(&scope, usize::from(a.input.width / 2));
    let scope_width = u16::try_from(text::width(&scope)).unwrap_or(u16::MAX);
    let room = a.input.width.saturating_sub(scope_width + 3);
    f.render_widget(
        Paragraph::new(Line::from(vec![Span::styled("/ ", theme.key())])),
        a.input,
    );
    super::query_line(
        f,
        &s.input,
        Rect::new(a.input.x + 2, a.input.y, room, 1),
        true,
        theme,
    );
    let scope_x = a.input.x + a.input.width.saturating_sub(scope_width);
    f.render_widget(
        Paragraph::new(text::span(&scope, theme.dim())),
        Rect::new(scope_x, a.input.y, scope_width.min(a.input.width), 1),
    );

    // What the query found, and what is wrong with it; only what is wrong when it asks for
    // nothing (a lone "!").
    let problems = (!s.results.problems.is_empty())
        .then(|| text::span(&s.results.problems.join("; "), theme.warning()));
    let fresh = s.input.text().trim().is_empty();
    let info = if let Some(p) = problems.clone().filter(|_| parsed.is_empty() && !fresh) {
        Line::from(p)
    } else if fresh && s.results.hits.is_empty() {
        Line::styled(
            "type to search every answer · 'exact · !exclude · country: section: edition: topic:",
            theme.dim(),
        )
    } else if fresh {
        // A fresh line over the last search's hits: say whose hits they are.
        Line::from(vec![
            Span::styled("last search: ", theme.dim()),
            text::span(&s.searched, theme.bold()),
            Span::styled(
                format!(
                    " · {} · type for a new one",
                    crate::tui::app::count(s.results.total, "match", "matches")
                ),
                theme.dim(),
            ),
        ])
    } else {
        let n = s.results.total;
        let mut line = vec![Span::styled(
            format!("{n} match{}", if n == 1 { "" } else { "es" }),
            theme.bold(),
        )];
        if s.results.hits.len() < n {
            line.push(Span::styled(
                format!(" · best {} shown", s.results.hits.len()),
                theme.dim(),
            ));
        }
        if s.refining {
            line.push(Span::styled(
                if s.indexing {
                    " · indexing…"
                } else {
                    " · refining…"
                },
                theme.dim(),
            ));
        }
        // How the query was read: a country's name taken as its scope, say.
        for note in &s.results.notes {
            line.push(Span::styled(" · ", theme.dim()));
            line.push(text::span(note, theme.dim()));
        }
        match problems {
            Some(p) => {
                line.push(Span::styled(" · ", theme.dim()));
                line.push(p);
            }
            None if n == 0 && !s.refining => line.push(Span::styled(
                if s.current_only {
                    format!(
                        " · no hits: try fewer words, or {} to search every response",
                        keymap::key(Mode::Search, &Action::ToggleScope)
                    )
                } else {
                    " · no hits: try fewer words".to_string()
                },
                theme.dim(),
            )),
            None => {}
        }
        Line::from(line)
    };
    f.render_widget(Paragraph::new(info), a.info);

    // The hits.
    let rows = usize::from(a.list.height);
    let lines: Vec<Line> = s
        .results
        .hits
        .iter()
        .enumerate()
        .skip(s.hits.offset)
        .take(rows)
        .map(|(k, hit)| hit_row(app, hit, k == s.hits.focus, a.list.width))
        .collect();
    f.render_widget(Paragraph::new(lines), a.list);
    let rule = a.rule;
    f.render_widget(
        Paragraph::new(Line::styled(
            "─".repeat(usize::from(rule.width)),
            theme.border(),
        )),
        rule,
    );

    // The selected hit, whole: an item drawn as the reader draws it, its matches marked.
    if let Some(p) = s.preview(&app.index) {
        let width = usize::from(a.preview.width).min(crate::tui::layout::READING_WIDTH);
        let hit = &s.results.hits[s.hits.focus];
        let (body, matches) = match hit.source {
            crate::search::Source::Item { section, item } => {
                let it = &app.index.responses[hit.response].sections[section as usize].items
                    [item as usize];
                let drawn = super::item::item_lines(it, width, theme, Some(&parsed));
                (drawn.lines, drawn.matches)
            }
            _ => contact_lines(&p, width, theme),
        };
        // Start at the line of the first match when it would be off the bottom.
        let first = matches.first().copied().unwrap_or(0);
        let room = usize::from(a.preview.height).saturating_sub(1);
        let skip = if first + 1 > room { first } else { 0 };
        let mut lines = vec![Line::from(text::span(&p.title, theme.title()))];
        lines.extend(body.into_iter().skip(skip).take(room));
        f.render_widget(Paragraph::new(lines), a.preview);
    }
}

/// A contact block's preview: its fields, the matches marked; and the line of each match.
fn contact_lines(
    p: &crate::search::Preview,
    width: usize,
    theme: crate::tui::theme::Theme,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let overlays: Vec<Overlay> = p
        .matches
        .iter()
        .map(|r| Overlay {
            range: r.clone(),
            style: theme.matched(),
        })
        .collect();
    let wrapped = text::wrap_indexed(&p.text, width, "", theme.text(), &overlays);
    let matches = p
        .matches
        .iter()
        .map(|m| {
            wrapped
                .iter()
                .rposition(|(_, at)| *at <= m.start)
                .unwrap_or(0)
        })
        .collect();
    (wrapped.into_iter().map(|(l, _)| l).collect(), matches)
}

/// "Azerbaijan 2022   44  Is there any legisla…  …on digital signature? Yes No".
fn hit_row(app: &App, hit: &Hit, selected: bool, width: u16) -> Line<'static> {
    let theme = app.theme;
    let r = &app.index.responses[hit.response];
    let (_, item, question) = hit.place(&app.index);
    let width = usize::from(width);
    // Fixed columns: country, edition, item ("~" marks a typo-tolerant hit).
    let country = text::truncate(&r.country, 12);
    let head = format!(
        "{country}{} {} {:>5}{} ",
        " ".repeat(12usize.saturating_sub(text::width(&country))),
        r.edition,
        text::truncate(item, 5),
        if hit.fuzzy { "~" } else { " " }
    );
    let q_width = (width / 4).clamp(8, 32);
    let question = text::truncate(question, q_width);
    let used = text::width(&head) + text::width(&question) + 2;
    let room = width.saturating_sub(used);
    let base = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    let mut spans = vec![
        Span::styled(head, if selected { base } else { theme.bold() }),
        Span::styled(
            format!("{question}  "),
            if selected { base } else { theme.dim() },
        ),
    ];
    spans.extend(snippet_spans(hit, room, base, theme.matched()));
    Line::from(spans)
}

/// The snippet from the word before its first match, cut to `room` cells, matches marked.
fn snippet_spans(
    hit: &Hit,
    room: usize,
    base: ratatui::style::Style,
    marked: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let chars: Vec<char> = hit.snippet.chars().collect();
    let first = hit.matches.first().copied().unwrap_or(0);
    // A few words of context: back 16 characters, then on to the next word's start.
    let back = first.saturating_sub(16);
    let start = if back == 0 {
        0
    } else {
        (back..first)
            .find(|&i| chars[i] == ' ')
            .map_or(back, |i| i + 1)
    };
    let mut spans = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    let mut run = String::new();
    let mut run_marked = false;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let mut clean = String::new();
        crate::sanitize::each_char(c, |r| clean.push(r));
        let w = text::width(&clean);
        if used + w > room {
            break;
        }
        let is_marked = hit.matches.binary_search(&i).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { marked } else { base },
            ));
        }
        run_marked = is_marked;
        run.push_str(&clean);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { marked } else { base }));
    }
    spans
}
