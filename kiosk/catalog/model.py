"""Frozen data model of the service catalog: items, materials, form fields, bundles, problems."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kiosk.catalog.hours import WeeklyHours
from kiosk.catalog.text import Text

THEMES = ("individual", "business")
LIFE_EVENTS = ("birth", "education", "employment", "unemployment", "marriage", "housing",
               "residence", "medical", "disability", "retirement", "business_start",
               "business_operation", "certificates")
ITEM_TYPES = ("administrative_licensing", "administrative_confirmation", "administrative_payment",
              "administrative_registration", "public_service", "other")
MODES = ("on_the_spot", "committed", "online_prereview", "fully_online", "courier_result",
         "courier_submit", "courier_both", "appointment_visit")
CHANNELS = ("window", "kiosk", "online", "mobile", "courier")
DELIVERY = ("window", "courier", "e_certificate", "kiosk")
DEVICES = ("card_reader", "printer", "qr_camera", "document_camera")
IDENTITY_WAYS = ("id_card", "passport", "eid_qr", "typed")  # default order of the identity ladder
ASSURANCE_LEVELS = ("high", "medium", "low")
TRUST_LEVELS = ("A", "B", "C", "D")
FIELD_TYPES = ("text", "id_number", "phone", "date", "address", "choice", "number", "bool")
SCOPES = ("district", "city", "province", "nationwide")
ANSWERS = ("yes", "no")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalog file: which file, which field (path) and why."""

    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '<file>'}: {self.reason}"


@dataclass(frozen=True)
class Material:
    """One application material (申请材料) as one item asks for it; `id` is stable across items."""

    id: str
    name: Text
    trust_level: str
    e_certificate: bool = False
    scan: bool = False
    commitment: bool = False
    deferrable: bool = False
    originals: int = 1
    copies: int = 0
    required: bool = True
    source: Text | None = None
    sample: str = ""
    note: Text | None = None

    @property
    def must_bring(self) -> bool:
        """True when the resident has to bring it (it cannot be fetched or promised instead)."""
        return self.required and not self.e_certificate and not self.commitment


@dataclass(frozen=True)
class FormField:
    """One form field used to merge bundle forms; a shared `id` means the same question."""

    id: str
    label: Text
    type: str
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EligibilityQuestion:
    """A yes/no question from the guide; `ineligible_answer` means "not here, do `instead`"."""

    id: str
    question: Text
    ineligible_answer: str
    instead: Text


@dataclass(frozen=True)
class Fee:
    """收费标准 and 收费依据; amount 0 means free of charge."""

    amount_yuan: float
    text: Text
    basis: Text | None = None

    @property
    def free(self) -> bool:
        """True when nothing is charged."""
        return self.amount_yuan == 0


@dataclass(frozen=True)
class Faq:
    """One 常见问题 entry."""

    question: Text
    answer: Text


@dataclass(frozen=True)
class Department:
    """An implementing department with its window, hours, phones and online route."""

    id: str
    name: Text
    address: Text
    window_hours: WeeklyHours
    enquiry_phone: str
    supervision_phone: str
    online_url: str


@dataclass(frozen=True)
class ServiceItem:
    """A complete service guide (办事指南) for one item (事项)."""

    code: str
    name: Text
    item_type: str
    department: Department
    implementing_body: Text
    legal_basis: tuple[Text, ...]
    conditions: Text
    legal_limit_days: int
    promised_limit_days: int
    result_name: Text
    result_sample: str
    result_delivery: tuple[str, ...]
    fee: Fee
    materials: tuple[Material, ...]
    process: tuple[Text, ...]
    channels: tuple[str, ...]
    review_standard: Text
    scope: str
    scope_note: Text | None
    appointment: bool
    online_payment: bool
    courier: bool
    place: Text
    window_hours: WeeklyHours
    self_service_hours: WeeklyHours
    enquiry_phone: str
    supervision_phone: str
    online_url: str
    faq: tuple[Faq, ...]
    modes: tuple[str, ...]
    visits: int
    eligibility: tuple[EligibilityQuestion, ...]
    devices: tuple[str, ...]
    fields: tuple[FormField, ...]
    version: str
    updated: date
    theme: str
    life_events: tuple[str, ...]
    keywords_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]
    sample_data: bool
    source_file: str = ""
    # the identity ladder (issue 10): ways allowed in order, and the assurance the service needs
    identity_ways: tuple[str, ...] = IDENTITY_WAYS
    assurance: str = ""  # "" = derived (high when the ID card original is a material)

    @property
    def on_the_spot(self) -> bool:
        """True for 即办件 (decided while the resident waits)."""
        return self.promised_limit_days == 0 or "on_the_spot" in self.modes


@dataclass(frozen=True)
class Bundle:
    """A "one thing, done once" bundle (一件事一次办) naming several items."""

    id: str
    name: Text
    description: Text
    theme: str
    life_events: tuple[str, ...]
    item_codes: tuple[str, ...]
    keywords_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]
    version: str
    updated: date
    hotline: str
    sample_data: bool
    items: tuple[ServiceItem, ...] = field(default=(), compare=False)
    source_file: str = ""
