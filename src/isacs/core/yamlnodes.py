"""Fast YAML loading for validation: libyaml (ruamel.yaml.clib) composes the node tree, and the mappings and
sequences are rebuilt as ruamel's Commented* containers carrying the same line/column records as the
round-trip loader. ruamel's pure-Python round-trip loader is ten times slower and is only needed to write
a file back (`isacs stamp`) or to word a syntax error, so `yamlio` uses it for those alone.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"


class _Resolver(VersionedResolver):
    """ruamel looks the YAML version up again (through caught exceptions) for every scalar and rebuilds the
    version's rules for every document; both only depend on the version, so they are looked up once."""

    _rules_by_version: dict = {}

    @property
    def versioned_resolver(self):
        rules = self.__dict__.get("_rules")
        if rules is None:
            version = self.processing_version
            rules = self._rules_by_version.get(version)
            if rules is None:
                rules = VersionedResolver.versioned_resolver.fget(self)
                if None not in rules:  # ruamel's resolve() extends the list for None in place: never share it
                    self._rules_by_version[version] = rules
            self.__dict__["_rules"] = rules
        return rules


class Unsupported(Exception):
    """Input this builder does not handle (or that is invalid); the round-trip loader decides what it means."""


def load(text: str) -> Any:
    yaml = YAML(typ="safe")  # the C parser when ruamel.yaml.clib is installed, else the pure-Python one
    yaml.Resolver = _Resolver
    try:
        node = yaml.compose(text)
    except Exception as exc:  # any parse problem is worded by the round-trip loader
        raise Unsupported(str(exc)) from None
    if node is None:
        return None
    return _Builder(yaml.constructor).build(node)


class _Builder:
    def __init__(self, constructor) -> None:
        self.constructor = constructor  # ruamel's SafeConstructor: same scalar rules (YAML 1.2) as round-trip
        self.seen: dict[int, Any] = {}

    def build(self, node) -> Any:
        if id(node) in self.seen:  # an alias: the anchored value, built once
            return self.seen[id(node)]
        if isinstance(node, ScalarNode):
            if node.tag == STR_TAG:  # most values: nothing to convert
                return node.value
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (ConstructorError, ValueError) as exc:  # unknown tag, impossible date, ...
                raise Unsupported(str(exc)) from None
        elif isinstance(node, MappingNode):
            value = self._mapping(node)
        elif isinstance(node, SequenceNode):
            value = self._sequence(node)
        else:
            raise Unsupported(f"unexpected node {node!r}")
        self.seen[id(node)] = value
        return value

    def _mapping(self, node: MappingNode) -> CommentedMap:
        if node.tag != "tag:yaml.org,2002:map":
            raise Unsupported(node.tag)
        out = CommentedMap()
        out._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        self.seen[id(node)] = out
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == MERGE_TAG:
                raise Unsupported("complex or merge key")
            key = self.build(key_node)
            if key in out:
                raise Unsupported(f"duplicate key {key!r}")
            out[key] = self.build(value_node)
            out._yaml_set_kv_line_col(
                key,
                [
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                    value_node.start_mark.line,
                    value_node.start_mark.column,
                ],
            )
        return out

    def _sequence(self, node: SequenceNode) -> CommentedSeq:
        if node.tag != "tag:yaml.org,2002:seq":
            raise Unsupported(node.tag)
        out = CommentedSeq()
        out._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        self.seen[id(node)] = out
        for index, item in enumerate(node.value):
            out.append(self.build(item))
            out._yaml_set_idx_line_col(index, [item.start_mark.line, item.start_mark.column])
        return out
