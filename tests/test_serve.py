"""`learnhub serve`: an edit shows without a restart, downloads are remade only when what they show
changed and never offered stale, and stopping the command (SIGTERM) stops everything it started."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.serve import alive, descendants, free_port, port_is_free, wait_for
from generator.content.hub import load_hub
from generator.downloads import DOWNLOADS, Previews, download_key
from generator.records import BuiltDownload

from .conftest import FIXTURES, ROOT


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_an_edit_shows_and_sigterm_stops_everything(tiny: Path) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(tiny), "serve",
                               "--addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/managers/day-1/"
        wait_for(url, lambda text: "Day 1 title" in text, 120)
        day = tiny / "content" / "days" / "day-1.yaml"
        day.write_text(day.read_text(encoding="utf-8").replace("title: Day 1 title", "title: Edited day"),
                       encoding="utf-8")
        wait_for(url, lambda text: "Edited day" in text, 60)
        # the background workers that remake the downloads are running or have run by now
        wait_for(f"http://127.0.0.1:{port}/downloads/", lambda text: "being updated" not in text, 120)
        started = descendants(server.pid)
        assert started, "serve makes its downloads in worker processes"
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in started):
        time.sleep(0.1)
    assert [pid for pid in started if alive(pid)] == []
    assert port_is_free(port)


def test_each_download_is_keyed_on_what_it_shows() -> None:
    hub = load_hub(FIXTURES / "tiny").hub
    before = {d.filename: download_key(hub, d) for d in DOWNLOADS}
    assert download_key(hub, DOWNLOADS[0]) == before[DOWNLOADS[0].filename]  # the same model, the same key
    day = hub.days[0].model_copy(update={"title": "Another title"})
    new_day = hub.model_copy(update={"days": [day, *hub.days[1:]]})
    changed_day = {name for name, key in before.items()
                   if download_key(new_day, next(d for d in DOWNLOADS if d.filename == name)) != key}
    assert {"manager-pack-a4.pdf", "day-cards-a4.pdf", "learning-week.ics"} <= changed_day
    assert "tracking-sheet.xlsx" not in changed_day
    resource = hub.resources[0].model_copy(update={"title": "Another resource"})
    new_resource = hub.model_copy(update={"resources": [resource, *hub.resources[1:]]})
    assert all(download_key(new_resource, d) == before[d.filename] for d in DOWNLOADS)


def test_a_preview_offers_no_stale_file_and_remakes_only_what_changed() -> None:
    hub = load_hub(FIXTURES / "tiny").hub
    previews = Previews()
    try:
        assert not any(isinstance(o, BuiltDownload) for o in previews.offer(hub))
        deadline = time.monotonic() + 120
        while previews.making and time.monotonic() < deadline:
            time.sleep(0.1)
        made = previews.offer(hub)
        assert all(isinstance(o, BuiltDownload) and o.size > 100 for o in made)
        day = hub.days[0].model_copy(update={"title": "Another title"})
        offered = {o.download.filename: o for o in previews.offer(hub.model_copy(update={"days": [day, *hub.days[1:]]}))}
        assert offered["manager-pack-a4.pdf"].updating  # listed, not linked, until made again
        assert not offered["tracking-sheet.xlsx"].updating
        assert offered["tracking-sheet.xlsx"] == next(o for o in made if o.download.filename == "tracking-sheet.xlsx")
    finally:
        previews.close()
