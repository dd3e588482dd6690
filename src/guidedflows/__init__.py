"""guidedflows: one YAML flow per website procedure, to guide a person, check it in CI, and publish it.

    from guidedflows import load_flow, run_flow
"""

from .errors import EnvironmentProblem, FlowFileError, GuidedflowsError, StepFailed, UsageError
from .loader import load_flow
from .runner import run_flow

__version__ = "0.1.0"

__all__ = [
    "EnvironmentProblem",
    "FlowFileError",
    "GuidedflowsError",
    "StepFailed",
    "UsageError",
    "__version__",
    "load_flow",
    "run_flow",
]
