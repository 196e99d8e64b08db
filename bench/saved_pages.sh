#!/usr/bin/env bash
# Times reading saved web pages against reading the same prose as plain files: generates N pages (default 10,000)
# of synthetic reports wrapped in a news site's markup (head with metadata, inline scripts and styles, navigation,
# a related-stories aside, a footer), writes each page's article text as a .txt beside it, then runs
# `factlint check --format json` on each tree in turn, three rounds, and prints the best time of each and their
# ratio, in wall time and in CPU time (user and system). Before timing, it checks that both trees give the same
# mentions (the same words, in the same order). The .txt files state the page's publication date in front matter,
# so both trees carry the same information.
#
#   bench/saved_pages.sh                 # 10,000 pages, rules/niger-withdrawal.yaml
#   PAGES=1000 bench/saved_pages.sh      # fewer pages
#   RULES=tests/fixtures/formats/rules.yaml bench/saved_pages.sh
#
# The corpora are written under target/bench-pages (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

pages="${PAGES:-10000}"
rules="${RULES:-rules/niger-withdrawal.yaml}"
out=target/bench-pages
rm -rf "$out"
mkdir -p "$out/html" "$out/txt"

python3 - "$pages" "$out" <<'PY'
import random, sys
pages, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
places = ["Harlan City", "Portville", "the lower town", "the river valley", "the northern districts"]
nouns = ["rescue workers", "US troops", "volunteers", "engineers", "soldiers", "medical staff"]
verbs = ["were deployed to", "remained in", "were sent to", "arrived in", "left"]
filler = ("Officials said the situation was improving slowly, though several roads remained closed and the "
          "forecast for the coming days was uncertain. Residents described long queues for water and fuel, and "
          "local schools stayed shut while the buildings were checked. ")
def sentence():
    n = rng.choice(["about 1,100", "more than 900", "some 650", "nearly 2,000", "at least 300"])
    return f"{n.capitalize()} {rng.choice(nouns)} {rng.choice(verbs)} {rng.choice(places)} on Saturday. "
def article():
    return [(sentence() + filler + sentence()).strip() for _ in range(rng.randint(5, 8))]
script = "window.analytics = {" + ",".join(f'"k{i}": "{i * 37}"' for i in range(120)) + "};\n"
style = "".join(f".c{i} {{ margin: {i}px; padding: {i % 7}px }}\n" for i in range(60))
nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
for i in range(pages):
    paragraphs = article()
    related = "".join(f'<li><a href="/story/{i}-{j}">{sentence().strip()}</a></li>' for j in range(8))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Report {i}</title>
<meta property="og:site_name" content="The Bench Ledger">
<meta property="article:published_time" content="2025-03-{1 + i % 28:02d}T08:00:00Z">
<script>{script}</script><style>{style}</style></head>
<body><header><a href="/">The Bench Ledger</a><nav><ul>{nav}</ul></nav></header>
<main><article><h1>Report number {i}</h1>
<p class="byline">By a staff reporter, <time datetime="2025-03-{1 + i % 28:02d}">March</time></p>
{body}
</article><aside class="related"><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>&copy; 2025 The Bench Ledger</p></footer>
<script>{script}</script></body></html>
"""
    with open(f"{out}/html/page{i:05d}.html", "w") as f:
        f.write(page)
    with open(f"{out}/txt/page{i:05d}.txt", "w") as f:
        # The same publication date, as plain text states it: front matter.
        f.write(f"---\npublished: 2025-03-{1 + i % 28:02d}T08:00:00Z\n---\nReport number {i}\n\n"
                + "\n\n".join(paragraphs) + "\n")
PY

cargo build --release --quiet
bin=target/release/factlint
html_bytes=$(du -sb "$out/html" | cut -f1)
txt_bytes=$(du -sb "$out/txt" | cut -f1)

words() { python3 -c 'import json,sys; print("\n".join(m["text"] for m in json.load(sys.stdin)["mentions"]))'; }
"$bin" check "$out/html" --rules "$rules" --format json | words >"$out/html.mentions" || true
"$bin" check "$out/txt" --rules "$rules" --format json | words >"$out/txt.mentions" || true
if ! cmp -s "$out/html.mentions" "$out/txt.mentions"; then
  echo "bench: the pages and the plain files gave different mentions" >&2
  diff "$out/html.mentions" "$out/txt.mentions" | head >&2
  exit 1
fi
echo "$(wc -l <"$out/txt.mentions") mentions in each tree"

# A run's wall time and its CPU time (user and system): on a loaded machine the wall time mostly measures the load,
# the CPU time much less so.
time_of() {
  /usr/bin/time -f "%e %U %S" -o "$out/time" "$bin" check "$1" --rules "$rules" --format json >/dev/null || true
  tail -1 "$out/time" | python3 -c 'import sys; e, u, s = map(float, sys.stdin.read().split()); print(f"{e:.2f}/{u + s:.2f}")'
}
# Rounds alternate the two trees, and the best time of each counts: on a shared machine, the least disturbed run.
html_times=() txt_times=()
for _ in 1 2 3; do
  html_times+=("$(time_of "$out/html")")
  txt_times+=("$(time_of "$out/txt")")
done
python3 - "$pages" "$html_bytes" "$txt_bytes" "${html_times[*]}" "${txt_times[*]}" <<'PY'
import sys
pages, html_bytes, txt_bytes = map(int, sys.argv[1:4])
html = [tuple(map(float, t.split("/"))) for t in sys.argv[4].split()]
txt = [tuple(map(float, t.split("/"))) for t in sys.argv[5].split()]
def best(runs, i):
    return min(run[i] for run in runs)
def shown(runs, i):
    return ", ".join(f"{run[i]:.2f}" for run in runs)
print(f"{pages} pages: {html_bytes / 1e6:.1f} MB of HTML, wall {best(html, 0):.2f} s (runs: {shown(html, 0)}), "
      f"CPU {best(html, 1):.2f} s (runs: {shown(html, 1)})")
print(f"the same prose as .txt ({txt_bytes / 1e6:.1f} MB): wall {best(txt, 0):.2f} s (runs: {shown(txt, 0)}), "
      f"CPU {best(txt, 1):.2f} s (runs: {shown(txt, 1)})")
print(f"ratio: wall {best(html, 0) / best(txt, 0):.2f}, CPU {best(html, 1) / best(txt, 1):.2f}")
PY
