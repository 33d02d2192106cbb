"""What the apply journey needs from outside the flow: the platform client and the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ApplyServices:
    """The PlatformClient and the started OutboxService the kiosk core built (or None)."""

    client: Any
    outbox: Any

    @property
    def platform(self) -> Any:
        """The platform client (the name the results journey looks it up by)."""
        return self.client

    def stop(self) -> None:
        """Stop the outbox (pending writes finish) and close the client's connections."""
        self.outbox.stop()
        self.client.close()
