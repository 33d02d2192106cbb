"""Shared receipt fixtures for printer tests."""
import pytest

from kiosk.receipts import Align, Cut, KeyValue, QrCode, Receipt, Separator, Text, Title

GUIDE_URL = "https://zwfw.example.gov.cn/guide/310000-JZZ-001?v=3"


def acceptance_receipt(url: str = GUIDE_URL) -> Receipt:
    """A typical acceptance receipt (受理回执) with a native QR code."""
    return Receipt.of(
        Title("受理回执"),
        Text("居住证申领 Residence permit", bold=True, align=Align.CENTER),
        Separator(),
        KeyValue("受理编号", "SL2026110100123"),
        KeyValue("申请人", "张*"),
        KeyValue("承诺时限", "15个工作日"),
        KeyValue("收费", "¥0.00（免费）"),
        Separator(),
        Text("请于办结后凭本回执和身份证原件到3号窗口领取，或选择邮政快递送达。咨询电话：12345。"),
        QrCode(url, module_size=6),
        Text("扫码查询办理进度", align=Align.CENTER),
        Cut(),
    )


@pytest.fixture
def guide_url() -> str:
    """The URL the acceptance receipt's QR code carries."""
    return GUIDE_URL


@pytest.fixture
def receipt() -> Receipt:
    """The acceptance receipt."""
    return acceptance_receipt()
