//! Stopping `loa serve` with Ctrl+C (SIGINT) or SIGTERM: the preview folder
//! that serve chose in the temporary space is removed (never a folder given
//! with `--output`), then the process exits with the usual status: 130 after
//! SIGINT, 143 after SIGTERM.

use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use tokio::runtime::Runtime;

/// What a stop removes, and the lock that builds hold.
#[derive(Clone)]
pub(crate) struct Stop {
    /// The preview folder serve chose itself; `None` with `--output`.
    preview: Option<PathBuf>,
    /// Held while a build writes the output: a stop waits for it, so that
    /// it never removes a folder being written (nor leaves the build's
    /// staging folder behind).
    building: Arc<Mutex<()>>,
}

impl Stop {
    pub fn new(preview: Option<PathBuf>) -> Stop {
        Stop {
            preview,
            building: Arc::new(Mutex::new(())),
        }
    }

    /// Held for as long as a build writes the output.
    pub(crate) fn building(&self) -> MutexGuard<'_, ()> {
        self.building
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// From now on, SIGINT and SIGTERM stop the process cleanly; a second
    /// one while waiting for a build stops it at once.
    pub(crate) fn on_signal(&self, runtime: &Runtime) -> io::Result<()> {
        let _context = runtime.enter();
        let mut signals = Signals::new()?;
        let stop = self.clone();
        runtime.spawn(async move {
            let mut stopping = false;
            loop {
                let status = signals.next().await;
                if stopping {
                    std::process::exit(status);
                }
                stopping = true;
                let stop = stop.clone();
                // Off the runtime: waiting for a build blocks.
                std::thread::spawn(move || stop.now(status));
            }
        });
        Ok(())
    }

    fn now(&self, status: i32) -> ! {
        let _building = match self.building.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => {
                eprintln!("{}", crate::messages::msg!("serve.stopping"));
                self.building()
            }
        };
        if let Some(folder) = &self.preview {
            match std::fs::remove_dir_all(folder) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => eprintln!(
                    "{}",
                    crate::messages::msg!(
                        "serve.cannot-remove-preview",
                        folder = folder.display(),
                        detail = e.to_string()
                    )
                ),
            }
        }
        std::process::exit(status)
    }
}

/// The stop signals, with the exit status each one calls for.
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn new() -> io::Result<Signals> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(unix)]
    async fn next(&mut self) -> i32 {
        std::future::poll_fn(|cx| {
            if self.interrupt.poll_recv(cx).is_ready() {
                std::task::Poll::Ready(130)
            } else if self.terminate.poll_recv(cx).is_ready() {
                std::task::Poll::Ready(143)
            } else {
                std::task::Poll::Pending
            }
        })
        .await
    }

    #[cfg(not(unix))]
    fn new() -> io::Result<Signals> {
        Ok(Signals {})
    }

    #[cfg(not(unix))]
    async fn next(&mut self) -> i32 {
        match tokio::signal::ctrl_c().await {
            Ok(()) => 130,
            // No console to listen to: never stop from here.
            Err(_) => std::future::pending().await,
        }
    }
}
