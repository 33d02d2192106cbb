"""Staff mode's core: who may open it (auth), what they did (audit), and the kiosk's service state."""
