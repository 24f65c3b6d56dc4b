"""Browser tests: headless Chromium (Debian's, at /usr/bin/chromium) through Playwright against
the real app served by uvicorn on a free port, on its own PostgreSQL database with the demo
loaded and a read-model runner following the log, and a real OpenID Connect provider
(`oidc-provider-mock`) that every login goes through, as in production.

Fixtures: `server` (base URL, settings, provider), `page` (a fresh browser context and page; any
request to a host other than 127.0.0.1 is blocked), `login_as(page, person)`,
`check_a11y(page, name)` (axe-core; fails on serious or critical violations) and
`screenshot(page, name)` (1280 px and 360 px wide, into var/screenshots/).

Nothing here skips: without Chromium the tests fail and say how to install it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn
import werkzeug.serving
from axe_playwright_python.sync_playwright import Axe
from oidc_provider_mock import app as oidc_app
from playwright.sync_api import Browser, Page, Route, sync_playwright

from adapters.database import eventsourcing_env
from adapters.readmodels.catalog import MODELS
from adapters.readmodels.runner import Runner, active_views
from adapters.settings import Settings
from api.app import create_app
from api.demo import DemoLoader
from api.demo_people import BY_ID, DemoPerson
from application.service import Planspor
from tests.conftest import ROOT, fresh_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 360}
SERIOUS = {"serious", "critical"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Provider:
    """The mock OpenID Connect provider; `set_claims(sub, claims)`: what a login of `sub` gets."""

    url: str

    def set_claims(self, sub: str, claims: dict[str, Any]) -> None:
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=10)
        response.raise_for_status()


@dataclass
class Server:
    url: str
    settings: Settings
    provider: Provider
    planspor: Planspor
    env: dict[str, str]


@pytest.fixture(scope="session")
def provider() -> Iterator[Provider]:
    wsgi = oidc_app(require_nonce=True, require_client_registration=False)
    server = werkzeug.serving.make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield Provider(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser_db() -> Iterator[str]:
    """Its own database, so the function-scoped tables of other tests never touch it."""
    with fresh_database("planspor_browser") as url:
        yield url


def browser_settings(provider: Provider, tmp: Path, **overrides: Any) -> Settings:
    return Settings(
        data_dir=tmp,
        oidc_discovery_url=f"{provider.url}/.well-known/openid-configuration",
        oidc_client_id="planspor-test",
        oidc_client_secret="test-secret",
        **overrides,
    )


@pytest.fixture(scope="session")
def server(
    provider: Provider, browser_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    settings = browser_settings(provider, tmp_path_factory.mktemp("browser"), db_pool_size=1)
    # few connections: the PostgreSQL server is shared with the other tests (and developers)
    env = eventsourcing_env(settings, browser_db) | {"POSTGRES_MAX_OVERFLOW": "3"}
    planspor = Planspor(env=env)
    DemoLoader(planspor).load()
    with Following(env), Serving(create_app(settings, planspor=planspor)) as url:
        yield Server(url, settings, provider, planspor, env)


class Following:
    """A read-model runner following the log in a thread (what `planspor project run` does)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.app = Planspor(env=env)
        self.runner = Runner(self.app, active_views(env, list(MODELS)), page_size=200)
        self.runner.catch_up()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.runner.follow, args=(self.stop, env, 0.05))

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(10)
        self.runner.close()
        self.app.close()


class Serving:
    """uvicorn on a free port in a thread; the base URL while it runs."""

    def __init__(self, app: Any) -> None:
        port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        return self.url

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium` (make test does it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _local_only(route: Route) -> None:
    """Planspor's pages load nothing from any other host; the mock provider's CDN style is
    blocked too, so no test depends on the network."""
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
    context.route("**/*", _local_only)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """More browsers (another person, JavaScript off): `new_page(java_script_enabled=False)`."""
    contexts = []

    def make(**options: Any) -> Page:
        context = browser.new_context(
            viewport={"width": WIDTHS["desktop"], "height": 900}, **options
        )
        context.route("**/*", _local_only)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


LoginAs = Callable[..., None]


@pytest.fixture
def login_as(server: Server) -> LoginAs:
    """Log in through the real OIDC flow: the provider is told the person's claims, the browser
    goes /login → the provider's authorization page → /login/callback → `next`."""

    def login(page: Page, person: DemoPerson | str, next_path: str = "/", **claims: Any) -> None:
        who = BY_ID[person] if isinstance(person, str) else person
        server.provider.set_claims(who.person_id, who.claims() | claims)
        page.goto(f"{server.url}/login?next={next_path}")
        authorize_at_provider(page, who.person_id)
        page.wait_for_url(f"{server.url}{next_path}*")

    return login


def authorize_at_provider(page: Page, sub: str) -> None:
    """From Planspor's login page: on to the provider, log in as `sub`, back to Planspor."""
    page.get_by_role("link", name="Logg inn med kommunens innlogging").click()
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


@pytest.fixture
def check_a11y() -> Callable[[Page, str], None]:
    axe = Axe()

    def check(page: Page, name: str) -> None:
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in serious
        ]
        assert not serious, f"axe-core on '{name}':\n" + "\n".join(details)

    return check


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page: Page, name: str) -> None:
        original = page.viewport_size or {"width": WIDTHS["desktop"], "height": 900}
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(original)

    return shoot
