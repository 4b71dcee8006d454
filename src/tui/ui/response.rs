//! The response pane: its tabs, the tab's heading, and its scrolling page; and the page's
//! content: the wrapped lines of the Overview card and of a section, with the line range of
//! each item and the links it shows. `App::update` builds the page through [`page`] to keep the
//! focused item in view; rendering draws the same page.

use super::figures;
use super::item::item_lines;
use super::visible_lines;
use crate::countries::Country;
use crate::egdi::Egdi;
use crate::model::{Item, Response, Section, Selection};
use crate::search::Query;
use crate::topics;
use crate::tui::app::App;
use crate::tui::layout::{self, Areas};
use crate::tui::text::{self, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::ops::Range;

/// The wrapped lines of a tab, and where each item's lines are.
#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    /// The lines of item k (for the Overview: none).
    pub items: Vec<Range<usize>>,
    /// The line of each match of the search query, in order: none without a query.
    pub matches: Vec<usize>,
    /// The Overview's links, in order, for the link picker (a section's come from its focused
    /// item).
    pub links: Vec<LinkChoice>,
}

/// A link the picker offers, and what it belongs to: an item, or a portal's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChoice {
    pub url: String,
    pub label: String,
}

/// The page of a tab: the Overview (tab 0), or a section.
pub fn page(
    r: &Response,
    egdi: &Egdi,
    tab: usize,
    width: usize,
    theme: Theme,
    query: Option<&Query>,
) -> Page {
    match tab.checked_sub(1).and_then(|s| r.sections.get(s)) {
        Some(s) => section_page(s, width, theme, query),
        None => {
            let mut page = overview_page(r, egdi, width, theme);
            page.lines.push(Line::default());
            page.lines
                .extend(figures::lines(egdi, &r.iso3, width, theme));
            page
        }
    }
}

/// The card of a member state the index holds no response from: where it is, that there is no
/// response, and its published figures.
pub fn state_page(c: &Country, egdi: &Egdi, width: usize, theme: Theme) -> Page {
    let mut page = Page::default();
    let place = egdi.place(c.iso3);
    let field = |label: &str, value: &str| card_field(label, value, width, theme, theme.text());
    page.lines
        .extend(field("ISO code", &format!("{} · {}", c.iso3, c.alpha2())));
    if let Some(p) = place {
        page.lines.extend(field("Region", &p.region));
        page.lines.extend(field("Sub-region", &p.subregion));
    }
    if let Some(s) = figures::summary(egdi, c.iso3) {
        page.lines.extend(field("EGDI", &s));
    }
    page.lines.extend(text::wrap(
        "No questionnaire response from this state in the index: its published figures alone.",
        width,
        "",
        theme.dim(),
        &[],
    ));
    page.lines.push(Line::default());
    page.lines
        .extend(figures::lines(egdi, c.iso3, width, theme));
    page
}

/// An item's links, labelled with the item.
pub fn item_links(item: &Item) -> Vec<LinkChoice> {
    let label = match item.question.lines().next() {
        Some(q) if !q.is_empty() => format!("{} · {}", item.display_number(), q),
        _ => item.display_number().to_string(),
    };
    item.web_links()
        .map(|url| LinkChoice {
            url: url.to_string(),
            label: label.clone(),
        })
        .collect()
}

/// Links that lead to the same place (`x.mn` and `https://x.mn/`) offered once, under the first
/// label, in the fullest spelling.
pub fn dedup(links: Vec<LinkChoice>) -> Vec<LinkChoice> {
    crate::browser::dedup_by_link(links, |l| &mut l.url)
}

/// The width of each tab's label.
pub fn tab_widths(r: &Response) -> Vec<u16> {
    tab_titles(r)
        .iter()
        .enumerate()
        .map(|(i, t)| u16::try_from(text::width(&tab_label(i, t))).unwrap_or(u16::MAX))
        .collect()
}

/// The tab titles of a response: Overview, then one per section.
pub fn tab_titles(r: &Response) -> Vec<String> {
    std::iter::once("Overview".to_string())
        .chain(r.sections.iter().map(|s| s.tab_title().to_string()))
        .collect()
}

/// " 3 A " — the number is the digit that jumps to the tab.
pub fn tab_label(i: usize, title: &str) -> String {
    let title = text::truncate(title, 28);
    if i < 9 {
        format!(" {} {title} ", i + 1)
    } else {
        format!(" {title} ")
    }
}

/// The line under the tabs.
pub fn heading(r: &Response, tab: usize) -> String {
    match tab.checked_sub(1).and_then(|s| r.sections.get(s)) {
        None => format!(
            "Overview · {} · {} · {}",
            r.country,
            r.edition,
            r.kind.as_str()
        ),
        Some(s) => {
            let answered = s.items.iter().filter(|i| i.is_answered()).count();
            format!(
                "{} · {} item{} · {} answered",
                s.heading(),
                s.items.len(),
                if s.items.len() == 1 { "" } else { "s" },
                answered
            )
        }
    }
}

const GUTTER: &str = "  ";

/// The lines of a section. Each line starts with a gutter span that [`mark_focus`] replaces on
/// the focused item's lines.
pub fn section_page(section: &Section, width: usize, theme: Theme, query: Option<&Query>) -> Page {
    let mut page = Page::default();
    for (k, item) in section.items.iter().enumerate() {
        if k > 0 {
            page.lines.push(Line::default());
        }
        let start = page.lines.len();
        let mut drawn = item_lines(item, width.saturating_sub(GUTTER.len()), theme, query);
        for line in &mut drawn.lines {
            line.spans.insert(0, Span::raw(GUTTER));
        }
        page.matches.extend(drawn.matches.iter().map(|l| start + l));
        page.lines.extend(drawn.lines);
        page.items.push(start..page.lines.len());
    }
    page
}

/// The Overview card: who answered, the CIO, the portals, the agency in charge, the tally.
/// A labelled field of a card: the label a column of its own, one space clear of its value; in
/// a narrow pane it stands on its own line above the value. A label from a document is
/// sanitised and cut to fit.
fn card_field(
    label: &str,
    value: &str,
    width: usize,
    theme: Theme,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let label_width = 18;
    if width < 50 {
        let mut lines = vec![Line::from(text::span(
            &text::truncate(label, width),
            theme.label(),
        ))];
        lines.extend(text::wrap(value, width, "  ", style, &[]));
        return lines;
    }
    let mut lines = text::wrap(value, width, &" ".repeat(label_width), style, &[]);
    if let Some(first) = lines.first_mut() {
        let label = text::truncate(label, label_width - 1);
        let pad = label_width.saturating_sub(text::width(&label));
        first.spans[0] = Span::styled(format!("{label}{}", " ".repeat(pad)), theme.label());
    }
    lines
}

pub fn overview_page(r: &Response, egdi: &Egdi, width: usize, theme: Theme) -> Page {
    let mut page = Page::default();
    let mut push = |lines: Vec<Line<'static>>| page.lines.extend(lines);
    let field = |label: &str, value: &str, style: ratatui::style::Style| {
        card_field(label, value, width, theme, style)
    };
    push(field(
        "Source",
        &format!("{} ({})", r.source.file, r.source.format.as_str()),
        theme.text(),
    ));
    if let Some(e) = &r.event {
        push(field("Event", &e.summary(), theme.text()));
    }
    // The latest standing, in full further down.
    if let Some(s) = figures::summary(egdi, &r.iso3) {
        push(field("EGDI", &s, theme.text()));
    }
    let who = match r.kind {
        crate::model::Kind::Questionnaire => "Respondent",
        crate::model::Kind::Presentation => "Presenter",
    };
    match &r.respondent {
        Some(c) if c.is_provided() => {
            let parts: Vec<&str> = c.fields().iter().filter_map(|(_, v)| *v).collect();
            push(field(who, &parts.join(" · "), theme.text()));
        }
        _ => push(field(who, "not given", theme.dim())),
    }
    push(vec![Line::default()]);
    match &r.cio {
        Some(c) if c.is_provided() => {
            push(vec![Line::styled("CIO", theme.title())]);
            for (label, value) in c.fields() {
                match value {
                    Some(v) if label == "E-mail" => push(field(label, v, theme.link())),
                    Some(v) => push(field(label, v, theme.text())),
                    None => push(field(label, "—", theme.dim())),
                }
            }
        }
        Some(_) => push(vec![Line::from(vec![
            Span::styled("CIO: not provided", theme.warning()),
            Span::styled("  (the form's CIO fields are blank)", theme.dim()),
        ])]),
        None => push(vec![Line::styled("CIO: not provided", theme.warning())]),
    }
    let portals = topics::portals(r);
    if !portals.is_empty() {
        push(vec![
            Line::default(),
            Line::styled("Portals", theme.title()),
        ]);
        for (kind, item) in portals
            .iter()
            .filter(|(k, _)| *k != topics::PortalKind::Agency)
        {
            let links: Vec<&str> = item.web_links().collect();
            let value = if !links.is_empty() {
                links.join("  ")
            } else if item.answer.is_empty() {
                "no answer given".into()
            } else {
                item.answer.lines().next().unwrap_or("").to_string()
            };
            let style = if links.is_empty() {
                theme.dim()
            } else {
                theme.link()
            };
            push(field(kind.as_str(), &value, style));
            page.links.extend(links.iter().map(|url| LinkChoice {
                url: url.to_string(),
                label: kind.as_str().to_string(),
            }));
        }
        if let Some((_, agency)) = portals
            .iter()
            .find(|(k, _)| *k == topics::PortalKind::Agency)
        {
            push(vec![
                Line::default(),
                Line::styled("Agency in charge", theme.title()),
            ]);
            if agency.answer.is_empty() {
                push(vec![Line::styled("no answer given", theme.dim())]);
            } else {
                let overlays: Vec<Overlay> =
                    text::link_overlays(&agency.answer, &agency.links, theme.link());
                push(text::wrap(
                    &agency.answer,
                    width,
                    "",
                    theme.text(),
                    &overlays,
                ));
            }
            page.links.extend(agency.web_links().map(|url| LinkChoice {
                url: url.to_string(),
                label: "Agency in charge".into(),
            }));
        }
    }
    let t = r.tally();
    let mut answered = format!("{} of {} items", t.answered, t.items);
    if t.selection_not_recorded > 0 {
        answered.push_str(&format!(
            " · {} closed question{}: selection not recorded in source",
            t.selection_not_recorded,
            if t.selection_not_recorded == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    push(vec![Line::default()]);
    push(field("Answered", &answered, theme.text()));
    for f in &r.fields {
        let tick = if f.selection == Some(Selection::Recorded) {
            " (x) ticked"
        } else {
            ""
        };
        push(field(&f.label, &format!("{}{tick}", f.value), theme.dim()));
    }
    for n in &r.notes {
        push(text::wrap(
            &format!("{}{}", n.label(), n.text),
            width,
            "",
            theme.dim(),
            &[],
        ));
    }
    // A link the card shows twice (two portals, the agency) is offered once.
    page.links = dedup(std::mem::take(&mut page.links));
    page
}

pub fn render(app: &App, f: &mut Frame, areas: &Areas) {
    let theme = app.theme;
    let focused = app.focus == crate::tui::app::Focus::Content;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        });
    let Some(r) = app.response() else {
        match app.list.entry() {
            Some(crate::tui::app::Entry::State(c)) => state_card(app, f, areas, block, c),
            _ => {
                f.render_widget(block, areas.response);
                f.render_widget(
                    Paragraph::new(Line::styled("no response selected", theme.dim())),
                    areas.body,
                );
            }
        }
        return;
    };
    let title = format!(" {} · {} ", r.country, r.edition);
    f.render_widget(
        block.title(text::span(
            &title,
            if focused { theme.title() } else { theme.text() },
        )),
        areas.response,
    );

    // Tabs, scrolled so the current one shows.
    let titles = tab_titles(r);
    let (first, spans) = layout::tab_window(&tab_widths(r), app.reader.tab, areas.tabs.width);
    let mut line: Vec<Span> = Vec::new();
    if first > 0 {
        line.push(Span::styled("‹", theme.dim()));
    }
    for (k, (i, _)) in spans.iter().enumerate() {
        if k > 0 {
            line.push(Span::styled("│", theme.border()));
        }
        let style = if *i == app.reader.tab {
            theme.selected()
        } else {
            theme.text()
        };
        line.push(text::span(&tab_label(*i, &titles[*i]), style));
    }
    // More tabs to the right, or the last one cut short: the last column says so.
    let cut = spans.last().is_some_and(|(i, r)| {
        *i + 1 < titles.len()
            || usize::from(r.end - r.start) < text::width(&tab_label(*i, &titles[*i]))
    });
    f.render_widget(Paragraph::new(Line::from(line)), areas.tabs);
    if cut {
        let marker = ratatui::layout::Rect {
            x: areas.tabs.x + areas.tabs.width.saturating_sub(1),
            width: 1,
            ..areas.tabs
        };
        f.render_widget(Paragraph::new(Span::styled("›", theme.dim())), marker);
    }
    let focus = app
        .section()
        .and_then(|_| app.page().items.get(app.reader.body.focus));
    heading_and_page(app, f, areas, &heading(r, app.reader.tab), focus);
}

/// The line under the tabs, and the page below it, scrolled, with the focused item marked.
fn heading_and_page(
    app: &App,
    f: &mut Frame,
    areas: &Areas,
    heading: &str,
    focus: Option<&Range<usize>>,
) {
    let theme = app.theme;
    f.render_widget(
        Paragraph::new(Line::from(text::span(
            &text::truncate(heading, usize::from(areas.heading.width)),
            theme.bold(),
        ))),
        areas.heading,
    );
    let page = app.page();
    let (scroll, shown) = visible_lines(
        &page.lines,
        app.reader.body.offset,
        usize::from(areas.body.height),
        focus,
        theme,
    );
    f.render_widget(Paragraph::new(shown), areas.body);
    super::scrollbar(f, areas.body, page.lines.len(), scroll, theme);
}

/// A state without a response: its name in the title, one tab, and its card.
fn state_card(app: &App, f: &mut Frame, areas: &Areas, block: Block, c: &Country) {
    let theme = app.theme;
    let focused = app.focus == crate::tui::app::Focus::Content;
    // The name gives way before "no response" does.
    let room = usize::from(areas.response.width).saturating_sub(4 + text::width(" · no response "));
    let title = format!(" {} · no response ", text::truncate(c.name, room.max(1)));
    f.render_widget(
        block.title(text::span(
            &title,
            if focused { theme.title() } else { theme.text() },
        )),
        areas.response,
    );
    f.render_widget(
        Paragraph::new(Line::from(text::span(
            &tab_label(0, "Card"),
            theme.selected(),
        ))),
        areas.tabs,
    );
    let heading = match app.egdi.place(c.iso3) {
        Some(p) => format!("{} · {}", p.subregion, p.region),
        None => c.name.to_string(),
    };
    heading_and_page(app, f, areas, &heading, None);
}
