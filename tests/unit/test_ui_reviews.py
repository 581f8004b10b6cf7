"""Reviews read as written (ui/reviews.py): Letterboxd's few tags as formatting, links only
to http(s), every other tag and all markdown typed into a review as plain text."""

import pytest

from movie_tracker.ui.reviews import review_markdown
from tests.markdown import _RENDERER, as_read, formatting


def links(markdown: str) -> list[str]:
    return [
        child.attrs["href"]
        for block in _RENDERER.parse(markdown)
        for child in block.children or []
        if child.type == "link_open"
    ]


@pytest.mark.parametrize(
    ("review", "read", "kinds"),
    [
        ("<b>Kill me.</b>", "Kill me.", ["strong_open", "strong_close"]),
        ("<strong>Big</strong> <em>small</em>", "Big small",
         ["strong_open", "strong_close", "em_open", "em_close"]),
        ('so <i style="font-weight: bold;">human</i>!', "so human!", ["em_open", "em_close"]),
        ("<B>upper</B> case", "upper case", ["strong_open", "strong_close"]),
        ("<b>bold <i>both</i></b> then", "bold both then",
         ["strong_open", "em_open", "em_close", "strong_close"]),
        ("<b>one <b>inner</b> two</b>", "one inner two", ["strong_open", "strong_close"]),
        ("<b> spaced </b>out", "spaced out", ["strong_open", "strong_close"]),
        ("<b></b>empty", "empty", []),
        ("<b>\xa0</b>", "", []),
        ("<b>never closed", "never closed", ["strong_open", "strong_close"]),
        ("<b>crossed <i>tags</b> here</i>", "crossed tags here",
         ["strong_open", "em_open", "em_close", "strong_close"]),
        ("</b>stray close", "stray close", []),
        ("<b>two\n\nparagraphs</b>", "two\nparagraphs",
         ["strong_open", "strong_close", "strong_open", "strong_close"]),
        ("line<br>break<br/>and<br />again", "line\nbreak\nand\nagain", []),
        ("<blockquote>quoted\nline</blockquote>after", "quoted\nline\nafter",
         ["blockquote_open", "blockquote_close"]),
        ("<blockquote><blockquote>deep</blockquote></blockquote>", "deep",
         ["blockquote_open", "blockquote_open", "blockquote_close", "blockquote_close"]),
        ("<p>one</p><p>two</p>", "one\ntwo", []),
        ("<p/>after an empty paragraph", "after an empty paragraph", []),
    ],
)  # fmt: skip
def test_letterboxds_tags_become_formatting(review, read, kinds):
    shown = review_markdown(review)
    assert as_read(shown) == read
    assert formatting(shown) == kinds


@pytest.mark.parametrize(
    ("review", "read"),
    [
        ("a <u>b</u> <script>alert(1)</script> c", "a <u>b</u> <script>alert(1)</script> c"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ('<div class="x">block</div>', '<div class="x">block</div>'),
        ("5 < 6 > 4 and <3", "5 < 6 > 4 and <3"),
        ("<b", "<b"),
        ("**not bold** _nor this_ `code` [x](http://a.b) ~~no~~ $x$",
         "**not bold** _nor this_ `code` [x](http://a.b) ~~no~~ $x$"),
        ("# no heading\n1. no list\n- nor this\n> nor a quote\n===",
         "# no heading\n1. no list\n- nor this\n> nor a quote\n==="),
        ("| a | b |\n|---|---|", "| a | b |\n|---|---|"),
        ("    four spaces are no code", "four spaces are no code"),
        ("M*A*S*H and <b>M*A*S*H</b>", "M*A*S*H and M*A*S*H"),
    ],
)  # fmt: skip
def test_every_other_tag_and_all_markdown_read_as_typed(review, read):
    shown = review_markdown(review)
    assert as_read(shown) == read
    assert formatting(shown) in ([], ["strong_open", "strong_close"])


@pytest.mark.parametrize(
    ("review", "read"),
    [
        ("&quot;Heat&quot; &amp; &#39;Ronin&#39; &#x2014; &eacute;", "\"Heat\" & 'Ronin' — é"),
        ("AT&T & R&D &copy no semicolon", "AT&T & R&D &copy no semicolon"),
        ("&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>"),  # a tag written as entities: text
        ("&unknownentity;", "&unknownentity;"),
    ],
)
def test_entities_read_as_the_characters_they_stand_for(review, read):
    shown = review_markdown(review)
    assert as_read(shown) == read
    assert formatting(shown) == []


@pytest.mark.parametrize(
    ("review", "read", "href"),
    [
        ('<a href="https://letterboxd.com/film/heat/">Heat</a>', "Heat",
         "https://letterboxd.com/film/heat/"),
        ("<a href='http://bit.ly/solosw' rel=\"nofollow\">Solo</a>", "Solo",
         "http://bit.ly/solosw"),
        ('<a title="x" href=https://boxd.it/iKhJ>bare</a>', "bare", "https://boxd.it/iKhJ"),
        ('<a href="https://en.wikipedia.org/wiki/The_Batman_(TV_series)">Batman [TAS]</a>',
         "Batman [TAS]", "https://en.wikipedia.org/wiki/The_Batman_%28TV_series%29"),
        ('<a href="https://example.org/a b?q=1&amp;r=2">spaced</a>', "spaced",
         "https://example.org/a%20b?q=1&r=2"),
        ('<a href="https://example.org/">two\nlines</a>', "two lines", "https://example.org/"),
    ],
)  # fmt: skip
def test_links_to_http_addresses_are_links(review, read, href):
    shown = review_markdown(review)
    assert as_read(shown) == read
    assert links(shown) == [href]


@pytest.mark.parametrize(
    "review",
    [
        '<a href="javascript:alert(1)">words</a>',
        '<a href=" JavaScript:alert(1)">words</a>',
        '<a href="&#106;avascript:alert(1)">words</a>',
        '<a href="data:text/html,<script>">words</a>',
        '<a href="mailto:someone@example.org">words</a>',
        '<a href="/film/heat/">words</a>',
        '<a href="//evil.example.org/">words</a>',
        '<a href="https://">words</a>',
        '<a href="https://[::1">words</a>',
        "<a>words</a>",
        '<a href="https://a.example.org/"><a href="https://b.example.org/">words</a></a>',
    ],
)
def test_a_link_anywhere_but_to_an_http_address_is_only_its_words(review):
    shown = review_markdown(review)
    assert as_read(shown) == "words"
    assert links(shown) in ([], ["https://a.example.org/"])
    assert "javascript" not in shown.lower()


def test_a_link_with_no_words_shows_nothing():
    shown = review_markdown('before <a href="https://example.org/"> </a>after')
    assert as_read(shown).split() == ["before", "after"]
    assert links(shown) == []


@pytest.mark.parametrize(
    ("review", "length", "read"),
    [
        ("word " * 100, 200, ("word " * 39) + "word…"),
        ("a" * 200 + " and more", 200, "a" * 200 + "…"),
        ("<b>" + "word " * 60 + "</b>tail", 50, ("word " * 9) + "word…"),
        ('<a href="https://example.org/">a long link text</a> after', 10, "a long…"),
        ("short <b>and</b> sweet", 200, "short and sweet"),
        ("one<br>two three four", 9, "one\ntwo…"),
    ],
)  # fmt: skip
def test_the_start_of_a_review_is_cut_in_its_words_never_in_a_tag(review, length, read):
    shown = review_markdown(review, length)
    assert as_read(shown) == read
    assert "<" not in as_read(shown)


def test_a_cut_review_keeps_its_formatting_closed():
    shown = review_markdown("<b>" + "word " * 60 + "</b>tail", 50)
    assert formatting(shown) == ["strong_open", "strong_close"]
    shown = review_markdown('<a href="https://example.org/">a long link text</a> after', 10)
    assert links(shown) == ["https://example.org/"]
