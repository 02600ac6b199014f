#!/usr/bin/env python3
"""Word salad: the engine over random sentences made of its own edge words.

    wordsalad.py WHOSAID [--docs N] [--seed S]

libFuzzer mutates bytes; it rarely puts "On", "Wednesday", "morning" and
"said" in a row at the start of a sentence, which is where the engine's
walks to the left of a cue end. This test builds N documents (default
20,000, seed 1) from a fixed list of words the frames look at -- cue
verbs, titles, times, party tags, state abbreviations, relative pronouns,
quantifiers, quote marks, dashes and commas -- in random order, runs
`WHOSAID annotate --jsonl -j 2` over them and checks that it exits 0, that
it answers every line in order, and that every span lies inside its text.
Under the ASan/UBSan build (`make test-asan`, CI) any out-of-bounds read
stops the run. On a failure the input is kept and its path printed.

Deterministic: the same seed gives the same documents.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

WORDS = """
, , , . . : ; ( ) " " ' “ ” ‘ ’ — -- - …
said says say told tells added noted claimed pledged plans warned asked
Asked called found showed according to speaking saying adding who which
that whom what whether On on In in at At by from for of with about as
Monday Wednesday Friday morning evening late early June August last this
next week year Last This Most most several Several both all none None
some half percent 38% 64 25-year-old 1990s those surveyed polled
Sen. Rep. Gov. Mr. Ms. Dr. President Mayor General Assembly the The a A
an An his her its their he she it they He She It They I we We you
N.C. Md. Calif. D-Vt. R-Ill. (D-Ore.) U.S. D.C. CHARLOTTE BEIRUT
Ann Lee Tom Read Ian Hale Ruiz Park Bexley Wilmington Charlotte
official officials person source familiar close knowledge aide
spokesman spokeswoman group groups committee state federal ministry
statement interview post posts tweets series released issued
and but or not did declined comment respond reported writes
endorsed denounced themselves himself has have had was is were be
« » „ '' Kremlin White House press secretary condition anonymity quoted
reporters
""".split() + ["\n\n", "\n"]


def documents(n, seed):
    rnd = random.Random(seed)
    for i in range(n):
        parts = []
        for _ in range(rnd.randint(1, 6)):
            k = rnd.randint(1, 12)
            parts.append(" ".join(rnd.choice(WORDS) for _ in range(k)))
        yield {"id": str(i), "text": " ".join(parts)}


def spans(obj):
    """Every {"start", "end"} object inside an annotation."""
    if isinstance(obj, dict):
        if "start" in obj and "end" in obj:
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("whosaid")
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv[1:])

    docs = list(documents(args.docs, args.seed))
    fd, path = tempfile.mkstemp(prefix="wordsalad-", suffix=".jsonl")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    proc = subprocess.run([args.whosaid, "annotate", "--jsonl", "-j", "2", path],
                          capture_output=True, timeout=300)
    failed = None
    if proc.returncode != 0:
        failed = "exit status %d: %s" % (proc.returncode,
                                         proc.stderr.decode(errors="replace")[-2000:])
    else:
        lines = proc.stdout.decode("utf-8").splitlines()
        if len(lines) != len(docs):
            failed = "%d answers for %d documents" % (len(lines), len(docs))
        for d, line in zip(docs, lines):
            if failed:
                break
            out = json.loads(line)
            if out.get("id") != d["id"]:
                failed = "answer %r in the place of %r" % (out.get("id"), d["id"])
                break
            n = len(d["text"])
            for sp in spans(out):
                if not (0 <= sp["start"] <= sp["end"] <= n):
                    failed = "document %s: span %r outside its %d characters" % (
                        d["id"], sp, n)
                    break
    if failed:
        print("wordsalad: FAIL (seed %d, %d documents): %s" % (args.seed, args.docs, failed))
        print("wordsalad: the input is kept in %s" % path)
        return 1
    os.unlink(path)
    print("wordsalad: ok, %d documents (seed %d)" % (len(docs), args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
