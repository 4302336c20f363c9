#!/usr/bin/env python3
"""The statements of a kanrisaku workspace as OSCAL component definitions, for trestle.

    convert.py WORKSPACE TRESTLE_DIR

WORKSPACE is one made by `cargo bench --bench workspace -- --generate N DIR`. TRESTLE_DIR
becomes a trestle workspace (`trestle init`, run by the caller) holding one component
definition per catalog: one component (the service), one control implementation (the
standard), and one implemented requirement per clause with the statement as its
description -- the same text `kanrisaku check` reads. UUIDs are derived from the names
(uuid5), so two conversions of one workspace are byte-identical.

Needs PyYAML, which compliance-trestle installs (with libyaml's C loader when the wheel has
it: the pure-Python loaders take about a second per catalog).
"""

import json
import sys
import uuid
from pathlib import Path

import yaml

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kanrisaku.invalid/bench")
SOURCE = "https://www.iso.org/standard/43757.html"  # ISO/IEC 27017:2015


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def component_definition(catalog: dict) -> dict:
    service = catalog["service"]
    sid = service["id"]
    document = catalog["document"]
    requirements = [
        {
            "uuid": uid(sid, clause),
            "control-id": clause.lower(),
            "description": str(entry.get("statement") or entry.get("justification") or ""),
        }
        for clause, entry in catalog["controls"].items()
    ]
    return {
        "component-definition": {
            "uuid": uid(sid),
            "metadata": {
                "title": str(document["title"]),
                "last-modified": f"{document['date']}T00:00:00+00:00",
                "version": str(document["version"]),
                "oscal-version": "1.1.2",
            },
            "components": [
                {
                    "uuid": uid(sid, "component"),
                    "type": "service",
                    "title": str(service["name"]),
                    "description": str(service["name"]),
                    "control-implementations": [
                        {
                            "uuid": uid(sid, "iso27017"),
                            "source": SOURCE,
                            "description": "ISO/IEC 27017:2015",
                            "implemented-requirements": requirements,
                        }
                    ],
                }
            ],
        }
    }


def main() -> None:
    workspace, trestle_dir = Path(sys.argv[1]), Path(sys.argv[2])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    target = trestle_dir / "component-definitions"
    for path in sorted((workspace / "services").glob("*.yaml")):
        catalog = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        out = target / catalog["service"]["id"]
        out.mkdir(parents=True, exist_ok=True)
        text = json.dumps(component_definition(catalog), ensure_ascii=False, indent=2)
        (out / "component-definition.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
