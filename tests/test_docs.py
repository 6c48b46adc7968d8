"""The documentation agrees with the rule pack and with the checker."""
import re

import jsonschema
import yaml

from conftest import ROOT
from quotetrace.authoring.catalogue import catalogue
from quotetrace.resources import default_rules_dir, schema_path
from quotetrace.rulepack.pack import MANIFEST_FILE, TUNING_FILE, pack_files, read_pack
from quotetrace.patterns.compiler import compile_pack

RULES_SCHEMA = yaml.safe_load(schema_path("rules.schema.json").read_text(encoding="utf-8"))
SCHEMAS = {
    MANIFEST_FILE: yaml.safe_load(schema_path("pack.schema.json").read_text(encoding="utf-8")),
    TUNING_FILE: yaml.safe_load(schema_path("tuning.schema.json").read_text(encoding="utf-8")),
}


def test_every_rule_has_a_description_and_an_example():
    pack = read_pack(default_rules_dir())
    assert pack.rules
    for rule in pack.rules:
        assert rule.description.strip(), rule.id
        assert rule.examples, f"{rule.id} has no examples"


def test_the_construction_catalogue_is_what_the_rules_say():
    """docs/constructions.md is written from the rules; a rule edit that changes a
    description or an example must regenerate it."""
    committed = (ROOT / "docs" / "constructions.md").read_text(encoding="utf-8")
    fresh = catalogue(read_pack(default_rules_dir()))
    assert committed == fresh, "docs/constructions.md is stale: run `quotetrace docs --out docs/constructions.md`"


def test_bundled_rule_files_validate_against_the_schema():
    root = default_rules_dir()
    for path in pack_files(root):
        schema = SCHEMAS.get(path.relative_to(root).as_posix(), RULES_SCHEMA)
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_yaml_examples_in_the_rules_doc_pass_schema_and_check(tmp_path):
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert blocks
    first = blocks[0]
    jsonschema.validate(yaml.safe_load(first), RULES_SCHEMA)
    (tmp_path / "example.yaml").write_text(first, encoding="utf-8")
    pack = read_pack(tmp_path)
    compile_pack(pack)
    assert [p for p in pack.problems if p.severity == "error"] == []


def test_python_api_examples_run_and_print_what_they_say(tmp_path, monkeypatch):
    """Each ```python block of docs/api.md runs, in order, in one namespace; the `# ` comment
    lines of a block are what it must print."""
    import contextlib
    import io

    monkeypatch.chdir(tmp_path)
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 5
    namespace = {}
    for number, block in enumerate(blocks):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(block, f"docs/api.md python block {number + 1}", "exec"), namespace)
        expected = [line.strip()[2:] for line in block.splitlines() if line.strip().startswith("# ")]
        assert printed.getvalue().splitlines() == expected, f"block {number + 1}"
