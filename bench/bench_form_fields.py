"""Benchmark: fields the resident must type for the newborn bundle, one form against separate forms.

Run: .venv/bin/python bench/bench_form_fields.py [--bundle newborn] [--person li]
Counts, for the seeded resident (her ID card and the platform's shared data, straight from
refplatform/seed.py), the fields left to type after prefill — the same rules the kiosk's form uses
(kiosk/flow/apply/prefill.py) — with the one merged form (kiosk/flow/apply/merge.py) and with each
item applied for on its own form. Two scopes: the items done at this kiosk (what the kiosk applies
for) and every item of the bundle (a window-only item has a form of its own at the window).
The baseline is the separate forms; the ratio is one form / separate forms (lower is better).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drivers.card_reader.base import IdentityRecord  # noqa: E402
from kiosk.core import build_core  # noqa: E402
from kiosk.flow.apply.merge import merged_fields  # noqa: E402
from kiosk.flow.apply.prefill import prefill_values  # noqa: E402
from refplatform import seed  # noqa: E402


def typed(fields, card, person) -> tuple[int, int]:
    """(required fields to type, all fields to type incl. optional) after prefill."""
    shared = {"name": person["name"], **person["data"]}
    found = prefill_values([f.id for f in fields], card, person["id"], person["name"], shared)
    left = [f for f in fields if f.id not in found]
    return sum(1 for f in left if f.required), len(left)


def main() -> int:
    """Print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default="newborn")
    parser.add_argument("--person", default="li", help="seeded resident key (refplatform/seed.py)")
    args = parser.parse_args()
    person = next(r for r in seed.RESIDENTS if r["key"] == args.person)
    card = IdentityRecord("resident_id", person["name"], person["id"], sex=person["data"]["gender"],
                          birth_date=person["data"]["birth_date"])
    content = build_core(start_devices=False).content
    bundle = content.catalog.get_bundle(args.bundle)
    here = [i for i in bundle.items if content.done_here(i)]
    print(f"bundle {bundle.id} ({bundle.name.en}), resident {args.person}; typed = left after prefill")
    print(f"{'form':<34}{'fields':>7}{'typed req':>10}{'typed all':>10}")
    for item in bundle.items:
        req, every = typed(item.fields, card, person)
        mark = "" if item in here else " (window)"
        print(f"{'  ' + item.code + mark:<34}{len(item.fields):>7}{req:>10}{every:>10}")
    for scope, items in (("kiosk items", here), ("whole bundle", list(bundle.items))):
        sep_fields = sum(len(i.fields) for i in items)
        sep = [typed(i.fields, card, person) for i in items]
        sep_req, sep_all = sum(r for r, _ in sep), sum(a for _, a in sep)
        merged = merged_fields(items)
        one_req, one_all = typed(merged, card, person)
        print(f"{scope + ': separate (baseline)':<34}{sep_fields:>7}{sep_req:>10}{sep_all:>10}")
        print(f"{scope + ': one form':<34}{len(merged):>7}{one_req:>10}{one_all:>10}")
        print(f"{scope + ': ratio one/separate':<34}{len(merged) / sep_fields:>7.2f}"
              f"{one_req / max(sep_req, 1):>10.2f}{one_all / max(sep_all, 1):>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
