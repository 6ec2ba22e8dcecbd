//! `loa ping`: tells the site's WebSub hubs (`websub_hubs` of `site.toml`)
//! which feeds of the published site changed, so that readers subscribed
//! through a hub hear of a new article within minutes instead of at their
//! reader's next poll.
//!
//! It reads the output a build already wrote and builds nothing. Each feed
//! file's bytes are hashed; `.loa-ping.json` in the site's folder keeps,
//! per hub, the hash of every feed as that hub last accepted it, so a feed
//! is sent to a hub only when it changed since (`--all` sends every feed).
//! A hub that refuses or does not answer keeps its entries as they were,
//! and the next ping sends it the same feeds again.
//!
//! Each feed is one request, `hub.mode=publish&hub.url=<feed>` as a form:
//! PubSubHubbub 0.3's notification, which WebSub leaves to each hub and the
//! public hubs take. 0.3 let `hub.url` repeat, but not every hub reads more
//! than one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::error::Error;
use crate::jobs::FULL_FEED_FILE;
use crate::messages::{msg, Message};
use crate::model::FeedFormat;

/// The state file, in the site's folder (beside `site.toml`), not in the
/// output: a build replaces the output whole.
pub const STATE_FILE: &str = ".loa-ping.json";

/// How long one request to a hub may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The most of a hub's refusal that is shown (hubs say why in a line).
const REASON_CHARS: usize = 200;

/// What `loa ping` was asked.
#[derive(Debug, Clone, Default)]
pub struct PingOptions {
    /// The published output; `public/` in the site's folder when `None`.
    pub output: Option<PathBuf>,
    /// Send every feed, changed or not.
    pub all: bool,
}

/// A feed of the output: its absolute URL and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub url: String,
    pub hash: String,
}

/// Why a hub did not take a notification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HubFailure {
    /// It answered with a status other than 2xx, and perhaps said why.
    #[error("{}", self.message())]
    Status { code: u16, reason: String },
    /// No answer within [`TIMEOUT`].
    #[error("{}", self.message())]
    TimedOut,
    /// Its host name is not known (a typo, or no network).
    #[error("{}", self.message())]
    HostNotFound,
    /// Nothing listens at its address.
    #[error("{}", self.message())]
    Refused,
    /// No connection, or a broken one: the transport's own words.
    #[error("{}", self.message())]
    Unreachable(String),
}

impl HubFailure {
    pub fn message(&self) -> Message {
        match self {
            HubFailure::Status { code, reason } if reason.is_empty() => {
                msg!("ping.status", code = *code)
            }
            HubFailure::Status { code, reason } => {
                msg!("ping.status-said", code = *code, reason = reason)
            }
            HubFailure::TimedOut => msg!("ping.timed-out", seconds = TIMEOUT.as_secs()),
            HubFailure::HostNotFound => msg!("ping.host-not-found"),
            HubFailure::Refused => msg!("ping.refused"),
            HubFailure::Unreachable(detail) => msg!("ping.unreachable", detail = detail),
        }
    }
}

/// What became of one hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It accepted this many feeds.
    Sent(usize),
    /// No feed changed since it last accepted them.
    NothingChanged,
    /// It refused a feed: none counts as sent, and the next ping without
    /// `--all` sends it `retry` feeds (those that changed since it last
    /// accepted them).
    Failed { failure: HubFailure, retry: usize },
}

/// One hub and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubReport {
    pub hub: String,
    pub outcome: Outcome,
}

impl HubReport {
    /// The line that reports it, and for a failure a line of help.
    pub fn lines(&self) -> (Message, Option<Message>) {
        let hub = self.hub.as_str();
        match &self.outcome {
            Outcome::Sent(n) => (
                msg!(
                    "ping.sent",
                    hub = hub,
                    feeds = Message::count("count.feeds", *n)
                ),
                None,
            ),
            Outcome::NothingChanged => (msg!("ping.nothing-changed", hub = hub), None),
            Outcome::Failed { failure, retry: 0 } => {
                let failed = msg!(
                    "ping.failed-up-to-date",
                    hub = hub,
                    cause = failure.message()
                );
                (
                    msg!("cli.error", error = failed),
                    Some(msg!("help.ping.failed")),
                )
            }
            Outcome::Failed { failure, retry } => {
                let failed = msg!(
                    "ping.failed",
                    hub = hub,
                    cause = failure.message(),
                    feeds = Message::count("count.feeds", *retry)
                );
                (
                    msg!("cli.error", error = failed),
                    Some(msg!("help.ping.failed")),
                )
            }
        }
    }
}

/// What `loa ping` did, once every hub was tried.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pinged {
    pub hubs: Vec<HubReport>,
}

impl Pinged {
    pub fn failures(&self) -> usize {
        self.hubs
            .iter()
            .filter(|h| matches!(h.outcome, Outcome::Failed { .. }))
            .count()
    }
}

/// Why `loa ping` told no hub, or could not record what it told.
#[derive(Debug, thiserror::Error)]
pub enum PingError {
    /// `site.toml` is missing or wrong, or the output could not be read.
    #[error("{}", self.message())]
    Site(Error),
    /// `websub_hubs` is empty: there is no one to tell.
    #[error("{}", self.message())]
    NoHubs,
    /// The output holds no feed: the site was not built there.
    #[error("{}", self.message())]
    NotBuilt(PathBuf),
    /// The hubs were told, but the state file could not be written.
    #[error("{}", self.message())]
    StateNotSaved {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl PingError {
    /// What stopped it, in the process's language.
    pub fn message(&self) -> Message {
        match self {
            PingError::Site(error) => error.message(),
            PingError::NoHubs => msg!("ping.no-hubs"),
            PingError::NotBuilt(path) => msg!("ping.not-built", path = path.display()),
            PingError::StateNotSaved { path, source } => msg!(
                "ping.state-not-saved",
                path = path.display(),
                detail = source.to_string()
            ),
        }
    }

    /// How to fix it, where loa can say.
    pub fn help(&self) -> Option<Message> {
        match self {
            PingError::Site(_) => None,
            PingError::NoHubs => Some(msg!("help.ping.no-hubs")),
            PingError::NotBuilt(_) => Some(msg!("help.ping.not-built")),
            PingError::StateNotSaved { .. } => Some(msg!("help.ping.state-not-saved")),
        }
    }
}

/// `loa ping`: tells every hub of `site.toml` about the feeds of the output
/// that changed since it last accepted them (every feed with `all`), says
/// each hub's outcome through `say` as it comes, and records what each hub
/// accepted in [`STATE_FILE`].
pub fn run(
    root: &Path,
    options: &PingOptions,
    say: &mut dyn FnMut(Message, Option<Message>),
) -> Result<Pinged, PingError> {
    let config = SiteConfig::read(root).map_err(|d| PingError::Site(Error::Content(d)))?;
    if config.websub_hubs.is_empty() {
        return Err(PingError::NoHubs);
    }
    let output = match &options.output {
        Some(output) => output.clone(),
        None => in_site(root, "public"),
    };
    let feeds = published_feeds(&output, &config)?;
    let state_path = in_site(root, STATE_FILE);
    let (mut state, warning) = State::load(&state_path);
    if let Some(warning) = warning {
        say(warning, None);
    }
    let before = state.clone();
    let agent = agent();
    let hubs = ping_hubs(
        &config.websub_hubs,
        &feeds,
        &mut state,
        options.all,
        &mut |hub, feed| notify(&agent, hub, feed),
        &mut |report| {
            let (line, help) = report.lines();
            say(line, help);
        },
    );
    if state != before {
        state
            .save(&state_path)
            .map_err(|source| PingError::StateNotSaved {
                path: state_path.clone(),
                source,
            })?;
    }
    Ok(Pinged { hubs })
}

/// `name` in the site's folder, named as the editor sees it when loa runs
/// there (`public`, not `./public`).
fn in_site(root: &Path, name: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(name)
    } else {
        root.join(name)
    }
}

/// The file names of the feeds a build writes: each format's, and the
/// archive of every article.
fn feed_file_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = FeedFormat::ALL.iter().map(|f| f.file_name()).collect();
    names.push(FULL_FEED_FILE);
    names
}

/// Every feed of the output, by URL, with the hash of its bytes.
fn published_feeds(output: &Path, config: &SiteConfig) -> Result<Vec<Feed>, PingError> {
    if !output.is_dir() {
        return Err(PingError::NotBuilt(output.to_path_buf()));
    }
    let names = feed_file_names();
    let prefix = format!("{}{}", config.origin(), config.root_path());
    let mut feeds = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            PingError::Site(Error::io(&path, e.into()))
        })?;
        let is_feed = entry.file_type().is_file()
            && entry
                .file_name()
                .to_str()
                .is_some_and(|n| names.contains(&n));
        let Some(relative) = is_feed.then(|| url_path(output, entry.path())).flatten() else {
            continue;
        };
        let bytes =
            std::fs::read(entry.path()).map_err(|e| PingError::Site(Error::io(entry.path(), e)))?;
        feeds.push(Feed {
            url: format!("{prefix}{relative}"),
            hash: blake3::hash(&bytes).to_hex().to_string(),
        });
    }
    if feeds.is_empty() {
        return Err(PingError::NotBuilt(output.to_path_buf()));
    }
    feeds.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(feeds)
}

/// `path` below `output` as the part of a URL after the site's root
/// (`districts/xuyen-moc/rss.xml`); `None` for a name that is not UTF-8,
/// which no build writes.
fn url_path(output: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(output).ok()?;
    let parts: Option<Vec<&str>> = relative.iter().map(|p| p.to_str()).collect();
    Some(parts?.join("/"))
}

/// What each hub last accepted: hub URL → feed URL → hash.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    #[serde(default)]
    hubs: BTreeMap<String, BTreeMap<String, String>>,
}

impl State {
    /// The state at `path`: empty when there is none yet, and empty with a
    /// warning when it cannot be read (every feed is then sent again, which
    /// a hub takes in its stride).
    fn load(path: &Path) -> (State, Option<Message>) {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
            Err(e) => return (State::default(), Some(bad_state(path, e.to_string()))),
        };
        match serde_json::from_str(&text) {
            Ok(state) => (state, None),
            Err(e) => (State::default(), Some(bad_state(path, e.to_string()))),
        }
    }

    /// Writes the state whole or not at all: a new file beside it, renamed.
    fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut file = tempfile::Builder::new()
            .prefix(".loa-ping.")
            .tempfile_in(dir)?;
        serde_json::to_writer_pretty(&mut file, self)?;
        std::io::Write::write_all(&mut file, b"\n")?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

fn bad_state(path: &Path, detail: String) -> Message {
    let problem = msg!("ping.bad-state", path = path.display(), detail = detail);
    msg!("cli.warning", message = problem)
}

/// The feeds to send a hub that last accepted `accepted`: every feed with
/// `all`, else those whose hash differs or that it never accepted.
fn to_send<'a>(
    feeds: &'a [Feed],
    accepted: Option<&BTreeMap<String, String>>,
    all: bool,
) -> Vec<&'a Feed> {
    feeds
        .iter()
        .filter(|feed| all || accepted.and_then(|a| a.get(&feed.url)) != Some(&feed.hash))
        .collect()
}

/// Tells each hub its feeds through `send`, one feed a call, stopping at a
/// hub's first refusal. A hub that took them all gets the current feeds as
/// its state (feeds gone from the output leave it); a hub that refused one
/// keeps its state. Hubs no longer in `site.toml` are forgotten.
fn ping_hubs(
    hubs: &[String],
    feeds: &[Feed],
    state: &mut State,
    all: bool,
    send: &mut dyn FnMut(&str, &str) -> Result<(), HubFailure>,
    report: &mut dyn FnMut(&HubReport),
) -> Vec<HubReport> {
    state.hubs.retain(|hub, _| hubs.contains(hub));
    let current: BTreeMap<String, String> = feeds
        .iter()
        .map(|f| (f.url.clone(), f.hash.clone()))
        .collect();
    let mut reports = Vec::new();
    for hub in hubs {
        let pending = to_send(feeds, state.hubs.get(hub), all);
        let refused = pending.iter().find_map(|feed| send(hub, &feed.url).err());
        let outcome = match refused {
            Some(failure) => Outcome::Failed {
                failure,
                retry: to_send(feeds, state.hubs.get(hub), false).len(),
            },
            None if pending.is_empty() => Outcome::NothingChanged,
            None => Outcome::Sent(pending.len()),
        };
        if !matches!(outcome, Outcome::Failed { .. }) {
            state.hubs.insert(hub.clone(), current.clone());
        }
        let hub_report = HubReport {
            hub: hub.clone(),
            outcome,
        };
        report(&hub_report);
        reports.push(hub_report);
    }
    reports
}

/// The HTTP client: https through rustls with its own roots, a time limit
/// on every request, no redirects (a hub that moved is a `site.toml` to
/// fix, and a redirected POST is no longer one), and statuses as values.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("loa/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

/// One notification: `hub.mode=publish&hub.url=<feed>`, accepted on any
/// 2xx answer.
fn notify(agent: &ureq::Agent, hub: &str, feed: &str) -> Result<(), HubFailure> {
    let response = agent
        .post(hub)
        .send_form([("hub.mode", "publish"), ("hub.url", feed)])
        .map_err(failure)?;
    let code = response.status().as_u16();
    if response.status().is_success() {
        return Ok(());
    }
    let reason = response
        .into_body()
        .into_with_config()
        .limit(4096)
        .read_to_string()
        .map(|text| said(&text))
        .unwrap_or_default();
    Err(HubFailure::Status { code, reason })
}

/// A hub's explanation as one short line.
fn said(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(REASON_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

fn failure(error: ureq::Error) -> HubFailure {
    match error {
        ureq::Error::Timeout(_) => HubFailure::TimedOut,
        ureq::Error::HostNotFound => HubFailure::HostNotFound,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            HubFailure::Refused
        }
        // The standard library's words when the system's resolver knows
        // no such host (getaddrinfo), which has no error kind of its own.
        ureq::Error::Io(e) if e.to_string().contains("failed to lookup address") => {
            HubFailure::HostNotFound
        }
        ureq::Error::Io(e) => HubFailure::Unreachable(e.to_string()),
        other => HubFailure::Unreachable(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
