"""Offline voice guidance: espeak-ng engine, audio sinks and the Speaker service."""
