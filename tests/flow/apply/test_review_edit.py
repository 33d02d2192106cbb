"""The review screen: every section can be changed, and nothing already given is lost."""
from __future__ import annotations

import pytest

from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.pages import FORM, MATERIALS, REVIEW
from tests.flow.apply.test_apply_journey import fill_and_review, identify_by_card, open_apply

pytestmark = pytest.mark.platform


def test_form_and_materials_can_be_changed_from_the_review(host, hub):
    open_apply(host)
    identify_by_card(host, hub)
    fill_and_review(host)
    host.dispatch(ai.EditSection("form"))
    assert host.state.screen == FORM
    assert {r.id: r.text for r in host.state.page.fields}["period"] == "2026年1月至10月"  # kept
    host.dispatch(ai.TypeField("period", "2026年2月至10月"))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS
    host.dispatch(ai.MaterialsDone())
    assert host.state.screen == REVIEW
    assert {r.id: r.text for r in host.state.page.fields}["period"] == "2026年2月至10月"
    host.dispatch(ai.EditSection("materials"))
    assert host.state.screen == MATERIALS
    assert host.state.page.materials[0].chosen == "certificate"  # the choice made before is kept
    host.dispatch(ai.MaterialsDone())
    assert host.state.screen == REVIEW


def test_an_unknown_section_changes_nothing(host, hub):
    open_apply(host)
    identify_by_card(host, hub)
    fill_and_review(host)
    host.dispatch(ai.EditSection("photo"))
    assert host.state.screen == REVIEW
