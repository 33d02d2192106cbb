"""What tests and benches share: waiting helpers, an event recorder, a fake clock."""
