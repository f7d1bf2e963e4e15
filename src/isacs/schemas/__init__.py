"""The JSON schemas of the sources and of the JSON export (data files, read by `isacs.core.schema`).

The bottom layer: no Python code, imports nothing.
"""
