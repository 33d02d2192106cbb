"""Typed device events: one frozen dataclass per thing a device can report.

Every event still carries `device`, `kind` and a `data` mapping (built from its typed fields) so
consumers written against the untyped events keep working while they switch to `isinstance`.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, ClassVar, Mapping


class RecommendedAction(str, Enum):
    """What should happen after an error."""

    NONE = "none"
    RETRY = "retry"
    CLEAR = "clear"
    REPLACE_MEDIA = "replace_media"
    CALL_STAFF = "call_staff"


@dataclass(frozen=True)
class DeviceEvent:
    """Something a device reports; the base of every typed event (untyped: kind + data)."""

    device: str
    kind: str = "event"
    data: Mapping[str, Any] = field(default_factory=dict)
    timestamp: float = field(default_factory=time.monotonic)


_BASE_FIELDS = {f.name for f in dataclasses.fields(DeviceEvent)}
EVENT_TYPES: dict[str, type["TypedEvent"]] = {}


@dataclass(frozen=True)
class TypedEvent(DeviceEvent):
    """A typed event: `kind` comes from the class, `data` mirrors the typed fields."""

    KIND: ClassVar[str] = ""
    kind: str = field(default="", init=False)
    data: Mapping[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if cls.KIND:
            EVENT_TYPES[cls.KIND] = cls

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", self.KIND)
        payload = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                   if f.name not in _BASE_FIELDS}
        object.__setattr__(self, "data", MappingProxyType(payload))


# --- every device ---------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class StatusChanged(TypedEvent):
    """The device's status snapshot changed (state, media or detail)."""

    KIND: ClassVar[str] = "status"
    status: Any = None  # DeviceStatus (drivers.base); Any here to avoid an import cycle


@dataclass(frozen=True, kw_only=True)
class DeviceErrorEvent(TypedEvent):
    """A device error with a machine code, a plain message and the recommended action."""

    KIND: ClassVar[str] = "error"
    code: str = "error"
    message: str = ""
    action: RecommendedAction = RecommendedAction.RETRY


# --- card readers -------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CardInserted(TypedEvent):
    """A card or passport was laid on the reader (no personal data: reader name and ATR only)."""

    KIND: ClassVar[str] = "card_inserted"
    reader: str = ""
    atr: str = ""
    protocol: str = ""


@dataclass(frozen=True, kw_only=True)
class CardRemoved(TypedEvent):
    """The card was taken away."""

    KIND: ClassVar[str] = "card_removed"
    reader: str = ""


@dataclass(frozen=True, kw_only=True)
class ReadFailed(TypedEvent):
    """A card read failed with a documented error code."""

    KIND: ClassVar[str] = "read_failed"
    code: str = ""
    message: str = ""


# --- printers -----------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class PaperLow(TypedEvent):
    """The paper roll is near its end."""

    KIND: ClassVar[str] = "paper_low"


@dataclass(frozen=True, kw_only=True)
class PaperOut(TypedEvent):
    """The printer has no paper."""

    KIND: ClassVar[str] = "paper_out"


@dataclass(frozen=True, kw_only=True)
class CoverOpen(TypedEvent):
    """The printer cover is open."""

    KIND: ClassVar[str] = "cover_open"


@dataclass(frozen=True, kw_only=True)
class JobDone(TypedEvent):
    """A print job left the printer."""

    KIND: ClassVar[str] = "job_done"
    job_id: str = ""


@dataclass(frozen=True, kw_only=True)
class MediaTaken(TypedEvent):
    """The resident took the media out (the printed slip from the presenter, a page off the plate)."""

    KIND: ClassVar[str] = "media_taken"


# --- cameras ------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CodeScanned(TypedEvent):
    """A QR code was decoded; its text may carry personal data, so it stays out of repr."""

    KIND: ClassVar[str] = "code_scanned"
    text: str = field(default="", repr=False)
    raw: bytes = field(default=b"", repr=False)


@dataclass(frozen=True, kw_only=True)
class PageDetected(TypedEvent):
    """The document camera sees a page outline (or none) and has a hint for the resident."""

    KIND: ClassVar[str] = "page_detected"
    corners: Any = None  # [[x, y] x 4] in frame pixels, or None
    hint: str = ""


@dataclass(frozen=True, kw_only=True)
class PageCaptured(TypedEvent):
    """A straightened page was captured; `image` is the CapturedPage's image."""

    KIND: ClassVar[str] = "page_captured"
    image: Any = field(default=None, repr=False)
    format: str = ""
    dpi: int = 0
    corners: Any = None
    quality: str = ""
    page: Any = field(default=None, repr=False)  # the CapturedPage itself


def make_event(device: str, kind: str, data: Mapping[str, Any]) -> DeviceEvent:
    """The typed event for a kind (untyped DeviceEvent for a kind no class declares).

    Keys the typed class does not know are kept in `data` so nothing a driver reports is lost.
    """
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        return DeviceEvent(device, kind, dict(data))
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    event = cls(device, **{k: v for k, v in data.items() if k in names})
    extra = {k: v for k, v in data.items() if k not in names}
    if extra:
        object.__setattr__(event, "data", MappingProxyType({**event.data, **extra}))
    return event
