//! The state of `loa serve` shared by the request handlers (which output
//! is served, whether the last rebuild failed) and its broadcast to the
//! browsers' event streams (Server-Sent Events).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::broadcast::{self, error::RecvError};

/// At most this many event streams at once; more are refused (a browser
/// opens one per tab). A stream costs a few kilobytes and no thread.
pub(crate) const MAX_STREAMS: usize = 1000;

/// Events a stream may fall behind before it is closed. The browser then
/// reconnects, and the build id in `hello` tells it whether to reload.
const BACKLOG: usize = 16;

/// What the browsers are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The first event of every stream: the build being served. A tab that
    /// reconnects (the server was restarted) and sees another build reloads.
    Hello(String),
    /// A new build is being served: reload the page.
    Reload(String),
    /// The last rebuild failed; the data is a JSON array of diagnostics.
    Error(Arc<str>),
}

impl Event {
    /// The event in the `text/event-stream` format.
    pub(crate) fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Hello(build) => ("hello", build.as_str()),
            Event::Reload(build) => ("reload", build.as_str()),
            Event::Error(json) => ("error", &**json),
        };
        let mut text = format!("event: {name}\n");
        // A line break in the data would end the field: each line gets its
        // own `data:` field, and the browser joins them with line breaks.
        for line in data.split('\n') {
            text.push_str("data: ");
            text.push_str(line.trim_end_matches('\r'));
            text.push('\n');
        }
        text.push('\n');
        text
    }
}

/// What a request sees of the server's state.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    /// The last good output; `None` until a build has succeeded.
    pub output: Option<PathBuf>,
    /// Changes with every successful build (and every server start).
    pub build: String,
    /// The diagnostics of the failed rebuild (a JSON array), while the
    /// build is broken.
    pub errors: Option<Arc<str>>,
}

struct State {
    output: Option<PathBuf>,
    /// Distinguishes one run of the server from the next.
    run: String,
    generation: u64,
    errors: Option<Arc<str>>,
}

impl State {
    fn build(&self) -> String {
        format!("{}-{}", self.run, self.generation)
    }
}

/// The server's state and the streams that follow it.
pub(crate) struct Hub {
    state: Mutex<State>,
    events: broadcast::Sender<Event>,
    streams: Arc<AtomicUsize>,
    keep_alive: Duration,
}

impl Hub {
    /// A hub with nothing built yet; event streams send a comment after
    /// `keep_alive` without events, which also finds closed connections.
    pub fn new(keep_alive: Duration) -> Hub {
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        Hub {
            state: Mutex::new(State {
                output: None,
                run: run.to_string(),
                generation: 0,
                errors: None,
            }),
            events: broadcast::channel(BACKLOG).0,
            streams: Arc::new(AtomicUsize::new(0)),
            keep_alive,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        let state = lock(&self.state);
        Snapshot {
            output: state.output.clone(),
            build: state.build(),
            errors: state.errors.clone(),
        }
    }

    /// A build succeeded into `output`: serve it, clear the errors and tell
    /// every tab to reload.
    pub fn succeeded(&self, output: PathBuf) {
        let mut state = lock(&self.state);
        state.output = Some(output);
        state.generation += 1;
        state.errors = None;
        let event = Event::Reload(state.build());
        // Broadcast under the state lock, so that a stream subscribing now
        // either saw the old state and gets this event, or sees the new one.
        self.broadcast(&event);
    }

    /// A rebuild failed: keep serving the last good output and show
    /// `errors` (a JSON array of diagnostics) in every tab.
    pub fn failed(&self, errors: Arc<str>) {
        let mut state = lock(&self.state);
        state.errors = Some(Arc::clone(&errors));
        self.broadcast(&Event::Error(errors));
    }

    fn broadcast(&self, event: &Event) {
        // An error only says that no stream is open.
        let _ = self.events.send(event.clone());
    }

    /// A new event stream, starting with the current state; `None` when too
    /// many are open.
    pub fn subscribe(&self) -> Option<EventStream> {
        let state = lock(&self.state);
        let guard = StreamGuard::acquire(&self.streams)?;
        // A tab that lost its connection tries again after a second.
        let mut first = String::from("retry: 1000\n\n");
        first.push_str(&Event::Hello(state.build()).to_sse());
        if let Some(errors) = &state.errors {
            first.push_str(&Event::Error(Arc::clone(errors)).to_sse());
        }
        Some(EventStream {
            receiver: self.events.subscribe(),
            first: Some(first),
            keep_alive: self.keep_alive,
            _guard: guard,
        })
    }

    /// How many event streams are open.
    #[cfg(test)]
    pub(crate) fn streams(&self) -> usize {
        self.streams.load(Ordering::SeqCst)
    }

    /// `{"build": "...", "ok": true|false, "errors": [...]}`.
    pub(crate) fn status_json(&self) -> String {
        let snapshot = self.snapshot();
        // The build id holds digits and a dash; the errors are JSON already.
        format!(
            "{{\"build\":\"{}\",\"ok\":{},\"errors\":{}}}",
            snapshot.build,
            snapshot.errors.is_none(),
            snapshot.errors.as_deref().unwrap_or("[]")
        )
    }
}

/// A lock that survives a panicked holder: the state is replaced whole, so
/// it is never half-written.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Counts an open stream for as long as it lives.
struct StreamGuard(Arc<AtomicUsize>);

impl StreamGuard {
    fn acquire(count: &Arc<AtomicUsize>) -> Option<StreamGuard> {
        count
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < MAX_STREAMS).then_some(n + 1)
            })
            .ok()?;
        Some(StreamGuard(Arc::clone(count)))
    }
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// An event stream: the state when it opened, then every event, and a
/// comment line after each quiet `keep_alive`.
pub(crate) struct EventStream {
    receiver: broadcast::Receiver<Event>,
    first: Option<String>,
    keep_alive: Duration,
    _guard: StreamGuard,
}

impl EventStream {
    /// The next text to send; `None` when the stream ends: the hub is gone,
    /// or this stream fell behind (its client does not read) and is closed.
    pub async fn next_text(&mut self) -> Option<String> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        match tokio::time::timeout(self.keep_alive, self.receiver.recv()).await {
            Ok(Ok(event)) => Some(event.to_sse()),
            Ok(Err(RecvError::Lagged(_) | RecvError::Closed)) => None,
            Err(_quiet) => Some(": keep-alive\n\n".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stream's next text, waited for on a runtime of its own.
    fn read_some(stream: &mut EventStream) -> String {
        next(stream).expect("the stream goes on")
    }

    fn next(stream: &mut EventStream) -> Option<String> {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(stream.next_text())
    }

    #[test]
    fn events_are_framed_for_server_sent_events() {
        assert_eq!(
            Event::Reload("1-2".into()).to_sse(),
            "event: reload\ndata: 1-2\n\n"
        );
        assert_eq!(
            Event::Error("[\n{}\r\n]".into()).to_sse(),
            "event: error\ndata: [\ndata: {}\ndata: ]\n\n"
        );
    }

    #[test]
    fn a_stream_starts_with_the_state_then_follows_the_builds() {
        let hub = Hub::new(Duration::from_secs(5));
        hub.succeeded(PathBuf::from("out"));
        let build = hub.snapshot().build;
        let mut stream = hub.subscribe().unwrap();
        let first = read_some(&mut stream);
        assert!(first.starts_with("retry: 1000\n\n"), "{first}");
        assert!(first.contains(&format!("event: hello\ndata: {build}\n\n")));
        assert!(!first.contains("event: error"), "{first}");

        hub.failed("[{\"message\":\"x\"}]".into());
        assert_eq!(
            read_some(&mut stream),
            "event: error\ndata: [{\"message\":\"x\"}]\n\n"
        );
        assert!(hub.status_json().contains("\"ok\":false"));

        // A tab opened while the build is broken gets the errors at once.
        let mut late = hub.subscribe().unwrap();
        assert!(read_some(&mut late).contains("event: error\ndata: [{\"message\":\"x\"}]"));

        hub.succeeded(PathBuf::from("out"));
        let reload = read_some(&mut stream);
        assert!(reload.starts_with("event: reload\n"), "{reload}");
        assert_ne!(hub.snapshot().build, build);
        assert!(hub.snapshot().errors.is_none());
        assert_eq!(
            hub.status_json(),
            format!(
                "{{\"build\":\"{}\",\"ok\":true,\"errors\":[]}}",
                hub.snapshot().build
            )
        );
    }

    #[test]
    fn a_quiet_stream_sends_keep_alive_comments() {
        let hub = Hub::new(Duration::from_millis(10));
        let mut stream = hub.subscribe().unwrap();
        read_some(&mut stream);
        assert_eq!(read_some(&mut stream), ": keep-alive\n\n");
    }

    #[test]
    fn closed_streams_are_counted_out_and_dropped_from_the_broadcast() {
        let hub = Hub::new(Duration::from_secs(5));
        let a = hub.subscribe().unwrap();
        let b = hub.subscribe().unwrap();
        assert_eq!(hub.streams(), 2);
        drop(a);
        assert_eq!(hub.streams(), 1);
        hub.succeeded(PathBuf::from("out"));
        assert_eq!(hub.events.receiver_count(), 1);
        drop(b);
        assert_eq!(hub.streams(), 0);
    }

    #[test]
    fn too_many_streams_are_refused() {
        let hub = Hub::new(Duration::from_secs(5));
        let open: Vec<_> = (0..MAX_STREAMS).map_while(|_| hub.subscribe()).collect();
        assert_eq!(open.len(), MAX_STREAMS);
        assert!(hub.subscribe().is_none());
        drop(open);
        assert!(hub.subscribe().is_some());
    }

    #[test]
    fn a_stream_that_falls_behind_is_closed_and_counted_out() {
        let hub = Hub::new(Duration::from_secs(5));
        let mut stream = hub.subscribe().unwrap();
        assert!(read_some(&mut stream).contains("event: hello"));
        // A client that does not read: the events it missed are not kept.
        for _ in 0..=BACKLOG {
            hub.succeeded(PathBuf::from("out"));
        }
        assert_eq!(next(&mut stream), None);
        drop(stream);
        assert_eq!(hub.streams(), 0);
        // A stream that reads keeps going.
        let mut reading = hub.subscribe().unwrap();
        read_some(&mut reading);
        for _ in 0..=BACKLOG {
            hub.succeeded(PathBuf::from("out"));
            assert!(read_some(&mut reading).starts_with("event: reload\n"));
        }
    }

    #[test]
    fn a_stream_ends_when_the_hub_is_gone() {
        let hub = Hub::new(Duration::from_secs(5));
        let mut stream = hub.subscribe().unwrap();
        read_some(&mut stream);
        drop(hub);
        assert_eq!(next(&mut stream), None);
    }
}
