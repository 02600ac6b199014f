#!/usr/bin/env python3
"""Golden tests: run.py WHOSAID CASE_DIR [CASE_DIR...] [--show]
                run.py --self-test

Runs `WHOSAID annotate --offsets codepoint CASE_DIR/input.txt` and checks
its JSON against CASE_DIR/expected.json, a partial specification: only what
it lists is checked. The format is in tests/golden/README.md; an unknown key
or a value of the wrong type is an error in the case, reported as such.

Exit status 0 when every case passes, 1 when one fails, 2 on usage or a
malformed case. --show prints what the engine found, case by case.
--self-test checks the checker: malformed specifications are refused and
wrong answers are caught, on a hand-made document.
"""
import json
import os
import subprocess
import sys

QUOTE_TYPES = {"direct", "mixed", "indirect"}
KINDS = {"person", "organization", "group", "anonymous"}
ATTRIBUTIONS = {"explicit", "according_to", "inherited", "coreference"}
STANCES = {"neutral", "assertive", "concessive", "critical", "directive",
           "epistemic"}
NQ_KINDS = {"declined_comment", "no_response"}

STR, INT, BOOL, STRS, NULLSTR = "string", "integer", "boolean", \
    "list of strings", "string or null"

# key: (type, required, allowed values or None)
QUOTE_KEYS = {
    "content": (STR, True, None),
    "type": (STR, False, QUOTE_TYPES),
    "speaker": (NULLSTR, False, None),
    "kind": (STR, False, KINDS),
    "mention": (STR, False, None),
    "cue": (NULLSTR, False, None),
    "lemma": (STR, False, None),
    "stance": (STR, False, STANCES),
    "attribution": (STR, False, ATTRIBUTIONS),
    "segments": ("integer or list of strings", False, None),
    "unclosed": (BOOL, False, None),
    "paragraph": (INT, False, None),
}
ENTITY_KEYS = {
    "name": (STR, True, None),
    "kind": (STR, False, KINDS),
    "titles": (STRS, False, None),
    "anonymous": (BOOL, False, None),
    "anonymity_reason": (NULLSTR, False, None),
    "mentions": (STRS, False, None),
    "quotes": (INT, False, None),
}
NON_QUOTE_KEYS = {
    "kind": (STR, True, NQ_KINDS),
    "speaker": (NULLSTR, False, None),
    "text": (STR, False, None),
}
TOP_KEYS = {
    "comment": STR,
    "quotes": "list",
    "exact_quote_count": BOOL,
    "entities": "list",
    "exact_entity_count": BOOL,
    "non_quotes": "list",
    "exact_non_quote_count": BOOL,
    "not_quotes": STRS,
}


class BadCase(Exception):
    """expected.json itself is wrong."""


def type_ok(v, t):
    if t == STR:
        return isinstance(v, str)
    if t == NULLSTR:
        return v is None or isinstance(v, str)
    if t == INT:
        return isinstance(v, int) and not isinstance(v, bool)
    if t == BOOL:
        return isinstance(v, bool)
    if t == STRS:
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if t == "list":
        return isinstance(v, list)
    if t == "integer or list of strings":
        return type_ok(v, INT) or type_ok(v, STRS)
    raise AssertionError(t)


def validate_items(items, keys, where):
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadCase(f"{where}[{i}] is not an object")
        for k, v in item.items():
            if k not in keys:
                raise BadCase(f"{where}[{i}]: unknown key {k!r} "
                              f"(known: {', '.join(sorted(keys))})")
            t, _, allowed = keys[k]
            if not type_ok(v, t):
                raise BadCase(f"{where}[{i}].{k} must be a {t}")
            if allowed and v not in allowed:
                raise BadCase(f"{where}[{i}].{k}: {v!r} is not one of "
                              f"{', '.join(sorted(allowed))}")
        for k, (_, required, _) in keys.items():
            if required and k not in item:
                raise BadCase(f"{where}[{i}]: {k!r} is required")


def validate(spec):
    if not isinstance(spec, dict):
        raise BadCase("expected.json is not an object")
    for k, v in spec.items():
        if k not in TOP_KEYS:
            raise BadCase(f"unknown key {k!r} (known: "
                          f"{', '.join(sorted(TOP_KEYS))})")
        if not type_ok(v, TOP_KEYS[k]):
            raise BadCase(f"{k!r} must be a {TOP_KEYS[k]}")
    if not any(k in spec for k in ("quotes", "entities", "non_quotes",
                                   "not_quotes", "exact_quote_count")):
        raise BadCase("nothing to check")
    for flag, lst in (("exact_quote_count", "quotes"),
                      ("exact_entity_count", "entities"),
                      ("exact_non_quote_count", "non_quotes")):
        if flag in spec and lst not in spec:
            spec[lst] = []
    validate_items(spec.get("quotes", []), QUOTE_KEYS, "quotes")
    validate_items(spec.get("entities", []), ENTITY_KEYS, "entities")
    validate_items(spec.get("non_quotes", []), NON_QUOTE_KEYS, "non_quotes")


def speaker_name(q):
    return q["speaker"]["name"] if q.get("speaker") else None


def describe_quote(q):
    sp = q.get("speaker")
    cue = q.get("cue")
    segs = [s for s in q["segments"]]
    return (f"{q['type']} {json.dumps(q['content']['text'], ensure_ascii=False)}"
            f" speaker={json.dumps(speaker_name(q), ensure_ascii=False)}"
            + (f" kind={sp['kind']} mention="
               f"{json.dumps(sp['mention']['text'], ensure_ascii=False)}"
               if sp else "")
            + f" cue={json.dumps(cue['text'] if cue else None)}"
            + (f" lemma={cue['lemma']} stance={cue['stance']}" if cue else "")
            + f" attribution={q['attribution']} segments={len(segs)}"
            + (" unclosed" if q.get("unclosed") else "")
            + f" paragraph={q['paragraph']} rule={q['rule']}")


def describe_entity(e, nquotes):
    return (f"{json.dumps(e['name'], ensure_ascii=False)} kind={e['kind']}"
            f" titles={json.dumps(e['titles'], ensure_ascii=False)}"
            f" anonymous={json.dumps(e['anonymous'])}"
            + (f" reason={json.dumps(e.get('anonymity_reason'), ensure_ascii=False)}"
               if e.get("anonymous") else "")
            + " mentions=" + json.dumps([m["text"] for m in e["mentions"]],
                                        ensure_ascii=False)
            + f" quotes={nquotes}")


def describe(doc):
    counts = quote_counts(doc)
    lines = ["  quotes:"]
    lines += [f"    {describe_quote(q)}" for q in doc["quotes"]] or \
        ["    (none)"]
    lines.append("  entities:")
    lines += [f"    {describe_entity(e, counts.get(e['id'], 0))}"
              for e in doc["entities"]] or ["    (none)"]
    lines.append("  non_quotes:")
    lines += [f"    {n['kind']} speaker="
              f"{json.dumps(entity_name(doc, n['entity']), ensure_ascii=False)}"
              f" {json.dumps(n['text'], ensure_ascii=False)}"
              for n in doc["non_quotes"]] or ["    (none)"]
    return "\n".join(lines)


def quote_counts(doc):
    counts = {}
    for q in doc["quotes"]:
        if q.get("speaker"):
            e = q["speaker"]["entity"]
            counts[e] = counts.get(e, 0) + 1
    return counts


def entity_name(doc, eid):
    for e in doc["entities"]:
        if e["id"] == eid:
            return e["name"]
    return None


def quote_mismatches(exp, q):
    """The fields of q that differ from exp, as messages."""
    bad = []
    cue = q.get("cue")
    sp = q.get("speaker")
    got = {
        "type": q["type"],
        "speaker": speaker_name(q),
        "kind": sp["kind"] if sp else None,
        "mention": sp["mention"]["text"] if sp else None,
        "cue": cue["text"] if cue else None,
        "lemma": cue["lemma"] if cue else None,
        "stance": cue["stance"] if cue else None,
        "attribution": q["attribution"],
        "unclosed": bool(q.get("unclosed")),
        "paragraph": q["paragraph"],
    }
    for k, v in exp.items():
        if k == "content":
            continue
        if k == "segments":
            if isinstance(v, int):
                if len(q["segments"]) != v:
                    bad.append(f"segments: {len(q['segments'])}, want {v}")
            else:
                texts = [s["text"] for s in q["segments"]]
                if texts != v:
                    bad.append(f"segments: {json.dumps(texts, ensure_ascii=False)}"
                               f", want {json.dumps(v, ensure_ascii=False)}")
            continue
        if got[k] != v:
            bad.append(f"{k}: {json.dumps(got[k], ensure_ascii=False)}, "
                       f"want {json.dumps(v, ensure_ascii=False)}")
    return bad


def check(spec, doc, text):
    errors = []
    quotes = doc["quotes"]
    # Segment texts, for the segment comparison above.
    for q in quotes:
        for s in q["segments"]:
            s["text"] = text[s["start"]:s["end"]]

    pos = 0
    for exp in spec.get("quotes", []):
        want = exp["content"]
        idx = [i for i in range(pos, len(quotes))
               if quotes[i]["content"]["text"] == want]
        if not idx:
            earlier = any(q["content"]["text"] == want for q in quotes[:pos])
            errors.append(f"no quote with content "
                          f"{json.dumps(want, ensure_ascii=False)}"
                          + (" after the previous one (out of order)"
                             if earlier else ""))
            continue
        best = None
        for i in idx:
            bad = quote_mismatches(exp, quotes[i])
            if not bad:
                best = (i, [])
                break
            if best is None:
                best = (i, bad)
        i, bad = best
        for b in bad:
            errors.append(f"quote {json.dumps(want, ensure_ascii=False)}: {b}")
        pos = i + 1
    if spec.get("exact_quote_count") and \
            len(quotes) != len(spec.get("quotes", [])):
        errors.append(f"{len(quotes)} quotes, want exactly "
                      f"{len(spec.get('quotes', []))}")

    counts = quote_counts(doc)
    for exp in spec.get("entities", []):
        found = [e for e in doc["entities"] if e["name"] == exp["name"]]
        if len(found) != 1:
            errors.append(f"{len(found)} entities named "
                          f"{json.dumps(exp['name'], ensure_ascii=False)}, "
                          "want 1")
            continue
        e = found[0]
        got = {
            "kind": e["kind"],
            "titles": e["titles"],
            "anonymous": e["anonymous"],
            "anonymity_reason": e.get("anonymity_reason"),
            "mentions": [m["text"] for m in e["mentions"]],
            "quotes": counts.get(e["id"], 0),
        }
        for k, v in exp.items():
            if k != "name" and got[k] != v:
                errors.append(f"entity {json.dumps(exp['name'], ensure_ascii=False)}"
                              f": {k}: {json.dumps(got[k], ensure_ascii=False)}"
                              f", want {json.dumps(v, ensure_ascii=False)}")
    if spec.get("exact_entity_count") and \
            len(doc["entities"]) != len(spec.get("entities", [])):
        errors.append(f"{len(doc['entities'])} entities, want exactly "
                      f"{len(spec.get('entities', []))}")

    nqs = list(doc["non_quotes"])
    for exp in spec.get("non_quotes", []):
        match = None
        for n in nqs:
            got = {"kind": n["kind"],
                   "speaker": entity_name(doc, n["entity"]),
                   "text": n["text"]}
            if all(got[k] == v for k, v in exp.items()):
                match = n
                break
        if match is None:
            errors.append("no non-quote " + json.dumps(exp, ensure_ascii=False))
        else:
            nqs.remove(match)
    if spec.get("exact_non_quote_count") and \
            len(doc["non_quotes"]) != len(spec.get("non_quotes", [])):
        errors.append(f"{len(doc['non_quotes'])} non-quotes, want exactly "
                      f"{len(spec.get('non_quotes', []))}")

    for passage in spec.get("not_quotes", []):
        start = text.find(passage)
        if start < 0:
            raise BadCase(f"not_quotes: {passage!r} is not in input.txt")
        while start >= 0:
            end = start + len(passage)
            for q in quotes:
                for s in q["segments"]:
                    if s["start"] < end and start < s["end"]:
                        errors.append(
                            f"not_quotes: {json.dumps(passage, ensure_ascii=False)}"
                            " overlaps the quote "
                            f"{json.dumps(q['content']['text'], ensure_ascii=False)}")
                        break
            start = text.find(passage, start + 1)
    return errors


def run_case(whosaid, case, show):
    name = os.path.basename(os.path.normpath(case))
    inp = os.path.join(case, "input.txt")
    try:
        with open(os.path.join(case, "expected.json"), encoding="utf-8") as f:
            spec = json.load(f)
        validate(spec)
        with open(inp, encoding="utf-8", newline="") as f:
            text = f.read()
    except (OSError, ValueError, BadCase) as e:
        print(f"{name}: BAD CASE: {e}")
        return 2
    p = subprocess.run([whosaid, "annotate", "--offsets", "codepoint", inp],
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        print(f"{name}: FAIL: whosaid exited {p.returncode}: "
              f"{p.stderr.decode(errors='replace').strip()}")
        return 1
    doc = json.loads(p.stdout)
    try:
        errors = check(spec, doc, text)
    except BadCase as e:
        print(f"{name}: BAD CASE: {e}")
        return 2
    if errors:
        print(f"{name}: FAIL")
        for e in errors:
            print(f"  {e}")
    else:
        print(f"{name}: ok")
    if errors or show:
        print(describe(doc))
    return 1 if errors else 0


def self_test():
    bad_specs = [
        [],
        {},
        {"quotes": [{"content": "x", "speeker": "A"}]},
        {"quotes": [{"type": "direct"}]},
        {"quotes": [{"content": "x", "type": "quoted"}]},
        {"quotes": [{"content": "x", "segments": "2"}]},
        {"quote": []},
        {"exact_quote_count": "yes"},
        {"entities": [{"name": "A", "title": ["Mayor"]}]},
        {"non_quotes": [{"kind": "refused"}]},
        {"not_quotes": "text"},
    ]
    for spec in bad_specs:
        try:
            validate(spec)
        except BadCase:
            continue
        print(f"self-test: accepted {spec!r}")
        return 1
    text = '"Go," Ann Lee said. Bo Park declined to comment.'
    doc = {
        "quotes": [{
            "id": "q1", "type": "direct",
            "content": {"start": 1, "end": 4, "text": "Go,"},
            "segments": [{"start": 1, "end": 4}],
            "cue": {"start": 14, "end": 18, "text": "said", "lemma": "say",
                    "stance": "neutral"},
            "speaker": {"entity": "e1", "name": "Ann Lee", "kind": "person",
                        "mention": {"start": 6, "end": 13,
                                    "text": "Ann Lee"}},
            "attribution": "explicit", "rule": "r", "paragraph": 0}],
        "entities": [{"id": "e1", "name": "Ann Lee", "kind": "person",
                      "titles": [], "anonymous": False,
                      "mentions": [{"start": 6, "end": 13,
                                    "text": "Ann Lee"}]}],
        "non_quotes": [{"kind": "declined_comment", "entity": None,
                        "start": 20, "end": 48,
                        "text": "Bo Park declined to comment."}],
    }
    good = {"quotes": [{"content": "Go,", "type": "direct",
                        "speaker": "Ann Lee", "mention": "Ann Lee",
                        "cue": "said", "lemma": "say", "segments": ["Go,"],
                        "attribution": "explicit", "paragraph": 0}],
            "exact_quote_count": True,
            "entities": [{"name": "Ann Lee", "quotes": 1, "titles": []}],
            "exact_entity_count": True,
            "non_quotes": [{"kind": "declined_comment", "speaker": None}],
            "exact_non_quote_count": True,
            "not_quotes": ["Bo Park"]}
    wrong = [
        {"quotes": [{"content": "Go"}]},
        {"quotes": [{"content": "Go,", "speaker": "Bo Park"}]},
        {"quotes": [{"content": "Go,", "segments": 2}]},
        {"quotes": [{"content": "Go,", "cue": None}]},
        {"quotes": [{"content": "Go,"}, {"content": "Go,"}]},
        {"quotes": [], "exact_quote_count": True},
        {"entities": [{"name": "Ann Lee", "titles": ["Dr."]}]},
        {"entities": [{"name": "Bo Park"}]},
        {"non_quotes": [{"kind": "no_response"}]},
        {"not_quotes": ["Go"]},
    ]
    validate(good)
    errors = check(good, json.loads(json.dumps(doc)), text)
    if errors:
        print(f"self-test: a right answer failed: {errors}")
        return 1
    for spec in wrong:
        validate(spec)
        if not check(spec, json.loads(json.dumps(doc)), text):
            print(f"self-test: a wrong answer passed: {spec!r}")
            return 1
    print("self-test: ok")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    show = "--show" in argv
    args = [a for a in argv[1:] if a != "--show"]
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    worst = 0
    for case in args[1:]:
        worst = max(worst, run_case(args[0], case, show))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv))
