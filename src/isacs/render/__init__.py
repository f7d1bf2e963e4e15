"""Render phase: turn the collected model into per-language Markdown pages and downloadable files.

Engine-independent: the output is plain Markdown (with attr_list/md_in_html) plus files, written to a
staging folder that any Python-Markdown based engine (mkdocs today, Zensical tomorrow) can build.
"""
