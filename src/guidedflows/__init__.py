"""guidedflows: one YAML flow per website procedure, to guide a person, check it in CI, and publish it.

    from guidedflows import load_flow, run_flow
"""

__version__ = "0.1.0"

__all__ = [
    "EnvironmentProblem",
    "FlowFileError",
    "GuidedflowsError",
    "StepFailed",
    "UsageError",
    "__version__",
    "load_flow",
    "register_engine",
    "run_flow",
]

# Imported on first use (PEP 562): `guidedflows --help` and `validate` must not pay for the runner, the driver and
# their imports, nor `--help` for dataclasses (issue 8, B3: they cost most of the start-up time).
_LAZY = {"load_flow": "flow.loader", "run_flow": "run.runner", "register_engine": "browser.inpage"}
_LAZY.update(dict.fromkeys(["EnvironmentProblem", "FlowFileError", "GuidedflowsError", "StepFailed", "UsageError"], "errors"))


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
