"""The loader's test suite: good flows, bad flows, hostile input, safety and fuzzing (tests/loader only)."""
