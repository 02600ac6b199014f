#!/usr/bin/env python3
"""Write a deterministic corpus of invented news stories for the benchmarks.

    gencorpus.py [--mb N] [--seed S] OUT.txt [OUT.jsonl]

OUT.txt holds the stories separated by form feeds (U+000C, a line of its
own), so it reads both as one long text and as a stream of documents;
OUT.jsonl holds one {"id", "text"} object a story, for `whosaid annotate
--jsonl`. Stories are composed from the templates below: every frame the
engine knows (direct, interrupted, inverted, colon, reported, mixed,
according to, multi-paragraph, inherited, participial, coordinated,
naming), pronouns, anonymous and group speakers, non-quotes, bylines and
headlines, between filler sentences, with curly, straight and foreign
marks and some non-ASCII. Nothing is taken from any real text.
"""
import argparse
import json
import random

FIRST = ["Ana", "Tomas", "Lena", "Omar", "Priya", "Darius", "Helen", "Rafael",
         "Carla", "Ben", "Maya", "Sven", "Irene", "Hana", "Ivo", "Ruth",
         "Jorge", "Ida", "Noor", "Kwame", "Yuki", "Mateo", "Elif", "Farah",
         "José", "Zoë", "Łukasz", "Søren", "Anaïs", "Dmitri", "Chiara", "Aoife"]
LAST = ["Ortiz", "Varga", "Reyes", "Nair", "Bell", "Marsh", "Duarte",
        "Mendes", "Okafor", "Lindqvist", "Aalto", "Holt", "Moss", "Brandt",
        "Ames", "Pell", "Brook", "Haddad", "Mensah", "Tanaka", "Rossi",
        "Demir", "Qureshi", "Müller", "Novák", "Çelik", "Ferreira", "Walsh"]
TITLES = ["Mayor", "Gov.", "Sen.", "Rep.", "Dr.", "President", "Minister",
          "Judge", "Inspector", "Chief Executive", "Prime Minister",
          "Councilwoman", "Councilman", "Professor", "General"]
ROLES = ["a spokeswoman for the ministry", "a senior analyst at Harlow Bank",
         "the city's budget director", "a nurse at St. Luke's hospital",
         "who has farmed the valley for 30 years", "a former diplomat",
         "the union's lead negotiator", "an economist at the University of "
         "Tarrow", "who chairs the transport committee"]
ORGS = ["The White House", "The Kremlin", "The ministry", "City Hall",
        "The company", "Northgate Energy", "The Port Authority",
        "The central bank", "The U.N. agency", "The police department"]
GROUPS = ["Officials", "Residents", "Diplomats", "Analysts",
          "Farmers and shop owners", "Officials and diplomats", "Critics"]
ANON = ["A person familiar with the matter",
        "An official, who spoke on condition of anonymity because the talks "
        "were private,",
        "A senior official",
        "Two people briefed on the plan"]
PLACES = ["Tarrow", "Kelso", "Varna", "Lisbon", "Springfield", "Harlow",
          "Port Ellen", "Montréal", "São Vicente", "Kraków", "Zürich"]
CUES_PAST = ["said", "said", "said", "told reporters", "added", "noted",
             "warned", "argued", "claimed", "admitted", "insisted",
             "explained", "said in a statement", "wrote on social media"]
CUES_THAT = ["said", "said", "warned", "argued", "claimed", "admitted",
             "insisted", "noted", "acknowledged", "predicted", "told "
             "reporters", "said in a statement"]
SUBJECTS = ["the bridge", "the budget", "the new line", "the harbour",
            "the clinic", "the agreement", "the vote", "the tax plan",
            "the water supply", "the school", "the ceasefire", "the audit",
            "the pension fund", "the rail strike", "the election"]
PREDICATES = ["would reopen in May", "was balanced for the first time in a "
              "decade", "had been rushed", "would cost more than $94,300 a "
              "year", "was safe", "could collapse without new money",
              "would not survive the winter", "had cleared every test",
              "was a gift to polluters", "would be delayed until 2027",
              "needed 3.5 percent more funding", "was never properly "
              "reviewed", "would create 1,200 jobs", "was unfair to "
              "tenants"]
OPINIONS = ["We will not back down", "This is a good day for the city",
            "Nobody was told anything", "The numbers simply do not add up",
            "We have done everything the law asks of us",
            "I have never seen anything like it",
            "It is too early to say what went wrong",
            "Families here deserve better",
            "We expect a decision within weeks",
            "There is no plan B", "Mistakes were made, and we own them",
            "The door remains open"]
FRAGMENTS = ["a disaster for commuters", "deeply flawed", "a historic step",
             "completely unacceptable", "the only way forward",
             "a betrayal", "long overdue"]
FILLER = ["The river rose two metres overnight.",
          "Schools in {place} stayed closed on Tuesday.",
          "Traffic on the ring road was backed up for {n} kilometres.",
          "The council meets again on Jan. 5 at 9 a.m.",
          "Prices at the port rose for a third month in a row, to {n},300 "
          "tonnes.",
          "The plan was first proposed in 2019 — before the pandemic.",
          "Turnout was 61.4 percent, up from 55 percent in the U.S. "
          "midterms.",
          "Rain is expected to continue through the weekend…",
          "The building, which dates to 1887, was sold in March.",
          "Shares in Northgate Energy fell 4 percent in early trading.",
          "About {n} people attended the meeting in {place}.",
          "The report runs to 212 pages (with appendices).",
          "Construction began in the ’90s and was never finished."]
HEADLINES = ["{Title} Says {Subj} Is Safe", "{Org} Warns of Delays in {Place}",
             "Talks Stall as {Place} Braces for Strike",
             "{Subj} Vote Set for Friday"]
MARKS = [("\u201c", "\u201d"), ('"', '"'), ('"', '"'), ("\u201c", "\u201d"),
         ("\u00ab", "\u00bb"), ("\u201e", "\u201c")]


class Story:
    def __init__(self, rng):
        self.rng = rng
        self.people = []

    def pick(self, xs):
        return self.rng.choice(xs)

    def person(self):
        p = (self.pick(FIRST), self.pick(LAST), self.pick(TITLES))
        self.people.append(p)
        return p

    def known(self):
        return self.pick(self.people) if self.people else self.person()

    def marks(self):
        return self.pick(MARKS)

    def clause(self):
        return f"{self.pick(SUBJECTS)} {self.pick(PREDICATES)}"

    def opinion(self):
        return self.pick(OPINIONS)

    def paragraph(self):
        r = self.rng.random()
        o, c = self.marks()
        first, last, title = self.known() if self.rng.random() < 0.5 \
            else self.person()
        full = f"{title} {first} {last}"
        pron = self.pick(["he", "she"])
        cue = self.pick(CUES_PAST)
        cue_that = self.pick(CUES_THAT)
        q = self.opinion()
        if r < 0.12:
            return f"{o}{q},{c} {full} {cue}."
        if r < 0.2:
            return f"{o}{q},{c} said {first} {last}, {self.pick(ROLES)}."
        if r < 0.28:
            return (f"{o}{q},{c} {last} said. {o}{self.opinion()}. "
                    f"{self.opinion()}.{c}")
        if r < 0.36:
            return f"{full} {cue_that} that {self.clause()}."
        if r < 0.42:
            return f"{self.clause().capitalize()}, {last} {cue}."
        if r < 0.48:
            return (f"According to {self.pick(ROLES[:4])}, {self.clause()}."
                    if self.rng.random() < 0.5 else
                    f"{self.clause().capitalize()}, according to {full}.")
        if r < 0.54:
            return (f"{last} said {self.pick(SUBJECTS)} was "
                    f"{o}{self.pick(FRAGMENTS)}{c} and called it "
                    f"{o}{self.pick(FRAGMENTS)}.{c}")
        if r < 0.6:
            return (f"{first} {last}, {self.pick(ROLES)}, said "
                    f"{self.clause()}, adding that {self.clause()}.")
        if r < 0.65:
            return (f"{self.pick(ORGS)} said in a statement that "
                    f"{self.clause()} and warned that {self.clause()}.")
        if r < 0.7:
            return f"{self.pick(GROUPS)} said {self.clause()}."
        if r < 0.74:
            return f"{self.pick(ANON)} said {self.clause()}."
        if r < 0.78:
            return (f"{self.pick(ORGS)} declined to comment. "
                    f"{full} did not immediately respond to a request for "
                    "comment.")
        if r < 0.83:
            n = self.rng.randint(2, 4)
            paras = [f"{o}{self.opinion()}. {self.opinion()}."
                     for _ in range(n - 1)]
            paras.append(f"{o}{self.opinion()},{c} {pron} said.")
            return "\n\n".join(paras)
        if r < 0.87:
            return (f"{o}{q},{c} {pron} {cue}.\n\n"
                    f"{o}{self.opinion()}.{c}")
        if r < 0.9:
            return f"{full} {cue}: {o}{q}.{c}"
        return " ".join(self.filler() for _ in range(self.rng.randint(1, 3)))

    def filler(self):
        return self.pick(FILLER).format(place=self.pick(PLACES),
                                        n=self.rng.randint(3, 90))

    def headline(self):
        p = self.person()
        return self.pick(HEADLINES).format(
            Title=p[2].rstrip("."), Subj=self.pick(SUBJECTS)[4:].title(),
            Org=self.pick(ORGS).replace("The ", "", 1),
            Place=self.pick(PLACES))

    def text(self):
        rng = self.rng
        parts = [self.headline()]
        if rng.random() < 0.5:
            parts.append(f"By {self.pick(FIRST)} {self.pick(LAST)}")
        parts.append(f"{self.pick(PLACES).upper()} \u2014 " + self.filler())
        for _ in range(rng.randint(6, 24)):
            parts.append(self.paragraph())
        if rng.random() < 0.4:
            parts.append(f"{self.pick(FIRST)} {self.pick(LAST)} and "
                         f"{self.pick(FIRST)} {self.pick(LAST)} reported "
                         f"from {self.pick(PLACES)}.")
        return "\n\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=11.0,
                    help="size in MB (10^6 bytes) of the text; default 11")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("txt")
    ap.add_argument("jsonl", nargs="?")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    want = int(args.mb * 1e6)
    size = 0
    n = 0
    jl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    with open(args.txt, "w", encoding="utf-8", newline="\n") as out:
        while size < want:
            text = Story(rng).text()
            if n:
                out.write("\f\n")
                size += 2
            out.write(text)
            size += len(text.encode("utf-8"))
            if jl:
                jl.write(json.dumps({"id": f"s{n + 1}", "text": text},
                                    ensure_ascii=False) + "\n")
            n += 1
    if jl:
        jl.close()
    print(f"{args.txt}: {n} stories, {size} bytes")


if __name__ == "__main__":
    main()
