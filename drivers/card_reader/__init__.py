"""Card readers: resident ID card (SAM over serial), e-passports (PC/SC), and a simulator."""

# driver name in config -> "module:factory"; factory(name, options) returns a CardReader
DRIVERS = {
    "simulator": "drivers.card_reader.simulator:make",
}
