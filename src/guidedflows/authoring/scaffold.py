"""`guidedflows init [DIR]`: a new flows project in one command (issue 14), green against the built-in storefront at
once. It never overwrites: a file that is already there is kept, and said so."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import UsageError


@dataclass(frozen=True)
class Written:
    path: Path
    what: str
    kept: bool = False  # it existed: left as it was


# Where in the new project ← the template under templates/init, and what it is for.
FILES = (
    ("flows/track-a-package.yaml", "track-a-package.yaml", "a first flow, green against the built-in storefront"),
    ("flows/_accept-cookies.yaml", "_accept-cookies.yaml", "a partial the first flow uses"),
    ("schema/flow.schema.json", None, "the flow format's JSON Schema, for the editor"),
    (".vscode/settings.json", "vscode-settings.json", "maps flows/ to that schema (Red Hat's YAML extension)"),
    (".vscode/extensions.json", "vscode-extensions.json", "recommends that extension"),
    (".github/workflows/flows.yml", "github-workflow.yml", "GitHub Actions: check on every push, reports uploaded"),
    (".gitignore", "gitignore", "keeps results out of git"),
    ("README.md", "README.md", "how to run and write the flows"),
)


def init_project(folder: Path) -> list[Written]:
    """Write the project's files into `folder` (made if missing); existing files are kept. UsageError if nothing
    could be written because everything is already there, or `folder` is not a folder."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder: give a folder for the new project")
    done = [_write(folder / target, template, what) for target, template, what in FILES]
    if all(item.kept for item in done):
        raise UsageError(f"{folder} already has every file `guidedflows init` writes; nothing was changed")
    return done


def _write(path: Path, template: str | None, what: str) -> Written:
    if path.exists() or path.is_symlink():
        return Written(path, what, kept=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": a file that appeared meanwhile is not overwritten either
        out.write(_text(template))
    return Written(path, what)


def _text(template: str | None) -> str:
    from .. import __version__

    if template is None:
        from ..flow.schema import schema_text

        return schema_text()
    text = (resources.files("guidedflows") / "templates" / "init" / template).read_text("utf-8")
    return text.replace("@VERSION@", __version__)


def report(done: list[Written], folder: Path) -> list[str]:
    """The lines init prints: each file written or kept, then what to run next."""
    width = max(len(str(item.path)) for item in done)
    lines = [
        f"{'kept' if item.kept else 'wrote'} {str(item.path):<{width}}  "
        + ("(it was already there; not changed)" if item.kept else item.what)
        for item in done
    ]
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(folder))} && "
    lines.append(f"next: {where}guidedflows check   (runs flows/ against the built-in storefront)")
    return lines
