"""Kiosk configuration: config/kiosk.toml plus a deployment profile, loaded into typed objects.

Public API: load_config(path) -> KioskConfig; ConfigError (one message naming file, key, value
and what is allowed).
"""
from kiosk.config.loader import load_config
from kiosk.config.model import (Branding, ConfigError, DeviceConfig, DisplayConfig, KioskConfig,
                                MqttConfig, PlatformConfig, Profile)

__all__ = ["load_config", "ConfigError", "KioskConfig", "Profile", "DeviceConfig",
           "DisplayConfig", "Branding", "PlatformConfig", "MqttConfig"]
