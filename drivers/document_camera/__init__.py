"""Document cameras: OpenCV capture with page detection, auto-capture and PDF assembly."""

DRIVERS = {
    "opencv": "drivers.document_camera.opencv_camera:make",
    "simulator": "drivers.document_camera.simulator:make",
}
