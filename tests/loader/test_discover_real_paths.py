"""discover() resolves each file it finds by its folder's real path and its own name, unless the file is a symbolic
link (B4): the same path Path.resolve() gives, and a link out of the folder is still refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guidedflows.errors import UsageError
from guidedflows.flow.loader import _real_file, discover


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "flows" / "sub").mkdir(parents=True)
    (tmp_path / "flows" / "a.yaml").write_text("flow: a\n")
    (tmp_path / "flows" / "sub" / "b.yaml").write_text("flow: b\n")
    (tmp_path / "flows" / "sub" / "c.yaml").symlink_to("../a.yaml")  # a link that stays inside
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "d.yaml").write_text("flow: d\n")
    (tmp_path / "linked").symlink_to(tmp_path / "flows")  # the folder given through a link
    return tmp_path


def test_a_found_file_resolves_as_path_resolve_says(tree, monkeypatch):
    monkeypatch.chdir(tree)
    for folder in (tree / "flows", tree / "linked", Path("linked"), Path(os.path.relpath(tree / "flows"))):
        folders: dict[Path, Path] = {}
        for path in sorted(folder.rglob("*.yaml")):
            assert _real_file(path, folders) == path.resolve(), path
        real: dict[Path, Path] = {}
        found = discover([folder], real)
        assert sorted(p.name for p in found) == ["a.yaml", "b.yaml", "c.yaml"]
        assert real == {path: path.resolve() for path in found}


def test_a_link_out_of_the_folder_is_refused(tree):
    (tree / "flows" / "sub" / "out.yaml").symlink_to(tree / "elsewhere" / "d.yaml")
    with pytest.raises(UsageError, match="links to a file outside"):
        discover([tree / "linked"])
