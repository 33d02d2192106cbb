"""Reads kiosk.toml and the profile it names, validating every value."""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any, Mapping

from drivers.options import OptionError, validate_options
from drivers.registry import DEVICE_CLASSES, available_drivers, check_options
from drivers.sim_script import ScriptError
from kiosk.config.model import (Branding, ConfigError, DeviceConfig, DisplayConfig, KioskConfig,
                                MqttConfig, PlatformConfig, Profile)
from kiosk.fileio import FileReadError, read_toml
from kiosk.i18n import LANGUAGES, STORED_LANGUAGES, Localized

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9_]+$")
_KIOSK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
_MQTT_URL = re.compile(r"^mqtts?://[^\s/?#:@]+(:[0-9]{1,5})?/?$")
_MIN_WARNING_S = 20  # a resident gets at least 20 s to answer "are you still there?"


class _Section:
    """Typed access to one TOML table, raising ConfigError with the full key path."""

    def __init__(self, file: Path, prefix: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise ConfigError(file, prefix or "(top level)", data, "a table")
        self.file, self.prefix, self.data = file, prefix, data
        self.known: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def sub(self, name: str, required: bool = True) -> "_Section":
        self.known.add(name)
        if name not in self.data and not required:
            return _Section(self.file, self.key(name), {})
        return _Section(self.file, self.key(name), self._get(name))

    def allow(self, *names: str) -> None:
        """Mark keys as known that are read some other way than through this section."""
        self.known.update(names)

    def reject_unknown(self) -> None:
        """A key nobody reads is a typo or a leftover: refuse it, naming the closest known key."""
        for name in self.data:
            if name in self.known:
                continue
            close = difflib.get_close_matches(str(name), sorted(self.known), n=1)
            hint = f'known keys here: {", ".join(sorted(self.known)) or "none"}'
            if close:
                hint = f'did you mean "{close[0]}"? ({hint})'
            raise ConfigError(self.file, self.key(str(name) or '""'), self.data[name],
                              "no such setting; " + hint)

    def _get(self, name: str) -> Any:
        self.known.add(name)
        if name not in self.data:
            raise ConfigError(self.file, self.key(name), None, "a value (the key is missing)")
        return self.data[name]

    def str(self, name: str, default: str | None = None, pattern: re.Pattern | None = None,
            choices: tuple[str, ...] | None = None, what: str = "a non-empty string") -> str:
        self.known.add(name)
        value = self.data.get(name, default) if default is not None else self._get(name)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(self.file, self.key(name), value, what)
        if choices is not None and value not in choices:
            raise ConfigError(self.file, self.key(name), value, "one of " + ", ".join(choices))
        if pattern is not None and not pattern.match(value):
            raise ConfigError(self.file, self.key(name), value, what)
        return value

    def int(self, name: str, lo: int, hi: int, default: int | None = None) -> int:
        self.known.add(name)
        value = self.data.get(name, default) if default is not None else self._get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ConfigError(self.file, self.key(name), value, f"a whole number from {lo} to {hi}")
        return value

    def bool(self, name: str, default: bool) -> bool:
        self.known.add(name)
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            raise ConfigError(self.file, self.key(name), value, "true or false")
        return value

    def text(self, name: str) -> Mapping[str, str]:
        """A {zh, en} text; converted languages (zh-Hant) are filled in unless given."""
        value = self._get(name)
        if not isinstance(value, dict) or not all(
                isinstance(value.get(lang), str) and value[lang].strip()
                for lang in STORED_LANGUAGES):
            raise ConfigError(self.file, self.key(name), value,
                              "a table with non-empty " + " and ".join(STORED_LANGUAGES)
                              + " strings")
        return dict(Localized.of({lang: value[lang] for lang in LANGUAGES
                                  if isinstance(value.get(lang), str)}).texts)


def _read_toml(path: Path) -> dict:
    try:
        return read_toml(path)
    except FileReadError as exc:
        if exc.kind == "syntax":
            raise ConfigError(path, "(syntax)", exc.reason, "valid TOML") from None
        raise ConfigError(path, "(file)", exc.reason, "a readable UTF-8 TOML file") from None


def _hours(sec: _Section, name: str) -> str:
    from kiosk.catalog.hours import WeeklyHours
    value = sec.str(name)
    try:
        WeeklyHours.parse(value)
    except ValueError as exc:
        raise ConfigError(sec.file, sec.key(name), value,
                          f'weekly hours such as "24h" or "Mon-Fri 09:00-17:00" ({exc})') from None
    return value


def _devices(sec: _Section) -> dict[str, DeviceConfig]:
    devices: dict[str, DeviceConfig] = {}
    for device_class in sec.data:
        if device_class not in DEVICE_CLASSES:
            raise ConfigError(sec.file, sec.key(device_class), device_class,
                              "device classes " + ", ".join(DEVICE_CLASSES))
    for device_class in DEVICE_CLASSES:
        if device_class not in sec.data:
            continue
        dev = sec.sub(device_class)
        drivers = tuple(sorted(available_drivers(device_class)))
        driver = dev.str("driver", choices=drivers)
        options = {k: v for k, v in dev.data.items() if k != "driver"}
        try:
            options = validate_options(device_class, driver, options)
            check_options(device_class, driver, options)  # the driver's own deep checks (scripts)
        except (OptionError, ScriptError) as exc:
            raise ConfigError(sec.file, dev.key(exc.key), exc.value, exc.allowed) from None
        devices[device_class] = DeviceConfig(device_class, driver, options)
    return devices


def _profile(path: Path) -> Profile:
    sec = _Section(path, "", _read_toml(path))
    warning = sec.int("idle_warning_s", _MIN_WARNING_S, 300)
    timeout = sec.int("idle_timeout_s", warning + 10, 3600)
    elder_pct = sec.int("idle_elder_percent", 100, 500, default=200)  # never shorter than standard
    keypad_pct = sec.int("idle_keypad_percent", 100, 500, default=200)
    services = sec.data.get("services", "*")
    if services == "*":
        offered = None
    elif isinstance(services, list) and services and all(isinstance(s, str) for s in services):
        offered = tuple(services)
    else:
        raise ConfigError(path, "services", services, '"*" or a non-empty list of service codes')
    brand = sec.sub("branding")
    branding = Branding(
        title=brand.text("title"), subtitle=brand.text("subtitle"),
        primary_color=brand.str("primary_color", pattern=_COLOR, what="a colour like #1F5FAA"),
        accent_color=brand.str("accent_color", pattern=_COLOR, what="a colour like #E8A33D"))
    sec.allow("services")
    profile = Profile(
        id=sec.str("id", pattern=_ID, what="lower-case letters, digits and _"),
        name=sec.text("name"), branch_address=sec.text("branch_address"),
        help_point=sec.text("help_point"),
        opening_hours=_hours(sec, "opening_hours"), services=offered,
        idle_timeout_s=timeout, idle_warning_s=warning, branding=branding,
        devices=_devices(sec.sub("devices")), idle_elder_percent=elder_pct,
        idle_keypad_percent=keypad_pct)
    brand.reject_unknown()
    sec.reject_unknown()
    return profile


def _platform(sec: _Section, root: Path,
              environ: Mapping[str, str]) -> PlatformConfig | None:
    """The [platform] table, with KIOSK_PLATFORM_URL, KIOSK_ID and KIOSK_SECRET_FILE overriding it."""
    overrides = {"url": "KIOSK_PLATFORM_URL", "kiosk_id": "KIOSK_ID",
                 "secret_file": "KIOSK_SECRET_FILE"}
    sec.allow(*overrides, "ca_file", "catalog_check_s")
    sec.reject_unknown()
    data = dict(sec.data)
    for key, var in overrides.items():
        if environ.get(var) is not None:
            data[key] = environ[var]
    if not data:
        return None

    def checked(key: str, pattern: re.Pattern, what: str) -> str:
        var = overrides.get(key)
        source = f"environment {var}" if var and environ.get(var) is not None else sec.file
        value = data.get(key)
        if not isinstance(value, str) or not pattern.match(value):
            raise ConfigError(source, f"platform.{key}" if source == sec.file else var, value, what)
        return value

    url = checked("url", _URL, "an http:// or https:// URL such as https://platform.example/")
    kiosk_id = checked("kiosk_id", _KIOSK_ID, "1-64 letters, digits, '.', '_' or '-'")
    secret = checked("secret_file", re.compile(r"^\S.*$"), "a file path")
    ca = data.get("ca_file")
    ca_path = None
    if ca is not None:
        if not isinstance(ca, str) or not (root / ca).is_file():
            raise ConfigError(sec.file, "platform.ca_file", ca, "an existing PEM file of CA certificates")
        ca_path = root / ca
    check_s = sec.int("catalog_check_s", 60, 86400, default=3600)
    return PlatformConfig(url=url, kiosk_id=kiosk_id, secret_file=root / secret, ca_file=ca_path,
                          catalog_check_s=check_s)


def _mqtt(sec: _Section, root: Path, environ: Mapping[str, str],
          platform: PlatformConfig | None) -> MqttConfig | None:
    """The [mqtt] fleet broker table; KIOSK_MQTT_URL overrides its url (and alone enables it)."""
    env_url = environ.get("KIOSK_MQTT_URL")
    if not sec.data and env_url is None:
        return None
    if env_url is not None:
        url = env_url
        if not _MQTT_URL.match(url):
            raise ConfigError("environment KIOSK_MQTT_URL", "KIOSK_MQTT_URL", url,
                              "an mqtt:// or mqtts:// URL such as mqtts://broker.example:8883")
        sec.allow("url")
    else:
        url = sec.str("url", pattern=_MQTT_URL,
                      what="an mqtt:// or mqtts:// URL such as mqtts://broker.example:8883")
    default_id = platform.kiosk_id if platform is not None else None
    kiosk_id = sec.str("kiosk_id", default=default_id, pattern=_KIOSK_ID,
                       what="1-64 letters, digits, '.', '_' or '-'")
    username = sec.str("username", default="", what="a user name") if "username" in sec.data \
        else None
    password = sec.str("password_file", what="a file path") if "password_file" in sec.data else None
    sec.allow("username", "password_file")
    if (username is None) != (password is None):
        raise ConfigError(sec.file, "mqtt.password_file" if password is None else "mqtt.username",
                          None, "username and password_file given together (or neither)")
    ca = sec.str("ca_file", what="a file path") if "ca_file" in sec.data else None
    sec.allow("ca_file")
    if ca is not None and not (root / ca).is_file():
        raise ConfigError(sec.file, "mqtt.ca_file", ca, "an existing PEM file of CA certificates")
    heartbeat = sec.int("heartbeat_s", 30, 3600, default=300)
    sec.reject_unknown()
    return MqttConfig(url=url, kiosk_id=kiosk_id, username=username,
                      password_file=(root / password) if password else None,
                      ca_file=(root / ca) if ca else None, heartbeat_s=heartbeat)


def load_config(path: Path | str, profile_override: str | None = None,
                environ: Mapping[str, str] | None = None) -> KioskConfig:
    """Load and validate kiosk.toml and its profile; raises ConfigError on the first bad value."""
    environ = os.environ if environ is None else environ
    try:
        path = Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop: pathlib raises RuntimeError in 3.11
        raise ConfigError(path, "(file)", "is a symbolic link that loops",
                          "a readable UTF-8 TOML file") from None
    root = path.parent.parent if path.parent.name == "config" else path.parent
    top = _Section(path, "", _read_toml(path))
    kiosk = top.sub("kiosk")
    profile_id = kiosk.str("profile", pattern=_ID, what="a profile name (file in config/profiles/)")
    if profile_override is not None:
        profile_id = profile_override
        if not _ID.match(profile_id):
            raise ConfigError("--profile", "kiosk.profile", profile_id,
                              "a profile name: lower-case letters, digits and _ (no paths)")
    profile_path = path.parent / "profiles" / f"{profile_id}.toml"
    if not profile_path.is_file():
        known = sorted(p.stem for p in (path.parent / "profiles").glob("*.toml"))
        raise ConfigError(path, "kiosk.profile", profile_id, "one of " + ", ".join(known))
    display = top.sub("display", required=False)
    shots = display.data.get("screenshot_dir")
    if shots is not None and not isinstance(shots, str):
        raise ConfigError(path, "display.screenshot_dir", shots, "a folder path")
    platform = _platform(top.sub("platform", required=False), root, environ)
    config = KioskConfig(
        source=path, root=root,
        language=kiosk.str("language", default="zh", choices=LANGUAGES),
        services_dir=root / kiosk.str("services_dir", default="config/services"),
        bundles_dir=root / kiosk.str("bundles_dir", default="config/bundles"),
        display=DisplayConfig(
            kiosk_mode=display.bool("kiosk_mode", False),
            width=display.int("width", 480, 4096, default=900),
            height=display.int("height", 480, 4096, default=1280),
            screenshot_dir=(root / shots) if shots else None),
        profile=_profile(profile_path),
        platform=platform,
        mqtt=_mqtt(top.sub("mqtt", required=False), root, environ, platform))
    display.allow("screenshot_dir")
    for section in (display, kiosk, top):
        section.reject_unknown()
    return config
