"""Test-wide settings: property tests run the same examples on every machine.

Hypothesis draws fresh examples each run unless told otherwise; a property test that finds
a new counter-example on CI's fresh clone turns a green commit red at random. Derandomized,
each test's examples are fixed by its own name: a failure reproduces everywhere, and a
test that wants wider search says so itself (``@settings(derandomize=False)``)."""

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.load_profile("repeatable")
