"""Document cameras: OpenCV capture with page detection, auto-capture and PDF assembly."""

DRIVERS = {
    "simulator": "drivers.document_camera.simulator:make",
}
