"""QR cameras: OpenCV capture (device, video file or image folder) with the decoding pipeline."""

DRIVERS = {
    "simulator": "drivers.qr_camera.simulator:make",
}
