"""Headless Chromium for the browser tests: Debian's chromium and chromium-driver, driven by
Selenium, nothing downloaded. A test module takes one session (`chromium` fixture below,
module-scoped) and skips, saying what is missing, only when the browser cannot be had;
.ci/run installs it. Screenshots go to $QUOTETRACE_SCREENSHOTS, or a folder under the
system's temporary folder, and their paths are printed (docs/img/ holds copies of the final ones).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _find(names, variable):
    if os.environ.get(variable):
        return os.environ[variable]
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").is_file() else None)
        if found:
            return found
    return None


def start_chromium(width: int = 1400, height: int = 1000):
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]' installs it)")
    browser = _find(BROWSERS, "QUOTETRACE_CHROMIUM")
    driver = _find(("chromedriver",), "QUOTETRACE_CHROMEDRIVER")
    if not browser or not driver:
        missing = " and ".join(name for name, found in (("chromium", browser), ("chromium-driver", driver)) if not found)
        pytest.skip(f"no {missing} on this machine: apt-get install chromium chromium-driver (.ci/run does when it runs as root)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                     "--force-device-scale-factor=1", "--hide-scrollbars", "--font-render-hinting=none", "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        session = webdriver.Chrome(service=Service(driver), options=options)
    except WebDriverException as exc:
        pytest.skip(f"Chromium would not start here: {exc.msg.splitlines()[0] if exc.msg else exc}")
    session.set_script_timeout(60)
    return session


def screenshot_folder() -> Path:
    folder = Path(os.environ.get("QUOTETRACE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "quotetrace-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(session, name: str, grayscale: bool = False) -> Path:
    """A PNG of the window as it is; with `grayscale`, as it looks without colour."""
    path = screenshot_folder() / f"{name}.png"
    if grayscale:
        session.execute_script("document.documentElement.style.filter = 'grayscale(1)'")
    session.save_screenshot(str(path))
    if grayscale:
        session.execute_script("document.documentElement.style.filter = ''")
    print(f"screenshot: {path}")
    return path


def page_errors(session) -> list[str]:
    """Errors the page's scripts raised or logged (not an answer the server refused on purpose)."""
    try:
        entries = session.get_log("browser")
    except Exception:  # a driver without logs: nothing to say
        return []
    return [entry["message"] for entry in entries if entry.get("level") == "SEVERE" and entry.get("source") != "network"]
