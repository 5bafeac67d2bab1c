"""A buildable project with many synthetic resources, to check page weight and filter speed at scale.

Starts from the tiny fixture tree, widens its campaign to a realistic twelve topics and four
languages, and replaces its resources with `count` made-up ones of realistic length. The same
seed always gives the same project.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.content.model import Hub, Language, Resource, Topic

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
ENGINE_FILES = ("mkdocs.yml", "docs", "hooks", "overrides")

TOPICS = [
    ("coaching", "Coaching"), ("wellbeing", "Wellbeing"), ("career-development", "Career development"),
    ("mentoring", "Mentoring and reverse mentoring"), ("learning-how-to-learn", "Learning how to learn"),
    ("communication", "Communication"), ("data-skills", "Data skills"), ("leadership", "Leadership"),
    ("languages", "Languages"), ("collaboration", "Collaboration"), ("reflection", "Reflection"),
    ("digital-skills", "Digital skills"),
]
LANGUAGES = [("en", "English"), ("fr", "French (français)"), ("de", "German (Deutsch)"),
             ("es", "Spanish (español)")]
FORMATS = ["article", "book", "community", "course", "guide", "podcast", "tool", "video"]
AUDIENCES = ["employees", "managers", "l-and-d"]
WORDS = [
    "learning", "habit", "practice", "feedback", "career", "skill", "team", "question", "listen",
    "focus", "growth", "curious", "reflect", "mentor", "coach", "plan", "data", "story", "change",
    "lead", "notice", "explain", "small", "steady", "week", "project", "conversation", "colleague",
    "confidence", "stretch", "goal", "review"
]
# The shipped resources average 26 characters of title, 45 of link and 187 of note (at most
# 250), and 21 of provider; these run about 28, 42, 197 and 19.
NOTE = ("A practical {a} on {b} and {c}, with examples from real teams. Good for anyone who wants "
        "to {d} a little every week.")
NOTE_MORE = (" The second half is the most useful part, so skim the start.",
             " Pairs well with the {e} conversation.", "")


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()


def synthetic_resources(count: int, today: dt.date, seed: int = 6) -> list[dict[str, Any]]:
    """`count` resource records as YAML data: unique ids and links, notes of a realistic length."""
    rng = random.Random(seed)
    topic_ids = [t for t, _ in TOPICS]
    resources = []
    for i in range(count):
        added = today - dt.timedelta(days=rng.randint(0, 360))
        resources.append({
            "id": f"resource-{i:05d}",
            "title": _title(rng),
            "link": f"https://www.example.org/learn/{i:05d}-{rng.choice(WORDS)}",
            "format": rng.choice(FORMATS),
            "provider": f"{rng.choice(WORDS).capitalize()} {rng.choice(['Institute', 'Press', 'Academy', 'Radio'])}"
                        + rng.choice(["", f" of {rng.choice(WORDS).capitalize()}"]),
            "topics": rng.sample(topic_ids, rng.choice([1, 1, 2, 2, 3])),
            "minutes": rng.choice([5, 10, 12, 15, 20, 30, 45, 60, 90, 240, 600]),
            "cost": rng.choice(["free", "free", "paid"]),
            "language": rng.choice(["en"] * 6 + ["fr", "de", "es"]),
            "audience": rng.sample(AUDIENCES, rng.choice([1, 2])),
            "note": (NOTE + rng.choice(NOTE_MORE) + rng.choice(NOTE_MORE)).format(
                a=rng.choice(["guide", "read", "listen"]), b=rng.choice(WORDS), c=rng.choice(WORDS),
                d=rng.choice(["practise", "reflect", "learn"]), e=rng.choice(["career", "reflection", "skills"])),
            "added": added.isoformat(),
            "reviewed": min(today, added + dt.timedelta(days=rng.randint(0, 60))).isoformat(),
        })
    return resources


def synthetic_hub(base: Hub, count: int, seed: int = 6) -> Hub:
    """`base` with the campaign widened and `count` synthetic resources, without any YAML.

    The records are validated by the model as usual but carry no file position, so this hub
    is for rendering and measuring, not for rules that report mistakes.
    """
    campaign = base.campaign.model_copy(update={
        "topics": [Topic.model_validate({"id": i, "title": t}) for i, t in TOPICS],
        "languages": [Language.model_validate({"code": c, "name": n}) for c, n in LANGUAGES],
    })
    resources = [Resource.model_validate(r) for r in synthetic_resources(count, base.build_date, seed)]
    return base.model_copy(update={"campaign": campaign, "resources": resources})


def copy_engine(dest: Path) -> None:
    """This repo's engine files (mkdocs.yml, docs/, hooks/, overrides/) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ENGINE_FILES:
        src = ROOT / name
        if src.exists():
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)


def make_synthetic_project(dest: Path, count: int, today: dt.date | None = None) -> Path:
    """A project in `dest` (engine files of this repo, the tiny content) with `count` resources."""
    today = today or dt.date.today()
    copy_engine(dest)
    for name in ("content", "prompts"):
        shutil.copytree(TINY / name, dest / name)
    campaign_path = dest / "content" / "campaign.yaml"
    campaign = yaml.safe_load(campaign_path.read_text(encoding="utf-8"))
    campaign["topics"] = [{"id": i, "title": t} for i, t in TOPICS]
    campaign["languages"] = [{"code": c, "name": n} for c, n in LANGUAGES]
    campaign_path.write_text(yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False), encoding="utf-8")
    folder = dest / "content" / "resources"
    shutil.rmtree(folder)
    folder.mkdir()
    data = {"resources": synthetic_resources(count, today)}
    (folder / "synthetic.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    return dest


# --- the shipped content at a multiple of its size (make bench) ---------------------------
#: Caps for scaled content: about 1,000 prompts, 3,000 resources and 300 activities at 100x.
MAX_PROMPTS = 1_000
MAX_RESOURCES = 3_000
MAX_ACTIVITIES = 300


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# synthetic content ({schema})\n{text}", encoding="utf-8")


def _copies(items: list[dict[str, Any]], factor: int, cap: int) -> list[tuple[int, dict[str, Any]]]:
    """(copy number, item) pairs: copy 0 is the original; at most `cap` in all."""
    out = [(k, item) for k in range(factor) for item in items]
    return out[: max(cap, len(items))]


def scaled_content(factor: int, dest: Path, source: Path = ROOT) -> dict[str, int]:
    """Write content/ and prompts/ at `factor` times the shipped size into `dest`; returns the counts.

    Prompts, resources and activities are copied with fresh ids (resources with distinct links);
    the five days, the campaign and the other single files stay as they are.
    """
    if dest.exists():
        shutil.rmtree(dest / "content", ignore_errors=True)
        shutil.rmtree(dest / "prompts", ignore_errors=True)
    shutil.copytree(source / "content", dest / "content")
    shutil.copytree(source / "prompts", dest / "prompts")

    prompts = [p for f in sorted((source / "prompts").glob("*.yaml")) for p in _load(f)["prompts"]]
    extra = [(k, p) for k, p in _copies(prompts, factor, MAX_PROMPTS) if k]
    if extra:
        _dump(dest / "prompts" / "synthetic.yaml",
              {"prompts": [p | {"id": f"{p['id']}-x{k}", "text": f"{p['text']} ({k})"} for k, p in extra]},
              "prompts")

    resources = [r for f in sorted((source / "content" / "resources").glob("*.yaml"))
                 for r in _load(f)["resources"]]
    extra_r = [(k, r) for k, r in _copies(resources, factor, MAX_RESOURCES) if k]
    for start in range(0, len(extra_r), 200):  # files of 200, as an editor might group them
        chunk = extra_r[start:start + 200]
        _dump(dest / "content" / "resources" / f"synthetic-{start // 200:03d}.yaml",
              {"resources": [r | {"id": f"{r['id']}-x{k}", "title": f"{r['title']} ({k})",
                                  "link": _variant(r["link"], k)} for k, r in chunk]},
              "resources")

    activities = [_load(f) for f in sorted((source / "content" / "activities").glob("*.yaml"))]
    for k, a in _copies(activities, factor, MAX_ACTIVITIES):
        if k:
            _dump(dest / "content" / "activities" / f"{a['id']}-x{k}.yaml",
                  a | {"id": f"{a['id']}-x{k}"}, "activity")  # the title as it is: it must fit its card

    return {
        "prompts": len(prompts) + len(extra),
        "resources": len(resources) + len(extra_r),
        "activities": len(_copies(activities, factor, MAX_ACTIVITIES)),
    }


def _variant(link: str, k: int) -> str:
    """A distinct link per copy (links must be unique) that still points at the same page."""
    return f"{link}{'&' if '?' in link else '?'}copy={k}"


def scaled_project(factor: int, dest: Path, *, every_language: bool = False) -> dict[str, int]:
    """A buildable project in `dest`: the engine files and the shipped content at `factor` times, in
    the source language only unless `every_language` (the hub's translations kept)."""
    copy_engine(dest)
    counts = scaled_content(factor, dest)
    if not every_language:
        source_language_only(dest)
    return counts


def source_language_only(project: Path) -> None:
    """Make `project` a hub in its source language alone: its campaign names one hub language, and
    the translations beside the content are gone."""
    campaign_path = project / "content" / "campaign.yaml"
    campaign = yaml.safe_load(campaign_path.read_text(encoding="utf-8"))
    campaign["hub_languages"] = campaign.get("hub_languages", [{"code": "en", "name": "English"}])[:1]
    campaign_path.write_text(yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(project / "content" / "i18n", ignore_errors=True)
