//! JSON-RPC over standard input and output with `Content-Length` framing,
//! into `lsp-server`'s channels.
//!
//! `lsp-server`'s own stdio transport ends the connection on the first
//! malformed message; this one reports it and reads on: a header it does
//! not understand is skipped, a body that is not JSON-RPC becomes a
//! [`MALFORMED`] notification the main loop logs, and a `Content-Length`
//! over [`MAX_MESSAGE`] is refused without allocating it. Standard output
//! carries nothing but protocol messages.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{bounded, unbounded};
use lsp_server::{Connection, Message, Notification};

/// The method of the notification standing for a message that could not
/// be read (its params: the reason, as a string).
pub const MALFORMED: &str = "$/replylint/malformedMessage";

/// The largest message body read (64 MiB).
pub const MAX_MESSAGE: usize = 64 << 20;

/// The connection, and the writer thread to join once the connection is
/// dropped (so that every message is flushed before the process exits).
pub fn stdio() -> (Connection, thread::JoinHandle<()>) {
    let (to_client, outgoing) = bounded::<Message>(0);
    let (incoming, from_client) = unbounded::<Message>();
    let writer = thread::Builder::new()
        .name("replylint-lsp-writer".to_owned())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for message in outgoing {
                if message.write(&mut out).is_err() {
                    break;
                }
            }
            let _ = out.flush();
        })
        .expect("spawn the writer thread");
    thread::Builder::new()
        .name("replylint-lsp-reader".to_owned())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            loop {
                let message = match read(&mut input) {
                    Ok(Some(Ok(message))) => message,
                    Ok(Some(Err(reason))) => {
                        Message::Notification(Notification::new(MALFORMED.to_owned(), reason))
                    }
                    Ok(None) | Err(_) => break,
                };
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    break;
                }
            }
        })
        .expect("spawn the reader thread");
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        writer,
    )
}

/// The next message: `None` at the end of input, `Some(Err)` for a message
/// that was framed but could not be read (the input stays in step).
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Result<Message, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut headers = 0;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers == 0 {
                // Blank lines between messages: skipped.
                continue;
            }
            break;
        }
        headers += 1;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(Err(reason))),
        None => return Ok(Some(Err("a message without Content-Length".to_owned()))),
    };
    if length > MAX_MESSAGE {
        // Skip the body without holding it.
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {length} bytes, over the limit of {MAX_MESSAGE}"
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(
        serde_json::from_slice::<Message>(&body)
            .map_err(|e| format!("not a JSON-RPC message ({e})")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "{}{}garbage header\r\n\r\n{}Content-Length: 99999999999\r\n\r\n{}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","foo":1}"#),
            frame(good),
            frame(good)
        );
        let mut input = io::Cursor::new(input.into_bytes());
        assert!(matches!(read(&mut input), Ok(Some(Err(_)))));
        assert!(matches!(read(&mut input), Ok(Some(Err(_)))));
        assert!(matches!(read(&mut input), Ok(Some(Err(_)))), "no length");
        assert!(matches!(
            read(&mut input),
            Ok(Some(Ok(Message::Notification(_))))
        ));
        // The huge length swallows what follows (there is no way to know
        // where it ends) but allocates nothing and does not fail.
        assert!(matches!(read(&mut input), Ok(Some(Err(_)))));
        assert!(matches!(read(&mut input), Ok(None)));
    }
}
