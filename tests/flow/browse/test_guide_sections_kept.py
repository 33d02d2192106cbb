"""A service's guide sections are built once and kept (opening a guide again is cheap on the UI
thread); bundle guides, merged anew for each choice of items, are built each time."""
from __future__ import annotations

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi


def test_a_reopened_guide_reuses_its_sections_and_they_equal_a_fresh_build(host):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("HRSS-001"))
    first = host.state.page.guide
    host.dispatch(it.Back())
    host.dispatch(bi.OpenService("HRSS-001"))
    again = host.state.page.guide
    assert again.sections is first.sections                 # kept, not rebuilt
    content = host.content
    item = content.catalog.get("HRSS-001")
    assert content._build_sections(item) == first.sections  # ... and the same as a fresh build
    host.dispatch(bi.OpenService("HRSS-003"))
    assert host.state.page.guide.sections != first.sections


def test_bundle_sections_are_built_for_each_choice(host):
    host.dispatch(bi.Start())
    bundle = next(iter(host.content.catalog.bundles.values()))
    host.dispatch(bi.OpenBundle(bundle.id))
    whole = host.state.page.guide
    host.dispatch(bi.ToggleBundleItem(whole.bundle_items[0][0]))
    fewer = host.state.page.guide
    assert fewer.sections != whole.sections
