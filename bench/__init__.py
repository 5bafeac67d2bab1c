"""Benchmarks: scripts that measure the hub at scale. Timings live here, never in tests."""
