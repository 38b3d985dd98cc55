"""Dash callback requests as the browser sends them, for the load test and the tests that
call every callback without a browser.

A callback is named by its key in ``app.callback_map`` (its outputs); its inputs and
states are given by "component-id.property" with their values, the rest being None.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from explorer import ids

__all__ = [
    "DEPENDENCIES",
    "UPDATE",
    "callback_key",
    "dependencies",
    "outputs_of",
    "payload",
    "unfolding",
]

UPDATE = "/_dash-update-component"
DEPENDENCIES = "/_dash-dependencies"


def dependencies(listed: list[dict]) -> dict[str, dict]:
    """What a server lists at DEPENDENCIES, keyed as ``app.callback_map`` is (by output),
    for `payload` on the client side (server-side callbacks only)."""
    return {d["output"]: d for d in listed if not d.get("clientside_function")}


def callback_key(callback_map: Mapping[str, dict], output: str, first_input: str = "") -> str:
    """The key of the one callback whose outputs include `output` ("id.property"; a
    duplicate output, allow_duplicate, is named without its "@hash") and whose first
    input starts with `first_input`."""
    found = [
        key
        for key, spec in callback_map.items()
        if output in [_plain(o) for o in _parts(key)]
        and f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}".startswith(first_input)
    ]
    if len(found) != 1:
        raise KeyError(f"{output!r} is an output of {len(found)} callbacks: {found}")
    return found[0]


def outputs_of(key: str) -> list[dict]:
    """The outputs a request names for the callback `key`."""
    return [_dependency(part) for part in _parts(key)]


def payload(
    callback_map: Mapping[str, dict],
    key: str,
    values: Mapping[str, object] | None = None,
    triggered: tuple[str, ...] = (),
) -> dict:
    """The JSON body of the request that runs callback `key` with `values` (by
    "id.property"; a pattern-matching ALL input takes its list of items as value)."""
    values = values or {}
    spec = callback_map[key]
    outputs = [_output(dep, values) for dep in outputs_of(key)]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [_value(dep, values) for dep in spec["inputs"]],
        "state": [_value(dep, values) for dep in spec["state"]],
        "changedPropIds": list(triggered),
    }


def unfolding(callback_map: Mapping[str, dict], data: dict) -> dict:
    """The JSON body of the request the browser sends when the folded table whose store
    holds `data` (`explorer.components.folded_table`) is opened: its rows are drawn."""
    drawn = json.dumps({"table": ["MATCH"], "type": ids.TABLE}, separators=(",", ":"))
    folds = json.dumps({"table": ["MATCH"], "type": ids.TABLE_FOLD}, separators=(",", ":"))
    key = callback_key(callback_map, f"{drawn}.children", folds)
    table = {"table": data["table"]}
    fold = {**table, "type": ids.TABLE_FOLD}
    return {
        "output": key,
        "outputs": [{**d, "id": {**d["id"], **table}} for d in outputs_of(key)],
        "inputs": [{"id": fold, "property": "n_clicks", "value": 1}],
        "state": [{"id": {**table, "type": ids.TABLE_DATA}, "property": "data", "value": data}],
        "changedPropIds": [json.dumps(fold) + ".n_clicks"],
    }


def _parts(key: str) -> list[str]:
    return key.strip(".").split("...") if key.startswith("..") else [key]


def _plain(part: str) -> str:
    return part.split("@", 1)[0]


def _dependency(part: str) -> dict:
    component, prop = _plain(part).rsplit(".", 1)
    prop = prop + part[len(_plain(part)) :]  # the hash stays on the property, as Dash sends it
    return {
        "id": json.loads(component) if component.startswith("{") else component,
        "property": prop,
    }


def _output(dep: dict, values: Mapping[str, object]) -> object:
    """An output; a pattern-matching (ALL) one lists the components of the input items
    given under the same name ("id.property", the "@hash" left off)."""
    if not isinstance(dep["id"], dict):
        return dep
    name = f"{json.dumps(dep['id'], separators=(',', ':'))}.{_plain(dep['property'])}"
    return [{"id": item["id"], "property": dep["property"]} for item in values.get(name, [])]


def _value(dep: dict, values: Mapping[str, object]) -> object:
    name = f"{dep['id']}.{dep['property']}"
    if isinstance(dep["id"], dict) or dep["id"].startswith("{"):  # pattern-matching (ALL)
        return values.get(name, [])
    return {"id": dep["id"], "property": dep["property"], "value": values.get(name)}
