"""Benchmark harness: generated app vs a minimal floor app, on the same database and cores."""
