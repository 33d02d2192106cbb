"""Property tests: random and mutated bytes into every printer parser; only documented errors, no hangs."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import HalError
from drivers.printer.escpos_parse import EscposParser
from drivers.printer.escpos_render import parse_stream, render_slip
from drivers.printer.escpos_slip import SlipBuilder
from drivers.printer.escpos_status import Condition, StatusByteError, decode
from drivers.printer.sim.pty import PrinterModel
from kiosk.receipts import Receipt, Text, render_escpos
from kiosk.receipts.text import normalize, wrap

from printer_helpers import acceptance_receipt

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = render_escpos(acceptance_receipt())


@st.composite
def mutated_stream(draw):
    data = bytearray(BASE)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and data:
            del data[pos:pos + draw(st.integers(1, 8))]
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


@settings(FAST, max_examples=1000)
@given(st.integers(-5, 300), st.integers(-10, 300))
def test_status_decode_only_raises_status_byte_error(n, value):
    try:
        flags = decode(n, value)
    except StatusByteError as exc:
        assert exc.code == "status_garbled"
    else:
        assert n in (1, 2, 3, 4) and all(isinstance(v, bool) for v in flags.values())


@settings(FAST, max_examples=1000)
@given(st.lists(st.one_of(st.none(), st.integers(0, 255)), min_size=0, max_size=5))
def test_condition_from_any_answers(answers):
    try:
        cond = Condition.from_bytes(answers)
    except StatusByteError:
        return
    err = cond.blocking_error()
    assert err is None or isinstance(err, HalError)
    state, media, _ = cond.to_status()
    if not cond.answered:
        assert err is not None and err.code == "no_answer"  # silence is never "OK"
        assert state.value != "online"


@settings(FAST, max_examples=1000)
@given(st.one_of(st.binary(max_size=600), mutated_stream()), st.randoms(use_true_random=False))
def test_parser_and_layout_never_raise(data, rnd):
    parser, builder = EscposParser(), SlipBuilder()
    pos = 0
    while pos < len(data):  # random chunking, as bytes arrive from a serial line
        step = rnd.randint(1, 64)
        for op in parser.feed(data[pos:pos + step]):
            builder.apply(op)
        pos += step
    for op in parser.flush():
        builder.apply(op)
    slips = builder.finish()
    for slip in slips:
        for line in slip.text_lines():
            assert isinstance(line, str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_stream())
def test_mutated_receipt_renders(data):
    slips, garbage = parse_stream(data)
    for slip in slips[:2]:
        img = render_slip(slip)
        assert img.width == 576 + 32


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), mutated_stream()))
def test_simulator_model_answers_any_stream(tmp_path_factory, data):
    model = PrinterModel(tmp_path_factory.mktemp("sim"), {"paper_out_after": 8})
    reply = model.receive(data) + model.receive(b"", idle=True)
    assert all(b & 0x93 == 0x12 or b & 0x90 == 0 for b in reply)


@FAST
@given(st.text(max_size=200), st.sampled_from([32, 48]), st.integers(1, 3))
def test_any_text_renders_and_lines_fit(text, width, mult):
    data = render_escpos(Receipt.of(Text(text, width=mult)), width_chars=width)
    slips, _ = parse_stream(data, width_dots=width * 12)
    expected = wrap(normalize(text), width // mult)
    # our wrapping fits the paper: the printer never has to break a line itself
    assert slips[0].text_lines() == expected
