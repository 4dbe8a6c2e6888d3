"""Detection's lazily loaded models can be let go while a service is idle and come back on the next use."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection import resources
from service.core.detection.detect import detect, uses, warm_up
from service.core.domain import Document
from service.worker.memory import IdleMemory

PUBLISHED = datetime(2025, 6, 10, tzinfo=UTC)
# Invented reports: Russian and Ukrainian (pymorphy3), and one without a declared language (lingua).
DOCS = [
    Document(
        "Россия и Украина провели обмен пленными",
        "Россия и Украина в пятницу провели обмен военнопленными: России передано 84 военнопленных, "
        "Украине — 84 военнопленных, сообщило министерство обороны.",
        "ru",
        PUBLISHED,
    ),
    Document(
        "Україна повернула з полону 84 захисників",
        "Україна повернула з російського полону 84 захисників, повідомив Координаційний штаб у п'ятницю.",
        "uk",
        PUBLISHED,
    ),
    Document(
        "Ukraine and Russia swap prisoners",
        "Ukraine and Russia exchanged 84 prisoners of war each on Friday, the defence ministry said.",
        None,
        PUBLISHED,
    ),
]


def test_release_lets_the_models_go_and_the_next_use_loads_them_with_the_same_results() -> None:
    warm_up()
    before = [detect(doc) for doc in DOCS]
    assert resources.loaded()
    resources.release()
    assert not resources.loaded()
    assert [detect(doc) for doc in DOCS] == before
    assert resources.loaded()


def test_idle_memory_releases_once_after_a_whole_check_period_without_detection() -> None:
    idle = IdleMemory()
    detect(DOCS[0])
    assert not idle.check()  # detection was used since the last check
    detect(DOCS[1])
    assert not idle.check()
    assert resources.loaded()
    assert idle.check()  # a whole period without detection: released
    assert not resources.loaded()
    assert not idle.check()  # nothing more to let go
    before = uses()
    detect(DOCS[2])
    assert uses() == before + 1 and resources.loaded()
    assert not idle.check()
    assert idle.check() and not resources.loaded()


def test_release_forgets_the_topic_token_caches() -> None:
    from service.core.topics import load_topic

    detect(DOCS[2])
    topic = load_topic()
    assert topic.lexicon_for("en")._cache
    resources.release()
    assert not topic._lexicons and not topic.lexicon._cache
    detect(DOCS[2])
    assert topic.lexicon_for("en")._cache


def test_idle_memory_counts_a_pools_jobs_as_work() -> None:
    jobs = 0
    idle = IdleMemory(lambda: jobs)
    assert not idle.check()  # the first look: work may have happened before
    jobs += 2
    assert not idle.check()
    assert idle.check()  # a whole period without jobs: trimmed once
    assert not idle.check()
    jobs += 1
    assert not idle.check()
    assert idle.check()
