"""The extraction pool starts when first needed, shrinks when idle, and starts again on demand."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from service.flows.extractor import Extractor
from tests.support.feeds import article_page

PAGE = article_page("Libraries", ["The city council approved a new budget for public libraries after a debate."] * 3)


@pytest.mark.slow
async def test_pool_starts_on_first_page_shrinks_when_idle_and_restarts() -> None:
    extractor = Extractor(2, idle_seconds=0.3)
    try:
        assert not extractor.running
        first = await extractor.extract(PAGE, url="http://127.0.0.1/a", encoding="utf-8", thorough=False)
        assert extractor.running and first is not None and "public libraries" in first.text
        for _ in range(100):  # idle for longer than idle_seconds: the processes are let go
            await asyncio.sleep(0.05)
            if not extractor.running:
                break
        assert not extractor.running
        again = await extractor.extract(PAGE, url="http://127.0.0.1/a", encoding="utf-8", thorough=True)
        assert again is not None and again.text == first.text
    finally:
        await extractor.aclose()
    assert not extractor.running


@pytest.mark.slow
async def test_warm_starts_the_pool_ahead_of_the_first_page_and_it_still_shrinks() -> None:
    extractor = Extractor(2, idle_seconds=0.5)
    try:
        extractor.warm()
        assert extractor.running
        page = await extractor.extract(PAGE, url="http://127.0.0.1/a", encoding="utf-8", thorough=False)
        assert page is not None and "public libraries" in page.text
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not extractor.running:
                break
        assert not extractor.running
    finally:
        await extractor.aclose()


@pytest.mark.slow
def test_reading_a_result_back_does_not_load_trafilatura_in_the_worker() -> None:
    # Unpickling imports the result class's module; trafilatura (~26 MB) must stay in the pool's processes.
    script = (
        "import asyncio, sys\n"
        "from service.flows.extractor import Extractor\n"
        "from tests.flows.test_extractor import PAGE\n"
        "async def main():\n"
        "    extractor = Extractor(2)\n"
        "    try:\n"
        "        page = await extractor.extract(PAGE, url='http://127.0.0.1/a', encoding='utf-8')\n"
        "    finally:\n"
        "        await extractor.aclose()\n"
        "    assert page is not None and 'public libraries' in page.text\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'scrapers')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    loaded = out.stdout.strip()
    assert "scrapers.extracted" in loaded and "trafilatura" not in loaded and "scrapers.extract'" not in loaded


@pytest.mark.slow
async def test_the_resource_tracker_ends_with_the_last_pool_and_a_new_pool_starts_another() -> None:
    from multiprocessing import resource_tracker

    extractor = Extractor(2, idle_seconds=0.3)
    try:
        assert await extractor.extract(PAGE, url="http://127.0.0.1/a", encoding="utf-8") is not None
        tracker = resource_tracker._resource_tracker._pid
        assert tracker is not None
        for _ in range(200):  # idle: the pool is let go, then the tracker (a ~13 MB process) with it
            await asyncio.sleep(0.05)
            if not extractor.running and resource_tracker._resource_tracker._pid is None:
                break
        assert not extractor.running and resource_tracker._resource_tracker._pid is None
        with pytest.raises(ProcessLookupError):
            os.kill(tracker, 0)
        again = await extractor.extract(PAGE, url="http://127.0.0.1/a", encoding="utf-8")
        assert again is not None and "public libraries" in again.text
    finally:
        await extractor.aclose()
    assert resource_tracker._resource_tracker._pid is None


def test_auto_extraction_runs_in_process_for_a_burst_unless_every_page_is_extracted() -> None:
    from service.settings import Settings, cpu_count
    from service.worker.runner import extraction_processes

    def settings(**values: object) -> Settings:
        return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]

    assert extraction_processes(settings(page_policy="candidates"), burst=True) == 1
    assert extraction_processes(settings(page_policy="none"), burst=True) == 1
    assert extraction_processes(settings(page_policy="all"), burst=True) == cpu_count()
    assert extraction_processes(settings(page_policy="candidates")) == cpu_count()  # a worker lets its pool go
    assert extraction_processes(settings(page_policy="candidates", extract_processes=3), burst=True) == 3


REPORT_DOC_TITLE = "Ukraine and Russia swap prisoners"
REPORT_DOC_TEXT = "Ukraine and Russia exchanged 84 prisoners of war each on Friday, the defence ministry said."


@pytest.mark.slow
def test_with_a_pool_detection_and_the_prefilter_run_there_not_in_the_worker() -> None:
    # The worker process never loads the topic, lingua or pymorphy3: they go with the pool when it is idle.
    script = (
        "import asyncio, sys\n"
        "from datetime import UTC, datetime\n"
        "from service.core.domain import Document\n"
        "from service.flows.extractor import Extractor\n"
        "from tests.flows.test_extractor import PAGE, REPORT_DOC_TEXT, REPORT_DOC_TITLE\n"
        "DOC = Document(REPORT_DOC_TITLE, REPORT_DOC_TEXT, 'en', datetime(2025, 6, 10, tzinfo=UTC))\n"
        "HEAVY = ('service.core.topics', 'service.core.detection', 'lingua', 'pymorphy3', 'trafilatura')\n"
        "async def main():\n"
        "    extractor = Extractor(2)\n"
        "    try:\n"
        "        page = await extractor.page(PAGE, url='http://127.0.0.1/a', encoding='utf-8',\n"
        "                                    item=REPORT_DOC_TITLE, extract_all=False)\n"
        "        skipped = await extractor.page(PAGE, url='http://127.0.0.1/a', encoding='utf-8',\n"
        "                                       item='Libraries', extract_all=False)\n"
        "        report = await extractor.detect(DOC)\n"
        "    finally:\n"
        "        await extractor.aclose()\n"
        "    print(sorted(m for m in sys.modules if m.startswith(HEAVY)))\n"
        "    assert page.candidate and page.extracted is not None and 'public libraries' in page.extracted.text\n"
        "    assert skipped.skipped and not skipped.candidate\n"
        "    from service.core.detection.detect import detect\n"
        "    print(report == detect(DOC), report.relevant, extractor.jobs)\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    loaded, results = out.stdout.strip().splitlines()
    assert loaded == "[]"  # nothing of detection or extraction was loaded in this process
    assert results == "True True 3"  # the same report as in-process detection
