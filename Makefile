# Thin wrapper around ./dev for those who type make out of habit.
.PHONY: run test bench
run:
	./dev run
test:
	./dev test
bench:
	./dev bench
