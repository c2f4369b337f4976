"""Browser tests: Debian's Chromium driven by Playwright against a live test server."""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = "Chromium is not installed (apt-get install chromium) so browser tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run them.")
        pytest.skip(reason + ".")
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in the test's thread; the ORM calls
    # that the tests make in between are still synchronous and safe. Only while a browser
    # runs: other tests start subprocesses that must not inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class OffSiteRequests(list):
    """Every request the page tried to make to another host (all are blocked)."""


@pytest.fixture
def off_site_requests():
    return OffSiteRequests()


@pytest.fixture
def page(browser, live_server, off_site_requests):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    own_host = urlsplit(live_server.url).netloc

    def only_this_site(route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == own_host:
            route.continue_()
        else:
            off_site_requests.append(url)
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def staff_page(page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct-horse")
    page.goto("/en/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse")
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/")
    return page


@pytest.fixture
def console_errors(page):
    """Every error the page reported in the console (a blocked script or style, a failed
    load, an exception), with the address it happened on."""
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"),
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    return errors


# The WCAG 2.0-2.2 A and AA rules axe checks, for pages of the admin (whose own frame has
# best-practice findings of Django's that are not ours to fix).
ADMIN_AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def accessibility_problems(page):
    """A function that lists axe's WCAG findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check():
        results = axe.run(page, options=ADMIN_AXE_OPTIONS)
        if not results.violations_count:
            return None
        return f"{page.url}: {results.generate_report()}\n{results.response['violations']}"

    return check


@pytest.fixture(autouse=True)
def counted_from_zero(fresh_rate_limit):
    """The live server counts suggestions from zero, whatever earlier runs left behind."""


@pytest.fixture
def no_script_page(browser, live_server):
    """A page of this site in a browser with JavaScript off."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
