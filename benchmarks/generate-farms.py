#!/usr/bin/env python3
"""Writes N realistic synthetic farm descriptions for patchbook's benchmark.

Each farm has 1 to 40 servers and 5 to 200 content databases, a mix of levels (servers may lag
the farm), architectures, language packs, Central Administration on an application server or a
front-end web server, large-farm detaching, and the usual databases. The same seed gives the same
farms, so runs are comparable.

    benchmarks/generate-farms.py N OUT_DIR [--seed S]
"""
import argparse
import os
import random

LEVELS = ["rtm", "2007-10-pu", "sp1", "post-sp1-rollup", "iu", "2008-08-cu", "2008-10-cu", "2008-12-cu",
          "2009-02-cu", "sp2", "2009-04-cu", "2009-06-cu"]
TARGETS = ["2009-08-cu", "2009-10-cu", "latest"]
LANGUAGES = ["de-de", "fr-fr", "ja-jp", "es-es", "nl-nl", "it-it"]


def farm(index, rng):
    name = f"Farm {index:05d}"
    product = rng.choice(["moss2007"] * 4 + ["wss3"])
    current_index = rng.randrange(len(LEVELS))
    current = LEVELS[current_index]
    server_count = rng.randint(1, 40)
    database_count = rng.randint(5, 200)
    ca_on_front_end = rng.random() < 0.3
    lines = [
        "farm:",
        f"  name: {name}",
        f"  id: farm-{index:05d}",
        f"  product: {product}",
        f"  current: {current}",
        f"  target: {rng.choice(TARGETS)}",
        f"  architecture: {rng.choice(['x64', 'x64', 'x86'])}",
        "  baseLanguage: en-us",
        f"  languagePacks: [{', '.join(rng.sample(LANGUAGES, rng.randint(0, 3)))}]",
        f"  centralAdminPort: {rng.randint(2000, 40000)}",
        "  accounts:",
        f"    setup: CORP{index % 7}\\sp_setup",
        f"    centralAdminAppPool: CORP{index % 7}\\sp_farm",
        "  search:",
        f"    leastPrivilege: {str(rng.random() < 0.5).lower()}",
        "  customizations:",
        f"    modifiedSiteTemplates: {str(rng.random() < 0.2).lower()}",
        f"    frontEndDocumented: {str(rng.random() < 0.6).lower()}",
        f"    solutions: [Corp.Branding.wsp, Corp.Workflows{index % 3}.wsp]",
        f"  packageShare: \\\\files{index % 5}\\sp-updates",
        f"  backupShare: \\\\backup{index % 5}\\sharepoint",
    ]
    if database_count > 60 and rng.random() < 0.6:
        lines += ["  largeFarm:", "    detachContentDatabases: true",
                  f"    parallelUpgradeServers: {rng.randint(0, 4)}"]
    lines.append("servers:")
    for number in range(server_count):
        if number == 0:
            roles = "[webFrontEnd, centralAdmin]" if ca_on_front_end else "[application, centralAdmin, index]"
        else:
            roles = rng.choice(["[webFrontEnd]", "[webFrontEnd, query]", "[application]", "[application, index]"])
        extra = ""
        if number > 0 and rng.random() < 0.1:
            extra += f", architecture: {rng.choice(['x86', 'x64'])}"
        if number > 0 and rng.random() < 0.1:
            extra += f", current: {LEVELS[rng.randint(0, current_index)]}"
        lines.append(f"  - {{ name: SRV{number:02d}-{index % 1000:03d}, roles: {roles}{extra} }}")
    lines += ["databases:",
              "  - { name: SharePoint_Config, kind: config, server: SQL01 }",
              "  - { name: SharePoint_AdminContent, kind: centralAdminContent, server: SQL01 }"]
    if product == "moss2007":
        lines += ["  - { name: SSP_DB, kind: ssp, server: SQL01, sizeGB: 8 }",
                  "  - { name: SSP_Search_DB, kind: search, server: SQL01, sizeGB: 40 }"]
    for number in range(database_count):
        size = rng.randint(1, 200)
        project = ", projectServer: true" if number == 3 and rng.random() < 0.3 else ""
        lines.append(f"  - {{ name: WSS_Content_{number:03d}, kind: content, server: SQL0{1 + number % 3}, "
                     f"webApplication: \"http://app{number % 8}.corp.example\", sizeGB: {size}{project} }}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2009)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for index in range(args.count):
        with open(os.path.join(args.out, f"farm-{index:05d}.yaml"), "w", encoding="utf-8") as file:
            file.write(farm(index, rng))


if __name__ == "__main__":
    main()
