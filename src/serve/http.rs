//! The HTTP server of `loa serve`: hyper on a tokio runtime with a fixed
//! number of threads, so that thousands of open connections (pages, and a
//! live-reload event stream per open tab) cost memory, not threads.
//!
//! What bounds it: at most `Limits::connections` connections at once (the
//! others wait in the system's listen queue until one closes); a request
//! head must arrive within `Limits::head_timeout` (this also closes idle
//! keep-alive connections); a write that makes no progress for
//! `Limits::write_timeout` closes the connection; request heads are read
//! into at most `MAX_HEAD` bytes; event streams are capped by the hub.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::server::conn::http1;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

use super::files::{serve_file, Reply};
use super::{EventStream, Hub, EVENTS};

/// Threads that run every connection.
const WORKERS: usize = 2;
/// Threads that read files from the output, at most.
const FILE_READERS: usize = 4;
/// Open connections at most, when the system allows that many open files.
const MAX_CONNECTIONS: usize = 10_000;
/// Open files kept for the builds, the watcher and the standard streams.
const RESERVED_FILES: u64 = 256;
/// The largest request head read (hyper's smallest buffer is 8 KiB).
const MAX_HEAD: usize = 16 * 1024;

/// How much the server takes on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Connections served at once.
    pub connections: usize,
    /// The time a client has to send a request head, and that a
    /// keep-alive connection may stay idle.
    pub head_timeout: Duration,
    /// The time a write may make no progress (a client that stopped
    /// reading).
    pub write_timeout: Duration,
}

impl Limits {
    /// The limits of `loa serve`, raising the process's limit of open files
    /// as far as the system allows (one file per connection).
    pub(crate) fn for_this_process() -> Limits {
        Limits {
            connections: connections_allowed(),
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
        }
    }
}

#[cfg(unix)]
fn connections_allowed() -> usize {
    let files = rlimit::increase_nofile_limit(u64::MAX)
        .or_else(|_| rlimit::Resource::NOFILE.get().map(|(soft, _)| soft))
        .unwrap_or(1024);
    let free = files.saturating_sub(RESERVED_FILES).max(16);
    usize::try_from(free).map_or(MAX_CONNECTIONS, |n| n.min(MAX_CONNECTIONS))
}

#[cfg(not(unix))]
fn connections_allowed() -> usize {
    MAX_CONNECTIONS
}

/// A bound address and the runtime that will serve it.
pub struct Server {
    runtime: Runtime,
    listener: Option<TcpListener>,
    address: SocketAddr,
}

impl Server {
    /// Starts the runtime and listens on `address` (`host:port`).
    pub fn bind(address: &str) -> io::Result<Server> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(WORKERS)
            .max_blocking_threads(FILE_READERS)
            .thread_name("loa-http")
            .enable_io()
            .enable_time()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind(address))?;
        let address = listener.local_addr()?;
        Ok(Server {
            runtime,
            listener: Some(listener),
            address,
        })
    }

    /// The address listened on (with the port the system chose for 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The runtime, for other tasks of the server (signals).
    pub(crate) fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Answers connections from now on, in the runtime's threads.
    pub fn serve(&mut self, hub: Arc<Hub>, limits: Limits) {
        if let Some(listener) = self.listener.take() {
            self.runtime.spawn(accept(listener, hub, limits));
        }
    }

    /// Blocks the calling thread for as long as the process runs.
    pub fn wait(&self) {
        self.runtime.block_on(std::future::pending::<()>());
    }
}

async fn accept(listener: TcpListener, hub: Arc<Hub>, limits: Limits) {
    let permits = Arc::new(Semaphore::new(limits.connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        .max_buf_size(MAX_HEAD)
        // `Content-Type`, as people reading `curl -i` expect.
        .title_case_headers(true);
    let http = Arc::new(http);
    let mut warned = false;
    loop {
        // Beyond the limit, connections wait in the listen queue.
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let socket = match listener.accept().await {
            Ok((socket, _)) => socket,
            Err(error) => {
                // Out of open files or memory: wait for connections to
                // close instead of spinning.
                if !warned {
                    eprintln!(
                        "{}",
                        crate::messages::msg!("serve.cannot-accept", detail = error.to_string())
                    );
                    warned = true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = socket.set_nodelay(true);
        let mut socket = TimeoutStream::new(socket);
        socket.set_write_timeout(Some(limits.write_timeout));
        let io = TokioIo::new(Box::pin(socket));
        let hub = Arc::clone(&hub);
        let http = Arc::clone(&http);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let hub = Arc::clone(&hub);
                async move { Ok::<_, Infallible>(answer(&request, hub).await) }
            });
            // An error is a client that went away or sent nonsense.
            let _ = http.serve_connection(io, service).await;
            drop(permit);
        });
    }
}

async fn answer(request: &Request<Incoming>, hub: Arc<Hub>) -> Response<ReplyBody> {
    let url = request
        .uri()
        .path_and_query()
        .map_or("/", |target| target.as_str())
        .to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        return match hub.subscribe() {
            Some(stream) => events(stream),
            None => response(Reply::new(
                503,
                crate::messages::msg!("serve.too-many-streams")
                    .to_string()
                    .into_bytes(),
                "text/plain; charset=utf-8",
            )),
        };
    }
    if let Some(reply) = super::reserved(path, &hub) {
        return response(reply);
    }
    // Reading a file blocks: on the file readers' threads, not the workers'.
    let reply = tokio::task::spawn_blocking(move || serve_file(&hub.snapshot(), &url))
        .await
        .unwrap_or_else(|_| {
            Reply::new(
                500,
                crate::messages::msg!("serve.failed")
                    .to_string()
                    .into_bytes(),
                "text/plain; charset=utf-8",
            )
        });
    response(reply)
}

fn response(reply: Reply) -> Response<ReplyBody> {
    let mut response = Response::new(ReplyBody::Whole(Some(Bytes::from(reply.body))));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    // Every reload must show the latest build.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(location) = reply.location.and_then(|l| HeaderValue::try_from(l).ok()) {
        headers.insert(LOCATION, location);
    }
    response
}

fn events(stream: EventStream) -> Response<ReplyBody> {
    let mut response = Response::new(ReplyBody::Events(Some(Box::pin(next_text(stream)))));
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // A proxy in front must not hold the events back.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

type NextText = Pin<Box<dyn Future<Output = (EventStream, Option<String>)> + Send>>;

async fn next_text(mut stream: EventStream) -> (EventStream, Option<String>) {
    let text = stream.next_text().await;
    (stream, text)
}

/// A response body: a whole file or message (its length known, so sent
/// with `Content-Length`), or an event stream that ends when its client
/// goes away.
pub(crate) enum ReplyBody {
    Whole(Option<Bytes>),
    Events(Option<NextText>),
}

impl Body for ReplyBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            ReplyBody::Whole(body) => Poll::Ready(body.take().map(|b| Ok(Frame::data(b)))),
            ReplyBody::Events(pending) => {
                let Some(next) = pending else {
                    return Poll::Ready(None);
                };
                match next.as_mut().poll(cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready((stream, Some(text))) => {
                        *pending = Some(Box::pin(next_text(stream)));
                        Poll::Ready(Some(Ok(Frame::data(Bytes::from(text)))))
                    }
                    Poll::Ready((_, None)) => {
                        *pending = None;
                        Poll::Ready(None)
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ReplyBody::Whole(None) | ReplyBody::Events(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ReplyBody::Whole(body) => {
                SizeHint::with_exact(body.as_ref().map_or(0, |b| b.len() as u64))
            }
            ReplyBody::Events(_) => SizeHint::default(),
        }
    }
}
