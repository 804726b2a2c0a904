"""Browser-test harness: a headless Debian chromium driven by Selenium.

The system chromium and chromedriver are used (``/usr/bin``, or found on PATH; nothing is
downloaded). Tests that need them are skipped, with the reason, only where they are absent;
``.ci/run`` installs them with apt-get so CI runs these tests.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

pytest.importorskip("dash", reason="the dashboard extra is not installed (pip install "
                                   "'monpol[dashboard]')")


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _find("chromium", "chromium-browser")
CHROMEDRIVER = _find("chromedriver")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless chromium for the whole session."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("no chromium/chromedriver on this machine (Debian: apt-get install "
                    "chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1300,1000", "--disable-extensions"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(predicate: Callable[[], Any], *, timeout: float = 20.0, what: str = "") -> Any:
    """Poll ``predicate`` until it returns something truthy (errors count as not yet)."""
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # the element is not there yet, or stale
            last = exc
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or predicate}: {last!r}")


def text_of(driver: Any, element_id: str) -> str:
    """Text of the element with this id ('' while it does not exist)."""
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.ID, element_id)
    return found[0].text if found else ""


def set_text(driver: Any, element_id: str, value: str) -> None:
    """Replace a text box's value and commit it (Enter: the boxes are debounced)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = wait_for(lambda: driver.find_element(By.ID, element_id), what=element_id)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(value, Keys.ENTER)


def table_cells(driver: Any, table_id: str) -> list[list[str]]:
    """The rows of an HTML table (header row first) as text."""
    from selenium.webdriver.common.by import By

    rows = driver.find_element(By.ID, table_id).find_elements(By.TAG_NAME, "tr")
    return [[c.text for c in r.find_elements(By.XPATH, "./th|./td")] for r in rows]
