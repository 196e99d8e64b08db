#!/usr/bin/env bash
# Writes a dense corpus of real-shaped reports: the five seed reports (seeds/*.txt) copied until the corpus
# reaches SIZE megabytes, each copy a file of its own with YAML front matter (a name, the seed's outlet, and a
# publication date). Every claim of rules/niger-withdrawal.yaml is stated in the seeds, so the corpus is as dense
# in mentions as the real reports are (about one mention per 600 bytes), unlike the generated corpora of
# bench/run.sh, where a mention is one sentence in thirty.
#
# Dates: a copy of a seed that the manifest dates carries that date; a copy of an undated seed carries a day of
# May 2024 that turns with the copy; one copy in eight has no `published` line, so some sources stay undated (or
# take a date inferred from their text, as the seeds do).
#
#   bench/seed_copies.sh 100                    # target/dense/100mb
#   bench/seed_copies.sh 1000 /tmp/dense-1gb    # another size, another place
#
# Files go 1,000 to a folder. The corpus is generated, never committed; delete it when done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: bench/seed_copies.sh SIZE_MB [DIR]" >&2
  exit 2
fi
mb="$1"
out="${2:-target/dense/${mb}mb}"
rm -rf "$out"
mkdir -p "$out"

python3 - "$mb" "$out" <<'PY'
import os, sys
mb, out = int(sys.argv[1]), sys.argv[2]
# The seed manifest's outlets and dates (seeds/sources.yaml), the dates in ISO form.
seeds = [
    ("000_4f5bbd3fde23c553", "Sputnik Africa", "2024-05-20"),
    ("001_c96220b24e715222", None, None),
    ("002_13dc901961c9d1cf", "Asian Lite News", None),
    ("003_74876b7e1825ad18", "AFP", "2024-05-14"),
    ("004_a455b231be305d8d", None, None),
]
texts = [open(f"seeds/{stem}.txt", encoding="utf-8").read() for stem, _, _ in seeds]
target = mb * 1_000_000
written, copy = 0, 0
while written < target:
    folder = f"{out}/{copy // 200:04d}"
    os.makedirs(folder, exist_ok=True)
    for (stem, outlet, published), text in zip(seeds, texts):
        head = [f"name: {stem[:3]}-copy-{copy}"]
        if outlet:
            head.append(f"outlet: {outlet}")
        if copy % 8 != 7:
            head.append(f"published: {published or f'2024-05-{10 + copy % 12:02d}'}")
        data = ("---\n" + "\n".join(head) + "\n---\n" + text).encode("utf-8")
        with open(f"{folder}/{stem}_{copy:07d}.txt", "wb") as f:
            f.write(data)
        written += len(data)
    copy += 1
print(f"{out}: {copy} copies of {len(seeds)} reports, {copy * len(seeds)} files, {written / 1e6:.1f} MB")
PY
