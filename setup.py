"""Ship the top-level rules/ and grammars/ folders inside the wheel.

They live at the top of the repository so rule authors find them at once, but an
installed engine must find them without the checkout: the build copies them into
engine/_bundled/, where engine.resources looks first.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildWithBundledData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "engine" / "_bundled"
        for folder in ("rules", "grammars"):
            destination = target / folder
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(HERE / folder, destination)


setup(cmdclass={"build_py": BuildWithBundledData})
