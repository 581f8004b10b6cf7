"""Real Letterboxd reviews, as the importer reads them, read as written (ui/reviews.py):
their HTML is formatting, never a raw tag on the page.

The exports are other people's published data in ../shared/real-exports, read in place and
skipped where the folder is absent (see test_real_exports.py).
"""

from __future__ import annotations

import re

import pytest

from movie_tracker.importers import read_exports
from movie_tracker.ui.reviews import review_markdown
from movie_tracker.ui.text import REVIEW_START_LENGTH
from tests.integration.test_real_exports import REAL, _files
from tests.markdown import _RENDERER, as_read, formatting

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")

LETTERBOXDS_TAGS = re.compile(r"</?(b|i|a|em|strong|blockquote|p|br)\b[^>]*>", re.IGNORECASE)
EXPORTS = ["letterboxd/patrickmjones__letterboxd-data", "letterboxd/extratone__letterboxd"]


def reviews(folder: str) -> list[str]:
    plan = read_exports(_files(folder))
    return [watch.review for movie in plan.movies for watch in movie.watches if watch.review]


def test_the_largest_export_has_the_reviews_the_issue_counts() -> None:
    written = reviews(EXPORTS[0])
    assert len(written) == 162
    assert sum(bool(LETTERBOXDS_TAGS.search(review)) for review in written) == 22


@pytest.mark.parametrize("folder", EXPORTS)
def test_no_review_shows_a_raw_tag_in_full_or_in_the_diary(folder: str) -> None:
    for review in reviews(folder):
        for shown in (review_markdown(review), review_markdown(review, REVIEW_START_LENGTH)):
            read = as_read(shown)
            assert not LETTERBOXDS_TAGS.search(read), (review, shown)
            assert "&quot;" not in read
            assert "&#39;" not in read
            assert read.count("*") <= review.count("*")  # no emphasis marker left over


@pytest.mark.parametrize("folder", EXPORTS)
def test_every_tag_of_every_review_is_its_formatting(folder: str) -> None:
    for review in reviews(folder):
        shown = review_markdown(review)
        kinds = formatting(shown)
        for tag, kind in (("a", "link_open"), ("blockquote", "blockquote_open")):
            assert kinds.count(kind) == len(re.findall(rf"<{tag}\b", review, re.I)), review
        hrefs = [
            child.attrs["href"]
            for block in _RENDERER.parse(shown)
            for child in block.children or []
            if child.type == "link_open"
        ]
        assert all(str(href).startswith(("https://", "http://")) for href in hrefs)
        if re.search(r"<(b|strong)\b[^>]*>\s*[^\s<]", review, re.I):
            assert "strong_open" in kinds, review
        if re.search(r"<(i|em)\b[^>]*>\s*[^\s<]", review, re.I):
            assert "em_open" in kinds, review
