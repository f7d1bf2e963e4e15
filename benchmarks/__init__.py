"""Benchmarks of the toolchain and the synthetic corpus generator they use: dev-only, never installed.

Run through `python3 scripts/benchmark.py {load,build,checklists}`; the tests import them from the repository
root (pytest's `pythonpath` in pyproject.toml). The generator alone: `python -m benchmarks.generate DEST`.
"""
