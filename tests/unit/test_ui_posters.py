"""Posters as CSS (ui/posters.py): only http(s) addresses load, nothing in an address can
end its url("...") or the style sheet, and every poster box keeps its size."""

import re

import pytest

from movie_tracker.ui.posters import poster_address, poster_key, poster_style


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://m.media-amazon.com/images/M/MV5B@._V1_SX300.jpg",
         "https://m.media-amazon.com/images/M/MV5B@._V1_SX300.jpg"),
        ("http://img.example.org/heat.jpg", "http://img.example.org/heat.jpg"),
        ("  HTTPS://img.example.org/a b.jpg ", "HTTPS://img.example.org/a%20b.jpg"),
        ("https://img.example.org/x.jpg?w=300&h=450", "https://img.example.org/x.jpg?w=300&h=450"),
        ('https://img.example.org/a".jpg', "https://img.example.org/a%22.jpg"),
        ("https://img.example.org/a').jpg", "https://img.example.org/a%27%29.jpg"),
        ("https://img.example.org/</style><script>x</script>",
         "https://img.example.org/%3C/style%3E%3Cscript%3Ex%3C/script%3E"),
        ("https://img.example.org/a\\\nb{c}", "https://img.example.org/a%5C%0Ab%7Bc%7D"),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("//img.example.org/heat.jpg", None),
        ("/static/heat.jpg", None),
        ("https://", None),
        ("https://[::1", None),  # not an address: urlsplit refuses it
        ("", None),
        (None, None),
    ],
)  # fmt: skip
def test_only_http_addresses_load_and_nothing_in_them_breaks_out(url, address):
    assert poster_address(url) == address


def test_a_poster_key_is_a_css_class_name_streamlit_keeps():
    assert poster_key("omdb", "tt0113277") == "poster_omdb_tt0113277"
    assert poster_key("card", 12) == "poster_card_12"
    assert re.fullmatch(r"[a-zA-Z0-9_-]+", poster_key("x", "a b<{}>'\"")) is not None


def test_a_poster_is_a_layer_over_its_title_in_a_box_of_fixed_size():
    style = poster_style("poster_card_1", "https://img.example.org/heat.jpg", 100)
    assert style.startswith("<style>")
    assert style.endswith("</style>")
    assert ".st-key-poster_card_1 { width: 100px; aspect-ratio: 2 / 3;" in style
    assert '.st-key-poster_card_1::after { content: "";' in style
    assert 'url("https://img.example.org/heat.jpg") center / cover no-repeat' in style


@pytest.mark.parametrize("url", [None, "", "javascript:alert(1)", "ftp://img.example.org/a.jpg"])
def test_a_film_without_a_usable_poster_keeps_the_box_with_its_title(url):
    style = poster_style("poster_card_1", url, 100)
    assert "width: 100px; aspect-ratio: 2 / 3;" in style
    assert "::after" not in style
    assert "url(" not in style


def test_the_style_sheet_holds_no_tag_but_its_own():
    style = poster_style("poster_x", "https://img.example.org/</style><img src=x onerror=1>", 46)
    assert style.count("<") == 2  # <style> and </style>
