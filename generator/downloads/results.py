"""The results summary for leadership: two A4 pages per wave, from the same results file as the page.

Made only when `content/results/<wave>-day.yaml` exists. Page one: the headline indicators and the
status of learning actions; page two: by function, and by team (each team when there are few, the
spread across teams when there are many). Tagged PDF/UA like the packs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..content.model import Hub, PackSize
from ..paths import results_page_path, results_pdf
from ..records import Download
from ..results_view import results_view
from .pack import environment, print_context, render_pdf, stylesheet

#: Up to this many teams are listed by name on paper; beyond it, page two shows their spread.
TEAMS_ON_PAPER = 14


def results_summary_html(hub: Hub, wave: int) -> str:
    """The summary of one wave's results as HTML for WeasyPrint."""
    result = hub.result(wave)
    assert result is not None, "made only for a wave with a results file"
    view = results_view(hub, result)
    return environment().get_template("results.html.j2").render(
        **print_context(hub, PackSize.A4), view=view, list_teams=len(view.teams) <= TEAMS_ON_PAPER,
        page_url=print_context(hub, PackSize.A4)["online_url"](results_page_path(wave)))


def results_summary_pdf(hub: Hub, wave: int) -> bytes:
    return render_pdf(results_summary_html(hub, wave), stylesheet("results.css.j2", hub, PackSize.A4))


@cache
def results_download(wave: int) -> Download:
    """The summary PDF of a wave as a download (the same record every time, so downloads compare equal)."""
    def write(hub: Hub, path: Path) -> None:
        path.write_bytes(results_summary_pdf(hub, wave))

    return Download(results_pdf(wave), f"Results at {wave} days (A4)",
                    f"A two-page summary of the {wave}-day results for leadership: the headline indicators, "
                    "by function and by team, with no group under the threshold.", "PDF", write)


def results_downloads(hub: Hub) -> list[Download]:
    """A summary PDF for each wave that has results."""
    return [results_download(r.wave) for r in hub.results]
