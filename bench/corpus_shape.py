#!/usr/bin/env python3
"""The shape of a corpus of reports: how dense its mentions are and how its prose is cut.

    python3 bench/corpus_shape.py DIR [--gold gold.yaml | --planted planted.json] [--report report.json]

Reads every `.txt` file of DIR (not its subdirectories) and prints, for the corpus as a whole:

- reports, and the share of undated ones: no `published` in the front matter nor in a `sources.yaml` manifest
  next to them (a date the check could infer from a dateline or url does not count: the figure is what the
  sources state);
- KB of text (the body after any front matter), and the median report's size;
- paragraphs (non-empty lines) per report, sentences per paragraph, words per sentence (medians and means);
- mentions per KB, from a gold file (every mention an editor marks, less those marked `exclude: true`), a
  generator's `planted.json`, or a `factlint check --format json` report;
- the share of paragraphs that hold at least one mention: from the report's lines, or by finding each gold
  mention's text (its `occurrence`-th match, the first by default) in its source.

Only figures are printed, never any of the reports' text. Sentences are cut by one simple rule (a full stop,
question or exclamation mark, perhaps closed by a quotation mark, then a space and a capital, a digit or an
opening quotation mark, unless the word before is a short abbreviation such as "U.S." or "Sept."), the same for
every corpus, so the figures compare even where the cut is not a linguist's.
"""

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

import yaml

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z0-9\"“‘(])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Sen|Rep|Gov|St|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|Inc|Corp|Co|Jr|Sr)\.)[\"'”’)]*$")
WORD = re.compile(r"\w")


def body_and_front_matter(text):
    """The text after any YAML front matter, and the front matter as a dict."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            try:
                front = yaml.safe_load(text[4:end]) or {}
            except yaml.YAMLError:
                front = {}
            return text[end + 5:], front if isinstance(front, dict) else {}
    return text, {}


def manifest_dates(directory):
    """The names of the sources a `sources.yaml` in `directory` dates."""
    path = directory / "sources.yaml"
    if not path.exists():
        return set()
    manifest = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name for name, entry in (manifest.get("sources") or {}).items() if (entry or {}).get("published")}


def sentences(paragraph):
    """The sentences of a paragraph, cut by the rule the module describes."""
    pieces, start = [], 0
    for cut in SENTENCE_END.finditer(paragraph):
        if ABBREVIATION.search(paragraph[start:cut.start() + 1]):
            continue
        pieces.append(paragraph[start:cut.end()])
        start = cut.end()
    pieces.append(paragraph[start:])
    return [p for p in pieces if WORD.search(p)]


def words(sentence):
    return sum(1 for token in sentence.split() if WORD.search(token))


def paragraph_spans(body, offset):
    """(start, end) of every non-empty line of `body`, as byte-free character offsets shifted by `offset`."""
    spans, position = [], 0
    for line in body.split("\n"):
        if line.strip():
            spans.append((offset + position, offset + position + len(line)))
        position += len(line) + 1
    return spans


def gold_mentions(path):
    """(source name, text, occurrence) of every gold mention not excluded."""
    gold = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [(str(m["source"]), str(m["text"]), int(m.get("occurrence", 1)))
            for m in gold.get("mentions") or [] if not m.get("exclude")]


def report_mentions(path):
    """(source file name, line) of every mention of a factlint JSON report."""
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(Path(m["source"] if isinstance(m["source"], str) else report["sources"][m["source"]]["path"]).name,
             m["line"]) for m in report["mentions"]]


def median_mean(values):
    if not values:
        return "-"
    return f"median {statistics.median(values):.1f}, mean {statistics.fmean(values):.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    mentions = parser.add_mutually_exclusive_group()
    mentions.add_argument("--gold", help="gold.yaml: every mention an editor marks")
    mentions.add_argument("--planted", help="planted.json of examples/gen_corpus")
    parser.add_argument("--report", help="a `factlint check --format json` report of the directory")
    args = parser.parse_args()

    dated_by_manifest = manifest_dates(args.directory)
    files = sorted(args.directory.glob("*.txt"))
    if not files:
        sys.exit(f"corpus_shape: no .txt files in {args.directory}")
    reports, undated, total_bytes, sizes = 0, 0, 0, []
    paragraphs_per_report, sentences_per_paragraph, words_per_sentence = [], [], []
    texts, spans = {}, {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        body, front = body_and_front_matter(text)
        reports += 1
        if not front.get("published") and path.name not in dated_by_manifest:
            undated += 1
        size = len(body.encode("utf-8"))
        total_bytes += size
        sizes.append(size)
        texts[path.name] = text
        spans[path.name] = paragraph_spans(body, len(text) - len(body))
        lines = [line for line in body.split("\n") if line.strip()]
        paragraphs_per_report.append(len(lines))
        for line in lines:
            cut = sentences(line)
            sentences_per_paragraph.append(len(cut))
            words_per_sentence.extend(words(s) for s in cut)

    kb = total_bytes / 1000
    print(f"reports: {reports}, undated {undated} ({100 * undated / reports:.0f}%)")
    print(f"text: {kb:.1f} KB, report size median {statistics.median(sizes) / 1000:.1f} KB")
    print(f"paragraphs per report: {median_mean(paragraphs_per_report)}")
    print(f"sentences per paragraph: {median_mean(sentences_per_paragraph)}")
    print(f"words per sentence: {median_mean(words_per_sentence)}")

    count, lines_with_mentions = mention_places(args, texts, spans)
    if count is not None:
        print(f"mentions: {count}, {count / kb:.2f} per KB")
    if lines_with_mentions is not None:
        paragraphs = sum(len(s) for s in spans.values())
        print(f"paragraphs with a mention: {lines_with_mentions} of {paragraphs} "
              f"({100 * lines_with_mentions / paragraphs:.0f}%)")


def mention_places(args, texts, spans):
    """The number of mentions, and of paragraphs holding one (None where the inputs cannot tell)."""
    if args.report:
        places = report_mentions(args.report)
        count = len(places) if not (args.gold or args.planted) else None
        held = {(name, line) for name, line in places}
        if count is None:
            count = planted_total(args.planted) if args.planted else len(gold_mentions(args.gold))
        return count, len(held)
    if args.planted:
        return planted_total(args.planted), None
    if args.gold:
        found = gold_mentions(args.gold)
        held = set()
        for name, needle, occurrence in found:
            text = texts.get(name)
            if text is None:
                continue
            starts = [m.start() for m in re.finditer(re.escape(needle), text)]
            if len(starts) >= occurrence:
                at = starts[occurrence - 1]
                held |= {(name, i) for i, (s, e) in enumerate(spans[name]) if s <= at < e}
        return len(found), len(held)
    return None, None


def planted_total(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))["mentions"]


if __name__ == "__main__":
    main()
