"""bench/run.py judges a run: a missing figure fails it, and the catalogue budgets are among its targets."""

from __future__ import annotations

from bench import catalogue, run


def test_a_missing_figure_fails_the_bench() -> None:
    results = {"overhead_ratio": 0.9, "catalogue": {"page_bytes": 1_000_000}}
    missed = run.missed(results, {"overhead_ratio": 1.1, "pack_pdf_s": 3.0, "catalogue.page_bytes": 1_500_000,
                                  "catalogue.frame_ms_median": 50.0})
    assert [m.split(":")[0] for m in missed] == ["pack_pdf_s", "catalogue.frame_ms_median"]
    assert all("not measured" in m for m in missed)


def test_a_figure_over_its_target_fails_and_one_within_passes() -> None:
    assert run.missed({"a": {"b": 51.0}}, {"a.b": 50.0}) == ["a.b: 51.0 (target <= 50.0)"]
    assert run.missed({"a": {"b": 50.0}}, {"a.b": 50.0}) == []
    assert run.missed({"a": None}, {"a.b": 50.0}) == ["a.b: not measured (target <= 50.0)"]


def test_the_catalogue_budgets_are_targets_of_the_bench() -> None:
    assert run.TARGETS["catalogue.page_bytes"] == catalogue.MAX_PAGE_BYTES
    assert run.TARGETS["catalogue.frame_ms_median"] == catalogue.MAX_FILTER_MS


def test_a_run_records_the_commit_it_measured() -> None:
    recorded = run.commit()
    assert len(recorded["commit"]) == 40 and int(recorded["commit"], 16) >= 0
    assert isinstance(recorded["dirty"], bool)
