"""Fleet operations: MQTT telemetry and commands, systemd watchdog, logs, disk and start-up cleanup.

Public pieces: FleetClient (paho-mqtt link), FleetTelemetry (publish-on-change state),
FleetCommands (the callback interface commands go to), Watchdog (sdnotify), setup_logging,
check_disk, wipe_previous_session, LocalBroker (a loopback Mosquitto for tests and `./dev run`).
Nothing here imports Kivy.
"""
