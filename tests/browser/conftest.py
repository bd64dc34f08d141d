"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls a test makes
# between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }


# axe-core (npm axe-core, tests/browser/vendor/README.md), test-only: never served by the app.
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_21_AA = '{runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}'
BRIEF = ("r => r.violations.map(v => ({id: v.id, help: v.help, "
         "targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))")
# Run in every document: once loaded, axe checks it and reports to Python (__axeReport).
ON_LOAD = f"""
(() => {{
  if (window.top !== window) return;
  const check = () => {{
    window.__axeLast = axe.run(document, {WCAG_21_AA}).then({BRIEF})
      .catch(error => [{{id: "axe-error", help: String(error), targets: []}}])
      .then(found => window.__axeReport(location.href, found));
  }};
  window.addEventListener("load", check);
  // A document restored from the back/forward cache (page.go_back()) fires no "load" and runs
  // no init script: check it again so that every document shown is reported.
  window.addEventListener("pageshow", event => {{ if (event.persisted) check(); }});
}})();
"""
# Check the document as it is now (after htmx swaps), once the load-time run is over.
# Bounded: page.evaluate has no timeout of its own, and a load-time run still waiting on its
# report to Python must not hang the suite; the load-time check has covered the document then.
NOW = (f"() => window.axe ? Promise.race([Promise.resolve(window.__axeLast).then(() => axe.run(document, "
       f"{WCAG_21_AA})).then({BRIEF}), new Promise(done => setTimeout(() => done('timeout'), 15000))]) : null")


class Axe:
    """axe-core (WCAG 2.1 AA rules) over every page a browser test shows: each document is
    checked once loaded (the browser waits for that check before it leaves the page), and the
    pages still open are checked again when their context closes, so htmx swaps are checked
    too. The violations fail the test."""

    def __init__(self):
        self.violations: list[str] = []
        self.checked: list[str] = []
        self.loads: dict = {}  # page -> documents loaded
        self.reports: dict = {}  # page -> documents checked

    def record(self, url: str, found) -> None:
        self.checked.append(url)
        self.violations += [f"{url}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}" for v in found]

    def check_now(self, page) -> bool:
        """Checks the document shown now; False when axe-core could not run there in time."""
        if page.is_closed() or not page.url.startswith("http"):
            return True
        found = page.evaluate(NOW)
        if found == "timeout":
            return False
        if found is None:
            self.violations.append(f"{page.url}: axe-core was not injected")
        else:
            self.record(page.url, found)
        return True

    def wait(self, page, seconds: float = 15) -> None:
        """Until the documents this page loaded are checked (called before it leaves one)."""
        for _ in range(int(seconds / 0.05)):
            if self.reports.get(page, 0) >= self.loads.get(page, 0):
                return
            page.wait_for_timeout(50)
        # A load whose report never came (a history navigation Playwright counts as a load but
        # the browser restores without running scripts): check the document shown now instead.
        if self.check_now(page):
            self.reports[page] = self.loads.get(page, 0)
        else:
            self.violations.append(f"{page.url}: axe-core did not finish within {seconds} s")

    def watch(self, context):
        def report(source, url, found):
            self.reports[source["page"]] = self.reports.get(source["page"], 0) + 1
            self.record(url, found)

        def loaded(page):
            self.loads[page] = self.loads.get(page, 0) + 1

        def before_leaving(route):
            request = route.request
            if request.is_navigation_request() and request.frame.parent_frame is None:
                self.wait(request.frame.page)
            route.fallback()

        context.expose_binding("__axeReport", report)
        context.add_init_script(AXE.read_text(encoding="utf-8") + ON_LOAD)
        context.on("page", lambda page: page.on("load", loaded))
        context.route("**/*", before_leaving)
        return AxeContext(context, self)


class AxeContext:
    """A browser context whose pages are checked by axe-core; ``close()`` checks the open ones first."""

    def __init__(self, context, axe: Axe):
        self._context, self._axe, self.closed = context, axe, False

    def __getattr__(self, name):
        return getattr(self._context, name)

    def close(self, **kwargs):
        if not self.closed:
            for page in self._context.pages:
                self._axe.wait(page)
                self._axe.check_now(page)
            self.closed = True
            self._context.close(**kwargs)


class AxeBrowser:
    def __init__(self, browser, axe: Axe):
        self._browser, self._axe, self.contexts = browser, axe, []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        if kwargs.get("java_script_enabled") is False:
            # No script runs in such a page, axe-core's neither: page.evaluate would wait forever.
            return self._browser.new_context(**kwargs)
        context = self._axe.watch(self._browser.new_context(**kwargs))
        self.contexts.append(context)
        return context

    def new_page(self, **kwargs):
        return self.new_context(**kwargs).new_page()


@pytest.fixture
def browser(browser):
    """pytest-playwright's browser, whose contexts run axe-core on every page they show: a
    violation fails the test that showed it."""
    axe = Axe()
    wrapped = AxeBrowser(browser, axe)
    yield wrapped
    for context in wrapped.contexts:
        context.close()
    print("AXE CHECKED", axe.checked) if os.environ.get("AXE_DEBUG") else None
    if wrapped.contexts:  # a test whose only contexts run without JavaScript has nothing axe can check
        assert axe.checked, "axe-core checked no page"
    assert not axe.violations, "axe-core (WCAG 2.1 AA) found:\n" + "\n".join(dict.fromkeys(axe.violations))


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


def log_in(page, base_url: str, email: str, password: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Courriel", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
