"""Harness code the tests and the benchmarks share: servers started as production starts them,
the browser's requests, Chromium's flags. Never imported by the app."""
