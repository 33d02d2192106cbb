"""What tests and benchmarks share: a fake clock, an event recorder, a fake device hub, waiting, held-out image sets."""
