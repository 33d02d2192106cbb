"""Timed scripts for the in-process simulators, read from the profile and checked at start-up.

A script is a list of steps; each step waits `wait` seconds after the previous one, then does
one action with its parameters, e.g. for the QR camera:

    script = [{ wait = 2, do = "show_code", code = "pickup" }, { wait = 4, do = "clear" }]
    script_loop = true

Each simulator declares its actions (name -> allowed parameters and their check); a bad step
raises ScriptError naming the step, the key, the value and what is allowed.
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from drivers.base import DeviceState

# action -> {parameter: (check(value) -> bool, "what is allowed", required)}
ParamSpec = tuple[Callable[[Any], bool], str, bool]
ActionSpec = Mapping[str, ParamSpec]

COMMON_ACTIONS: dict[str, ActionSpec] = {
    "go_offline": {},
    "go_online": {},
}


class ScriptError(ValueError):
    """A simulator script step is wrong; `key` is the option path inside the device table."""

    def __init__(self, key: str, value: Any, allowed: str) -> None:
        self.key, self.value, self.allowed = key, value, allowed
        super().__init__(f"{key} = {value!r} is not valid; allowed: {allowed}")


@dataclass(frozen=True)
class Step:
    """One checked step: wait this long after the previous step, then do the action."""

    wait: float
    action: str
    params: Mapping[str, Any] = field(default_factory=dict)


def is_text(value: Any) -> bool:
    """A non-empty string."""
    return isinstance(value, str) and bool(value)


def one_of(*choices: str) -> Callable[[Any], bool]:
    """A check that accepts only these strings."""
    return lambda value: value in choices


def parse_script(raw: Any, actions: Mapping[str, ActionSpec], key: str = "script") -> list[Step]:
    """Check a raw script (a list of tables) against the simulator's actions."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ScriptError(key, raw, "a list of steps such as [{ wait = 2, do = \"...\" }]")
    table = {**COMMON_ACTIONS, **actions}
    steps = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ScriptError(where, item, "a table such as { wait = 2, do = \"...\" }")
        action = item.get("do")
        if action not in table:
            raise ScriptError(f"{where}.do", action, "one of " + ", ".join(sorted(table)))
        wait = item.get("wait", 0)
        if isinstance(wait, bool) or not isinstance(wait, (int, float)) or not 0 <= wait <= 3600:
            raise ScriptError(f"{where}.wait", wait, "seconds from 0 to 3600")
        spec = table[action]
        params = {k: v for k, v in item.items() if k not in ("do", "wait")}
        for name in params:
            if name not in spec:
                allowed = ", ".join(sorted(spec)) or "no parameters"
                raise ScriptError(f"{where}.{name}", params[name], f"for {action!r}: {allowed}")
        for name, (check, what, required) in spec.items():
            if name not in params:
                if required:
                    raise ScriptError(f"{where}.{name}", None, f"{what} (required by {action!r})")
                continue
            if not check(params[name]):
                raise ScriptError(f"{where}.{name}", params[name], what)
        steps.append(Step(float(wait), str(action), params))
    return steps


def parse_loop(options: Mapping[str, Any], default: bool) -> bool:
    """The script_loop option: true or false."""
    value = options.get("script_loop", default)
    if not isinstance(value, bool):
        raise ScriptError("script_loop", value, "true or false")
    return value


class ScriptPlayer:
    """Plays steps against a clock; `due()` returns the steps whose time has come.

    Polled from the simulator's worker thread, so every action (and event) runs on that thread.
    A looping script starts over after its last step; a script with no waits does not loop.
    """

    def __init__(self, steps: Sequence[Step], loop: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.steps = list(steps)
        self.loop = loop and any(s.wait > 0 for s in self.steps)
        self._clock = clock
        self._index = 0
        self._last = clock()
        self.paused = False
        self.played = 0

    def restart(self) -> None:
        """Start from the first step, timed from now."""
        self._index, self._last = 0, self._clock()

    def due(self) -> list[Step]:
        """The steps to run now, in order (empty when paused or finished)."""
        out: list[Step] = []
        while not self.paused and self.steps:
            if self._index >= len(self.steps):
                if not self.loop:
                    break
                self._index = 0
            step = self.steps[self._index]
            if self._clock() - self._last < step.wait:
                break
            self._last += step.wait
            self._index += 1
            self.played += 1
            out.append(step)
        return out

    @property
    def finished(self) -> bool:
        """True when a non-looping script has played every step."""
        return not self.loop and self._index >= len(self.steps)


class ScriptedSimulator:
    """Mixin for DeviceWorker simulators: a script from the options, played on the worker thread.

    Subclasses set ACTIONS and DEFAULT_SCRIPT and implement `_do_<action>(**params)`.
    """

    ACTIONS: Mapping[str, ActionSpec] = {}
    DEFAULT_SCRIPT: list[dict] = []
    DEFAULT_LOOP = False
    script_poll = 0.05

    def _setup_script(self, options: Mapping[str, Any],
                      clock: Callable[[], float] = time.monotonic) -> None:
        steps = check_options(type(self), options)
        self._by_hand: deque[tuple[str, dict]] = deque()
        self.player = ScriptPlayer(steps, parse_loop(options, self.DEFAULT_LOOP), clock)
        # polled even without a script: steps asked by hand run on the worker thread too
        self.poll_interval = self.script_poll  # type: ignore[attr-defined]

    def _play_due(self) -> None:
        """Run the steps asked by hand, then every script step that is due (worker thread)."""
        while self._by_hand:
            action, params = self._by_hand.popleft()
            getattr(self, "_do_" + action)(**params)
        for step in self.player.due():
            getattr(self, "_do_" + step.action)(**step.params)

    def take_over(self) -> None:
        """A test or the dev tools act by hand: the script stops so the two never fight."""
        self.player.paused = True

    def do_by_hand(self, action: str, **params: Any) -> None:
        """Stop the script and run one action at the worker's next poll (so events keep their
        thread, even while a command such as capture() is waiting)."""
        parse_script([{"do": action, **params}], self.ACTIONS)
        self.take_over()
        self._by_hand.append((action, params))

    def _do_go_offline(self) -> None:
        self.set_status(DeviceState.OFFLINE, detail="simulated offline")  # type: ignore[attr-defined]

    def _do_go_online(self) -> None:
        self.set_status(DeviceState.ONLINE, detail="simulated")  # type: ignore[attr-defined]


def check_options(sim_class: type, options: Mapping[str, Any]) -> list[Step]:
    """Parse a simulator's script option (its default when absent); raises ScriptError."""
    raw = options.get("script", sim_class.DEFAULT_SCRIPT)
    parse_loop(options, sim_class.DEFAULT_LOOP)
    return parse_script(raw, sim_class.ACTIONS)

