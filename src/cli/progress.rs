//! The progress bar of long checks: on stderr, only when stderr is a terminal, only once a run has taken about a
//! second (short runs stay silent), and never with `--quiet`. It counts sources and bytes, and shows the rate and
//! the time left.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes unreported before the bar appears.
const QUIET_START: Duration = Duration::from_secs(1);

/// A progress report over the sources of one check.
pub struct Progress {
    bar: Option<ProgressBar>,
    sources: usize,
    done: AtomicUsize,
    started: Instant,
}

impl Progress {
    /// Starts counting; `enabled` is false for `--quiet`.
    pub fn start(sources: usize, bytes: u64, enabled: bool) -> Progress {
        let shown = enabled && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template(
                "{bar:30} {msg}, {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta} left)",
            );
            if let Ok(style) = style {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            sources,
            done: AtomicUsize::new(0),
            started: Instant::now(),
        }
    }

    /// Counts one source of `bytes` bytes as done; callable from any thread.
    pub fn source_done(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Some(bar) = &self.bar else {
            return;
        };
        if bar.is_hidden() && self.started.elapsed() >= QUIET_START {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.inc(bytes);
        bar.set_message(format!("{done}/{} sources", self.sources));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
