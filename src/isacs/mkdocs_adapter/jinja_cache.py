"""Compile the theme's templates once per process, not once per language.

mkdocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one build per language:
Material's ~190 templates were parsed and compiled six times a build (a tenth of a bundled build's time, in
a profile), and again on every `mkdocs serve` rebuild. Jinja's bytecode cache API keeps the compiled code
keyed by template and checked against the template's source, so an edited template (under `mkdocs serve`)
compiles again. Kept in memory only: nothing is written to disk, so no cache can be planted from outside.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates of this process, for every Jinja environment given it (`environment.bytecode_cache`)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # refused (left empty) when the source's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
