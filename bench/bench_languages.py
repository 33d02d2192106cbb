"""Benchmark: cost of Traditional Chinese made at load time, vs rendering the stored languages.

Run: .venv/bin/python bench/bench_languages.py [--rounds 5]
Measures in one run (2-core machine: read ratios, not absolute times):
- OpenCC (opencc-python-reimplemented, profile of languages.json) dictionary load, once;
- converting every UI string and the whole shipped catalog's Chinese text (cold cache);
- a bundle guide page built in every language (Localized values) with the catalog's text converted
  at start-up (as shipped) and with nothing converted yet, vs the same page in zh and en only
  (the baseline: the page without zh-Hant); and rendering its lines in zh-Hant vs zh.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk import i18n_convert  # noqa: E402
from kiosk.i18n import default_strings, render  # noqa: E402
from kiosk.languages import language  # noqa: E402


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Print the measurements and their ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    profile = language("zh-Hant").convert
    texts = [v["zh"] for v in default_strings().values()]
    for path in sorted((ROOT / "config").rglob("*.toml")):
        texts += re.findall(r'zh = "([^"]*)"', path.read_text(encoding="utf-8"))
    load = _ms(lambda: i18n_convert._opencc(profile).convert("预热"))
    cold = []
    for _ in range(args.rounds):
        i18n_convert.convert.cache_clear()
        cold.append(_ms(lambda: [i18n_convert.convert(x, profile) for x in texts]))
    print(f"OpenCC {profile} dictionary load: {load:.1f} ms (once per process)")
    print(f"convert {len(texts)} texts, {sum(map(len, texts))} characters, cold cache: "
          f"median {statistics.median(cold):.1f} ms")

    from kiosk.core import build_core
    from kiosk.flow.browse import content as content_module
    from testkit.fake_hub import FakeDeviceHub
    from kiosk import i18n
    content = build_core(start_devices=False).content
    statuses = FakeDeviceHub().statuses()
    build = lambda: content.bundle_guide("newborn", None, "zh", statuses)  # noqa: E731
    catalog_text = content_module._catalog_chinese(content.catalog) + texts
    cold, warm_pages, stored = [], [], []
    for _ in range(args.rounds):
        i18n_convert.convert.cache_clear()
        cold.append(_ms(build))  # nothing converted yet
        i18n_convert.convert.cache_clear()
        i18n_convert.warm_up(catalog_text).join()  # what start-up does in the background
        warm_pages.append(_ms(build))
        saved = i18n.LANGUAGES, content_module.LANGUAGES
        i18n.LANGUAGES = content_module.LANGUAGES = i18n.STORED_LANGUAGES  # zh + en only
        try:
            stored.append(_ms(build))
        finally:
            i18n.LANGUAGES, content_module.LANGUAGES = saved
    guide = build()
    values = [line for s in guide.sections for line in s.lines]
    warm = statistics.median(_ms(lambda: [render(v, "zh-Hant") for v in values])
                             for _ in range(args.rounds))
    base = statistics.median(_ms(lambda: [render(v, "zh") for v in values])
                             for _ in range(args.rounds))
    m_cold, m_warm, m_stored = (statistics.median(x) for x in (cold, warm_pages, stored))
    print(f"bundle guide page in zh+en only (baseline):              median {m_stored:.1f} ms")
    print(f"  every language, catalog warmed up at start (as shipped): median {m_warm:.1f} ms "
          f"(ratio {m_warm / m_stored:.2f})")
    print(f"  every language, nothing converted yet (worst case):      median {m_cold:.1f} ms "
          f"(ratio {m_cold / m_stored:.2f})")
    print(f"screen render of {len(values)} lines: zh-Hant {warm:.3f} ms vs zh {base:.3f} ms "
          f"(ratio {warm / max(base, 1e-6):.2f})")


if __name__ == "__main__":
    main()
