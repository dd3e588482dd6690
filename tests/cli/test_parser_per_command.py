"""main() builds the parser of the command its arguments name only (B3): what a person sees is what the whole
parser says, for every command's --help, the command list, a mistyped command and a bad option."""

from __future__ import annotations

import pytest

from guidedflows.cli.commands import ALL, COMMANDS, _named_command, build_parser, main


def said(capsys, run) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        run()
    captured = capsys.readouterr()
    return stopped.value.code, captured.out, captured.err


@pytest.mark.parametrize(
    "argv",
    [*([name, "--help"] for name in COMMANDS), ["--help"], ["chek"], ["validate", "--nope"], ["--", "validate"],
     ["demo", "f.yaml", "--pace", "3"], ["serve", "--port", "0x"]],
    ids=lambda argv: " ".join(argv) or "nothing",
)
def test_what_main_says_is_what_the_whole_parser_says(argv, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    whole = said(capsys, lambda: build_parser(ALL).parse_args(argv))
    assert said(capsys, lambda: main(argv)) == whole


def test_a_named_command_parses_as_with_the_whole_parser():
    for argv in (["validate", "a.yaml", "--strict", "--param", "x=1"], ["--debug", "schema"], ["check", "--workers", "2"]):
        named = _named_command(argv)
        assert named == next(arg for arg in argv if not arg.startswith("-"))
        assert vars(build_parser(named).parse_args(argv)) == vars(build_parser(ALL).parse_args(argv))
