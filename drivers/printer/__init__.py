"""Receipt printers: ESC/POS over serial, and simulators."""

DRIVERS = {
    "escpos_serial": "drivers.printer.escpos_driver:make",
    "simulator": "drivers.printer.simulator:make",
}
