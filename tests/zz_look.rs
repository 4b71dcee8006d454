mod common;
use common::tui::{app, run, screen, select};
use msq::tui::action::Action;
#[test]
fn look() {
    let mut a = app(200, 50);
    select(&mut a, "Azerbaijan");
    a.update(Action::GoTab(3));
    println!("{}", screen(&a).join("\n"));
    a.update(Action::Help);
    println!("{}", screen(&a).join("\n"));
    let mut a = app(80, 24);
    for c in ["Azerbaijan", "Mongolia"] {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    run(
        &mut a,
        &[
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
        ],
    );
    println!("{}", screen(&a).join("\n"));
    let mut a = app(120, 40);
    select(&mut a, "Azerbaijan");
    run(&mut a, &[Action::GoTab(2), Action::Down, Action::Open]);
    println!("{}", screen(&a).join("\n"));
}
