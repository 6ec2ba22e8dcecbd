//! `loa ping`: what a WebSub hub is told, and when, against stub hubs on
//! this machine that record every request.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::support::*;

/// A hub on 127.0.0.1 that records each request's body and answers with
/// `status` (which a test may change between pings).
struct StubHub {
    port: u16,
    status: Arc<AtomicU16>,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// One request as the hub received it.
#[derive(Debug, Clone)]
struct Request {
    path: String,
    content_type: String,
    body: String,
}

impl StubHub {
    fn answering(status: u16) -> StubHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let status = Arc::new(AtomicU16::new(status));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (status, requests, stop) = (status.clone(), requests.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        answer(stream, &status, &requests);
                    }
                }
            })
        };
        StubHub {
            port,
            status,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    fn answer_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    /// The requests received since the last call.
    fn take(&self) -> Vec<Request> {
        std::mem::take(&mut *self.requests.lock().unwrap())
    }

    /// The feed URLs of the requests received since the last call.
    fn take_urls(&self) -> BTreeSet<String> {
        self.take().iter().map(|r| feed_url(&r.body)).collect()
    }
}

impl Drop for StubHub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one request from `stream`, records it and answers.
fn answer(stream: TcpStream, status: &AtomicU16, requests: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() || first.is_empty() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
    let (mut length, mut content_type) = (0, String::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "content-type" => content_type = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    requests.lock().unwrap().push(Request {
        path,
        content_type,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let code = status.load(Ordering::SeqCst);
    let reply = if code < 300 {
        ""
    } else {
        "hub.url is not allowed"
    };
    let _ = write!(
        reader.get_mut(),
        "HTTP/1.1 {code} Stub\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
}

/// The feed URL of a notification's body, decoded.
fn feed_url(body: &str) -> String {
    let encoded = body
        .split('&')
        .find_map(|pair| pair.strip_prefix("hub.url="))
        .unwrap_or_else(|| panic!("no hub.url in {body}"));
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The front matter of the article in Xuyên Mộc.
const XUYEN_MOC: &str =
    "title: \"Tuần tra ở Xuyên Mộc\"\ndate: 2024-05-10\ndistricts: [xuyen-moc]\ncategory: hoat-dong\n";

/// Two articles in different districts and categories, built with the
/// library into [`Fixture::out`], its feeds (and the archive `full.xml`)
/// declaring `hubs`.
fn site(hubs: &[String]) -> Fixture {
    let list: Vec<String> = hubs.iter().map(|h| format!("\"{h}\"")).collect();
    let fixture = Fixture::with_config(&format!(
        "feed_full = true\nwebsub_hubs = [{}]",
        list.join(", ")
    ));
    fixture.article(
        "hoat-dong/xuyen-moc.md",
        XUYEN_MOC,
        "Tổ tuần tra đã đi khắp xã.\n",
    );
    fixture.article(
        "canh-bao/dat-do.md",
        "title: \"Cảnh báo ở Đất Đỏ\"\ndate: 2024-05-11\ndistricts: [dat-do]\ncategory: canh-bao\n",
        "Cảnh báo lừa đảo qua mạng.\n",
    );
    fixture.build();
    fixture
}

/// A hub answering 204 and the site that names it, pinged once.
fn pinged_once() -> (StubHub, Fixture) {
    let hub = StubHub::answering(204);
    let fixture = site(&[hub.url()]);
    assert_exit(&ping(&fixture, &[]), 0);
    hub.take();
    (hub, fixture)
}

/// `loa ping --root <site> --output <out>` with `extra` arguments, in
/// English, with no proxy of the environment between loa and the stubs.
fn ping(fixture: &Fixture, extra: &[&str]) -> Output {
    ping_in(fixture, extra, "en")
}

fn ping_in(fixture: &Fixture, extra: &[&str], lang: &str) -> Output {
    let root = fixture.root();
    let out = fixture.out();
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(["ping", "--root", root.to_str().unwrap()])
        .args(["--output", out.to_str().unwrap()])
        .args(extra)
        .env("LOA_LANG", lang);
    for proxy in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"] {
        command.env_remove(proxy);
    }
    command.output().expect("run loa")
}

/// The URL of every feed file the build wrote.
fn every_feed(fixture: &Fixture) -> BTreeSet<String> {
    snapshot(&fixture.out())
        .into_keys()
        .filter(|path| {
            let name = path.rsplit('/').next().unwrap_or_default();
            ["rss.xml", "atom.xml", "feed.json", "full.xml"].contains(&name)
        })
        .map(|path| format!("{BASE}/{path}"))
        .collect()
}

/// The three formats of the feed in `dir` (`""` for the site's).
fn formats(dir: &str) -> [String; 3] {
    ["rss.xml", "atom.xml", "feed.json"].map(|file| format!("{BASE}/{dir}{file}"))
}

fn state_of(fixture: &Fixture) -> String {
    std::fs::read_to_string(fixture.root().join(".loa-ping.json")).unwrap_or_default()
}

#[test]
fn the_first_ping_sends_every_feed_as_a_websub_publish() {
    let hub = StubHub::answering(204);
    let fixture = site(&[hub.url()]);
    let err = assert_exit(&ping(&fixture, &[]), 0);
    let requests = hub.take();
    let feeds = every_feed(&fixture);
    assert_eq!(feeds.len(), 6 * 3 + 1, "{feeds:?}");
    assert!(feeds.contains(&format!("{BASE}/districts/dat-do/feed.json")));
    assert!(feeds.contains(&format!("{BASE}/full.xml")));
    assert_eq!(
        err,
        format!("{}: notified of {} feeds\n", hub.url(), feeds.len())
    );
    let sent: BTreeSet<String> = requests.iter().map(|r| feed_url(&r.body)).collect();
    assert_eq!(sent, feeds);
    assert_eq!(requests.len(), feeds.len(), "one request per feed");
    let site_rss = requests
        .iter()
        .find(|r| feed_url(&r.body) == format!("{BASE}/rss.xml"))
        .unwrap();
    assert_eq!(
        site_rss.body,
        "hub.mode=publish&hub.url=https%3A%2F%2Fcongan.example.gov.vn%2Frss.xml"
    );
    assert_eq!(site_rss.content_type, "application/x-www-form-urlencoded");
    assert_eq!(site_rss.path, "/");
    // The state is kept in the site's folder, never in the output.
    assert!(state_of(&fixture).contains(&format!("{BASE}/rss.xml")));
    assert!(!fixture.out().join(".loa-ping.json").exists());
}

#[test]
fn a_second_ping_without_changes_sends_nothing() {
    let (hub, fixture) = pinged_once();
    let err = assert_exit(&ping(&fixture, &[]), 0);
    assert!(hub.take().is_empty());
    assert_eq!(
        err,
        format!(
            "{}: no feed changed since the last ping, nothing sent\n",
            hub.url()
        )
    );
}

#[test]
fn after_an_edit_only_the_feeds_that_changed_are_sent() {
    let (hub, fixture) = pinged_once();
    fixture.article(
        "hoat-dong/xuyen-moc.md",
        XUYEN_MOC,
        "Tổ tuần tra đã đi khắp xã, và bắt được hai đối tượng.\n",
    );
    fixture.build();
    let err = assert_exit(&ping(&fixture, &[]), 0);
    let sent = hub.take_urls();
    for dir in ["", "districts/xuyen-moc/", "categories/hoat-dong/"] {
        for url in formats(dir) {
            assert!(sent.contains(&url), "{url} not in {sent:?}");
        }
    }
    assert!(sent.contains(&format!("{BASE}/full.xml")), "{sent:?}");
    for dir in [
        "districts/dat-do/",
        "districts/con-dao/",
        "categories/canh-bao/",
    ] {
        for url in formats(dir) {
            assert!(!sent.contains(&url), "{url} sent unchanged: {sent:?}");
        }
    }
    assert_eq!(
        err,
        format!("{}: notified of {} feeds\n", hub.url(), sent.len())
    );
}

#[test]
fn all_sends_every_feed_changed_or_not() {
    let (hub, fixture) = pinged_once();
    assert_exit(&ping(&fixture, &["--all"]), 0);
    assert_eq!(hub.take_urls(), every_feed(&fixture));
}

#[test]
fn a_failing_hub_is_named_and_the_next_ping_sends_it_the_same_feeds() {
    let hub = StubHub::answering(500);
    let fixture = site(&[hub.url()]);
    let err = assert_exit(&ping(&fixture, &[]), 1);
    assert!(
        err.starts_with(&format!(
            "error: the hub {} did not take the notification: it answered with status 500: \"hub.url is not allowed\".",
            hub.url()
        )),
        "{err}"
    );
    let feeds = every_feed(&fixture);
    assert!(
        err.contains(&format!(
            "the next `loa ping` will send {} feeds again",
            feeds.len()
        )),
        "{err}"
    );
    assert!(err.contains("\n  help: check the hub's address"), "{err}");
    assert_eq!(hub.take().len(), 1, "it stops at the hub's first refusal");
    assert_eq!(state_of(&fixture), "", "nothing is recorded");

    hub.answer_with(204);
    assert_exit(&ping(&fixture, &[]), 0);
    assert_eq!(hub.take_urls(), feeds);
    assert_exit(&ping(&fixture, &[]), 0);
    assert!(hub.take().is_empty());
}

#[test]
fn a_hub_where_nothing_listens_is_an_error_that_says_so() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/", closed.local_addr().unwrap().port());
    drop(closed);
    let fixture = site(std::slice::from_ref(&url));
    let err = assert_exit(&ping(&fixture, &[]), 1);
    assert!(
        err.starts_with(&format!(
            "error: the hub {url} did not take the notification: it refused the connection"
        )),
        "{err}"
    );
}

#[test]
fn two_hubs_keep_separate_states() {
    let good = StubHub::answering(204);
    let failing = StubHub::answering(503);
    let fixture = site(&[good.url(), failing.url()]);
    let feeds = every_feed(&fixture);
    let err = assert_exit(&ping(&fixture, &[]), 1);
    assert!(
        err.starts_with(&format!("{}: notified of", good.url())),
        "{err}"
    );
    assert!(
        err.contains(&format!("the hub {} did not", failing.url())),
        "{err}"
    );
    assert_eq!(good.take_urls(), feeds);
    failing.take();

    failing.answer_with(202);
    let err = assert_exit(&ping(&fixture, &[]), 0);
    assert!(good.take().is_empty(), "the good hub has them all");
    assert_eq!(failing.take_urls(), feeds);
    assert!(
        err.contains(&format!("{}: no feed changed", good.url())),
        "{err}"
    );
}

#[test]
fn without_hubs_ping_says_how_to_add_one() {
    let fixture = site(&[]);
    let err = assert_exit(&ping(&fixture, &[]), 1);
    assert_eq!(
        err,
        "error: site.toml names no WebSub hub (`websub_hubs`): there is no one to notify\n  \
         help: add a line such as `websub_hubs = [\"https://pubsubhubbub.appspot.com/\"]` to site.toml, \
         rebuild (`loa build`) so that the feeds name the hub, publish, then run `loa ping`\n"
    );
    let err = assert_exit(&ping_in(&fixture, &[], "vi"), 1);
    assert!(
        err.starts_with("lỗi: site.toml chưa khai báo hub WebSub nào"),
        "{err}"
    );
}

#[test]
fn an_output_that_was_not_built_asks_for_loa_build() {
    let hub = StubHub::answering(204);
    let fixture = Fixture::with_config(&format!("websub_hubs = [\"{}\"]", hub.url()));
    let err = assert_exit(&ping(&fixture, &[]), 1);
    assert!(
        err.starts_with(&format!(
            "error: there is no feed in {}: the site was not built there\n  help: `loa ping` does not build: run `loa build`",
            fixture.out().display()
        )),
        "{err}"
    );
    assert!(hub.take().is_empty());
    assert!(!Path::new(&fixture.root().join(".loa-ping.json")).exists());
}

#[test]
fn the_registers_feeds_are_sent_like_the_others() {
    let hub = StubHub::answering(204);
    let fixture = Fixture::with_config(&format!("websub_hubs = [\"{}\"]", hub.url()));
    fixture.write("laws.toml", include_str!("../fixtures/laws-good.toml"));
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.simple("hoat-dong/bai.md", "Một bài", "2024-03-01");
    fixture.build();
    assert_exit(&ping(&fixture, &[]), 0);
    let sent: BTreeSet<String> = hub.take().iter().map(|r| feed_url(&r.body)).collect();
    for url in formats("laws/") {
        assert!(sent.contains(&url), "{url} not in {sent:?}");
    }
    assert_eq!(sent, every_feed(&fixture));
}
