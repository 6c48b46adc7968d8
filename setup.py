"""Ship the top-level rules/ and grammars/ folders inside the wheel, and build the native core.

They live at the top of the repository so rule authors find them at once, but an
installed engine must find them without the checkout: the build copies them into
quotetrace/_bundled/ in the wheel, where quotetrace.resources looks first. The source folder
is engine/ and installs as the package `quotetrace` (pyproject.toml maps it).

The native matcher (engine/native, a Rust crate) is built by setuptools-rust as the optional
extension quotetrace._native when cargo is on the PATH; without Rust, or if its build fails,
the package installs with the `regex` matcher alone (same results, slower) and says so in
one line. QUOTETRACE_NO_NATIVE=1 skips the core on purpose.
"""
import os
import shutil
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildWithBundledData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "quotetrace" / "_bundled"
        for folder in ("rules", "grammars"):
            destination = target / folder
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(HERE / folder, destination)


PACKAGES = ["quotetrace"] + [f"quotetrace.{name}" for name in find_packages(str(HERE / "engine"))]


def native_extensions():
    if os.environ.get("QUOTETRACE_NO_NATIVE", "") not in ("", "0"):
        return []
    try:
        from setuptools_rust import Binding, RustExtension
    except ImportError:
        print("quotetrace: setuptools-rust is missing; installing without the native core (the regex matcher runs)", file=sys.stderr)
        return []
    if shutil.which("cargo") is None:
        print("quotetrace: no Rust toolchain (cargo) found; installing without the native core (the regex matcher runs, slower)", file=sys.stderr)
        return []
    return [RustExtension("quotetrace._native", path=str(Path("engine") / "native" / "Cargo.toml"), binding=Binding.PyO3,
                          optional=True, debug=False)]


setup(packages=PACKAGES, cmdclass={"build_py": BuildWithBundledData}, rust_extensions=native_extensions(), zip_safe=False)
