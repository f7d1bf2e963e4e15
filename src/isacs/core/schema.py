"""JSON Schema checks of YAML sources; each violation is reported at the line of the offending key.

Valid documents (nearly all of them) are confirmed by a fastjsonschema-compiled validator, ten times
faster; jsonschema runs only on a document that fails, to name every violation and where it is.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from . import yamlio
from .diagnostics import Diagnostic, Location, excerpt


@cache
def schema(name: str) -> dict:
    return json.loads(resources.files("isacs.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _is_date(value: str) -> bool:
    """The `date` format as jsonschema checks it (fastjsonschema's own accepts 2026-02-30)."""
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def fast_validator(name: str) -> Callable[[Any], Any]:
    """Compiled validator; raises fastjsonschema.JsonSchemaException on the first violation."""
    return fastjsonschema.compile(schema(name), formats={"date": _is_date})


def is_valid(name: str, plain: Any) -> bool:
    try:
        fast_validator(name)(plain)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check(
    name: str,
    data: Any,
    display: str,
    line_offset: int,
    problems: list[Diagnostic],
    ignore: frozenset[str] = frozenset(),
) -> bool:
    """Validate ruamel-loaded `data` against schema `name`; record E004 per violation. True if valid.

    Top-level keys in `ignore` are left out (already reported otherwise); `data` itself is kept for positions.
    """
    plain = {k: v for k, v in yamlio.to_plain(data).items() if k not in ignore} if ignore else yamlio.to_plain(data)
    if is_valid(name, plain):
        return True
    ok = True
    for error in sorted(_validator(name).iter_errors(plain), key=lambda e: list(map(str, e.absolute_path))):
        ok = False
        pos = yamlio.position(data, _offending_path(error))
        line, col = (pos[0] + 1, pos[1] + 1) if pos else (1, 1)
        where = "/".join(excerpt(p) for p in error.absolute_path) or "(top level)"
        problems.append(Diagnostic(Location(display, line + line_offset, col), "E004", f"{where}: {_message(error)}"))
    return ok


def _offending_path(error) -> tuple:
    """Where the editor must look: for an unknown or misspelt key that is the key itself, not its mapping."""
    path = tuple(error.absolute_path)
    if "propertyNames" in error.schema_path:  # the error is about the key name itself
        return path + (error.instance,)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        extra = [key for key in error.instance if key not in known]
        if extra:
            return path + (extra[0],)
    return path


def _message(error) -> str:
    """jsonschema's message with every source value it quotes cut to an excerpt (it quotes them whole)."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        extra = sorted((key for key in error.instance if key not in known), key=str)
        if extra and error.message.startswith("Additional properties are not allowed"):
            return (
                f"unknown key ({', '.join(_quote(key) for key in extra)} {'was' if len(extra) == 1 else 'were'} "
                "unexpected)"
            )
    if error.validator == "if" or error.validator == "not":
        return "a withdrawn requirement (tombstone) keeps only `withdrawn` and `replaced_by`"
    message = error.message
    instance = repr(error.instance)
    if len(instance) > 20 and instance in message:  # short ones are already excerpts
        message = message.replace(instance, _quote(error.instance))
    return excerpt(message, 240)  # a last bound: the rest of the message comes from the schema


def _quote(value) -> str:
    """A value as jsonschema would quote it (repr), but only an excerpt of it."""
    return f"'{excerpt(value)}'" if isinstance(value, str) else excerpt(repr(value))
