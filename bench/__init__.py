"""Benchmark tooling: a fast, reproducible generator of realistic plan histories (`bench.generate`).

Not part of the application: it writes straight into the event store, bypassing `Planspor.save`.
"""
