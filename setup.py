"""Only for ``scrapyd-deploy``, which builds its egg with ``python setup.py bdist_egg``
(and writes a setup.py of its own when none exists). Everything is in pyproject.toml."""

from setuptools import setup

setup()
