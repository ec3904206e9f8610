"""Read a hand-written YAML ledger into records, keeping the line of every node."""

from __future__ import annotations

from typing import Any

import yaml

from factcheck.errors import LedgerError
from factcheck.ledger.records import FORMAT, RECORD_TYPES, Lines, Obj, Record

#: YAML section name -> record type ("sources" -> "source", "claim_links" -> "claim_link").
SECTIONS = {f"{t}s": t for t in RECORD_TYPES}

# libyaml's parser when PyYAML has it: same nodes and marks, many times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, path: str) -> list[Record]:
    """Records of a YAML ledger: a mapping of sections, each a list of records."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LedgerError(
            f"invalid YAML: {problem}", path=path, line=mark.line + 1 if mark else None
        ) from None
    if root is None:
        return []
    data = _convert(root, path, yaml.SafeLoader(""))
    if not isinstance(data, Obj):
        raise LedgerError(
            "a YAML ledger must be a mapping of sections (sources, documents, …)", path=path, line=1
        )
    records: list[Record] = []
    for section, items in data.items():
        line = data.line_of(section)
        if section == "format":
            if items != FORMAT:
                raise LedgerError(
                    f"unsupported ledger format {items!r} (this version reads {FORMAT})",
                    path=path,
                    line=line,
                )
            continue
        record_type = SECTIONS.get(section)
        if record_type is None:
            known = ", ".join(["format", *SECTIONS])
            raise LedgerError(
                f"unknown section {section!r} (expected one of: {known})", path=path, line=line
            )
        if items is None:
            continue
        if not isinstance(items, Lines):
            raise LedgerError(
                f"section {section!r} must be a list of records", path=path, line=line
            )
        for index, item in enumerate(items):
            if not isinstance(item, Obj):
                raise LedgerError(
                    f"each entry of {section!r} must be a mapping",
                    path=path,
                    line=items.line_of(index),
                )
            records.append(Record(record_type, item, path))
    return records


def _convert(node: yaml.Node, path: str, constructor: yaml.SafeLoader) -> Any:
    """Plain Python values from a composed node; mappings and lists keep their lines."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        obj = Obj(line=line)
        for key_node, value_node in node.value:
            key = _convert(key_node, path, constructor)
            if not isinstance(key, str):
                raise LedgerError(
                    f"mapping keys must be text, not {key!r}",
                    path=path,
                    line=key_node.start_mark.line + 1,
                )
            if key in obj:
                raise LedgerError(
                    f"duplicate key {key!r}", path=path, line=key_node.start_mark.line + 1
                )
            obj[key] = _convert(value_node, path, constructor)
            obj.key_lines[key] = key_node.start_mark.line + 1
        return obj
    if isinstance(node, yaml.SequenceNode):
        values = [_convert(item, path, constructor) for item in node.value]
        return Lines(
            values, line=line, item_lines=[item.start_mark.line + 1 for item in node.value]
        )
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # e.g. a date-like scalar that is not a real date (2024-13-45)
        problem = getattr(exc, "problem", None) or str(exc)
        raise LedgerError(
            f"invalid value {node.value!r}: {problem}", path=path, line=line
        ) from None
