//! The config file as a user meets it: the real binary in a pseudo-terminal, with a config
//! that rebinds keys (handling, help and hints change together) and names colours, and broken
//! configs that each get one line naming the file, the line and the problem. Also where the
//! file is looked for, and `msq config`.

mod common;

use common::pty::Session;
use std::path::Path;
use std::process::Command;

const ESC: &str = "\x1b";
const CTRL_F: &str = "\x06";

fn write(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn key(s: &mut Session, seq: &str) {
    s.send(seq.as_bytes());
    std::thread::sleep(std::time::Duration::from_millis(80));
}

#[test]
fn a_config_rebinds_handling_help_and_hints_together_and_colours_the_titles() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "# a user's config\n\
         [keys]\n\
         quit = [\"x\"]\n\
         search = [\"/\", \"ctrl-f\"]\n\
         \n\
         [keys.list]\n\
         down = [\"J\", \"down\"]\n\
         up = [\"K\", \"up\"]\n\
         \n\
         [theme]\n\
         title = \"#123456\"\n",
    );
    let mut s = Session::start_with_env(&[], 100, 30, &[("MSQ_CONFIG", &config)]);
    s.wait_for("193 states");
    // Hints: the new keys, from the same table.
    s.wait_for("J/K move");
    s.wait_for("x quit");
    let bar = s.screen().lines().last().unwrap_or_default().to_string();
    assert!(!bar.contains("q quit") && !bar.contains("j/k"), "{bar}");
    // Handling: q no longer quits, Ctrl-F opens search as / does.
    s.keys("q");
    key(&mut s, CTRL_F);
    s.wait_for("Search");
    s.keys("portal");
    s.wait_for("portal");
    key(&mut s, ESC);
    // Help: the new keys beside the action names.
    s.keys("?");
    s.wait_for("Help · Esc closes");
    let screen = s.screen();
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.split_whitespace().nth(2) == Some(name) || l.contains(&format!(" {name} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("down").contains(" J ↓ "), "{screen}");
    assert!(
        screen.contains("Country list  [keys.list]"),
        "help names the section\n{screen}"
    );
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        raw.contains("\x1b[1m\x1b[38;2;18;52;86"),
        "the titles are in the config's colour: {:?}",
        &raw[raw.find("Country list").map_or(0, |i| i.saturating_sub(80))..][..200]
    );
    key(&mut s, ESC);
    s.keys("G");
    s.keys("x");
    assert_eq!(s.wait_exit(), 0, "x quits");
}

#[test]
fn help_lists_every_rebound_key_and_the_quit_row_moves() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "[keys]\nquit = [\"x\", \"ctrl-q\"]\n");
    let mut s = Session::start_with_env(&[], 120, 40, &[("MSQ_CONFIG", &config)]);
    s.wait_for("193 states");
    s.keys("?");
    s.wait_for("Help · Esc closes");
    // The quit row is at the end of the Country list's section.
    s.keys("jjjjjjjjjjjjjjjjjjjj");
    s.wait_for("x Ctrl-Q");
    let screen = s.screen();
    let quit = screen
        .lines()
        .find(|l| l.contains("x Ctrl-Q"))
        .unwrap_or_default();
    assert!(quit.contains("quit"), "{screen}");
    key(&mut s, ESC);
    s.keys("x");
    assert_eq!(s.wait_exit(), 0);
}

/// Each broken config: what it says, and the line it names.
const BROKEN: &[(&str, &str, &str)] = &[
    ("bad TOML", "[keys\nquit = [\"x\"]\n", ":1: "),
    (
        "an unknown action",
        "[keys]\nquit = [\"x\"]\nquitt = [\"y\"]\n",
        ":3: unknown action \"quitt\" in [keys]; did you mean quit?",
    ),
    (
        "an unknown key",
        "[keys.comparison]\ndiff = [\"hyper-d\"]\n",
        ":2: keys.comparison.diff: \"hyper-d\" is not a key",
    ),
    (
        "a clash",
        "[keys]\nhelp = [\"?\"]\n[keys.list]\nquit = [\"j\"]\n",
        ":4: j is bound twice in Country list: to down and to quit",
    ),
    (
        "an unknown colour",
        "[theme]\nlink = \"blurple\"\n",
        ":2: theme.link: \"blurple\" is not a colour",
    ),
];

#[test]
fn a_broken_config_is_one_line_naming_the_file_and_the_line_and_a_non_zero_exit() {
    for (what, text, expected) in BROKEN {
        let dir = tempfile::tempdir().unwrap();
        let config = write(dir.path(), text);
        let mut s = Session::start_with_env(&[], 100, 30, &[("MSQ_CONFIG", &config)]);
        assert_eq!(s.wait_exit(), 1, "{what}");
        let screen = s.screen();
        let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{what}: one line\n{screen}");
        assert!(
            lines[0].starts_with(&format!("msq: {config}{}", &expected[..3]))
                && lines[0].contains(expected),
            "{what}: {}",
            lines[0]
        );
    }
}

fn msq(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_msq"));
    c.args(args)
        .env_remove("MSQ_CONFIG")
        .env_remove("XDG_CONFIG_HOME");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn the_file_is_looked_for_at_msq_config_then_xdg_then_home() {
    let text = |o: std::process::Output| String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text(msq(
            &[("MSQ_CONFIG", "/etc/my.toml"), ("XDG_CONFIG_HOME", "/x")],
            &["config", "--path"]
        )),
        "/etc/my.toml\n"
    );
    assert_eq!(
        text(msq(
            &[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")],
            &["config", "--path"]
        )),
        "/x/msq/config.toml\n"
    );
    // A relative XDG_CONFIG_HOME is ignored, as the spec says.
    for xdg in ["", "rel"] {
        assert_eq!(
            text(msq(
                &[("XDG_CONFIG_HOME", xdg), ("HOME", "/h")],
                &["config", "--path"]
            )),
            "/h/.config/msq/config.toml\n"
        );
    }
    let o = msq(&[("MSQ_CONFIG", "")], &["config", "--path"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("MSQ_CONFIG is empty")
    );
}

#[test]
fn msq_config_prints_the_path_and_the_default_config_which_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap();
    let o = msq(&[("HOME", home)], &["config"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "# config file: {home}/.config/msq/config.toml (not there: the defaults below are in use)"
        )
    );
    for section in [
        "[keys.list]",
        "[keys.search_overlay]",
        "[keys.editing]",
        "[keys.everywhere]",
        "[theme]",
    ] {
        assert!(out.contains(section), "{section}");
    }
    assert!(out.contains("# quit = [\"q\"]"), "{out}");
    // Saved where msq looks, it is a config in use, and the defaults.
    let path = dir.path().join(".config/msq/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &out).unwrap();
    let o = msq(&[("HOME", home)], &["config"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .ends_with("(in use)")
    );
    // A broken config in use: the defaults still print, and the error is one line, exit 1.
    std::fs::write(&path, "[keys]\nquit = [\"j\"]\n").unwrap();
    let o = msq(&[("HOME", home)], &["config"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "msq: {}:2: j is bound twice in Country list: to down and to quit\n",
            path.display()
        )
    );
    assert!(String::from_utf8(o.stdout).unwrap().contains("[keys.list]"));
}

#[test]
fn the_readme_lists_every_action_by_section_and_its_example_config_works() {
    use msq::tui::keymap::{Keymap, Section};
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let k = Keymap::default();
    for s in Section::all() {
        let names: Vec<String> = k.names(s).iter().map(|n| format!("`{n}`")).collect();
        let row = format!(
            "| `[keys.{}]` | {} | {} |",
            s.name(),
            s.title(),
            names.join(" ")
        );
        assert!(
            readme.contains(&row),
            "the README's row for [keys.{}] is\n{row}",
            s.name()
        );
    }
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a toml example");
    let c = msq::tui::config::parse(example).unwrap_or_else(|e| panic!("{e:?}"));
    assert_ne!(c.theme, msq::tui::theme::Theme::colored());
}
