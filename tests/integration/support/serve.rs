//! `loa serve` as a child process, and a tiny HTTP client over
//! `std::net::TcpStream`: GET requests and a Server-Sent Events reader.
//! Every wait is bounded, so that a broken server fails a test instead of
//! hanging it.

use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::fixtures::Fixture;

/// How long a test waits for the server to start, or for an event.
pub const WAIT: Duration = Duration::from_secs(15);

/// A running `loa serve`, killed when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Fixture {
    /// Starts `loa serve --root <site> --output <out>` on a free port and
    /// waits until it answers.
    pub fn serve(&self) -> Served {
        let out = self.out();
        self.serve_with(&["--output", out.to_str().unwrap()], None)
    }

    /// Starts `loa serve --root <site> --port <free port>` with `args`, and
    /// the system's temporary folder at `temp` when given; waits until it
    /// answers.
    pub fn serve_with(&self, args: &[&str], temp: Option<&Path>) -> Served {
        let log = self.dir.path().join("serve.log");
        let root = self.root();
        // A port found free may be taken again before the server binds it:
        // then the server exits at once and another port is tried.
        for _ in 0..5 {
            let port = free_port();
            let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
            command
                .arg("serve")
                .arg("--root")
                .arg(&root)
                .arg("--port")
                .arg(port.to_string())
                .args(args)
                .current_dir(self.dir.path())
                .env("NO_COLOR", "1")
                .env("LOA_LANG", "en")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(fs::File::create(&log).expect("log file"));
            if let Some(temp) = temp {
                command.env("TMPDIR", temp);
            }
            let child = command.spawn().expect("start loa serve");
            let mut served = Served {
                child,
                port,
                log: log.clone(),
            };
            if served.wait_until_ready() {
                return served;
            }
        }
        panic!("loa serve did not start");
    }
}

impl Served {
    /// Polls `/__loa/status` until it answers: `false` when the process
    /// exited (its port was taken), a panic when it neither answers nor
    /// exits in time.
    fn wait_until_ready(&mut self) -> bool {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = self.stderr();
                assert!(
                    log.contains("cannot listen"),
                    "loa serve exited with {status}:\n{log}"
                );
                return false;
            }
            if try_get(self.port, "/__loa/status").is_ok_and(|r| r.status == 200) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("loa serve did not answer in {WAIT:?}:\n{}", self.stderr());
    }

    /// Sends `signal` (`INT`, `TERM`) and waits for the process to end.
    #[cfg(unix)]
    pub fn stop(&mut self, signal: &str) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .arg("-s")
            .arg(signal)
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -s {signal} failed");
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait for loa serve") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "loa serve still runs {WAIT:?} after SIG{signal}:\n{}",
            self.stderr()
        );
    }

    /// What the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The log once `done` says it is complete; a panic with the log when
    /// it is not within [`WAIT`].
    pub fn wait_for_log(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let log = self.stderr();
            if done(&log) {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "not in the log in {WAIT:?}:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A GET request; panics when the server does not answer.
    pub fn get(&self, path: &str) -> Response {
        try_get(self.port, path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\nserver log:\n{}", self.stderr()))
    }

    /// `/__loa/status` parsed.
    pub fn status(&self) -> serde_json::Value {
        let response = self.get("/__loa/status");
        assert_eq!(response.status, 200, "{}", response.body);
        serde_json::from_str(&response.body).expect("status is JSON")
    }

    /// Opens `/__loa/events`.
    pub fn events(&self) -> Events {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            &stream,
            "GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut events = Events {
            reader: Box::new(BufReader::new(stream)),
            partial: Vec::new(),
            head: String::new(),
        };
        let deadline = Instant::now() + WAIT;
        loop {
            let line = events.line(deadline).expect("the event stream's head");
            if line.is_empty() {
                break;
            }
            events.head.push_str(&line);
            events.head.push('\n');
        }
        assert!(events.head.starts_with("HTTP/1.1 200"), "{}", events.head);
        assert!(
            events.head.contains("Content-Type: text/event-stream"),
            "{}",
            events.head
        );
        // A stream has no length: HTTP/1.1 sends it in chunks.
        if events.head.contains("Transfer-Encoding: chunked") {
            let plain = std::mem::replace(&mut events.reader, Box::new(std::io::empty()));
            events.reader = Box::new(BufReader::new(Chunked {
                inner: plain,
                left: 0,
                size_line: Vec::new(),
            }));
        }
        events
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// An HTTP response: status, header lines, body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

/// `GET path` over HTTP/1.0 (no chunked body, the server closes the
/// connection), sent as written: `..` is not normalized.
pub fn try_get(port: u16, path: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no HTTP head in {text:?}")))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {head:?}")))?;
    Ok(Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
}

/// An open event stream.
pub struct Events {
    reader: Box<dyn BufRead>,
    partial: Vec<u8>,
    pub head: String,
}

/// The body of a chunked response as it arrives. A read that times out
/// keeps what was read of a chunk's size line for the next call.
struct Chunked {
    inner: Box<dyn BufRead>,
    /// What is left of the current chunk's data.
    left: usize,
    size_line: Vec<u8>,
}

impl Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.left > 0 {
                let available = self.inner.fill_buf()?;
                let n = available.len().min(self.left).min(buf.len());
                buf[..n].copy_from_slice(&available[..n]);
                self.inner.consume(n);
                self.left -= n;
                return Ok(n);
            }
            if self.inner.read_until(b'\n', &mut self.size_line)? == 0 {
                return Ok(0);
            }
            if !self.size_line.ends_with(b"\n") {
                continue;
            }
            let line = String::from_utf8_lossy(&self.size_line).trim().to_string();
            self.size_line.clear();
            // The line break after a chunk's data.
            if line.is_empty() {
                continue;
            }
            let size = line.split(';').next().unwrap_or("");
            self.left = usize::from_str_radix(size, 16)
                .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
            if self.left == 0 {
                return Ok(0);
            }
        }
    }
}

/// One Server-Sent Event.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: String,
    pub data: String,
}

impl Events {
    /// The next line (without its line break), or `None` at the deadline.
    fn line(&mut self, deadline: Instant) -> Option<String> {
        while Instant::now() < deadline {
            match self.reader.read_until(b'\n', &mut self.partial) {
                Ok(0) => panic!("the server closed the event stream"),
                Ok(_) if self.partial.ends_with(b"\n") => {
                    let line = String::from_utf8_lossy(&self.partial)
                        .trim_end_matches(['\r', '\n'])
                        .to_string();
                    self.partial.clear();
                    return Some(line);
                }
                Ok(_) => {}
                // The bytes read so far stay in `partial`.
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
        None
    }

    /// The next event (comments and `retry:` skipped), or `None` when none
    /// came before `deadline`.
    pub fn next(&mut self, deadline: Instant) -> Option<Event> {
        let mut name = String::new();
        let mut data: Vec<String> = Vec::new();
        loop {
            let line = self.line(deadline)?;
            if line.is_empty() {
                if !name.is_empty() || !data.is_empty() {
                    let name = if name.is_empty() {
                        "message".into()
                    } else {
                        name
                    };
                    return Some(Event {
                        name,
                        data: data.join("\n"),
                    });
                }
            } else if let Some(value) = line.strip_prefix("event:") {
                name = value.trim_start().to_string();
            } else if let Some(value) = line.strip_prefix("data:") {
                data.push(value.strip_prefix(' ').unwrap_or(value).to_string());
            }
        }
    }

    /// Waits (at most [`WAIT`]) for an event named `name`, skipping others;
    /// returns its data.
    pub fn wait_for(&mut self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(event) = self.next(deadline) {
            if event.name == name {
                return event.data;
            }
            seen.push(event);
        }
        panic!("no `{name}` event in {WAIT:?}; saw {seen:?}");
    }
}

/// Replaces a file the way editors save: a hidden temporary file beside it,
/// renamed over it.
pub fn save(path: &Path, text: &str) {
    let name = path.file_name().unwrap().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.swp"));
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}
