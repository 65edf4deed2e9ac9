#!/usr/bin/env python3
"""Checks docs/farm-description.schema.json with a second reader, Python's jsonschema: every valid
farm of the test corpus and every example passes it; the invalid cases it can express (unknown
keys, allowed words, types, ranges, required keys) fail it. Prints 'N passed, N failed'."""
import glob
import json
import os
import sys

import jsonschema
import yaml

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
FARMS = os.path.join(TOP, "Tests", "PatchbookKitTests", "Fixtures", "farms")

# Invalid cases whose problem is a key, a type, an allowed word, a range or a required key.
EXPRESSIBLE = """unknown-key unknown-top-key unknown-database-key unknown-server-key unknown-architecture
unknown-database-kind unknown-installation unknown-os unknown-product unknown-role unknown-shared-services-role
wrong-type-bool wrong-type-farm wrong-type-port wrong-type-servers port-out-of-range negative-size missing-farm
missing-name missing-current-and-target change-unknown-key change-window-without-hours change-window-without-offset
change-window-zero-hours change-contact-without-name change-approver-with-phone change-assumption-negative
change-window-hours-in-quotes database-size-too-large""".split()


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where 2009-11-14T21:30:00-08:00 is a timestamp; patchbook (Yams)
    and the YAML language server read YAML 1.2, where it is a string. Read it as they do."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=Yaml12Loader)


def main():
    with open(os.path.join(TOP, "docs", "farm-description.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    passed, failed = 0, 0
    valid = sorted(glob.glob(os.path.join(FARMS, "valid", "*.yaml")) + glob.glob(os.path.join(FARMS, "valid", "*.json"))
                   + glob.glob(os.path.join(TOP, "examples", "*.yaml")))
    for path in valid:
        errors = list(validator.iter_errors(load(path)))
        if errors:
            failed += 1
            print(f"FAIL {os.path.relpath(path, TOP)} is valid but the schema rejects it: {errors[0].message}")
        else:
            passed += 1
    for name in EXPRESSIBLE:
        path = os.path.join(FARMS, "invalid", name + ".yaml")
        if not list(validator.iter_errors(load(path))):
            failed += 1
            print(f"FAIL {os.path.relpath(path, TOP)} is invalid but the schema accepts it")
        else:
            passed += 1
    print(f"schema: {passed} passed, {failed} failed")
    return 1 if failed or passed < len(EXPRESSIBLE) + 5 else 0


if __name__ == "__main__":
    sys.exit(main())
