"""`api/hub.json`: the whole model as data for other tools (intranet widgets, chat bots).

Text fields carry the text as written; each Markdown field also comes as `<name>_html`,
rendered and sanitised exactly as on the paths. Every item has `id` and `url`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .. import paths
from ..content.model import GroupResult, Hub, Record, ResultsFile, Tally
from ..markup import markdown_html

SCHEMA_VERSION = 1


def is_markdown_field(model: type[BaseModel], name: str) -> bool:
    """True when the model declares the field as Markdown (see model.Markdown)."""
    info = model.model_fields[name]
    for meta in info.metadata:
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown":
            return True
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown"


def record_data(record: Record) -> dict[str, Any]:
    """A record as JSON data, with `<field>_html` beside every Markdown field at any depth."""
    data: dict[str, Any] = record.model_dump(mode="json")
    _add_html(record, data)
    return data


def _add_html(record: BaseModel, data: dict[str, Any]) -> None:
    model = type(record)
    for name in model.model_fields:
        value = getattr(record, name)
        if isinstance(value, str) and is_markdown_field(model, name):
            data[f"{name}_html"] = markdown_html(value)
        elif isinstance(value, BaseModel):
            _add_html(value, data[name])
        elif isinstance(value, list):
            for item, item_data in zip(value, data[name], strict=True):
                if isinstance(item, BaseModel):
                    _add_html(item, item_data)


def hub_data(hub: Hub, directory_urls: bool = True) -> dict[str, Any]:
    """The document written to `api/hub.json`.

    Every `url` is relative to the hub's root (the folder that holds `api/`), so it resolves
    wherever the hub is published: against `campaign.site_url`, a sub-path, or an unzipped bundle.
    """
    c = hub.campaign

    def url_of(path: str) -> str:
        return paths.url_of(path, directory_urls)

    campaign = record_data(c) | {
        "id": "campaign",
        "url": url_of(paths.HOME),
        "week_start": c.week_start.isoformat(),
        "week_end": c.week_dates[-1].isoformat(),
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "campaign": campaign,
        "days": [record_data(d) | {"url": url_of(paths.day_path(d))} for d in hub.days],
        "prompts": [record_data(p) | {"url": url_of(paths.PROMPTS) + f"#{p.id}"}
                    for p in hub.prompts],
        "activities": [record_data(a) | {"url": url_of(paths.activity_path(a))}
                       for a in hub.activities],
        "resources": [record_data(r) | {"url": url_of(paths.RESOURCES) + f"#{r.id}"}
                      for r in hub.resources],
        "results": [results_data(r) for r in hub.results],
    }


def _tally(tally: Tally) -> dict[str, Any]:
    return {"held_back": True} if tally.held_back else {"count": tally.count, "of": tally.of}


def _group(group: GroupResult, label: str) -> dict[str, Any]:
    named = {label: getattr(group, label)}
    if group.held_back:
        return named | {"held_back": True}
    return named | {"people": group.people,
                    "indicators": {k: _tally(v) for k, v in group.indicators.items()}}


def results_data(result: ResultsFile) -> dict[str, Any]:
    """One wave's counts: a held-back group is only its id or name and `held_back`, with no counts."""
    return {
        "wave": result.wave,
        "people": result.people,
        "responses": result.responses,
        "indicators": {k: _tally(v) for k, v in result.indicators.items()},
        "by_function": [_group(g, "id") for g in result.by_function],
        "by_team": [_group(g, "name") for g in result.by_team],
    }


def hub_json(hub: Hub, directory_urls: bool = True) -> str:
    """hub.json's text: stable key order, UTF-8, and `<` escaped so it is safe inside HTML too."""
    text = json.dumps(hub_data(hub, directory_urls), ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
