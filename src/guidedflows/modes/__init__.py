"""Modes are policies on the one executor: check (executor.CheckMode), guide, demo, docs."""
