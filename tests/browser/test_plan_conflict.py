"""Two people on the same plan: the second save is refused (the form's version is sent as
If-Match) and shows what changed in between, keeping what was typed; the same form sent twice
(its Idempotency-Key) makes one event."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.test_plan_page import UNIT_ACTOR, Check, coordinator, open_plan


def test_the_second_of_two_saves_is_refused_and_shows_what_changed(
    server: Server,
    page: Page,
    new_page: Callable[..., Page],
    login_as: LoginAs,
    check_a11y: Check,
    screenshot: Check,
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    other = new_page()
    login_as(page, who, f"/planer/{plan_id}")
    login_as(other, "ke-1", f"/planer/{plan_id}")
    for browser in (page, other):
        browser.get_by_role("link", name="Registrer behov").click()

    other.get_by_label("Behovet").fill("Trenger skyss til dagsenteret")
    other.get_by_role("button", name="Lagre").click()
    expect(other.get_by_role("status")).to_have_text("Behovet er registrert.")

    page.get_by_label("Behovet").fill("Trenger hjelp til innkjøp")
    page.get_by_role("button", name="Lagre").click()
    conflict = page.get_by_role("alert").filter(has_text="Planen er endret")
    expect(conflict.get_by_role("listitem")).to_contain_text("Behov registrert")
    expect(conflict.get_by_role("listitem")).to_contain_text("Siri Systemkoordinator")
    expect(conflict).to_contain_text("Trenger skyss til dagsenteret")
    expect(page.get_by_label("Behovet")).to_have_value("Trenger hjelp til innkjøp")
    needs = server.planspor.get_plan(plan_id, UNIT_ACTOR).needs
    assert [n["description"] for n in needs] == ["Trenger skyss til dagsenteret"]
    check_a11y(page, "form-conflict")
    screenshot(page, "form-conflict")

    page.get_by_role("button", name="Send på nytt").click()
    expect(page.get_by_role("status")).to_have_text("Behovet er registrert.")
    needs = server.planspor.get_plan(plan_id, UNIT_ACTOR).needs
    assert sorted(n["description"] for n in needs) == [
        "Trenger hjelp til innkjøp",
        "Trenger skyss til dagsenteret",
    ]


def test_a_form_sent_twice_makes_one_event(server: Server, page: Page, login_as: LoginAs) -> None:
    """The form as the browser would send it, sent again (a double click, a retry after a
    lost answer): the same hidden key, so the second is answered with the first's result."""
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}/skjema/ressurs")
    page.get_by_label("Ressursen").fill("Har god hjelp av naboen")
    save = page.get_by_role("button", name="Lagre")
    fields = save.evaluate("button => [...new FormData(button.form)]")
    url = f"{server.url}/planer/{plan_id}/skjema/ressurs"
    first = page.request.post(url, form=dict(fields), max_redirects=0)
    second = page.request.post(url, form=dict(fields), max_redirects=0)

    assert (first.status, second.status) == (303, 303)
    assert first.headers["location"].startswith(f"/planer/{plan_id}?utfort=ressurs")
    assert second.headers["location"] == first.headers["location"]  # a replay: the first answer
    save.click()  # and the browser's own submit of the same form, a third time
    expect(page.get_by_role("status")).to_have_text("Ressursen er registrert.")
    resources = server.planspor.get_plan(plan_id, UNIT_ACTOR).resources
    assert [r["description"] for r in resources] == ["Har god hjelp av naboen"]
