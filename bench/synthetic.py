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

from generator.model import Hub, Language, Resource, Topic

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
ENGINE_FILES = ("mkdocs.yml", "docs", "hooks")

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


def make_synthetic_project(dest: Path, count: int, today: dt.date | None = None) -> Path:
    """A project in `dest` (engine files of this repo, the tiny content) with `count` resources."""
    today = today or dt.date.today()
    dest.mkdir(parents=True, exist_ok=True)
    for name in ENGINE_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
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
