"""Take the screenshot in docs/dashboard.md with the system's headless chromium.

Run from the repository root (needs the dashboard extra and selenium):
``python docs/dashboard_screenshot.py`` writes ``docs/dashboard-rules.png``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

OUT = Path(__file__).with_name("dashboard-rules.png")


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from monpol.dashboard import create_app, running

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,1180", "--hide-scrollbars"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        with running(create_app(workers=0)) as url:
            driver.get(url + "rules")
            deadline = time.monotonic() + 60
            script = "return document.querySelectorAll('#rules-compare--figure-0 .main-svg').length"
            while driver.execute_script(script) == 0 and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1.0)   # let plotly finish drawing
            driver.save_screenshot(str(OUT))
    finally:
        driver.quit()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
