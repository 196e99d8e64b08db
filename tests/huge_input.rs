//! A 200 MB source on one line, as a scraped page without line breaks or sentence ends can be: it is checked in
//! time and memory proportional to its size, and nothing in it is lost.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{rules_dir_workspace, TROOPS_RULE};

const MEGABYTE: usize = 1 << 20;
const SIZE_MB: usize = 200;

/// Writes `corpus/huge.txt`: 200 MB of words with no line break and no sentence end, with a troop count at the end
/// of every megabyte, "more than 1,000" and "fewer than 1,000" in turn.
fn write_huge_source(corpus: &Path) {
    let filler =
        "the convoy moved on and the officials said nothing more about it while the dust settled ";
    let block = filler.repeat(MEGABYTE / filler.len());
    let file = std::fs::File::create(corpus.join("huge.txt")).unwrap();
    let mut out = std::io::BufWriter::new(file);
    for i in 0..SIZE_MB {
        let count = if i % 2 == 0 { "more" } else { "fewer" };
        write!(
            out,
            "{block}there were {count} than 1,000 troops in the base "
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// What a run of factlint gave and took: its CPU time (user and system, read from /proc while it runs, so a loaded
/// machine does not lengthen it; its wall time where there is no /proc) and its peak resident memory in MB (0 where
/// there is no /proc).
struct Measured {
    output: Output,
    cpu: Duration,
    peak_mb: u64,
}

/// The clock ticks of /proc's CPU times (USER_HZ, 100 on every Linux).
const TICKS_PER_SECOND: u64 = 100;

/// The user and system CPU time in a /proc/PID/stat line, in clock ticks: the 14th and 15th fields, counted after
/// the command name's closing parenthesis (a name may hold spaces).
fn cpu_ticks(stat: &str) -> Option<u64> {
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some(ticks(11)? + ticks(12)?)
}

/// Runs factlint and measures it while it runs.
fn run_measured(dir: &Path, format: &str) -> Measured {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "corpus", "--rules", "rules", "--format", format])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let stat_file = format!("/proc/{}/stat", child.id());
    let reader = std::thread::spawn(move || {
        let (mut peak_kb, mut ticks) = (0, None);
        while let Ok(status) = std::fs::read_to_string(&status_file) {
            if let Some(now) = std::fs::read_to_string(&stat_file)
                .ok()
                .as_deref()
                .and_then(cpu_ticks)
            {
                ticks = Some(now);
            }
            let high_water = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            peak_kb = peak_kb.max(high_water.unwrap_or(0));
            std::thread::sleep(Duration::from_millis(20));
        }
        (peak_kb / 1024, ticks)
    });
    let output = child.wait_with_output().unwrap();
    let elapsed = started.elapsed();
    let (peak_mb, ticks) = reader.join().unwrap();
    let cpu = ticks.map_or(elapsed, |t| {
        Duration::from_millis(t * 1000 / TICKS_PER_SECOND)
    });
    Measured {
        output,
        cpu,
        peak_mb,
    }
}

#[test]
fn a_200_mb_single_line_is_checked_in_linear_time_and_bounded_memory() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    write_huge_source(&dir.path().join("corpus"));
    for format in ["json", "human"] {
        let Measured {
            output,
            cpu,
            peak_mb,
        } = run_measured(dir.path(), format);
        eprintln!("{format}: {cpu:?} CPU, peak resident memory {peak_mb} MB");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        // Quadratic scanning took more than 5 minutes here; linear takes seconds even unoptimised.
        assert!(
            cpu < Duration::from_secs(120),
            "{format} took {cpu:?} of CPU time"
        );
        // The text is held once (plus the copy made while it is read); a per-mention copy would be gigabytes.
        assert!(
            peak_mb < 3 * SIZE_MB as u64,
            "{format} peaked at {peak_mb} MB"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        if format == "json" {
            let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let mentions = report["mentions"].as_array().unwrap();
            assert_eq!(mentions.len(), SIZE_MB, "every count is found");
            let last = &mentions[SIZE_MB - 1];
            assert_eq!(last["line"], 1);
            assert_eq!(
                last["column"].as_u64(),
                last["offset"].as_u64().map(|o| o + 1),
                "ASCII: column = offset + 1"
            );
            assert_eq!(
                report["findings"][0]["mentions"].as_array().unwrap().len(),
                SIZE_MB
            );
        } else {
            assert!(
                stdout.contains("(100 mentions in 1 source) vs"),
                "{}",
                &stdout[..stdout.len().min(2000)]
            );
            assert!(
                stdout.len() < 8 * MEGABYTE,
                "excerpts, not the whole line: {} bytes",
                stdout.len()
            );
        }
    }
}
