"""The JSON Schema of the flow format: generated from vocabulary.py, committed as schema/flow.schema.json, accepting
every shipped flow and refusing the bad flows whose mistake is in the shape of the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from guidedflows.cli.commands import main
from guidedflows.flow import vocabulary as vocab
from guidedflows.flow.schema import flow_schema, schema_text
from guidedflows.steps import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "flow.schema.json"
BAD = ROOT / "tests" / "loader" / "bad"
GOOD = ROOT / "tests" / "loader" / "good"
SHIPPED = sorted((ROOT / "flows").glob("*.yaml"))


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (1.2 core schema): only true/false are booleans (`on`, `yes` are text); no dates, no `=`."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[1] not in ("bool", "timestamp", "value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# Bad flows whose mistake an editor sees from the schema alone: an unknown action or key, a wrong type, two
# actions (or two locators), a missing value. Left out: mistakes only the loader can see (unknown params, `use`
# cycles, regular expressions, file encodings and sizes).
SCHEMA_LEVEL = """
01-unknown-action 02-two-actions 03-no-action 04-fill-without-value 05-list-where-text 06-mapping-where-bool
07-optional-yes 08-nth-first 09-count-negative 10-duration-bare-number 11-duration-2-sec 15-unknown-top-level-key 16-missing-flow
17-missing-steps 18-empty-steps 19-steps-nothing 39-unknown-role 40-name-without-role 41-two-locators
42-empty-target 43-expect-page-no-matcher 44-text-on-page 45-url-on-element 49-bad-param-name 51-bad-dialog
52-bad-go 53-close-window 54-bad-tag-word 57-flow-title-list 58-tags-not-list 59-with-not-mapping
60-step-not-mapping 61-unknown-step-key 62-unknown-target-key 63-timeout-bare-number 64-value-nothing
75-wrong-types-in-target 76-frame-list 77-press-on-list 78-use-mapping 79-secret-yes 80-params-list
81-text-list-nested 86-screenshot-dot-dot 93-flow-id-path 94-step-id-slash 95-screenshot-absolute 97-start-file-url
98-goto-javascript
""".split()


@pytest.fixture(scope="module")
def validator():
    schema = flow_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _data(path: Path):
    return yaml.load(path.read_text("utf-8-sig"), Loader=Yaml12Loader)  # safe: a SafeLoader with 1.2 booleans


def _properties(schema: dict) -> dict:
    return schema["properties"]


def test_the_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text("utf-8") == schema_text(), "run: guidedflows schema > schema/flow.schema.json"


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_word_of_the_vocabulary_is_in_the_schema_and_nothing_else():
    schema = flow_schema()
    defs = schema["$defs"]
    assert set(_properties(schema)) == set(vocab.TOP_LEVEL)
    assert schema["required"] == ["flow", "steps"]
    actions = {name.removeprefix("step_") for name in defs if name.startswith("step_")}
    assert actions == set(REGISTRY)
    assert [ref["$ref"] for ref in defs["step"]["oneOf"]] == [f"#/$defs/step_{name}" for name in REGISTRY]
    for name, action in REGISTRY.items():
        assert set(_properties(defs[f"step_{name}"])) == {name, *vocab.COMMON, *action.keys}, name
    [text, mapping] = defs["target"]["anyOf"]
    assert set(_properties(mapping)) == {*vocab.TARGET_LOCATORS, *vocab.TARGET_REFINEMENTS}
    assert [one["required"] for one in mapping["oneOf"]] == [[name] for name in vocab.TARGET_LOCATORS]
    assert set(mapping["properties"]["role"]["enum"]) == vocab.ARIA_ROLES
    [short, long] = defs["param"]["anyOf"]
    assert set(_properties(long)) == set(vocab.PARAM_KEYS)


def test_every_key_has_its_help_text_as_description():
    schema = flow_schema()
    defs = schema["$defs"]
    tables = [(_properties(schema), vocab.TOP_LEVEL), (_properties(defs["param"]["anyOf"][1]), vocab.PARAM_KEYS)]
    tables.append((_properties(defs["target"]["anyOf"][1]), {**vocab.TARGET_LOCATORS, **vocab.TARGET_REFINEMENTS}))
    for name, action in REGISTRY.items():
        properties = _properties(defs[f"step_{name}"])
        assert properties[name]["description"] == action.help
        tables.append((properties, {**vocab.COMMON, **action.keys}))
    for properties, table in tables:
        for key, word in table.items():
            assert properties[key]["description"] == word.help, key
    for name, definition in defs.items():
        assert definition.get("description"), name


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_flow_is_valid(validator, path):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_data(path))]
    assert not errors


def test_the_loaders_good_flows_are_valid(validator):
    for path in sorted(GOOD.glob("*.yaml")):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_data(path))]
        assert not errors, path.name


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_a_schema_level_mistake_fails_it(validator, name):
    assert not validator.is_valid(_data(BAD / f"{name}.yaml"))


def test_readme_tells_vs_code_to_use_it():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "# yaml-language-server: $schema=" in readme
    assert '"yaml.schemas"' in readme
