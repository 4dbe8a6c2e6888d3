"""The visible text of a page: what the prefilter reads instead of the raw HTML."""

from __future__ import annotations

from scrapers.visible import visible_text

PAGE = """<!DOCTYPE html><html><head><title>Prisoner exchange | Outlet</title>
<script>window.__STATE__={"tags":["prisoner exchange","Ukraine","Russia"]};</script>
<style>.swap{color:red}</style></head><body>
<!-- prisoner exchange between Ukraine and Russia -->
<nav><a href="/world">World</a></nav>
<noscript>bodies returned to Ukraine</noscript><template><p>exchange</p></template>
<svg><text>Russia</text></svg>
<article><h1>Berlin funds its libraries</h1><p>The coun<b>cil</b> approved &amp; signed.</p>
<SCRIPT type="application/ld+json">{"headline": "Prisoner swap"}</SCRIPT><p>Budget up.</p></article>
</body></html>"""


def test_scripts_styles_json_comments_and_head_are_dropped() -> None:
    text = visible_text(PAGE)
    for hidden in ("prisoner", "Prisoner", "Ukraine", "Russia", "swap", "color", "exchange", "bodies"):
        assert hidden not in text
    assert "World" in text and "Berlin funds its libraries" in text and "Budget up." in text


def test_inline_tags_do_not_split_words_and_entities_are_unescaped() -> None:
    assert "The council approved & signed." in " ".join(visible_text(PAGE).split())


def test_unclosed_script_or_comment_hides_the_rest_and_plain_text_passes_through() -> None:
    assert visible_text("<p>Before</p><script>var a = '<p>after</p>'").split() == ["Before"]
    assert visible_text("<p>Before</p><!-- never closed <p>after</p>").split() == ["Before"]
    assert visible_text("no markup at all") == "no markup at all"
    assert visible_text("") == ""
