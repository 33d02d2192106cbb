"""What this kiosk can still do with the devices it has now, said honestly on the attract screen."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk.i18n import Localized, Msg

_DOWN = {DeviceState.NO_DEVICE, DeviceState.HARDWARE_ERROR, DeviceState.POWER_OFF,
         DeviceState.OFFLINE}
_NO_MEDIA = {MediaState.PAPER_OUT, MediaState.JAMMED}
ALWAYS_USED = ("printer", "qr_camera")  # printing guides, scanning the kiosk's codes
HOTLINE = "12345"


def needed_devices(content: Any) -> set[str]:
    """Devices the offered services name in the catalog, plus those every kiosk uses."""
    catalog = getattr(content, "catalog", None)
    offered = getattr(content, "offered", None)
    needed = set(ALWAYS_USED)
    if catalog is not None:
        for code, item in catalog.items.items():
            if offered is None or code in offered:
                needed.update(getattr(item, "devices", ()))
    return needed


def broken_devices(statuses: Mapping[str, DeviceStatus], needed: Iterable[str]) -> list[str]:
    """The needed devices that cannot work now (down, or out of paper / jammed)."""
    out = []
    for name in sorted(needed):
        status = statuses.get(name)
        if status is None or status.state in _DOWN or status.media in _NO_MEDIA:
            out.append(name)
    return out


def availability_lines(broken: list[str], needed: Iterable[str],
                       help_point: Mapping[str, str]) -> tuple[Msg, ...]:
    """'Not available now: …', 'Still works: …', and where to go instead; () when all works."""
    if not broken:
        return ()
    working = [n for n in sorted(needed) if n not in broken]
    lines = [Msg.of("staff.degraded.unavailable", feature=Msg(f"staff.feature.{n}"))
             for n in broken]
    lines.append(Msg.of("staff.degraded.works", feature=Msg("staff.feature.browse")))
    lines += [Msg.of("staff.degraded.works", feature=Msg(f"staff.feature.{n}")) for n in working]
    lines.append(Msg.of("staff.oos.alternative", place=Localized.of(help_point), hotline=HOTLINE))
    return tuple(lines)
