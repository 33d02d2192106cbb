"""The one application being prepared in this session: identity, form draft, materials; wiped at the end."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.privacy import mask_id, mask_name


@dataclass
class ApplyCase:
    """Personal data of one application; lives only in the session, repr shows no value."""

    code: str  # the bundle id, or the single item's code
    item_codes: tuple[str, ...] = ()  # the items applied for here (the single item's code)
    elsewhere_codes: tuple[str, ...] = ()  # bundle items done elsewhere (on the notice, receipt)
    token: object = field(default_factory=object)  # stale callbacks compare against this
    card: Any = None  # IdentityRecord (personal data)
    id_number: str = ""
    name: str = ""
    person_ref: str = ""
    assurance: str = ""
    method: str = ""  # the identity ladder's rung that verified the resident (not personal)
    display_name: str = ""
    draft: Any = None  # FormDraft
    shared: dict = field(default_factory=dict)
    certificates: list = field(default_factory=list)
    choices: dict[str, str] = field(default_factory=dict)  # material code -> via
    attachments: dict = field(default_factory=dict)  # material code -> Attachment (PDF / signature)
    capture_pages: list = field(default_factory=list)  # pages of the capture in progress (images)
    local_ref: str = ""
    printed: str = ""  # the receipt state printed ("queued", "accepted")
    receipt_materials: list = field(default_factory=list)  # (material name, via): no personal data
    receipt_bytes: bytes = b""  # the last receipt sent to the printer (no personal data)
    masked: str = ""  # masked ID number, for the card-left log line

    def __post_init__(self) -> None:
        if not self.item_codes:
            self.item_codes = (self.code,)

    def __repr__(self) -> str:
        return (f"ApplyCase({self.code}, name={mask_name(self.name)}, id={mask_id(self.id_number)}, "
                f"assurance={self.assurance or '-'})")

    def forget_personal(self) -> None:
        """Forget every personal value (the application is sealed in the outbox)."""
        if self.draft is not None:
            self.draft.wipe()
        self.card = self.draft = None
        self.id_number = self.name = self.person_ref = self.display_name = ""
        self.shared.clear()
        self.certificates.clear()
        self.choices.clear()
        self.forget_attachments()

    def forget_attachments(self) -> None:
        """Zero and drop captured pages, PDFs and signatures (sealed in the outbox or abandoned)."""
        for attachment in self.attachments.values():
            attachment.wipe()
        self.attachments.clear()
        self.capture_pages.clear()

    def wipe(self) -> None:
        """Forget everything (end of the session)."""
        self.forget_personal()
        self.receipt_materials.clear()
        self.receipt_bytes = b""
