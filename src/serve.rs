//! `loa serve`: builds the site (drafts included), serves the output on a
//! local address, rebuilds when a source changes and tells the open browser
//! tabs to reload. When a rebuild fails, the last good output stays served
//! and the tabs show the diagnostics over the page.
//!
//! Only files inside the output folder are ever served. The paths under
//! `/__loa/` belong to the server: `live.js` (the script added to every HTML
//! response, never written to the output), `events` (Server-Sent Events:
//! `hello`, `reload`, `error`) and `status` (the build state as JSON).

mod address;
mod events;
mod files;

use files::Reply;
mod http;
mod stop;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) use address::{interface_addresses, preview};
pub(crate) use events::{EventStream, Hub};
pub(crate) use http::{Limits, Server};
pub(crate) use watch::Watcher;

use crate::build::{BuildOptions, BuildReport};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::messages::msg;
use crate::messages::Message;
use crate::session::Session;

/// The script added to HTML responses.
pub(crate) const LIVE_SCRIPT: &str = "/__loa/live.js";
const LIVE_JS: &str = include_str!("serve/live.js");
const EVENTS: &str = "/__loa/events";
const STATUS: &str = "/__loa/status";

/// How long an event stream stays quiet before a keep-alive comment, which
/// also finds the tabs that were closed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Served for every page until a first build succeeds: the script shows the
/// errors over it.
fn not_built_page() -> &'static str {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| {
        let lang = crate::messages::language();
        let escape = |m: Message| crate::html::escape_attribute(&m.render(lang));
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n</head>\n<body data-loa-not-built>\n\
             <p>{}</p>\n</body>\n</html>\n",
            lang.code(),
            escape(msg!("overlay.title")),
            escape(msg!("overlay.not-built-page")),
        )
    })
}

/// What `loa serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The site's folder (holding site.toml).
    pub root: PathBuf,
    /// The address to listen on: `127.0.0.1`, `0.0.0.0`, `::1`...
    pub bind: String,
    pub port: u16,
    /// The output folder; a folder in the system's temporary space when
    /// `None` (see `preview_folder`).
    pub output: Option<PathBuf>,
}

impl ServeConfig {
    /// `host:port`, with an IPv6 address in brackets.
    pub fn address(&self) -> String {
        if self.bind.contains(':') && !self.bind.starts_with('[') {
            format!("[{}]:{}", self.bind, self.port)
        } else {
            format!("{}:{}", self.bind, self.port)
        }
    }
}

/// Where a preview goes without `--output`: a folder of the system's
/// temporary space, never `public/`, so that a preview with drafts and
/// `http://127.0.0.1` links cannot be published by mistake.
fn preview_folder(root: &Path, port: u16) -> PathBuf {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let id = crate::hash::fingerprint(&root) as u32;
    std::env::temp_dir().join(format!("loa-serve-{id:08x}-{port}"))
}

/// Builds, serves and rebuilds until the process is stopped (Ctrl+C, which
/// removes the preview folder serve chose). Returns early only when the
/// server cannot start: the address is taken, the output folder is refused,
/// or the root holds no site.
pub fn run(config: &ServeConfig) -> Result<(), Error> {
    let address = config.address();
    let mut server = Server::bind(&address).map_err(|e| {
        Error::Output(msg!(
            "cannot-listen",
            address = &address,
            detail = e.to_string()
        ))
    })?;
    let limits = Limits::for_this_process();
    let preview = preview(
        &config.bind,
        server.address().port(),
        &interface_addresses(),
    );
    let chosen = config
        .output
        .is_none()
        .then(|| preview_folder(&config.root, config.port));
    let options = BuildOptions {
        output: config.output.clone().or_else(|| chosen.clone()),
        base_url: Some(preview.base_url.clone()),
        drafts: true,
        ..BuildOptions::default()
    };
    let stop = stop::Stop::new(chosen);
    stop.on_signal(server.runtime())
        .map_err(|e| Error::Output(msg!("cannot-listen-ctrl-c", detail = e.to_string())))?;
    let hub = Arc::new(Hub::new(KEEP_ALIVE));
    // Watching before the first build: a save during it is not missed.
    let watcher = Watcher::new(&config.root);

    let started = Instant::now();
    let mut warnings = Vec::new();
    let building = stop.building();
    let mut session = match Session::start(&config.root, options.clone()) {
        Ok((session, report)) => {
            print_built(&report, started);
            warnings = report.warnings;
            hub.succeeded(session.output().to_path_buf());
            Some(session)
        }
        // A mistake in the content: the editor fixes it while we watch.
        Err(error)
            if !matches!(error, Error::Output(_)) && config.root.join("site.toml").is_file() =>
        {
            print_failure(&error, msg!("serve.nothing-to-serve"));
            hub.failed(errors_json(&error));
            None
        }
        Err(error) => return Err(error),
    };
    drop(building);

    for line in &preview.lines {
        eprintln!("{line}");
    }
    server.serve(Arc::clone(&hub), limits);

    match watcher {
        Ok(mut watcher) => {
            eprintln!("{}", msg!("serve.watching"));
            while let Some(changed) = watcher.next_batch() {
                let _building = stop.building();
                rebuild(
                    &config.root,
                    &options,
                    &mut session,
                    &changed,
                    &hub,
                    &mut warnings,
                );
            }
            Ok(())
        }
        Err(message) => {
            eprintln!("{}", msg!("serve.not-watching", detail = message));
            server.wait();
            Ok(())
        }
    }
}

/// One rebuild after `changed` (relative to the root), reported to the
/// terminal and to the browsers.
fn rebuild(
    root: &Path,
    options: &BuildOptions,
    session: &mut Option<Session>,
    changed: &[PathBuf],
    hub: &Hub,
    shown_warnings: &mut Vec<Diagnostic>,
) {
    let started = Instant::now();
    let result = match session {
        Some(session) => {
            // A scheduled article whose time has come appears on the next save.
            session.set_now(chrono::Utc::now());
            session
                .rebuild(changed)
                .map(|report| (report, session.output().to_path_buf()))
        }
        // No build has succeeded yet: start again, with today's clock.
        None => {
            let options = BuildOptions {
                now: chrono::Utc::now(),
                ..options.clone()
            };
            Session::start(root, options).map(|(started, report)| {
                let output = started.output().to_path_buf();
                *session = Some(started);
                (report, output)
            })
        }
    };
    match result {
        Ok((report, output)) => {
            // Warnings once, not again on every save.
            if report.warnings != *shown_warnings {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                shown_warnings.clone_from(&report.warnings);
            }
            // Said when the whole site was redone, so that a slow save
            // has its reason on screen (site.toml or the theme changed).
            let (ms, changes) = (
                started.elapsed().as_millis().to_string(),
                describe_changes(changed),
            );
            let line = if report.incremental {
                msg!("serve.rebuilt", ms = ms, changes = changes)
            } else {
                msg!("serve.rebuilt-whole", ms = ms, changes = changes)
            };
            let line = match report.left_out() {
                Some(left_out) => msg!("cli.with-left-out", line = line, left_out = left_out),
                None => line,
            };
            eprintln!("{line}");
            hub.succeeded(output);
        }
        Err(error) => {
            let consequence = if session.is_some() {
                msg!("serve.still-serving")
            } else {
                msg!("serve.nothing-to-serve")
            };
            print_failure(&error, consequence);
            hub.failed(errors_json(&error));
        }
    }
}

fn print_built(report: &BuildReport, started: Instant) {
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    eprintln!("{}", report.summary_line(started));
}

fn print_failure(error: &Error, consequence: Message) {
    crate::error::eprint_error(error, consequence);
}

/// `content/a.md`, `content/a.md and 2 more`.
fn describe_changes(changed: &[PathBuf]) -> Message {
    let first = changed
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    match changed.len() {
        0 | 1 => msg!("serve.changed", first = first),
        n => msg!("serve.changed-more", first = first, more = n - 1),
    }
}

/// What a failed build sends to the browsers: its diagnostics as a JSON
/// array; an error that is not about content becomes a single message (with
/// the template's file for a template error).
pub(crate) fn errors_json(error: &Error) -> Arc<str> {
    let diagnostics = error.diagnostics();
    let lang = crate::messages::language();
    serde_json::Value::Array(crate::diagnostics::json_values(&diagnostics, lang))
        .to_string()
        .into()
}

/// The live script with the overlay's words in the process's language: the
/// script reads them from `TEXT`, which it declares empty for the server
/// to fill.
fn live_script() -> &'static str {
    static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SCRIPT.get_or_init(|| {
        let lang = crate::messages::language();
        let words = serde_json::json!({
            "lang": lang.code(),
            "title": msg!("overlay.title").render(lang),
            "errorsOne": msg!("overlay.errors-one").render(lang),
            "errorsOther": msg!("overlay.errors-other").render(lang),
            "notBuilt": msg!("overlay.not-built").render(lang),
            "lastGood": msg!("overlay.last-good").render(lang),
            "fix": msg!("overlay.fix").render(lang),
            "error": msg!("overlay.error").render(lang),
            "warning": msg!("overlay.warning").render(lang),
            "help": msg!("overlay.help").render(lang),
            "hide": msg!("overlay.hide").render(lang),
        });
        LIVE_JS.replacen("var TEXT = {};", &format!("var TEXT = {words};"), 1)
    })
}

/// The answer for a path under `/__loa/` but the event stream; `None` for
/// the site's own paths.
fn reserved(path: &str, hub: &Hub) -> Option<Reply> {
    Some(match path {
        LIVE_SCRIPT => Reply::new(
            200,
            live_script().as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        STATUS => Reply::new(200, hub.status_json().into_bytes(), "application/json"),
        _ if path == "/__loa" || path.starts_with("/__loa/") => {
            let text = msg!("serve.not-found").to_string();
            Reply::new(404, text.into_bytes(), "text/plain; charset=utf-8")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::thread;

    #[test]
    fn the_script_never_parses_data_as_html() {
        assert!(!LIVE_JS.contains("innerHTML"));
        assert!(!LIVE_JS.contains("insertAdjacentHTML"));
        assert!(!LIVE_JS.contains("document.write"));
        assert!(LIVE_JS.contains("textContent"));
        assert!(live_script().contains("Lỗi khi dựng trang"));
        assert!(!live_script().contains("var TEXT = {};"));
    }

    #[test]
    fn errors_are_json_with_file_line_and_help() {
        let error = Error::Content(vec![Diagnostic::error(
            "content/a.md",
            crate::diagnostics::Position::new(3, 7),
            msg!("bad-date", field = "date", text = "19/10/2021 <b>"),
        )
        .with_help(msg!("help.date-order", field = "date", date = "2021-10-19"))]);
        let json: serde_json::Value = serde_json::from_str(&errors_json(&error)).unwrap();
        assert_eq!(json[0]["path"], "content/a.md");
        assert_eq!(json[0]["line"], 3);
        assert_eq!(json[0]["column"], 7);
        assert_eq!(json[0]["severity"], "error");
        // In the process's language: Vietnamese unless told otherwise.
        assert_eq!(json[0]["code"], "bad-date");
        assert_eq!(
            json[0]["message"],
            "`date: 19/10/2021 <b>` không phải là ngày tháng"
        );
        assert_eq!(json[0]["help"], "viết `date: 2021-10-19`");

        let template = Error::Template {
            name: "article.html".into(),
            message: "unexpected `}}`".into(),
        };
        let json: serde_json::Value = serde_json::from_str(&errors_json(&template)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 1);
        assert_eq!(json[0]["path"], "article.html");
        assert_eq!(json[0]["code"], "template-error");
        assert_eq!(
            json[0]["message"],
            "mẫu giao diện article.html: unexpected `}}`"
        );

        let output = Error::Output(msg!("output-not-a-folder", path = "public"));
        let json: serde_json::Value = serde_json::from_str(&errors_json(&output)).unwrap();
        assert_eq!(json[0]["path"], "");
        assert_eq!(json[0]["code"], "output-not-a-folder");
        assert_eq!(json[0]["message"], "public đã có và không phải là thư mục");
    }

    #[test]
    fn ipv6_addresses_get_brackets() {
        let config = |bind: &str| ServeConfig {
            root: PathBuf::from("."),
            bind: bind.to_string(),
            port: 1111,
            output: None,
        };
        assert_eq!(config("127.0.0.1").address(), "127.0.0.1:1111");
        assert_eq!(config("::1").address(), "[::1]:1111");
        assert_eq!(config("[::1]").address(), "[::1]:1111");
    }

    /// A server over a hand-made output, on a free port; it stops when
    /// the returned server is dropped.
    fn start_with(hub: &Arc<Hub>, limits: Limits) -> (Server, std::net::SocketAddr) {
        let mut server = Server::bind("127.0.0.1:0").unwrap();
        let address = server.address();
        server.serve(Arc::clone(hub), limits);
        (server, address)
    }

    fn start(hub: &Arc<Hub>) -> (Server, std::net::SocketAddr) {
        start_with(hub, Limits::for_this_process())
    }

    fn get(address: std::net::SocketAddr, path: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn serves_html_with_the_script_and_other_files_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(output.join("a")).unwrap();
        fs::write(output.join("a/index.html"), "<body>A</body>").unwrap();
        fs::write(output.join("style.css"), "body{}</body>").unwrap();
        fs::write(output.join("404.html"), "<body>missing</body>").unwrap();
        let hub = Arc::new(Hub::new(Duration::from_secs(5)));
        let (_server, address) = start(&hub);

        let page = get(address, "/a/");
        assert!(
            page.starts_with("HTTP/1.0 503"),
            "nothing built yet: {page}"
        );
        assert!(page.contains(LIVE_SCRIPT), "{page}");

        hub.succeeded(output.clone());
        let page = get(address, "/a/");
        assert!(page.starts_with("HTTP/1.0 200"), "{page}");
        assert!(page.contains("Cache-Control: no-store"), "{page}");
        assert!(
            page.contains("A<script src=\"/__loa/live.js?build="),
            "{page}"
        );
        let css = get(address, "/style.css");
        assert!(css.ends_with("\r\n\r\nbody{}</body>"), "{css}");
        let missing = get(address, "/b/");
        assert!(missing.starts_with("HTTP/1.0 404"), "{missing}");
        assert!(missing.contains("missing<script"), "{missing}");
        let redirect = get(address, "//a?x=1");
        assert!(redirect.starts_with("HTTP/1.0 301"), "{redirect}");
        assert!(redirect.contains("Location: /a/?x=1\r\n"), "{redirect}");
        let script = get(address, LIVE_SCRIPT);
        assert!(script.contains("EventSource"), "{script}");
        assert!(get(address, "/__loa/other").starts_with("HTTP/1.0 404"));
        // The file on disk is untouched.
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "<body>A</body>"
        );
    }

    #[test]
    fn an_event_stream_ends_when_the_tab_is_closed() {
        let hub = Arc::new(Hub::new(Duration::from_millis(20)));
        let (_server, address) = start(&hub);
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(&stream, "GET {EVENTS} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut reader = BufReader::new(&stream);
        let mut lines = Vec::new();
        while !lines.iter().any(|l: &String| l.starts_with("event: hello")) {
            let mut line = String::new();
            assert!(reader.read_line(&mut line).unwrap() > 0, "{lines:?}");
            lines.push(line);
        }
        assert_eq!(lines[0], "HTTP/1.1 200 OK\r\n");
        assert!(lines.contains(&"Content-Type: text/event-stream; charset=utf-8\r\n".into()));
        assert_eq!(hub.streams(), 1);
        drop(reader);
        drop(stream);
        // The next keep-alive writes fail and end the stream.
        let mut waited = 0;
        while hub.streams() > 0 && waited < 200 {
            thread::sleep(Duration::from_millis(25));
            waited += 1;
        }
        assert_eq!(hub.streams(), 0, "the stream has ended");
    }

    /// Limits small enough to reach in a test.
    fn small(connections: usize) -> Limits {
        Limits {
            connections,
            head_timeout: Duration::from_millis(200),
            write_timeout: Duration::from_millis(200),
        }
    }

    /// Opens `/__loa/events` and reads until its `hello`.
    fn open_stream(address: std::net::SocketAddr) -> TcpStream {
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(&stream, "GET {EVENTS} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        while !String::from_utf8_lossy(&seen).contains("event: hello") {
            let n = (&stream).read(&mut buf).unwrap();
            assert!(n > 0, "{}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
        }
        stream
    }

    #[test]
    fn a_client_that_never_finishes_its_request_is_closed() {
        let hub = Arc::new(Hub::new(Duration::from_secs(5)));
        let (_server, address) = start_with(&hub, small(10));
        let mut idle = TcpStream::connect(address).unwrap();
        idle.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(idle, "GET /__loa/status HT").unwrap();
        let mut rest = Vec::new();
        // Closed by the server (an answer, or none), not by the read timeout.
        match idle.read_to_end(&mut rest) {
            Ok(_) => {}
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        }
        // So is a kept-alive connection that stays idle after its answer.
        let mut kept = TcpStream::connect(address).unwrap();
        kept.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(kept, "GET /__loa/status HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        kept.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        assert!(answer.contains("\"ok\":true"), "{answer}");
    }

    #[test]
    fn connections_beyond_the_limit_wait_for_a_free_one() {
        let hub = Arc::new(Hub::new(Duration::from_secs(5)));
        let (_server, address) = start_with(&hub, small(2));
        let first = open_stream(address);
        let _second = open_stream(address);
        assert_eq!(hub.streams(), 2);
        let mut third = TcpStream::connect(address).unwrap();
        write!(third, "GET /__loa/status HTTP/1.0\r\n\r\n").unwrap();
        third
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut buf = [0u8; 64];
        let waiting = third.read(&mut buf);
        assert!(
            waiting.as_ref().is_err_and(|e| matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )),
            "answered beyond the limit: {waiting:?}"
        );
        // A tab closes: its connection's place goes to the waiting one.
        drop(first);
        third
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut answer = String::new();
        third.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.0 200 OK"), "{answer}");
    }

    #[test]
    fn a_client_that_stops_reading_gives_its_place_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(&output).unwrap();
        // Far more than the system's socket buffers hold.
        fs::write(output.join("big.pdf"), vec![b'x'; 64 << 20]).unwrap();
        let hub = Arc::new(Hub::new(Duration::from_secs(5)));
        hub.succeeded(output);
        let (_server, address) = start_with(&hub, small(1));
        let stuck = TcpStream::connect(address).unwrap();
        write!(&stuck, "GET /big.pdf HTTP/1.0\r\n\r\n").unwrap();
        // Never read: the server's write stalls, then times out, and the
        // one place is free for the next client.
        let answer = get(address, "/__loa/status");
        assert!(answer.starts_with("HTTP/1.0 200 OK"), "{answer}");
        drop(stuck);
    }
}
