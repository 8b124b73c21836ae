"""Benchmarks that print numbers (`make bench`); never timed assertions in the test suite."""
