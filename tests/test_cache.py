"""The build cache: a hit gives the same build, any change to the inputs misses, and it can be off."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, cache
from generator.build import make_build
from generator.content.hub import Loaded
from generator.site.bytecode import TEMPLATES


def _entries(cache_dir: Path) -> list[Path]:
    """The stored builds (the compiled templates beside them are not one)."""
    return sorted(p for p in cache_dir.iterdir() if p.name != TEMPLATES)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEARNHUB_CACHE_DIR", str(folder))
    monkeypatch.delenv("LEARNHUB_CACHE", raising=False)
    return folder


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The downloads mode of every build actually made (not served from the cache), in order."""
    calls: list[str] = []
    real = build._start

    def counting(loaded: Loaded, downloads: str, *settings: object) -> build.Started:
        calls.append(downloads)
        return real(loaded, downloads, *settings)

    monkeypatch.setattr(build, "_start", counting)
    return calls


def test_a_hit_gives_back_the_same_build_without_making_it(tiny: Path, cache_dir: Path, made: list[str]) -> None:
    first = make_build(tiny, downloads="off")
    assert made == ["off"]
    (entry,) = _entries(cache_dir)
    again = make_build(tiny, downloads="off")
    assert made == ["off"], "the second build must come from the cache"
    assert again == first
    assert again is not first
    assert isinstance(next(iter(again.nav[0])), type(next(iter(first.nav[0]))))
    assert _entries(cache_dir) == [entry]


def test_downloads_come_back_byte_for_byte(tiny: Path, cache_dir: Path, made: list[str]) -> None:
    first = make_build(tiny, downloads="all")
    again = make_build(tiny, downloads="all")
    assert made == ["all"], "the second build must come from the cache"
    assert again.downloads, "the tiny hub has downloads to compare"
    assert [(d.path, d.content) for d in again.downloads] == [(d.path, d.content) for d in first.downloads]


@pytest.mark.parametrize("change", ["content", "settings", "stray file"])
def test_any_change_to_the_inputs_is_a_new_key(tiny: Path, cache_dir: Path, change: str) -> None:
    before = cache.key(tiny, downloads="off")
    settings = {"downloads": "off"}
    if change == "content":
        day = tiny / "content" / "days" / "day-1.yaml"
        day.write_text(day.read_text().replace("Day 1 title", "Day one"))
    elif change == "settings":
        settings = {"downloads": "all"}
    else:
        (tiny / "prompts" / "notes.txt").write_text("x")
    assert cache.key(tiny, **settings) != before


def test_an_edit_is_built_not_served_from_the_cache(tiny: Path, cache_dir: Path, made: list[str]) -> None:
    make_build(tiny, downloads="off")
    day = tiny / "content" / "days" / "day-1.yaml"
    day.write_text(day.read_text().replace("title: Day 1 title", "title: A fresh title"))
    pages = {p.path: p for p in make_build(tiny, downloads="off").pages}
    assert made == ["off", "off"], "an edit must miss the cache"
    assert "A fresh title" in pages["managers/day-1.md"].content
    make_build(tiny, downloads="off")
    assert made == ["off", "off"], "the edited content is a hit the next time"
    assert len(_entries(cache_dir)) == 2


def test_off_means_no_cache(tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                            made: list[str]) -> None:
    monkeypatch.setenv("LEARNHUB_CACHE", "off")
    assert cache.key(tiny, downloads="off") is None
    make_build(tiny, downloads="off")
    make_build(tiny, downloads="off")
    assert made == ["off", "off"]
    # Compiled templates may be kept (site/bytecode.py: they are not build output); no build is.
    assert not cache_dir.exists() or not _entries(cache_dir)


def test_a_damaged_entry_is_rebuilt(tiny: Path, cache_dir: Path, made: list[str]) -> None:
    first = make_build(tiny, downloads="off")
    manifest = _entries(cache_dir)[0] / "build.json"
    manifest.write_text("{not json")
    assert make_build(tiny, downloads="off") == first
    assert made == ["off", "off"], "a damaged entry must be made again"
    assert manifest.read_text().startswith("{\"")  # replaced by a good entry


def test_a_handed_over_build_is_taken_only_as_it_was_started(tiny: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`learnhub build` starts the build before the engine (hand_over); the hook takes that build when
    it asks for the same, and otherwise gets its own, made from the same model, not a second reading."""
    from generator.content.hub import load_hub

    stage = build

    monkeypatch.setenv("LEARNHUB_DOWNLOADS", "off")
    monkeypatch.setenv("LEARNHUB_CACHE", "off")
    loaded = load_hub(tiny)
    reads: list[Path] = []
    monkeypatch.setattr(stage, "load_hub", lambda root, **kw: reads.append(root) or load_hub(root, **kw))

    with stage.hand_over(tiny, loaded):
        handed = stage._HANDED[tiny.resolve()]
        assert stage.start_builds(tiny, **stage.requested()) is handed
    with stage.hand_over(tiny, loaded):
        own = stage.start_builds(tiny, directory_urls=False, **stage.requested())
    handed_home, own_home = (next(p.content for p in started.builds[0].pages if p.path == "index.md")
                             for started in (handed, own))
    assert "day-1.html" in own_home and "day-1.html" not in handed_home  # links as the hook asked
    assert reads == [] and stage._HANDED == {}
    assert stage.start_builds(tiny, **stage.requested()).loaded is not loaded and reads == [tiny]
