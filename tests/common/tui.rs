//! Rendering the whole app on a TestBackend.

use msq::model::Index;
use msq::tui::{action::Action, app::App, theme::Theme, ui};
use ratatui::{Terminal, backend::TestBackend};

pub fn embedded() -> Index {
    msq::index::load(&msq::index::IndexSource::Embedded).unwrap()
}

pub fn app(width: u16, height: u16) -> App {
    App::new(
        embedded(),
        "built-in index".into(),
        Theme::plain(),
        width,
        height,
    )
}

pub fn app_with(index: Index, width: u16, height: u16) -> App {
    App::new(index, "test index".into(), Theme::plain(), width, height)
}

pub fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| ui::render(app, f)).unwrap();
    t
}

/// The screen as text, one string per row.
pub fn screen(app: &App) -> Vec<String> {
    let t = draw(app);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Selects the response of a country in the list.
pub fn select(app: &mut App, country: &str) {
    app.update(Action::FocusList);
    app.update(Action::Top);
    for _ in 0..app.list.rows(&app.index).len() {
        if app.response().is_some_and(|r| r.country == country) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("{country} not in the list");
}

/// Types a search into the overlay and answers each search effect with the engine, the way the
/// worker would, delivering only the last one (as a cancelled worker does).
pub fn search(app: &mut App, query: &str) {
    use msq::tui::action::Effect;
    use msq::tui::input::Edit;
    if !matches!(app.modal, Some(msq::tui::app::Modal::Search)) {
        app.update(Action::OpenSearch);
    }
    app.update(Action::Edit(Edit::KillToStart));
    app.update(Action::Edit(Edit::KillToEnd));
    let mut last = None;
    for c in query.chars() {
        if let Some(Effect::Search {
            generation,
            query,
            within,
            ..
        }) = app.update(Action::Edit(Edit::Insert(c)))
        {
            last = Some((generation, query, within));
        }
    }
    if let Some((generation, query, within)) = last {
        deliver(app, generation, &query, within);
    }
}

/// Both passes of a search, as the worker runs them: the exact hits, then all of them.
pub fn passes(
    app: &App,
    query: &str,
    within: Option<usize>,
) -> (msq::search::Results, msq::search::Results) {
    let engine = msq::search::Engine::new(&app.index);
    let q = msq::search::Query::parse(query);
    let exact = engine.search(&app.index, &q, within, 200);
    let all = engine
        .refine(&app.index, &q, within, 200, &exact, &|| false)
        .unwrap();
    (exact, all)
}

/// Runs the engine for a search and hands both passes to the app.
pub fn deliver(app: &mut App, generation: u64, query: &str, within: Option<usize>) {
    let (exact, all) = passes(app, query, within);
    app.update(Action::SearchResults {
        generation,
        results: exact,
        complete: false,
    });
    app.update(Action::SearchResults {
        generation,
        results: all,
        complete: true,
    });
}

/// Pages the reader down until `text` is on screen (at most 60 pages); the screen as it is then.
#[allow(dead_code)]
pub fn scroll_to(app: &mut App, text: &str) -> String {
    for _ in 0..60 {
        let s = screen(app).join("\n");
        if s.contains(text) {
            return s;
        }
        app.update(Action::PageDown);
    }
    screen(app).join("\n")
}
