"""Benchmarks: ``python -m bench`` runs every ``bench/bench_*.py`` (each also runs alone)."""
