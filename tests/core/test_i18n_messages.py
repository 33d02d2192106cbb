"""Message keys and the stateless translator: screens render Msg values in any language."""
from __future__ import annotations

from kiosk.i18n import Localized, Msg, Translator, render, t

STRINGS = {
    "greet": {"zh": "你好，{name}", "en": "Hello, {name}"},
    "device.printer": {"zh": "打印机", "en": "Printer"},
    "alert": {"zh": "{device}缺纸", "en": "{device}: out of paper"},
}


def test_t_is_stateless_and_names_its_language():
    assert t("greet", "en", STRINGS, name="Li") == "Hello, Li"
    assert t("greet", "zh", STRINGS, name="李") == "你好，李"
    assert t("missing.key", "en", STRINGS) == "[missing.key]"


def test_a_msg_renders_nested_messages_and_content_in_the_same_language():
    msg = Msg.of("alert", device=Msg("device.printer"))
    assert render(msg, "zh", STRINGS) == "打印机缺纸"
    assert render(msg, "en", STRINGS) == "Printer: out of paper"
    place = Localized.of({"zh": "一号窗口", "en": "Counter 1"})
    assert render(Msg.of("greet", name=place), "en", STRINGS) == "Hello, Counter 1"
    assert render(None, "en") == "" and render("as is", "zh") == "as is"


def test_msgs_compare_by_value_whatever_the_parameter_order():
    assert Msg.of("x", a=1, b=2) == Msg.of("x", b=2, a=1)
    assert hash(Msg.of("x", a=1)) == hash(Msg("x", (("a", 1),)))
    assert Msg.of("x", a=1).param("a") == 1 and Msg("x").param("a", "none") == "none"


def test_translator_over_a_table_has_no_current_language():
    tr = Translator(STRINGS)
    assert not hasattr(tr, "language")
    assert tr.t("greet", "en", name="Wang") == "Hello, Wang"
    assert tr.render(Msg.of("greet", name="王"), "zh") == "你好，王"


def test_shipped_strings_render_the_chrome_in_both_languages():
    help_point = Localized.of({"zh": "服务台", "en": "Service desk"})
    zh = render(Msg.of("help.point", place=help_point), "zh")
    en = render(Msg.of("help.point", place=help_point), "en")
    assert "服务台" in zh and "Service desk" in en and "[" not in zh + en
