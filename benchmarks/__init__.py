"""Reproducible quality and speed benchmarks (run as ``python -m benchmarks.<name>``)."""
