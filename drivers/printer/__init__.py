"""Receipt printers: ESC/POS over serial, and simulators."""

DRIVERS = {
    "simulator": "drivers.printer.simulator:make",
}
