"""Card readers: resident ID card (SAM over serial), e-passports (PC/SC), and a simulator."""

# driver name in config -> "module:factory"; factory(name, options) returns a CardReader
DRIVERS = {
    "sam_serial": "drivers.card_reader.sam_driver:make",
    "pcsc": "drivers.card_reader.pcsc_driver:make",
    "simulator": "drivers.card_reader.simulator:make",
}
