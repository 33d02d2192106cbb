"""Where a form value comes from before the resident types: the ID document or the shared data."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

# form field id -> (IdentityRecord attribute, shared-data field): where a value can come from
PREFILL = {"applicant_name": ("name", "name"), "applicant_id_number": ("id_number", None),
           "mobile_phone": (None, "phone"), "hukou_address": (None, "address"),
           "contact_address": (None, "address"), "mailing_address": (None, "address")}
# the card holder is the newborn's mother or father, by the sex on the card
PARENT = {"女": "mother", "男": "father"}
CHILD_SEX = {"子": "男", "女": "女"}  # shared data's relation -> the form's sex choice


def _youngest_child(shared: Mapping[str, Any]) -> Mapping[str, Any] | None:
    children = [c for c in shared.get("children") or () if isinstance(c, Mapping)]
    return max(children, key=lambda c: str(c.get("birth_date") or ""), default=None)


def prefill_values(field_ids: Iterable[str], card: Any, id_number: str, name: str,
                   shared: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """field id -> (text, "document" | "shared") for every field a source can fill."""
    document = {"name": name, "id_number": id_number} if card is not None else {}
    parent = PARENT.get(getattr(card, "sex", "") or "")
    if parent:
        document[f"{parent}_name"], document[f"{parent}_id_number"] = name, id_number
    child = _youngest_child(shared)
    found: dict[str, tuple[str, str]] = {}
    for fid in field_ids:
        doc_attr, shared_key = PREFILL.get(fid, (fid, None))
        if document.get(doc_attr):
            found[fid] = (document[doc_attr], "document")
        elif shared_key and shared.get(shared_key):
            found[fid] = (str(shared[shared_key]), "shared")
        elif child is not None and fid in ("child_name", "child_birth_date") and \
                child.get(fid.removeprefix("child_")):
            found[fid] = (str(child[fid.removeprefix("child_")]), "shared")
        elif child is not None and fid == "child_sex" and child.get("relation") in CHILD_SEX:
            found[fid] = (CHILD_SEX[child["relation"]], "shared")
    return found
