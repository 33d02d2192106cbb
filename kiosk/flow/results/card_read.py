"""Read the resident's ID card on its worker, then ask the platform about the holder off the UI thread."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable

from drivers.base import HalError
from kiosk.flow.results import access
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)

Say = Callable[[Any, Msg], None]
Ask = Callable[[Any, Any], Any]
Then = Callable[[Any, Any], None]


def read_card_then_ask(host: "FlowHost", say: Say, ask: Ask, then: Then) -> None:
    """Read the card; on success run ask(client, record) on the executor and then(future, session).

    A failed read or a kiosk without a platform link is told to the resident with say(session, msg);
    the record itself never leaves this chain (only the platform call sees it).
    """
    session = host.session
    handle = host.devices.card_reader.read_card()
    handle.add_done_callback(lambda h: _card_read(host, h, session, say, ask, then))


def _card_read(host: "FlowHost", handle: Any, session: Any, say: Say, ask: Ask, then: Then) -> None:
    try:
        record = handle.result(0)
    except HalError as exc:
        log.info("card read failed: %s", exc.code)
        say(session, Msg("results.card.failed"))
        return
    client = access.platform(host)
    if client is None:
        say(session, Msg("results.error.no_platform"))
        return
    future = host.executor.submit(ask, client, record)
    future.add_done_callback(lambda f: then(f, session))
