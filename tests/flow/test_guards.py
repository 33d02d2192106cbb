"""Guards: every intent a screen sends has a handler; every message key in code exists in every
language of the string tables under assets/i18n/."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from drivers.base import MediaState
from kiosk.flow.host import UnhandledIntent, _MEDIA_ALERTS
from kiosk.flow.intents import Intent
from kiosk.i18n import LANGUAGES, load_strings
from kiosk.languages import derive
from testkit.fake_hub import DEVICE_CLASSES

ROOT = Path(__file__).resolve().parents[2]
STRINGS = load_strings()
KEY_CALLS = {"tr", "t", "Msg", "of"}  # tr(key), t(key, lang), Msg(key), Msg.of(key), x.t(key)


def all_intent_types() -> set[type]:
    seen, todo = set(), [Intent]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen and not sub.__module__.startswith("tests."):
                seen.add(sub)
                todo.append(sub)
    return seen


def names_used_in_screens() -> set[str]:
    """Names of attributes and calls in screens/ (Python and kv)."""
    names = set()
    for path in (ROOT / "screens").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    for path in (ROOT / "screens").glob("*.kv"):
        names |= set(re.findall(r"\b([A-Z][A-Za-z]+)\(", path.read_text(encoding="utf-8")))
    return names


def test_every_intent_a_screen_sends_has_a_handler(host):
    types = all_intent_types()
    used = {t for t in types if t.__name__ in names_used_in_screens()}
    assert len(used) >= 15, f"the scan of screens/ found too few intents: {sorted(t.__name__ for t in used)}"
    missing = sorted(t.__name__ for t in used - host.handled_intents())
    assert not missing, f"screens send intents nobody handles: {missing}"


def test_every_intent_defined_in_the_flow_has_a_handler(host):
    missing = sorted(t.__name__ for t in all_intent_types() - host.handled_intents())
    assert not missing, f"intents without a handler: {missing}"


def test_an_unknown_intent_raises(host):
    class Stray(Intent):
        pass

    with pytest.raises(UnhandledIntent):
        host.dispatch(Stray())


def _keys_in(node: ast.AST) -> tuple[set[str], set[str]]:
    """(literal keys, f-string prefixes) in the first argument of a key-taking call."""
    literal, prefixes = set(), set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        literal.add(node.value)
    elif isinstance(node, ast.IfExp):
        for branch in (node.body, node.orelse):
            lit, pre = _keys_in(branch)
            literal |= lit
            prefixes |= pre
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        prefixes.add(node.values[0].value)
    return literal, prefixes


def keys_used_in_code() -> tuple[dict[str, str], dict[str, str]]:
    """Every message key (and f-string key prefix) in kiosk/ and screens/, with where it is."""
    literal, prefixes = {}, {}
    files = list((ROOT / "kiosk").rglob("*.py")) + list((ROOT / "screens").glob("*.py"))
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            if name not in KEY_CALLS:
                continue
            lit, pre = _keys_in(node.args[0])
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            literal.update({k: where for k in lit})
            prefixes.update({p: where for p in pre})
    for path in (ROOT / "screens").glob("*.kv"):
        for key in re.findall(r"\btr\(\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")):
            literal[key] = str(path.relative_to(ROOT))
    return literal, prefixes


def test_every_message_key_used_in_code_exists_in_every_language():
    literal, prefixes = keys_used_in_code()
    assert len(literal) > 60, "the scan for keys found too few: is it still reading the code?"
    missing = [f"{key} ({where})" for key, where in sorted(literal.items())
               if key not in STRINGS or not all(
                   (STRINGS[key].get(lang) or derive(STRINGS[key], lang) or "").strip()
                   for lang in LANGUAGES)]
    assert not missing, "message keys missing from assets/i18n: " + ", ".join(missing)
    orphan = [f"{p}* ({w})" for p, w in sorted(prefixes.items())
              if not any(k.startswith(p) for k in STRINGS)]
    assert not orphan, "no key at all under: " + ", ".join(orphan)


def test_key_families_built_at_run_time_are_complete():
    from kiosk.codes import ERROR_KEYS
    from kiosk.documents.hints import HINT_KEYS
    families = [f"device.{d}" for d in DEVICE_CLASSES]
    families += [f"alert.{m.value}" for m in _MEDIA_ALERTS] + ["alert.device_down"]
    families += [f"browse.{k}" for k in ("life_event", "theme", "department")]
    families += [f"answer.{a}" for a in ("yes", "no")] + ["print.error.other"]
    families += list(ERROR_KEYS.values()) + list(HINT_KEYS.values())
    missing = [k for k in families if k not in STRINGS]
    assert not missing, f"missing: {missing}"
    assert MediaState.PAPER_OUT in _MEDIA_ALERTS


def test_the_guard_itself_catches_a_missing_key(tmp_path, monkeypatch):
    import tests.flow.test_guards as guards
    bad = tmp_path / "screens"
    bad.mkdir()
    (bad / "x.py").write_text('tr("no.such.key.anywhere")\n', encoding="utf-8")
    (tmp_path / "kiosk").mkdir()
    monkeypatch.setattr(guards, "ROOT", tmp_path)
    literal, _ = guards.keys_used_in_code()
    assert "no.such.key.anywhere" in literal and "no.such.key.anywhere" not in STRINGS
