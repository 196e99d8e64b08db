#!/usr/bin/env python3
"""Latency of `factlint lsp`: from a didChange to the publishDiagnostics of that version, with a large corpus loaded.

Drives the release binary over stdio as an editor does. It generates the corpus (gen_corpus, deterministic) unless
it exists, writes a workspace whose factlint.yaml points at it and at the benchmark's rules, initializes the
server, waits for the corpus to load, opens a draft of about 5,000 words (news-like text from the generator, with
planted figures that contradict the corpus), then sends CHANGES didChanges, one every INTERVAL seconds, each
altering one figure, and prints the median and p95 of the latency, the load time, and the server's peak RSS
(VmHWM) after the load and at the end.

    cargo build --release --bin factlint --example gen_corpus
    python3 bench/lsp_latency.py [--mb 100] [--changes 200] [--interval 0.1] [--debounce-ms 20]
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import time
import queue
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--debounce-ms", type=int, default=20)
    parser.add_argument("--rules", default=str(ROOT / "bench/niger-withdrawal-regex.yaml"))
    return parser.parse_args()


def corpus(mb, seed):
    out = ROOT / f"target/bench-run/lsp-corpus-{mb}mb-{seed}"
    if not (out / "planted.json").exists():
        generator = ROOT / "target/release/examples/gen_corpus"
        subprocess.run([str(generator), "--mb", str(mb), "--seed", str(seed), "--out", str(out)], check=True)
    return out


def draft_text(corpus_dir, words=5000):
    """About `words` words of generated text, taken from the corpus's documents in order."""
    parts = []
    for path in sorted(corpus_dir.glob("*.txt")):
        parts.append(path.read_text(encoding="utf-8"))
        text = "\n\n".join(parts)
        ends = [m.end() for m in re.finditer(r"\S+", text)]
        if len(ends) >= words:
            return text[: ends[words - 1]] + "\n"
    return "\n\n".join(parts)


class Server:
    def __init__(self, workspace):
        self.process = subprocess.Popen(
            [str(ROOT / "target/release/factlint"), "lsp"],
            cwd=workspace,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        self.next_id = 1

    def read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.next_id += 1
        return self.wait(lambda m: m.get("id") == self.next_id - 1 and "method" not in m)

    def wait(self, wanted, timeout=3600):
        deadline = time.perf_counter() + timeout
        while True:
            at, message = self.messages.get(timeout=max(0.0, deadline - time.perf_counter()))
            if wanted(message):
                return at, message

    def peak_rss_mb(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def main():
    options = args()
    corpus_dir = corpus(options.mb, options.seed)
    workspace = ROOT / "target/bench-run/lsp-workspace"
    (workspace / "drafts").mkdir(parents=True, exist_ok=True)
    (workspace / "factlint.yaml").write_text(f"rules: [{options.rules}]\npaths: [{corpus_dir}]\n")
    server = Server(workspace)
    started = time.perf_counter()
    server.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": workspace.as_uri(), "capabilities": {},
         "initializationOptions": {"debounceMs": options.debounce_ms}},
    )
    server.notify("initialized", {})
    _, loaded = server.wait(lambda m: m.get("method") == "window/logMessage" and "loaded" in m["params"]["message"])
    load_seconds = time.perf_counter() - started
    rss_loaded = server.peak_rss_mb()

    text = draft_text(corpus_dir)
    uri = (workspace / "drafts/draft.md").as_uri()
    published = lambda version: lambda m: (  # noqa: E731
        m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri and m["params"].get("version") == version
    )
    server.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    _, first = server.wait(published(1))
    latencies = []
    for version in range(2, options.changes + 2):
        # Each change alters one figure, so that the draft's mentions (and often its diagnostics) change.
        changed = text.replace(" 1,", f" {version % 9 + 1},", 1)
        sent = time.perf_counter()
        server.notify("textDocument/didChange",
                      {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": changed}]})
        at, _ = server.wait(published(version))
        latencies.append((at - sent) * 1000)
        time.sleep(max(0.0, options.interval - (time.perf_counter() - sent)))
    rss_end = server.peak_rss_mb()
    server.request("shutdown", None)
    server.notify("exit", None)
    code = server.process.wait(timeout=30)

    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    print(f"corpus: {options.mb} MB ({corpus_dir}), {loaded['params']['message']}")
    print(f"load: {load_seconds:.1f} s; peak RSS after load {rss_loaded:.0f} MB, at the end {rss_end:.0f} MB")
    print(f"draft: {len(text.split())} words, {len(first['params']['diagnostics'])} diagnostics")
    print(f"didChange -> publishDiagnostics over {len(latencies)} changes (debounce {options.debounce_ms} ms): "
          f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    print(f"exit code {code}")


if __name__ == "__main__":
    sys.exit(main())
