"""Results lockers: the "8A" lock-control board over serial, and an in-process simulator."""

# driver name in config -> "module:factory"; factory(name, options) returns a ResultsLocker
DRIVERS = {
    "serial_8a": "drivers.locker.serial_driver:make",
    "simulator": "drivers.locker.simulator:make",
}
