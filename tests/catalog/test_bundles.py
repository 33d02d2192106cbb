"""Bundle merging: each material and field once, with who needs it; the merge follows the choice."""
from __future__ import annotations

import pytest

from kiosk.catalog import merge_bundle, notice_slip_lines


def _materials(merged):
    return {m.material.id: m for m in merged.materials}


def test_full_newborn_bundle_lists_shared_things_once(shipped):
    catalog, _ = shipped
    merged = merge_bundle(catalog.get_bundle("newborn"))
    ids = [m.material.id for m in merged.materials]
    assert len(ids) == len(set(ids))
    mats = _materials(merged)
    assert mats["birth_medical_cert"].needed_by == ("PSB-002", "MED-001", "HRSS-005")
    assert set(mats["id_card"].needed_by) == {"HEALTH-001", "PSB-002", "MED-001", "HRSS-005"}
    fields = {f.field.id: f for f in merged.fields}
    assert len(fields) == len(merged.fields)
    assert fields["child_name"].asked_for == ("HEALTH-001", "PSB-002")
    assert fields["mobile_phone"].asked_for == ("PSB-002", "MED-001", "HRSS-005")


def test_subset_changes_materials_fields_limits_and_fees(shipped):
    catalog, _ = shipped
    bundle = catalog.get_bundle("newborn")
    full = merge_bundle(bundle)
    part = merge_bundle(bundle, ["HEALTH-001", "PSB-002"])
    assert part.codes == ("HEALTH-001", "PSB-002")
    assert "birth_info_form" in _materials(part) and "birth_info_form" in _materials(full)
    assert _materials(part)["birth_medical_cert"].needed_by == ("PSB-002",)
    assert "mailing_address" in {f.field.id for f in full.fields}
    assert "mailing_address" not in {f.field.id for f in part.fields}
    assert full.promised_limit_days == 10 and part.promised_limit_days == 0
    assert full.fee_total_yuan == 400 and part.fee_total_yuan == 0
    assert part.fee_summary().zh == "全部免费" and "400" in full.fee_summary().zh
    only_card = merge_bundle(bundle, ["HRSS-005"])
    assert "hukou_book" not in _materials(only_card)


def test_required_wins_and_counts_take_the_maximum(shipped):
    catalog, _ = shipped
    merged = merge_bundle(catalog.get_bundle("newborn"), ["PSB-002", "HRSS-005"])
    cert = _materials(merged)["birth_medical_cert"]
    assert cert.required  # optional for HRSS-005, required for PSB-002
    disability = merge_bundle(catalog.get_bundle("disability"))
    auth = _materials(disability)["authorization_letter"]
    assert not auth.required and not auth.must_bring


def test_combined_limits_visits_devices_and_eligibility(shipped):
    catalog, _ = shipped
    merged = merge_bundle(catalog.get_bundle("business_opening"))
    assert merged.legal_limit_days == max(i.legal_limit_days for i in merged.items)
    assert merged.visits == 0
    assert set(merged.devices) == {"card_reader", "printer", "document_camera"}
    assert [q.id for q in merged.eligibility] == ["taxpayer_confirmed"]


def test_slip_lists_each_material_once_with_its_items(shipped):
    catalog, _ = shipped
    lines = notice_slip_lines(merge_bundle(catalog.get_bundle("retirement")), "zh")
    assert sum("退休审批表" in line for line in lines) == 1
    id_line = next(line for line in lines if line.startswith("1. 居民身份证"))
    assert id_line == "1. 居民身份证（原件1份）"  # needed by every chosen item: no note
    items = merge_bundle(catalog.get_bundle("retirement")).items
    assert lines[2:5] == [f"{m} {i.name.zh}" for m, i in zip("①②③", items)]
    card = next(line for line in lines if "银行借记卡" in line)
    assert card.endswith("（用于③）")  # only the third item needs it
    assert lines[0] == "一次性告知单" and any("指南版本 1.1" in line for line in lines)


@pytest.mark.parametrize("choice", [["NOPE-1"], []])
def test_bad_choices_are_refused(shipped, choice):
    catalog, _ = shipped
    with pytest.raises(ValueError):
        merge_bundle(catalog.get_bundle("newborn"), choice)
