"""Typed, frozen configuration objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping


class ConfigError(ValueError):
    """A configuration value is wrong: names the file, the key, the value and what is allowed."""

    def __init__(self, file: Path | str, key: str, value: Any, allowed: str) -> None:
        self.file, self.key, self.value, self.allowed = str(file), key, value, allowed
        super().__init__(f"{file}: {key} = {value!r} is not valid; allowed: {allowed}")


@dataclass(frozen=True)
class DeviceConfig:
    """Which driver runs one device class, with its driver options."""

    device_class: str
    driver: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Branding:
    """What the attract screen shows and its colours."""

    title: Mapping[str, str]
    subtitle: Mapping[str, str]
    primary_color: str
    accent_color: str


@dataclass(frozen=True)
class DisplayConfig:
    """Window and kiosk-mode settings."""

    kiosk_mode: bool
    width: int
    height: int
    screenshot_dir: Path | None


@dataclass(frozen=True)
class Profile:
    """A deployment profile: 24-hour booth, bank branch, post-office branch."""

    id: str
    name: Mapping[str, str]
    branch_address: Mapping[str, str]
    help_point: Mapping[str, str]  # where a resident finds a person to help, said by the help panel
    opening_hours: str
    services: tuple[str, ...] | None  # None: every service in the catalog
    idle_timeout_s: int
    idle_warning_s: int
    branding: Branding
    devices: Mapping[str, DeviceConfig]
    idle_elder_percent: int = 200  # idle times in elder mode, in % of the standard ones
    idle_keypad_percent: int = 200  # the same for residents navigating by tactile keypad

    def offers(self, code: str) -> bool:
        """True when this branch offers the service or bundle with this code."""
        return self.services is None or code in self.services


@dataclass(frozen=True)
class PlatformConfig:
    """Where the government service platform is and how this kiosk signs its requests."""

    url: str
    kiosk_id: str
    secret_file: Path
    ca_file: Path | None = None
    catalog_check_s: int = 3600  # how often the kiosk asks the platform for a newer catalog


@dataclass(frozen=True)
class MqttConfig:
    """The fleet broker: where telemetry goes and commands come from (the [mqtt] table)."""

    url: str  # mqtt://host:port or mqtts://host:port (TLS)
    kiosk_id: str
    username: str | None = None
    password_file: Path | None = None
    ca_file: Path | None = None
    heartbeat_s: int = 300

    @property
    def tls(self) -> bool:
        """True when the URL asks for TLS (mqtts://)."""
        return self.url.startswith("mqtts://")


@dataclass(frozen=True)
class KioskConfig:
    """Everything the kiosk reads at start-up."""

    source: Path
    root: Path
    language: str
    services_dir: Path
    bundles_dir: Path
    display: DisplayConfig
    profile: Profile
    platform: PlatformConfig | None = None
    mqtt: MqttConfig | None = None
