use super::*;

fn feed(url: &str, hash: &str) -> Feed {
    Feed {
        url: url.to_string(),
        hash: hash.to_string(),
    }
}

fn feeds() -> Vec<Feed> {
    vec![
        feed("https://e.org/atom.xml", "a1"),
        feed("https://e.org/districts/dat-do/rss.xml", "d1"),
        feed("https://e.org/rss.xml", "r1"),
    ]
}

const HUB: &str = "https://hub.example/";
const OTHER: &str = "https://other.example/";

/// Runs [`ping_hubs`] with a sender that records each call and refuses
/// every feed sent to a hub in `failing`.
fn ping(
    hubs: &[&str],
    feeds: &[Feed],
    state: &mut State,
    all: bool,
    failing: &[&str],
) -> (Vec<HubReport>, Vec<(String, String)>) {
    let hubs: Vec<String> = hubs.iter().map(|h| h.to_string()).collect();
    let mut sent = Vec::new();
    let mut send = |hub: &str, url: &str| {
        sent.push((hub.to_string(), url.to_string()));
        if failing.contains(&hub) {
            Err(HubFailure::Status {
                code: 500,
                reason: String::new(),
            })
        } else {
            Ok(())
        }
    };
    let reports = ping_hubs(&hubs, feeds, state, all, &mut send, &mut |_| {});
    (reports, sent)
}

fn urls(sent: &[(String, String)]) -> Vec<&str> {
    sent.iter().map(|(_, url)| url.as_str()).collect()
}

#[test]
fn a_new_hub_gets_every_feed_and_then_only_what_changed() {
    let mut state = State::default();
    let (reports, sent) = ping(&[HUB], &feeds(), &mut state, false, &[]);
    assert_eq!(sent.len(), 3);
    assert_eq!(reports[0].outcome, Outcome::Sent(3));
    assert_eq!(state.hubs[HUB].len(), 3);

    let (reports, sent) = ping(&[HUB], &feeds(), &mut state, false, &[]);
    assert!(sent.is_empty());
    assert_eq!(reports[0].outcome, Outcome::NothingChanged);

    let mut changed = feeds();
    changed[2].hash = "r2".into();
    let (_, sent) = ping(&[HUB], &changed, &mut state, false, &[]);
    assert_eq!(urls(&sent), ["https://e.org/rss.xml"]);
    assert_eq!(state.hubs[HUB]["https://e.org/rss.xml"], "r2");
}

#[test]
fn all_sends_every_feed_unchanged_or_not() {
    let mut state = State::default();
    ping(&[HUB], &feeds(), &mut state, false, &[]);
    let (reports, sent) = ping(&[HUB], &feeds(), &mut state, true, &[]);
    assert_eq!(sent.len(), 3);
    assert_eq!(reports[0].outcome, Outcome::Sent(3));
}

#[test]
fn a_refusing_hub_keeps_its_state_and_stops_at_the_first_refusal() {
    let mut state = State::default();
    ping(&[HUB, OTHER], &feeds(), &mut state, false, &[]);
    let before = state.hubs[OTHER].clone();
    let mut changed = feeds();
    changed[0].hash = "a2".into();
    changed[2].hash = "r2".into();
    let (reports, sent) = ping(&[HUB, OTHER], &changed, &mut state, false, &[OTHER]);
    assert_eq!(reports[0].outcome, Outcome::Sent(2));
    assert_eq!(
        reports[1].outcome,
        Outcome::Failed {
            failure: HubFailure::Status {
                code: 500,
                reason: String::new()
            },
            retry: 2
        }
    );
    let to_other: Vec<_> = sent.iter().filter(|(hub, _)| hub == OTHER).collect();
    assert_eq!(to_other.len(), 1, "{sent:?}");
    assert_eq!(state.hubs[OTHER], before);
    assert_eq!(state.hubs[HUB]["https://e.org/atom.xml"], "a2");

    // The next ping sends the refused hub the same feeds, the other none.
    let (_, sent) = ping(&[HUB, OTHER], &changed, &mut state, false, &[]);
    assert_eq!(
        sent,
        [
            (OTHER.to_string(), "https://e.org/atom.xml".to_string()),
            (OTHER.to_string(), "https://e.org/rss.xml".to_string()),
        ]
    );
}

#[test]
fn a_hub_that_refuses_all_is_told_what_the_next_ping_sends() {
    let mut state = State::default();
    ping(&[HUB], &feeds(), &mut state, false, &[]);
    let (reports, _) = ping(&[HUB], &feeds(), &mut state, true, &[HUB]);
    let Outcome::Failed { retry, .. } = &reports[0].outcome else {
        panic!("{reports:?}");
    };
    assert_eq!(*retry, 0, "its state is that of the feeds as they are");
    let (line, _) = reports[0].lines();
    assert!(line.en().contains("`loa ping --all`"), "{}", line.en());
}

#[test]
fn feeds_gone_from_the_output_and_hubs_gone_from_site_toml_are_forgotten() {
    let mut state = State::default();
    ping(&[HUB, OTHER], &feeds(), &mut state, false, &[]);
    let fewer = &feeds()[..2];
    let (reports, sent) = ping(&[HUB], fewer, &mut state, false, &[]);
    assert!(sent.is_empty());
    assert_eq!(reports.len(), 1);
    assert_eq!(state.hubs.keys().collect::<Vec<_>>(), [HUB]);
    assert_eq!(state.hubs[HUB].len(), 2);
}

#[test]
fn the_state_is_written_whole_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STATE_FILE);
    assert_eq!(State::load(&path), (State::default(), None));
    let mut state = State::default();
    ping(&[HUB], &feeds(), &mut state, false, &[]);
    state.save(&path).unwrap();
    assert_eq!(State::load(&path), (state, None));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left beside it");
}

#[test]
fn a_damaged_state_is_a_warning_and_every_feed_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STATE_FILE);
    std::fs::write(&path, "{\"hubs\": {").unwrap();
    let (state, warning) = State::load(&path);
    assert_eq!(state, State::default());
    let warning = warning.expect("a warning").en();
    assert!(warning.starts_with("warning: could not read "), "{warning}");
}

#[test]
fn a_hubs_explanation_is_one_short_line() {
    assert_eq!(said("  Invalid\n  hub.url\n"), "Invalid hub.url");
    let long = "x".repeat(REASON_CHARS + 50);
    let shown = said(&long);
    assert_eq!(shown.chars().count(), REASON_CHARS + 1);
    assert!(shown.ends_with('…'));
}

#[test]
fn output_paths_become_url_paths() {
    let output = Path::new("/site/public");
    assert_eq!(
        url_path(output, Path::new("/site/public/districts/dat-do/rss.xml")).as_deref(),
        Some("districts/dat-do/rss.xml")
    );
    assert_eq!(
        url_path(output, Path::new("/site/public/rss.xml")).as_deref(),
        Some("rss.xml")
    );
    assert_eq!(url_path(output, Path::new("/elsewhere/rss.xml")), None);
}

#[test]
fn feed_file_names_are_the_builds() {
    assert_eq!(
        feed_file_names(),
        ["rss.xml", "atom.xml", "feed.json", "full.xml"]
    );
}
