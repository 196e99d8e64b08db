//! Standard input and output as a connection of protocol messages, like `lsp_server::Connection::stdio`, except
//! that a message that cannot be read (a body that is not JSON, or not a JSON-RPC message) is skipped with a note
//! on standard error, instead of ending the connection: its `Content-Length` was read, so the next message is found
//! where it starts.

use std::io::{BufReader, ErrorKind};
use std::thread::JoinHandle;

use crossbeam_channel::bounded;
use lsp_server::{Connection, Message};

/// The threads that read standard input and write standard output.
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits for both: the reader ends at `exit` or when input closes, the writer when every sender is dropped.
    pub fn join(self) {
        let _ = self.reader.join();
        let _ = self.writer.join();
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, Threads) {
    let (to_writer, outgoing) = bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let mut stdout = std::io::stdout().lock();
        for message in outgoing {
            if message.write(&mut stdout).is_err() {
                return;
            }
        }
    });
    let (to_server, incoming) = bounded::<Message>(0);
    let reader = std::thread::spawn(move || {
        let mut stdin = BufReader::new(std::io::stdin().lock());
        loop {
            match Message::read(&mut stdin) {
                Ok(Some(message)) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        return;
                    }
                }
                Ok(None) => return,
                Err(error) if error.kind() == ErrorKind::InvalidData => {
                    eprintln!("factlint lsp: a message was skipped: {error}");
                }
                Err(_) => return,
            }
        }
    });
    let connection = Connection {
        sender: to_writer,
        receiver: incoming,
    };
    (connection, Threads { reader, writer })
}
