"""discover() resolves each file it finds by its folder's real path and its own name, unless the file is a symbolic
link (B4): the same path Path.resolve() gives, and a link out of the folder is still refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guidedflows.errors import UsageError
from guidedflows.flow.loader import discover, flow_files


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
        real: dict[Path, Path] = {}
        found = discover([folder], real)
        assert sorted(p.name for p in found) == ["a.yaml", "b.yaml", "c.yaml"]
        assert real == {path: path.resolve() for path in found}


def test_a_link_out_of_the_folder_is_refused(tree):
    (tree / "flows" / "sub" / "out.yaml").symlink_to(tree / "elsewhere" / "d.yaml")
    with pytest.raises(UsageError, match="links to a file outside"):
        discover([tree / "linked"])


def test_flow_files_are_listed_as_rglob_and_sorted_list_them(tree):
    (tree / "flows" / "sub" / "deeper").mkdir()
    for name in ("z.yml", "_partial.yaml", "notes.txt", "a.yaml.bak", "sub.yaml", "deeper/x.yaml"):
        (tree / "flows" / "sub" / name).write_text("flow: x\n")
    (tree / "flows" / "sub" / "folder.yaml").mkdir()  # a folder named like a flow file is not one
    (tree / "flows" / "linked-folder").symlink_to(tree / "elsewhere")  # not followed, as rglob does not
    for deep in (True, False):
        folder = tree / "flows" / "sub"
        listed = sorted(folder.rglob("*") if deep else folder.iterdir())
        expected = [p for p in listed if p.suffix in (".yaml", ".yml") and p.is_file()]
        assert [path for _, path, _ in flow_files(folder, deep)] == expected
    assert [p.name for p in discover([tree / "flows"])] == ["a.yaml", "b.yaml", "c.yaml", "x.yaml", "sub.yaml", "z.yml"]
