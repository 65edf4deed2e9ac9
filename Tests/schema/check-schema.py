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
missing-name missing-current-and-target""".split()


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
