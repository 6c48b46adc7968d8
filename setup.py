"""Ship the top-level rules/ and grammars/ folders inside the wheel.

They live at the top of the repository so rule authors find them at once, but an
installed engine must find them without the checkout: the build copies them into
quotetrace/_bundled/ in the wheel, where quotetrace.resources looks first. The source folder
is engine/ and installs as the package `quotetrace` (pyproject.toml maps it).
"""
import shutil
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

setup(packages=PACKAGES, cmdclass={"build_py": BuildWithBundledData})
