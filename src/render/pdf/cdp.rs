//! The few DevTools-protocol calls printing needs, over Chromium's `--remote-debugging-pipe`:
//! the browser reads NUL-terminated JSON commands on its fd 3 and writes replies and events
//! on its fd 4. A pipe rather than a port: no other local process can reach the browser,
//! and there is no WebSocket to speak. Hand-written over serde_json because the crates
//! (chromiumoxide: tokio, async-tungstenite and generated bindings for the whole protocol;
//! headless_chrome: a WebSocket on a TCP port and its own process handling, which would
//! bypass `cleanup`) bring far more than these five commands.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, PipeReader, PipeWriter, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::{Value, json};

/// The largest message read from the browser: a printed PDF, base64-encoded.
const MAX_MESSAGE: u64 = 512 << 20;

/// Events kept per tab until read; more are dropped (a load event lost is a timeout).
const MAX_EVENTS: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no answer in time")]
    Timeout,
    #[error("the browser {0}")]
    Closed(String),
    #[error("the browser refused {method}: {message}")]
    Refused { method: String, message: String },
}

type Reply = Result<Value, String>;

#[derive(Default)]
struct Routes {
    replies: BTreeMap<u64, Sender<Reply>>,
    sessions: BTreeMap<String, SyncSender<Value>>,
    /// Why the connection ended, once it has.
    closed: Option<String>,
}

/// One connection to one browser; usable from several threads at once.
pub struct Connection {
    to_browser: Mutex<PipeWriter>,
    routes: Arc<Mutex<Routes>>,
    next_id: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Connection {
    /// Talk over `to_browser` (its fd 3) and `from_browser` (its fd 4); a thread reads the
    /// latter until the browser closes it.
    pub fn new(to_browser: PipeWriter, from_browser: PipeReader) -> std::io::Result<Connection> {
        let routes = Arc::new(Mutex::new(Routes::default()));
        let shared = routes.clone();
        std::thread::Builder::new()
            .name("devtools".into())
            .spawn(move || {
                let why = read_all(from_browser, &shared);
                let mut routes = lock(&shared);
                routes.closed = Some(why);
                // Dropping the senders wakes every waiter.
                routes.replies.clear();
                routes.sessions.clear();
            })?;
        Ok(Connection {
            to_browser: Mutex::new(to_browser),
            routes,
            next_id: AtomicU64::new(1),
        })
    }

    /// Send `method` (to `session`, or to the browser) and wait for its result until `deadline`.
    pub fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        deadline: Instant,
    ) -> Result<Value, Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        {
            let mut routes = lock(&self.routes);
            if let Some(why) = &routes.closed {
                return Err(Error::Closed(why.clone()));
            }
            routes.replies.insert(id, tx);
        }
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON values serialise");
        bytes.push(0);
        if lock(&self.to_browser).write_all(&bytes).is_err() {
            return Err(self.closed());
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait) {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(message)) => Err(Error::Refused {
                method: method.to_string(),
                message,
            }),
            Err(RecvTimeoutError::Timeout) => {
                lock(&self.routes).replies.remove(&id);
                Err(Error::Timeout)
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.closed()),
        }
    }

    /// The events of `session` from now on, at most [`MAX_EVENTS`] unread.
    pub fn events(&self, session: &str) -> Receiver<Value> {
        let (tx, rx) = mpsc::sync_channel(MAX_EVENTS);
        lock(&self.routes).sessions.insert(session.to_string(), tx);
        rx
    }

    fn closed(&self) -> Error {
        let why = lock(&self.routes).closed.clone();
        Error::Closed(why.unwrap_or_else(|| "closed its end of the pipe".into()))
    }
}

/// Route every message to its waiter until the pipe ends; returns why it ended.
fn read_all(from_browser: PipeReader, routes: &Mutex<Routes>) -> String {
    let mut reader = BufReader::new(from_browser);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match (&mut reader).take(MAX_MESSAGE).read_until(0, &mut buf) {
            Ok(0) => return "exited".into(),
            Ok(_) if buf.last() == Some(&0) => {}
            Ok(n) if n as u64 == MAX_MESSAGE => {
                return format!("sent a message over {} MiB", MAX_MESSAGE >> 20);
            }
            Ok(_) => return "exited in the middle of a message".into(),
            Err(e) => return format!("could not be read from: {e}"),
        }
        buf.pop();
        let Ok(message) = serde_json::from_slice::<Value>(&buf) else {
            return "sent a message that is not JSON".into();
        };
        route(message, routes);
    }
}

fn route(mut message: Value, routes: &Mutex<Routes>) {
    let mut routes = lock(routes);
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
        let Some(tx) = routes.replies.remove(&id) else {
            return; // its caller gave up waiting
        };
        let reply = match message.get_mut("error") {
            Some(error) => Err(error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("an error")
                .to_string()),
            None => Ok(message
                .get_mut("result")
                .map(Value::take)
                .unwrap_or_default()),
        };
        let _ = tx.send(reply);
    } else if let Some(session) = message.get("sessionId").and_then(Value::as_str)
        && let Some(tx) = routes.sessions.get(session)
    {
        let _ = tx.try_send(message);
    }
}
