""""Can it be done here, now?": devices, hours, branch offer and eligibility, with alternatives."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterator, Mapping

from drivers.base import DeviceStatus, MediaState
from kiosk.catalog.hours import WeeklyHours
from kiosk.catalog.model import ServiceItem
from kiosk.catalog.strings import text
from kiosk.catalog.text import Text, join

_BAD_MEDIA = (MediaState.PAPER_OUT, MediaState.JAMMED)


@dataclass(frozen=True)
class Availability:
    """The answer: ok, every reason why not (code, message), what to do instead, open questions."""

    ok: bool
    reasons: tuple[tuple[str, Text], ...]
    alternatives: Text
    unanswered: tuple[str, ...] = ()
    next_open: datetime | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """Just the reason codes."""
        return tuple(code for code, _ in self.reasons)


def _when(moment: datetime) -> Text:
    day = text(f"catalog.weekday.{moment.weekday()}")
    return Text(f"{moment:%m-%d} {day.zh} {moment:%H:%M}", f"{day.en} {moment:%d %b %H:%M}")


def _device_reasons(item: ServiceItem, device_status: Mapping[str, DeviceStatus]
                    ) -> Iterator[tuple[str, Text]]:
    for device in item.devices:
        label = text(f"catalog.device.{device}")
        status = device_status.get(device)
        if status is None:
            yield "device_missing", Text(text("catalog.avail.device_missing", device=label.zh).zh,
                                         text("catalog.avail.device_missing", device=label.en).en)
            continue
        bad_media = device == "printer" and status.media in _BAD_MEDIA
        if not status.usable or bad_media:
            state = text(f"catalog.device_state.{status.media.value if bad_media else status.state.value}")
            yield "device_unavailable", Text(
                text("catalog.avail.device_unavailable", device=label.zh, state=state.zh).zh,
                text("catalog.avail.device_unavailable", device=label.en, state=state.en).en)


def alternatives(item: ServiceItem) -> Text:
    """Where else to do it: the window (address, hours), the online route, the hotlines."""
    hours = item.window_hours.describe()
    parts = [Text(text("catalog.alt.window", place=item.place.zh, hours=hours.zh).zh,
                  text("catalog.alt.window", place=item.place.en, hours=hours.en).en)]
    if {"online", "mobile"} & set(item.channels):
        parts.append(text("catalog.alt.online", url=item.online_url))
    parts.append(text("catalog.alt.hotline", phone=item.enquiry_phone))
    return join(parts, "\n", "\n")


def _hours_reason(code: str, hours: WeeklyHours, now: datetime) -> tuple[str, Text]:
    """Closed now: when it opens again, or plainly "not at the kiosk" when it never does."""
    upcoming = hours.next_open(now)
    if upcoming is None:  # "closed" hours: no "next opening: none"
        return code, text(f"catalog.avail.{code}_never")
    desc, when = hours.describe(), _when(upcoming)
    return code, Text(text(f"catalog.avail.{code}", hours=desc.zh, next=when.zh).zh,
                      text(f"catalog.avail.{code}", hours=desc.en, next=when.en).en)


def check(item: ServiceItem, device_status: Mapping[str, DeviceStatus], now: datetime,
          branch_offers: set[str] | None = None, branch_hours: WeeklyHours | None = None,
          answers: Mapping[str, str] | None = None) -> Availability:
    """Check everything that could stop this item at this kiosk now; never raises for a "no".

    When the item cannot be done at this kiosk at all (not a self-service item, or not offered
    by this branch), its devices and self-service hours are not reasons any more: saying "the
    printer is offline" or "closed now" would suggest that waiting helps.
    """
    reasons: list[tuple[str, Text]] = []
    if "kiosk" not in item.channels:
        reasons.append(("not_self_service", text("catalog.avail.not_self_service")))
    if branch_offers is not None and item.code not in branch_offers:
        reasons.append(("not_offered", text("catalog.avail.not_offered")))
    never_here = bool(reasons)
    if not never_here:
        reasons.extend(_device_reasons(item, device_status))
    next_open = None
    hours_to_check = [("branch_closed", branch_hours)]
    if not never_here:
        hours_to_check.insert(0, ("service_closed", item.self_service_hours))
    for code, hours in hours_to_check:
        if hours is not None and not hours.is_open(now):
            upcoming = hours.next_open(now)
            next_open = max(filter(None, (next_open, upcoming)), default=None)
            reasons.append(_hours_reason(code, hours, now))
    unanswered = []
    for question in item.eligibility:
        answer = (answers or {}).get(question.id)
        if answer is None:
            unanswered.append(question.id)
        elif answer == question.ineligible_answer:
            reasons.append(("ineligible", Text(f"{question.question.zh} {question.instead.zh}",
                                               f"{question.question.en} {question.instead.en}")))
    return Availability(not reasons, tuple(reasons), alternatives(item), tuple(unanswered), next_open)
