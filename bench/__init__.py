"""`make bench`: speed and size of the site, measured against plain Material.

Run with ``python -m bench`` (see BENCHMARKS.md). Never imported by the tests.
"""
