#!/usr/bin/env python3
"""Measure factlint against a hand-marked development set of real reports.

Usage:
    python3 bench/devset.py [--factlint PATH] [--rules-name rules-regex.yaml] [--list-misses] DEVSET_DIR

DEVSET_DIR holds one directory per story, each with:
    sources/      the reports (front matter: name, outlet, published)
    gold.yaml     every mention an editor marks, and the conflicts an editor would call true contradictions
    <rules-name>  the rules to measure (default rules-regex.yaml)

For each story the script runs `factlint check <story>/sources --rules <story>/<rules-name> --format json` and
matches the mentions it reports against gold.yaml:

- a found mention matches a gold mention when the source file and the claim are the same and their byte spans
  overlap (a gold span is the `occurrence`-th occurrence of its `text` in the file's bytes, front matter included,
  as are the JSON `offset` and `length`); each mention matches at most one other, largest overlap first;
- gold mentions marked `exclude: true` (projections, figures out of the claim's scope) are not to be found: a found
  mention that matches one counts against precision and is reported as an excluded mention wrongly found;
- a found mention with a `scope` is one factlint reports as a part of the whole ("another 7,000 workers", "at one
  base"), reconciled only with mentions of the same part: it never matches a gold mention of the whole (that gold
  mention stays missed); when it matches an excluded gold mention it is a figure rightly set aside and counts
  neither as found nor as an excluded mention wrongly found; when it matches nothing it counts against precision;
- recall = matched / gold mentions (not excluded); precision = matched / found;
- value accuracy, among matched mentions: quantities compare qualifier and number (vague plurals as the README reads
  them: "thousands" is at least 2,000), dates their first and last day (a year-less range, from a source without a
  publication date, on month and day), polarities affirm or deny;
- as_of: gold quantity mentions whose `as_of` is a single day, against the JSON `value.as_of` (also counted apart for
  the sources that have a publication date);
- conflict recall: a gold conflict is recalled when both its mentions are matched and sit on different sides of the
  same JSON finding of kind `conflict`.
- updates reported as conflicts: among pairs of matched gold mentions on different sides of a `conflict` finding of
  a claim that follows time (a `window_minutes` or `trend` in the report's claims), those the editor dates on days
  further apart than the window (gold `as_of`, single days) whose values follow the claim's trend (the later one
  higher for a rising claim, lower for a falling one, either way without a trend): a change over time the verdict
  calls a contradiction. Gold conflicts are never counted. Printed as "K of N judged pairs" (N: pairs across
  sides whose two gold mentions both have a single-day as_of).

--list-misses also prints, per story, every missed gold mention and every false positive with its sentence, the
matched mentions whose value or as_of is wrong, the conflicts not recalled, and the pairs counted as updates reported
as conflicts.

The JSON report may grow new fields; only the fields used here are read. Exit code 0 whatever the scores; 2 when the
inputs are broken (a missing or invalid gold.yaml or rules file, a gold text not found in its source, factlint
failing or printing no JSON).
"""

import argparse
import calendar
import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml


class InputError(Exception):
    """The development set or the factlint run cannot be used."""


# ---------------------------------------------------------------------------------------------------------------
# Gold values

QUALIFIERS = [
    # longest first, so that "more than" is tried before "more"
    ("no fewer than", "at_least"), ("no more than", "up_to"), ("in excess of", "more_than"),
    ("upwards of", "more_than"), ("more than", "more_than"), ("greater than", "more_than"),
    ("fewer than", "less_than"), ("less than", "less_than"), ("as many as", "up_to"), ("at least", "at_least"),
    ("at most", "up_to"), ("just under", "nearly"), ("just over", "more_than"), ("an estimated", "about"),
    ("approximately", "about"), ("close to", "about"), ("roughly", "about"), ("around", "about"),
    ("about", "about"), ("some", "about"), ("nearly", "nearly"), ("almost", "nearly"), ("up to", "up_to"),
    ("over", "more_than"), ("above", "more_than"), ("under", "less_than"), ("below", "less_than"),
]

# Vague plurals, as the README defines them: the lower bound with an "at least" qualifier.
VAGUE = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0, "several thousand": 2000.0,
    "tens of thousands": 20000.0, "hundreds of thousands": 200000.0,
}

NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def parse_number(text):
    text = text.strip()
    if not NUMBER.match(text):
        return None
    return float(text.replace(",", ""))


def parse_gold_quantity(value):
    """'at least 11,300' -> ('at_least', 11300.0); 'between 2,500 and 3,000' -> ('between', (2500.0, 3000.0))."""
    v = " ".join(str(value).lower().split())
    if v in VAGUE:
        return ("at_least", VAGUE[v])
    m = re.match(r"^between\s+([\d,.]+)\s+and\s+([\d,.]+)$", v)
    if m:
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        return ("between", (lo, hi)) if lo is not None and hi is not None else None
    for words, qualifier in QUALIFIERS:
        if v.startswith(words + " "):
            n = parse_number(v[len(words) + 1:])
            return (qualifier, n) if n is not None else None
    n = parse_number(v)
    return ("exact", n) if n is not None else None


DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_gold_date(value):
    """'2023-09-10', 'after 2023-11-24', '2023-09', '2021-08-21..2021-08-31' -> (start, end)."""
    v = str(value).strip()
    v = re.sub(r"^(?:after|before|by|deadline|until|not before|no later than)\s+", "", v)
    if ".." in v:
        start, end = (part.strip() for part in v.split("..", 1))
        return (start, end) if DAY.match(start) and DAY.match(end) else None
    if DAY.match(v):
        return (v, v)
    m = MONTH.match(v)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return ("%04d-%02d-01" % (year, month), "%04d-%02d-%02d" % (year, month, last))
    return None


def parse_gold_polarity(value):
    v = str(value).strip().lower()
    return {"affirms": "affirm", "affirm": "affirm", "denies": "deny", "deny": "deny"}.get(v)


def close(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def value_matches(gold_value, found_value):
    """True or False when both values can be read, None when the gold value cannot be compared."""
    kind = (found_value or {}).get("type")
    if kind == "quantity":
        g = parse_gold_quantity(gold_value)
        if g is None:
            return None
        qualifier, number = g
        if qualifier == "between":
            return close(found_value.get("min"), number[0]) and close(found_value.get("max"), number[1])
        return found_value.get("qualifier") == qualifier and close(found_value.get("value"), number)
    if kind == "date":
        g = parse_gold_date(gold_value)
        if g is None:
            return None
        start, end = found_value.get("start"), found_value.get("end")
        if isinstance(start, str) and isinstance(end, str) and start.startswith("--") and end.startswith("--"):
            # a year-less range (the source gives no publication date): compared on month and day, as factlint does
            return (start[2:], end[2:]) == (g[0][5:], g[1][5:])
        return (start, end) == g
    if kind == "polarity":
        g = parse_gold_polarity(gold_value)
        if g is None:
            return None
        return found_value.get("polarity") == g
    return None


def describe_value(v):
    """A found value as a short string, for listings."""
    if not isinstance(v, dict):
        return str(v)
    kind = v.get("type")
    if kind == "quantity":
        number = v.get("value")
        number = "%g" % number if isinstance(number, (int, float)) else str(number)
        return "%s %s (as of %s)" % (v.get("qualifier"), number, v.get("as_of"))
    if kind == "date":
        if v.get("unresolved"):
            return "unresolved: %s" % v.get("unresolved")
        span = v.get("start") if v.get("start") == v.get("end") else "%s..%s" % (v.get("start"), v.get("end"))
        return span + (" (%s)" % v["qualifier"] if v.get("qualifier") else "")
    if kind == "polarity":
        return str(v.get("polarity"))
    return json.dumps(v, ensure_ascii=False)[:80]


# ---------------------------------------------------------------------------------------------------------------
# Reading a story


class Gold:
    def __init__(self, index, source, claim, start, end, text, value, exclude, as_of, raw):
        self.index, self.source, self.claim = index, source, claim
        self.start, self.end, self.text, self.value = start, end, text, value
        self.exclude, self.as_of, self.raw = exclude, as_of, raw
        self.match = None  # the Found it matched


class Found:
    def __init__(self, mid, source, claim, start, end, text, value, scope):
        self.id, self.source, self.claim = mid, source, claim
        self.start, self.end, self.text, self.value = start, end, text, value
        self.scope = scope  # the part of the whole factlint puts it in, or None
        self.match = None  # the Gold it matched

    def set_aside(self):
        """A part of the whole that matches a figure the editor excluded: rightly not a mention of the claim."""
        return self.scope is not None and self.match is not None and self.match.exclude


def locate(data, text, occurrence):
    needle = text.encode("utf-8")
    pos = -1
    for _ in range(occurrence):
        pos = data.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos


def load_gold(story_dir, texts):
    path = story_dir / "gold.yaml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise InputError("%s: %s" % (path, e))
    if not isinstance(doc, dict) or not isinstance(doc.get("mentions"), list):
        raise InputError("%s: expected a mapping with a `mentions` list" % path)
    golds = []
    for i, m in enumerate(doc["mentions"]):
        where = "%s: mentions[%d]" % (path, i)
        if not isinstance(m, dict) or not all(k in m for k in ("source", "claim", "text", "value")):
            raise InputError("%s: needs source, claim, text and value" % where)
        source = str(m["source"])
        if source not in texts:
            raise InputError("%s: no source %s in %s" % (where, source, story_dir / "sources"))
        occurrence = int(m.get("occurrence", 1))
        pos = locate(texts[source], str(m["text"]), occurrence)
        if pos is None:
            raise InputError("%s: %r (occurrence %d) not found in %s" % (where, m["text"], occurrence, source))
        end = pos + len(str(m["text"]).encode("utf-8"))
        golds.append(Gold(i, source, str(m["claim"]), pos, end, str(m["text"]), m["value"],
                          bool(m.get("exclude", False)), m.get("as_of"), m))
    conflicts = doc.get("conflicts") or []
    if not isinstance(conflicts, list):
        raise InputError("%s: `conflicts` must be a list" % path)
    resolved = []
    for i, c in enumerate(conflicts):
        where = "%s: conflicts[%d]" % (path, i)
        try:
            sides = []
            for key in ("a", "b"):
                ref = c[key]
                occurrence = int(ref.get("occurrence", 1))
                pos = locate(texts[str(ref["source"])], str(ref["text"]), occurrence)
                g = next((g for g in golds if g.source == str(ref["source"]) and g.claim == str(c["claim"])
                          and g.start == pos and g.text == str(ref["text"])), None)
                if g is None:
                    raise InputError("%s: side %s is not a gold mention of %s" % (where, key, c["claim"]))
                sides.append(g)
        except (KeyError, TypeError, AttributeError) as e:
            raise InputError("%s: malformed (%s)" % (where, e))
        resolved.append((str(c["claim"]), sides[0], sides[1], c.get("why", "")))
    return golds, resolved


def read_sources(sources_dir):
    texts = {}
    for p in sorted(sources_dir.iterdir()):
        if p.is_file() and not p.name.startswith("."):
            texts[p.name] = p.read_bytes()
    if not texts:
        raise InputError("%s: no sources" % sources_dir)
    return texts


def run_factlint(factlint, sources_dir, rules):
    cmd = [factlint, "check", str(sources_dir), "--rules", str(rules), "--format", "json", "--quiet"]
    try:
        proc = subprocess.run(cmd, capture_output=True)
    except OSError as e:
        raise InputError("cannot run %s: %s" % (factlint, e))
    if proc.returncode not in (0, 1):
        raise InputError("%s exited with %d:\n%s" % (" ".join(cmd), proc.returncode,
                                                      proc.stderr.decode("utf-8", "replace")[-3000:]))
    try:
        return json.loads(proc.stdout.decode("utf-8"))
    except ValueError as e:
        raise InputError("%s printed no JSON (%s)" % (" ".join(cmd), e))


def source_name(path, sources_dir):
    """A JSON source path (as given to factlint, or walked) as a path relative to the sources directory."""
    path = Path(path)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        return str(path.resolve().relative_to(sources_dir.resolve()))
    except ValueError:
        return path.name


def read_found(report, sources_dir):
    found = []
    for m in report.get("mentions") or []:
        try:
            name = source_name(m["source"], sources_dir)
            start, length = int(m["offset"]), int(m["length"])
        except (KeyError, TypeError, ValueError):
            continue
        value = m.get("value") if isinstance(m.get("value"), dict) else {}
        found.append(Found(m.get("id"), name, str(m.get("claim")), start, start + length, m.get("text", ""), value,
                           m.get("scope")))
    return found


# ---------------------------------------------------------------------------------------------------------------
# Matching and scores


def overlap(a, b):
    return min(a.end, b.end) - max(a.start, b.start)


def match(golds, found):
    """One-to-one matching by overlapping spans: gold mentions to find first, then excluded ones. A part of the whole
    (a found mention with a scope) is never a mention of the whole, so it is matched only with excluded ones."""
    for excluded in (False, True):
        pairs = []
        for g in golds:
            if g.exclude != excluded or g.match is not None:
                continue
            for f in found:
                if f.match is not None or f.source != g.source or f.claim != g.claim:
                    continue
                if (excluded or f.scope is None) and overlap(f, g) > 0:
                    pairs.append((-overlap(f, g), g.index, f.start, g, f))
        for _, _, _, g, f in sorted(pairs, key=lambda p: p[:3]):
            if g.match is None and f.match is None:
                g.match, f.match = f, g


class Score:
    def __init__(self):
        self.gold = self.found = self.matched = 0
        self.value_right = self.value_compared = 0
        self.excluded = self.excluded_found = 0
        self.as_of_right = self.as_of_total = self.as_of_matched = 0
        self.as_of_dated_right = self.as_of_dated_total = 0  # the same, in sources with a publication date
        self.conflicts = self.conflicts_recalled = 0
        self.updates_as_conflicts = self.judged_pairs = 0

    def add(self, other):
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


def score(golds, found, claim_filter=None, dated=()):
    s = Score()
    for g in golds:
        if claim_filter is not None and g.claim != claim_filter:
            continue
        if g.exclude:
            s.excluded += 1
            s.excluded_found += g.match is not None and not g.match.set_aside()
            continue
        s.gold += 1
        if g.match is not None:
            s.matched += 1
            ok = value_matches(g.value, g.match.value)
            if ok is not None:
                s.value_compared += 1
                s.value_right += ok
        if isinstance(g.as_of, str) and DAY.match(g.as_of.strip()) and parse_gold_quantity(g.value) is not None:
            s.as_of_total += 1
            s.as_of_dated_total += g.source in dated
            if g.match is not None and g.match.value.get("type") == "quantity":
                right = g.match.value.get("as_of") == g.as_of.strip()
                s.as_of_matched += 1
                s.as_of_right += right
                s.as_of_dated_right += right and g.source in dated
    s.found = sum(1 for f in found if (claim_filter is None or f.claim == claim_filter) and not f.set_aside())
    return s


def conflict_recall(conflicts, report):
    recalled = []
    findings = [f for f in report.get("findings") or [] if f.get("kind") == "conflict"]
    for claim, a, b, why in conflicts:
        ok = False
        if a.match is not None and b.match is not None:
            for f in findings:
                if f.get("claim") != claim:
                    continue
                sides = f.get("sides") or []
                side_a = next((i for i, side in enumerate(sides) if a.match.id in side), None)
                side_b = next((i for i, side in enumerate(sides) if b.match.id in side), None)
                if side_a is not None and side_b is not None and side_a != side_b:
                    ok = True
                    break
        recalled.append((claim, a, b, why, ok))
    return recalled


def gold_day(g):
    """A gold mention's as_of as a day number, when it is a single day."""
    if not isinstance(g.as_of, str) or not DAY.match(g.as_of.strip()):
        return None
    y, m, d = (int(x) for x in g.as_of.strip().split("-"))
    return datetime.date(y, m, d).toordinal()


def follows_trend(earlier, later, trend):
    """Whether the later figure (found values) moved the way the claim's trend allows."""
    lo_e, hi_e = earlier.value.get("min"), earlier.value.get("max")
    lo_l, hi_l = later.value.get("min"), later.value.get("max")
    if None in (lo_e, hi_e, lo_l, hi_l):
        return trend is None
    if trend == "rising":
        return lo_l >= hi_e
    if trend == "falling":
        return hi_l <= lo_e
    return True


def updates_as_conflicts(golds, report, conflicts):
    """(updates reported as conflicts, judged pairs, the updates as (earlier, later) gold pairs): see the module's
    docstring."""
    timing = {c.get("id"): c for c in report.get("claims") or [] if isinstance(c, dict)}
    by_id = {g.match.id: g for g in golds if g.match is not None and not g.exclude}
    gold_pairs = {frozenset((a.index, b.index)) for _, a, b, _ in conflicts}
    updates, judged = [], 0
    for f in report.get("findings") or []:
        claim = timing.get(f.get("claim")) or {}
        window, trend = claim.get("window_minutes"), claim.get("trend")
        if f.get("kind") != "conflict" or (window is None and trend is None):
            continue
        window_days = (window or 0) / 1440.0
        sides = [[by_id[i] for i in side if i in by_id and gold_day(by_id[i]) is not None]
                 for side in f.get("sides") or []]
        for i, side in enumerate(sides):
            for other in sides[i + 1:]:
                for a in side:
                    for b in other:
                        judged += 1
                        if frozenset((a.index, b.index)) in gold_pairs:
                            continue
                        earlier, later = sorted((a, b), key=gold_day)
                        apart = gold_day(later) - gold_day(earlier) > window_days
                        if apart and follows_trend(earlier.match, later.match, trend):
                            updates.append((earlier, later))
    return len(updates), judged, updates


# ---------------------------------------------------------------------------------------------------------------
# Output


def pct(n, d):
    return "   -  " if d == 0 else "%5.1f%%" % (100.0 * n / d)


def frac(n, d):
    return "%d/%d" % (n, d)


HEADER = "  %-28s %5s %5s %5s %7s %7s %9s %9s" % ("claim", "gold", "found", "match", "recall", "prec.",
                                                   "value ok", "excl.hit")


def row(name, s):
    precision = pct(s.matched, s.found)
    return "  %-28s %5d %5d %5d %7s %7s %9s %9s" % (
        name[:28], s.gold, s.found, s.matched, pct(s.matched, s.gold), precision,
        frac(s.value_right, s.value_compared), frac(s.excluded_found, s.excluded))


ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|"
    r"Gen|Lt|Col|Maj|Sgt|Gov|Sen|Rep|No|Ft|Mt|vs))$")
BOUNDARY = re.compile(r"[.!?][\"'\u201d)]*\s+")


def sentence_around(data, start, end):
    """The sentence holding [start, end), within its line, as text (for listings; abbreviations do not end it)."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end < 0 else line_end
    line = data[line_start:line_end].decode("utf-8", "replace")
    a = len(data[line_start:start].decode("utf-8", "replace"))
    b = len(data[line_start:end].decode("utf-8", "replace"))
    s, e = 0, len(line)
    for m in BOUNDARY.finditer(line):
        if ABBREVIATION.search(line[:m.start()]):
            continue
        if m.end() <= a:
            s = m.end()
        elif m.start() >= b:
            e = m.start() + 1
            break
    text = line[s:e].strip()
    if len(text) > 400:
        mid = a - s
        text = "..." + text[max(0, mid - 200):mid + 200] + "..."
    return text


def line_of(data, pos):
    return data.count(b"\n", 0, pos) + 1


def list_misses(golds, found, texts, conflicts, updates):
    out = []
    misses = [g for g in golds if not g.exclude and g.match is None]
    if misses:
        out.append("  missed (%d):" % len(misses))
        for g in misses:
            data = texts[g.source]
            out.append("    %s:%d %s %r = %s" % (g.source, line_of(data, g.start), g.claim, g.text, g.value))
            out.append("        | %s" % sentence_around(data, g.start, g.end))
    wrong = [f for f in found if f.match is None or (f.match.exclude and not f.set_aside())]
    if wrong:
        out.append("  false positives (%d):" % len(wrong))
        for f in wrong:
            data = texts.get(f.source, b"")
            note = ""
            if f.match is not None:
                note = "  [excluded in gold: %s]" % f.match.value
            out.append("    %s:%d %s %r -> %s%s" % (f.source, line_of(data, f.start), f.claim, f.text,
                                                  describe_value(f.value), note))
            out.append("        | %s" % sentence_around(data, f.start, f.end))
    bad = [g for g in golds if not g.exclude and g.match is not None and value_matches(g.value, g.match.value) is False]
    if bad:
        out.append("  wrong values (%d):" % len(bad))
        for g in bad:
            data = texts[g.source]
            out.append("    %s:%d %s %r: gold %s, found %r -> %s" % (
                g.source, line_of(data, g.start), g.claim, g.text, g.value, g.match.text,
                describe_value(g.match.value)))
    as_of = [g for g in golds if not g.exclude and g.match is not None and isinstance(g.as_of, str)
             and DAY.match(g.as_of.strip()) and g.match.value.get("type") == "quantity"
             and g.match.value.get("as_of") != g.as_of.strip()]
    if as_of:
        out.append("  wrong as_of (%d):" % len(as_of))
        for g in as_of:
            out.append("    %s:%d %s %r: gold as of %s, found as of %s" % (
                g.source, line_of(texts[g.source], g.start), g.claim, g.text, g.as_of, g.match.value.get("as_of")))
    missed_conflicts = [c for c in conflicts if not c[4]]
    if missed_conflicts:
        out.append("  conflicts not recalled (%d):" % len(missed_conflicts))
        for claim, a, b, why, _ in missed_conflicts:
            out.append("    %s: %s %r vs %s %r (%s)" % (claim, a.source, a.text, b.source, b.text, why))
    if updates:
        out.append("  updates reported as conflicts (%d):" % len(updates))
        for earlier, later in updates:
            out.append("    %s: %s:%d %r (gold as of %s, found %s) then %s:%d %r (gold as of %s, found %s)" % (
                earlier.claim, earlier.source, line_of(texts[earlier.source], earlier.start), earlier.text,
                earlier.as_of, earlier.match.value.get("as_of"), later.source,
                line_of(texts[later.source], later.start), later.text, later.as_of, later.match.value.get("as_of")))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("devset", type=Path, help="directory of story directories")
    ap.add_argument("--factlint", default="target/release/factlint", help="factlint binary")
    ap.add_argument("--rules-name", default="rules-regex.yaml", help="rules file name in each story directory")
    ap.add_argument("--list-misses", action="store_true",
                    help="print every missed gold mention and every false positive with its sentence")
    args = ap.parse_args(argv)

    try:
        stories = sorted(d for d in args.devset.iterdir() if d.is_dir() and (d / "gold.yaml").is_file())
    except OSError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    if not stories:
        print("error: no story directory with a gold.yaml in %s" % args.devset, file=sys.stderr)
        return 2

    print("factlint: %s   rules: %s" % (args.factlint, args.rules_name))
    total = Score()
    rows = []
    try:
        for story in stories:
            sources_dir = story / "sources"
            rules = story / args.rules_name
            if not rules.is_file():
                raise InputError("%s: no rules file" % rules)
            texts = read_sources(sources_dir)
            golds, conflicts = load_gold(story, texts)
            report = run_factlint(args.factlint, sources_dir, rules)
            found = read_found(report, sources_dir)
            dated = set()
            for src in report.get("sources") or []:
                if isinstance(src, dict) and src.get("published") and src.get("path"):
                    dated.add(source_name(src["path"], sources_dir))
            match(golds, found)
            recalled = conflict_recall(conflicts, report)

            claims = []
            for name in [g.claim for g in golds] + [f.claim for f in found]:
                if name not in claims:
                    claims.append(name)
            print()
            print("%s  (%d sources)" % (story.name, len(texts)))
            print(HEADER)
            for name in claims:
                print(row(name, score(golds, found, name)))
            s = score(golds, found, dated=dated)
            s.conflicts = len(recalled)
            s.conflicts_recalled = sum(1 for c in recalled if c[4])
            s.updates_as_conflicts, s.judged_pairs, updates = updates_as_conflicts(golds, report, conflicts)
            print(row("TOTAL", s))
            print("  as_of right: %d of %d gold quantity mentions with a single-day as_of (%d of them matched);"
                  " in sources with a publication date: %d of %d"
                  % (s.as_of_right, s.as_of_total, s.as_of_matched, s.as_of_dated_right, s.as_of_dated_total))
            print("  conflicts recalled: %d of %d" % (s.conflicts_recalled, s.conflicts))
            print("  updates reported as conflicts: %d of %d judged pairs"
                  % (s.updates_as_conflicts, s.judged_pairs))
            if args.list_misses:
                for line in list_misses(golds, found, texts, recalled, updates):
                    print(line)
            total.add(s)
            rows.append((story.name, s))
    except InputError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2

    print()
    print("ALL STORIES")
    print("  %-28s %5s %5s %5s %7s %7s %9s %9s %9s %9s" % ("story", "gold", "found", "match", "recall", "prec.",
                                                          "value ok", "excl.hit", "as_of ok", "conflicts"))
    for name, s in rows + [("TOTAL", total)]:
        print("  %-28s %5d %5d %5d %7s %7s %9s %9s %9s %9s" % (
            name[:28], s.gold, s.found, s.matched, pct(s.matched, s.gold), pct(s.matched, s.found),
            frac(s.value_right, s.value_compared), frac(s.excluded_found, s.excluded),
            frac(s.as_of_right, s.as_of_total), frac(s.conflicts_recalled, s.conflicts)))
    print("  updates reported as conflicts: %d of %d judged pairs" % (total.updates_as_conflicts, total.judged_pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
