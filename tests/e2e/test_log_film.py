"""Log a film in the browser (issue 16): from a page other than the Library, a film not
in the library, today, ★★★★½ and one line of review, in at most six actions, where
typing into one field is one action; then the film rated ★★★★½ in the Library, the
Diary and Statistics. And on a phone: the button first on the page, the dialog at 390 px
with no horizontal scrolling, axe clean."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import NOT_LOOPBACK, AppServer, open_page, wait_for_app
from tests.e2e.test_accessibility import expect_no_violations
from tests.e2e.test_library import PHONE_USER_AGENT

MOST_WITH_A_REVIEW = 6


class Journey:
    """The person's actions, counted: each click, and each field typed into, is one."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions = 0

    def click(self, target: Locator) -> None:
        target.click()
        self.actions += 1
        wait_for_app(self.page)

    def type(self, field: Locator, typed: str) -> None:
        field.fill(typed)
        self.actions += 1
        wait_for_app(self.page)


def dialog(page: Page) -> Locator:
    return page.get_by_role("dialog")


def log_a_film(page: Page, typed: str, pick: Locator, review: str | None) -> Journey:
    """The task from the page shown: Log a film, type, pick, ★★★★½, the review, Save."""
    journey = Journey(page)
    journey.click(page.get_by_test_id("stSidebar").get_by_role("button", name="Log a film"))
    journey.type(dialog(page).get_by_role("searchbox", name="Film"), typed)
    expect(pick).to_be_visible()
    journey.click(pick)
    journey.click(dialog(page).get_by_role("radio", name="★★★★½", exact=True))
    if review is not None:
        journey.type(dialog(page).get_by_role("textbox", name="Review"), review)
    journey.click(dialog(page).get_by_role("button", name="Save", exact=True))
    return journey


def test_log_a_new_film_from_the_diary_in_six_actions(loopback_page: Page, app_server: AppServer):
    page = loopback_page
    open_page(page, app_server, "diary")
    pick = page.locator(".st-key-log_pick_tt0113277").get_by_role("button")

    journey = log_a_film(page, "heat", pick, "Tense from the first minute.")

    assert journey.actions <= MOST_WITH_A_REVIEW
    expect(dialog(page).get_by_text("Logged a watch of Heat (1995), rated ★★★★½.")).to_be_visible()
    dialog(page).get_by_role("button", name="Open Heat (1995)").click()
    wait_for_app(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("heading", name="Heat (1995)", level=2)).to_be_visible()
    expect(page.get_by_text("Your rating: ★★★★½")).to_be_visible()
    expect(page.get_by_text("Director: Michael Mann")).to_be_visible()

    open_page(page, app_server, "library?view=grid&q=heat")
    expect(page.get_by_text("Watched · ★★★★½", exact=True)).to_be_visible()
    open_page(page, app_server, "diary")
    diary = page.get_by_test_id("stMain")
    expect(diary.get_by_text(re.compile(r"^\d{1,2} \w{3} \d{4} · ★★★★½$"))).to_be_visible()
    expect(diary.get_by_text("Tense from the first minute.")).to_be_visible()
    open_page(page, app_server, "statistics")
    expect(page.get_by_role("link", name="Heat (1995) ★★★★½")).to_be_visible()


def test_on_a_phone_log_a_film_is_first_on_the_page_and_the_dialog_fits_without_scrolling(
    browser: Browser, app_server: AppServer
):
    """A phone's sidebar starts closed: Log a film is the page's first button there, one
    tap away as on a computer, and its dialog scrolls nothing sideways at 390 px."""
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        user_agent=PHONE_USER_AGENT,
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    open_page(page, app_server, "statistics")
    expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()
    page.get_by_test_id("stMain").get_by_role("button", name="Log a film").click()
    wait_for_app(page)
    dialog(page).get_by_role("searchbox", name="Film").fill("matrix")
    wait_for_app(page)
    pick = page.locator(".st-key-log_pick_tt0133093").get_by_role("button")
    expect(pick).to_be_visible()
    assert fits(page)
    pick.click()
    wait_for_app(page)
    expect(dialog(page).get_by_role("radio", name="★★★★½", exact=True)).to_be_visible()
    assert fits(page)
    box = dialog(page).bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    expect_no_violations(Axe(), page)
    phone.close()


def fits(page: Page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
