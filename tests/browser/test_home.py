"""“Mine planer”: what a coordinator sees first, its filters, the phone, the keyboard alone and
a browser with JavaScript off."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server, authorize_at_provider

Check = Callable[[Page, str], None]
KARIS_PLANS = {"Aksel Berg", "Jonas Haugen", "Sofie Nilsen", "Emil Strand", "Hanne Moe", "Tor Aas"}


def _cards(page: Page) -> dict[str, str]:
    cards = page.locator(".plan-card")
    return {
        cards.nth(i).locator("h2").inner_text(): cards.nth(i).inner_text()
        for i in range(cards.count())
    }


def test_my_plans_show_the_user_status_missing_points_revision_and_what_is_overdue(
    page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "k-100")
    cards = _cards(page)
    assert set(cards) == KARIS_PLANS, "a coordinator sees their own plans, and only those"
    assert "Revisjon på overtid" in cards["Jonas Haugen"]
    assert "Mangler" in cards["Jonas Haugen"]
    assert "Tiltak på overtid\n1" in cards["Sofie Nilsen"]
    assert "I bero" in cards["Hanne Moe"]
    assert "Revisjon på overtid" not in cards["Aksel Berg"]
    page.locator(".plan-card", has_text="Jonas Haugen").locator("summary").click()
    expect(page.locator(".plan-card", has_text="Jonas Haugen")).to_contain_text(
        "Samarbeid med andre tjenester og etater"
    )
    check_a11y(page, "my plans")
    screenshot(page, "my-plans")


def test_filters_narrow_my_plans(page: Page, login_as: LoginAs, check_a11y: Check) -> None:
    login_as(page, "k-100")
    page.get_by_label("Bare planer med noe på overtid").check()
    page.get_by_role("button", name="Vis").click()
    assert set(_cards(page)) == {"Jonas Haugen", "Sofie Nilsen"}
    page.get_by_label("Bare planer med noe på overtid").uncheck()
    page.get_by_label("Status").select_option(label="I bero")
    page.get_by_role("button", name="Vis").click()
    assert set(_cards(page)) == {"Hanne Moe"}
    expect(page.get_by_label("Status")).to_have_value("suspended")
    check_a11y(page, "my plans filtered")


def test_the_coordinating_unit_sees_every_plan_of_the_municipality(
    page: Page, login_as: LoginAs
) -> None:
    login_as(page, "ke-1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planer")
    names = set(_cards(page))
    assert names > KARIS_PLANS | {"Ingrid Lie", "Lea Bakken"}
    assert "Alle 9 punkter er med." in _cards(page)["Lea Bakken"]


def test_my_plans_fit_a_phone_and_200_percent_zoom(
    page: Page, login_as: LoginAs, server: Server
) -> None:
    login_as(page, "k-100")
    for width in (360, 640):  # 640 CSS px is a 1280 px window at 200 % zoom
        page.set_viewport_size({"width": width, "height": 800})
        for path in ("/", "/arbeidslister", "/arbeidslister/evaluering-forfalt"):
            page.goto(f"{server.url}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{path} scrolls sideways at {width} px ({overflow})"


def test_keyboard_alone_skips_to_the_content_and_opens_a_worklist(
    page: Page, login_as: LoginAs, server: Server
) -> None:
    login_as(page, "k-100")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Hopp til hovedinnholdet")
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Tiltak på overtid":
            break
    else:
        raise AssertionError("the worklist link cannot be reached with Tab")
    expect(page.locator(":focus")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server.url}/arbeidslister/tiltak-forfalt")
    expect(page.get_by_role("cell", name="Ergoterapi: tilpasset kjøkken")).to_be_visible()


def test_without_javascript_one_logs_in_filters_and_logs_out(
    new_page: Callable[..., Page], server: Server
) -> None:
    page = new_page(java_script_enabled=False)
    server.provider.set_claims("k-207", {**_claims("k-207")})
    page.goto(f"{server.url}/")
    authorize_at_provider(page, "k-207")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine planer")
    assert set(_cards(page)) == {"Lea Bakken"}
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_text("Ingen planer passer filteret.")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ut")


def _claims(person_id: str) -> dict[str, object]:
    from api.demo_people import BY_ID  # noqa: PLC0415

    return BY_ID[person_id].claims()


def test_a_user_sees_their_own_plan_and_no_one_elses(page: Page, login_as: LoginAs) -> None:
    login_as(page, "demo-1")
    page.wait_for_url("**/min-plan")  # the user's own pages (issue 10)
    links = page.locator(".plan-links a")
    expect(links).to_have_count(1)
    expect(links).to_have_text("Planen til Aksel Berg")


def test_a_participant_gets_a_page_not_a_refusal(
    page: Page, login_as: LoginAs, check_a11y: Check
) -> None:
    login_as(page, "tp-1")
    page.wait_for_url("**/deltaker")  # the participant's own pages (issue 10)
    expect(page.get_by_role("heading", level=1)).to_have_text("Planer du er med i")
    check_a11y(page, "participant start")
