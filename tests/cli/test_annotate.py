#!/usr/bin/env python3
"""`whosaid annotate`, end to end: test_annotate.py WHOSAID CASE.

The engine is evolving, so results are checked for structure only: keys and
types, ids in order, and that every span's "text" is the input's slice
between its offsets in the chosen unit. Inputs are short sentences written
for these tests.
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

WHOSAID = sys.argv[1]
CASE = sys.argv[2]
TMP = tempfile.mkdtemp(prefix="whosaid-cli-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)

EMOJI = "\U0001F600"  # outside the BMP: 1 code point, 2 UTF-16 units, 4 bytes
TEXT = (EMOJI + ' "We will win," Mayor Ana Ruiz said. "The budget is fine," she added.\n\n'
        "The council said that taxes would not rise. A spokesman declined to comment.\n")
SENTENCES = [
    '"We will win," Mayor Ana Ruiz said.',
    'Jo\u00e3o Silva, a baker, said the rent was too high.',
    '"It is over," the coach told reporters. ' + EMOJI + ' "We lost."',
    'The ministry did not respond to a request for comment.',
    'Nobody said anything at all.',
]
DOC_KEYS = {"offsets", "quotes", "entities", "speakers", "non_quotes"}


def fail(msg):
    sys.exit(f"FAIL [{CASE}]: {msg}")


def check(cond, msg):
    if not cond:
        fail(msg)


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(*args, stdin=None, expect=0):
    p = subprocess.run([WHOSAID, "annotate", *args], input=stdin, capture_output=True,
                       timeout=100)
    if expect is not None and p.returncode != expect:
        fail(f"annotate {' '.join(args)}: exit {p.returncode}, wanted {expect}\n"
             f"stderr: {p.stderr.decode(errors='replace')[:2000]}")
    return p


def slice_units(text, unit, s, e):
    if unit == "codepoint":
        return text[s:e]
    if unit == "utf16":
        b = text.encode("utf-16-le")
        return b[2 * s:2 * e].decode("utf-16-le")  # raises off a boundary
    return text.encode("utf-8")[s:e].decode("utf-8")


def units_len(text, unit):
    if unit == "codepoint":
        return len(text)
    if unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    return len(text.encode("utf-8"))


def check_span(text, unit, sp, with_text=True):
    check(isinstance(sp, dict), f"span is not an object: {sp!r}")
    s, e = sp.get("start"), sp.get("end")
    check(isinstance(s, int) and isinstance(e, int), f"span offsets: {sp!r}")
    check(0 <= s <= e <= units_len(text, unit), f"span out of range: {sp!r}")
    if with_text:
        try:
            want = slice_units(text, unit, s, e)
        except UnicodeDecodeError:
            fail(f"span {sp!r} is off a character boundary")
        check(sp.get("text") == want, f"span {sp!r}: text is not the slice {want!r}")


def check_doc(doc, text, unit="codepoint"):
    """Structure of one result; returns the number of spans checked."""
    check(isinstance(doc, dict), "result is not an object")
    check(DOC_KEYS <= set(doc), f"missing keys: {DOC_KEYS - set(doc)}")
    check(doc["offsets"] == unit, f"offsets {doc['offsets']!r}, wanted {unit!r}")
    n = 0
    ents = doc["entities"]
    check(isinstance(ents, list), "entities is not a list")
    for i, e in enumerate(ents):
        check(e.get("id") == f"e{i + 1}", f"entity id {e.get('id')!r}")
        check(e.get("kind") in ("person", "organization", "group", "anonymous"), "kind")
        check(isinstance(e.get("titles"), list), "titles")
        check(isinstance(e.get("anonymous"), bool), "anonymous")
        for m in e.get("mentions"):
            check_span(text, unit, m); n += 1
    eids = {e["id"] for e in ents}
    quotes = doc["quotes"]
    check(isinstance(quotes, list), "quotes is not a list")
    for i, q in enumerate(quotes):
        check(q.get("id") == f"q{i + 1}", f"quote id {q.get('id')!r}")
        check(q.get("type") in ("direct", "mixed", "indirect"), f"type {q.get('type')!r}")
        check_span(text, unit, q["content"]); n += 1
        check(isinstance(q.get("segments"), list) and q["segments"], "segments")
        for sg in q["segments"]:
            check_span(text, unit, sg, with_text=False); n += 1
        if q["cue"] is not None:
            check_span(text, unit, q["cue"]); n += 1
            check("lemma" in q["cue"] and "stance" in q["cue"], "cue keys")
        if q["speaker"] is not None:
            sp = q["speaker"]
            check(sp.get("entity") in eids, f"speaker entity {sp.get('entity')!r}")
            check({"name", "kind", "mention"} <= set(sp), "speaker keys")
            check_span(text, unit, sp["mention"]); n += 1
        check(q.get("attribution") in ("explicit", "according_to", "inherited", "coreference"),
              "attribution")
        check("rule" in q, "rule")
        c = q.get("confidence")
        check(isinstance(c, (int, float)) and 0 <= c <= 1, f"confidence {c!r}")
        check(round(c, 3) == c, f"confidence {c!r} has more than 3 decimals")
        check(isinstance(q.get("paragraph"), int), "paragraph")
        check(q.get("unclosed", True) is True, "unclosed is only ever true")
    qids = {q["id"] for q in quotes}
    for s in doc["speakers"]:
        check(s.get("entity") in eids or s.get("entity") is None, "speaker entity")
        check(all(x in qids for x in s.get("quotes")), "speaker quotes")
        for k in ("direct", "mixed", "indirect", "words"):
            check(isinstance(s.get(k), int), f"speaker {k}")
    for nq in doc["non_quotes"]:
        check(nq.get("kind") in ("declined_comment", "no_response"), "non-quote kind")
        check(nq.get("entity") in eids or nq.get("entity") is None, "non-quote entity")
        check_span(text, unit, nq); n += 1
    return n


def one_line_json(out):
    s = out.decode("utf-8")
    check(s.endswith("\n") and s.count("\n") == 1, f"not one line: {s[:200]!r}")
    return json.loads(s)


def make_jsonl(n, with_ids=True):
    lines, texts = [], []
    for i in range(n):
        text = f"Line {i}. " + SENTENCES[i % len(SENTENCES)]
        texts.append(text)
        obj = {"text": text, "extra": {"n": i}}
        if with_ids:
            obj = {"id": f"doc-{i:05d}" if i % 3 else i, **obj}
        lines.append(json.dumps(obj, ensure_ascii=(i % 2 == 0)))
    return "\n".join(lines) + "\n", texts


def check_jsonl_output(out, texts, ids):
    rows = [json.loads(l) for l in out.decode("utf-8").splitlines()]
    check(len(rows) == len(ids), f"{len(rows)} output lines, wanted {len(ids)}")
    for row, text, want in zip(rows, texts, ids):
        check(row.get("id") == want, f"id {row.get('id')!r}, wanted {want!r} (order)")
        check(next(iter(row)) == "id", "id is not the first key")
        check_doc(row, text)
    return rows


# ---- cases -------------------------------------------------------------------

def case_file():
    p = run(write("in.txt", TEXT))
    check(p.stderr == b"", f"stderr not empty: {p.stderr!r}")
    check_doc(one_line_json(p.stdout), TEXT)


def case_stdin():
    a = run(write("in.txt", TEXT))
    b = run("-", stdin=TEXT.encode())
    check(a.stdout == b.stdout, "stdin and file give different results")
    check_doc(one_line_json(b.stdout), TEXT)


def case_output_file():
    out = os.path.join(TMP, "out.json")
    p = run("--output", out, write("in.txt", TEXT))
    check(p.stdout == b"", "wrote to stdout despite --output")
    with open(out, "rb") as f:
        check_doc(one_line_json(f.read()), TEXT)


def case_pretty():
    path = write("in.txt", TEXT)
    compact = run(path).stdout
    pretty = run("--pretty", path).stdout.decode()
    check(pretty.startswith('{\n  "offsets": "codepoint"'), f"not indented by 2: {pretty[:80]!r}")
    check(json.loads(pretty) == json.loads(compact), "--pretty changes the content")


def case_offsets_utf16():
    path = write("in.txt", TEXT)
    cp = json.loads(run(path).stdout)
    u16 = json.loads(run("--offsets", "utf16", path).stdout)
    u16b = json.loads(run("--offsets=utf16", path).stdout)
    check(u16 == u16b, "--offsets=utf16 and --offsets utf16 differ")
    check_doc(cp, TEXT, "codepoint")
    n = check_doc(u16, TEXT, "utf16")
    check(len(cp["quotes"]) == len(u16["quotes"]), "different quotes per unit")
    # One non-BMP character precedes every span of TEXT: UTF-16 is one more.
    for a, b in zip(cp["quotes"], u16["quotes"]):
        check(b["content"]["start"] == a["content"]["start"] + 1, "utf16 shift")
        check(b["content"]["end"] == a["content"]["end"] + 1, "utf16 shift")
        check(a["content"]["text"] == b["content"]["text"], "texts differ")
    print(f"{n} spans checked in utf16, {len(cp['quotes'])} quotes")


def case_offsets_utf8():
    path = write("in.txt", TEXT)
    check_doc(json.loads(run("--offsets", "utf8", path).stdout), TEXT, "utf8")


def bad_utf8():
    good = '"We will win," Mayor Ana Ruiz said. '.encode()
    return good, good + b"\xff\xfe tail.\n"


def case_invalid_utf8():
    good, data = bad_utf8()
    p = run(write("bad.txt", data), expect=1)
    err = p.stderr.decode()
    check(f"byte offset {len(good)}" in err, f"no byte offset in {err!r}")
    check("bad.txt" in err, f"file not named in {err!r}")
    check(p.stdout == b"", "wrote output for invalid input")


def case_repair():
    _, data = bad_utf8()
    p = run("--repair", write("bad.txt", data))
    doc = one_line_json(p.stdout)
    check(doc.get("repaired") is True, '"repaired": true missing')
    check_doc(doc, data.decode("utf-8", errors="replace"))
    p = run("--repair", write("good.txt", TEXT))
    check("repaired" not in one_line_json(p.stdout), '"repaired" on valid input')


def case_empty_file():
    doc = one_line_json(run(write("empty.txt", "")).stdout)
    check_doc(doc, "")
    check(doc["quotes"] == [] and doc["entities"] == [], "results for an empty text")


def case_missing_file():
    path = os.path.join(TMP, "no-such-file.txt")
    p = run(path, expect=1)
    err = p.stderr.decode()
    check(path in err and "No such file" in err, f"unclear error: {err!r}")
    p = run("--jsonl", path, expect=1)
    check(path in p.stderr.decode(), "jsonl: missing file not named")


def case_usage():
    path = write("in.txt", TEXT)
    for args in (["--bogus", path], ["--offsets", "bytes", path], ["--offsets"],
                 [], [path, path], ["--jobs", "0", "--jsonl", path], ["--jobs", "x", path],
                 ["--pretty", "--jsonl", path], ["--repair=yes", path], ["-q", path]):
        p = run(*args, expect=2)
        check(b"usage:" in p.stderr, f"no usage for {args}: {p.stderr!r}")
        check(p.stdout == b"", f"output for a usage error {args}")


def case_help():
    p = run("--help")
    check(p.stdout.startswith(b"usage:"), "--help prints no usage")


def case_cues_missing():
    path = os.path.join(TMP, "missing-cues.tsv")
    p = run("--cues", path, write("in.txt", TEXT), expect=1)
    check("missing-cues.tsv" in p.stderr.decode(), f"cue file not named: {p.stderr!r}")


def case_jsonl_order():
    data, texts = make_jsonl(600)
    path = write("in.jsonl", data)
    ids = [f"doc-{i:05d}" if i % 3 else i for i in range(600)]
    p2 = run("--jsonl", "--jobs", "2", path)
    check_jsonl_output(p2.stdout, texts, ids)
    p1 = run("--jsonl", "-j1", path)
    p4 = run("--jsonl", "-j", "4", path)
    check(p1.stdout == p2.stdout == p4.stdout, "output depends on --jobs")
    p = run("--jsonl", "--offsets", "utf16", "-j2", path)
    for row, text in zip((json.loads(l) for l in p.stdout.splitlines()), texts):
        check_doc(row, text, "utf16")


def case_jsonl_stdin():
    data, texts = make_jsonl(50)
    ids = [f"doc-{i:05d}" if i % 3 else i for i in range(50)]
    out = os.path.join(TMP, "out.jsonl")
    p = run("--jsonl", "-", "--output", out, stdin=data.encode())
    check(p.stdout == b"", "wrote to stdout despite --output")
    with open(out, "rb") as f:
        check_jsonl_output(f.read(), texts, ids)


def case_jsonl_bad_lines():
    data, texts = make_jsonl(20)
    lines = data.splitlines()
    bad = {
        7: "{not json",
        10: json.dumps({"id": "x", "body": "no text"}),
        12: json.dumps({"id": "y", "text": 42}),
        15: json.dumps(["an", "array"]),
        17: json.dumps({"id": {"an": "object"}, "text": "ok"}),
        19: '{"id": "dup", "text": "b", "text": "c"}',
    }
    ids, keep = [], []
    for n, line in enumerate(lines, 1):
        if n in bad:
            lines[n - 1] = bad[n]
        else:
            i = n - 1
            ids.append(f"doc-{i:05d}" if i % 3 else i)
            keep.append(texts[i])
    path = write("bad.jsonl", "\n".join(lines) + "\n")
    # Invalid UTF-8 inside a line (line 21) and a last line without newline.
    with open(path, "ab") as f:
        f.write(b'{"id": "raw", "text": "caf\xe9 \xff"}\n{"id": "last", "text": "Fine."}')
    bad[21] = "invalid UTF-8"
    ids.append("last")
    keep.append("Fine.")
    p = run("--jsonl", "-j2", path, expect=1)
    err = p.stderr.decode().splitlines()
    check(len(err) == len(bad), f"{len(err)} messages for {len(bad)} bad lines: {err}")
    for msg, n in zip(err, sorted(bad)):
        check(msg.startswith(f"{path}:{n}: "), f"message {msg!r} is not {path}:{n}: reason")
    check(err[-1].endswith("invalid UTF-8 at byte offset 26 of the line"), err[-1])
    check_jsonl_output(p.stdout, keep, ids)


def case_jsonl_no_id():
    data = ('{"text": "\\"Yes,\\" she said."}\n\n   \n'
            '{"text": "No.", "id": 12345.678}\r\n'
            '{"text": "Maybe.", "id": null}\n')
    p = run("--jsonl", "-", stdin=data.encode(), expect=1)
    check(p.stderr.decode().startswith("<stdin>:5: "), f"null id not rejected: {p.stderr!r}")
    check(b'"id":12345.678,' in p.stdout, f"real id not echoed as given: {p.stdout[:300]!r}")
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    check([r["id"] for r in rows] == [1, 12345.678], f"ids {[r['id'] for r in rows]}")


def case_jsonl_empty():
    p = run("--jsonl", write("empty.jsonl", ""))
    check(p.stdout == b"", "output for an empty file")
    p = run("--jsonl", write("blank.jsonl", "\n\n  \n"))
    check(p.stdout == b"" and p.stderr == b"", "output for blank lines")
    p = run("--jsonl", "-", stdin=b"")
    check(p.stdout == b"", "output for empty stdin")


def case_jsonl_long_line():
    # A line over the 64 MiB cap is reported and skipped; its neighbours stay.
    path = os.path.join(TMP, "long.jsonl")
    with open(path, "wb") as f:
        f.write(b'{"id": "a", "text": "Before."}\n')
        f.write(b'{"id": "big", "text": "' + b"x" * (64 << 20) + b'"}\n')
        f.write(b'{"id": "b", "text": "After."}\n')
    p = run("--jsonl", path, expect=1)
    check(p.stderr.decode().startswith(f"{path}:2: line longer than"), f"{p.stderr!r}")
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    check([r["id"] for r in rows] == ["a", "b"], "neighbours of the long line")


def case_jsonl_epipe():
    # The reader of the output goes away: exit 1 with a message, promptly,
    # also while the input is a pipe that stays open (the reader thread is
    # then blocked in read()).
    data, _ = make_jsonl(20000)
    path = write("big.jsonl", data)
    for stdin in (False, True):
        p = subprocess.Popen([WHOSAID, "annotate", "--jsonl", "-j2", "-" if stdin else path],
                             stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if stdin:
            def feed():
                try:
                    p.stdin.write(data.encode())
                    p.stdin.flush()
                except (BrokenPipeError, ValueError):
                    pass
            threading.Thread(target=feed, daemon=True).start()
        p.stdout.readline()
        p.stdout.close()
        try:
            rc = p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            fail(f"still running after the output closed (stdin={stdin})")
        err = p.stderr.read().decode()
        check(rc == 1, f"exit {rc} on a closed pipe, wanted 1")
        check("Broken pipe" in err, f"no message on a closed pipe: {err!r}")
        if stdin:
            try:
                p.stdin.close()
            except (BrokenPipeError, ValueError):
                pass


def case_jsonl_quiet():
    # stderr is a pipe here: no progress bar, nothing at all on success.
    data, texts = make_jsonl(200)
    p = run("--jsonl", write("in.jsonl", data))
    check(p.stderr == b"", f"stderr not empty in a pipe: {p.stderr[:200]!r}")


if __name__ == "__main__":
    globals()["case_" + CASE.replace("-", "_")]()
    print("ok", CASE)
