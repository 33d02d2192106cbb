"""QR cameras: OpenCV capture (device, video file or image folder) with the decoding pipeline."""

DRIVERS = {
    "opencv": "drivers.qr_camera.opencv_camera:make",
    "simulator": "drivers.qr_camera.simulator:make",
}
