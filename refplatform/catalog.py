"""Service catalogue facts the platform needs: titles, departments, time limits, required materials."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SERVICES_DIR = Path(__file__).resolve().parent.parent / "config" / "services"


@dataclass(frozen=True)
class Service:
    """One service item as the platform sees it."""

    code: str
    title: str
    department: str
    promised_days: int
    required_materials: tuple[str, ...]
    materials: tuple[str, ...]


def load(services_dir: Path = DEFAULT_SERVICES_DIR) -> dict[str, Service]:
    """Read config/services/*.toml (files starting with _ are shared tables)."""
    depts_file = services_dir / "_departments.toml"
    depts = tomllib.loads(depts_file.read_text("utf-8")) if depts_file.exists() else {}
    mats_file = services_dir / "_materials.toml"
    shared = tomllib.loads(mats_file.read_text("utf-8")) if mats_file.exists() else {}
    out: dict[str, Service] = {}
    for path in sorted(services_dir.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        data = tomllib.loads(path.read_text("utf-8"))
        dept_id = data.get("department", "")
        dept_name = depts.get(dept_id, {}).get("name", {}).get("zh", dept_id)
        # A service entry may override the shared table's `required` (e.g. "only when an agent applies").
        mats = [(m.get("ref") or m.get("id"),
                 m.get("required", shared.get(m.get("ref") or "", {}).get("required", True)))
                for m in data.get("materials", [])]
        out[data["code"]] = Service(
            code=data["code"],
            title=data["name"]["zh"],
            department=dept_name,
            promised_days=int(data.get("promised_limit_days", 0) or 0),
            required_materials=tuple(code for code, req in mats if code and req),
            materials=tuple(code for code, _ in mats if code),
        )
    return out
