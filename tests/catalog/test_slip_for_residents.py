"""The notice slip as a resident reads it: no internal codes, nothing broken mid-word, who to call."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.catalog import guide_url, load_catalog, merge_bundle, notice_slip_lines
from kiosk.receipts import PAPER_COLUMNS
from kiosk.receipts.text import columns, normalize, wrap
from kiosk.slips import notice_slip

ROOT = Path(__file__).resolve().parents[2]
WIDTH = PAPER_COLUMNS[80]
BRANCH = "示例银行城东支行政务服务点"


@pytest.fixture(scope="module")
def catalog():
    cat, problems = load_catalog(ROOT / "config" / "services", ROOT / "config" / "bundles")
    assert not problems
    return cat


def _subjects(catalog):
    yield from catalog.items.values()
    for bundle in catalog.bundles.values():
        yield merge_bundle(bundle)
        yield merge_bundle(bundle, bundle.item_codes[-2:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_internal_codes_or_trust_levels_reach_the_resident(catalog, lang):
    codes = re.compile("|".join(re.escape(c) for c in catalog.items))
    for subject in _subjects(catalog):
        lines = notice_slip_lines(subject, lang, issued_by=BRANCH)
        url = guide_url(subject)
        for line in lines:
            assert not re.search(r"\[[ABCD]类|level [ABCD]\b|←", line), line
            if line != url and not line.startswith(("事项编码", "Item code")):
                assert not codes.search(line), f"internal item code printed: {line!r}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slip_names_where_it_was_printed_and_12345(catalog, lang):
    for subject in _subjects(catalog):
        text = notice_slip(subject, lang, _tr(), issued_by=BRANCH).plain_text()
        assert BRANCH in text and "12345" in text.replace("0000-12345", "")


def _tr():
    from kiosk.i18n import Translator
    return Translator()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wrapped_slips_never_break_a_latin_word_or_a_url_at_an_unsafe_place(catalog, lang):
    for subject in _subjects(catalog):
        url = guide_url(subject)
        for line in notice_slip_lines(subject, lang, issued_by=BRANCH):
            wrapped = wrap(normalize(line), WIDTH)
            assert all(columns(w) <= WIDTH for w in wrapped)
            assert "".join(wrapped).replace(" ", "") == normalize(line).replace(" ", "")
            if line == url:
                assert all(w[-1] in "/?&=," for w in wrapped[:-1]), wrapped
                continue
            words = {w for w in re.findall(r"[!-~]+", line) if columns(w) <= WIDTH}
            for head, tail in zip(wrapped, wrapped[1:]):
                end, start = re.search(r"[!-~]*$", head).group(), re.match(r"[!-~]*", tail).group()
                if end and start:
                    assert end + start not in words and not any(
                        end + start in w for w in words), f"word broken: {head!r} | {tail!r}"


def test_wrap_rules():
    assert wrap("aaaa bbbb(hukou)", 12) == ["aaaa", "bbbb(hukou)"]
    assert wrap("一二三四五六七八", 6) == ["一二三", "四五六", "七八"]  # Chinese per character
    assert wrap("一二三，四", 6) == ["一二", "三，四"]  # a comma never starts a line
    assert wrap("办理 newborn", 10) == ["办理", "newborn"]
    assert wrap("https://a.example/x/y?items=AB,CD", 16) == ["https://", "a.example/x/y?", "items=AB,CD"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]  # no safe mark at all: hard break
