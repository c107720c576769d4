#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without building it (the GNOME runtime cannot be downloaded in CI):
it parses, names our application and command, uses the GNOME 43 runtime our GTK 4.8 and
libadwaita 1.2 pins need, and asks for no more of the user's system than the portals give.

Usage: check-flatpak-manifest.py MANIFEST APPLICATION_ID"""

import json
import sys

# Attachments come through the file chooser portal and policies live in the sandbox's own data
# folder: the program needs neither the user's files nor the network.
FORBIDDEN = [
    '--filesystem=host', '--filesystem=host-os', '--filesystem=host-etc', '--filesystem=home',
    '--share=network',
]


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    expect(manifest.get('id', manifest.get('app-id')) == app_id, f'the id is not {app_id}')
    expect(manifest.get('command') == 'shenbao', 'the command is not shenbao')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'the runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'the SDK is not org.gnome.Sdk')
    expect(str(manifest.get('runtime-version')) == '43', 'the runtime is not GNOME 43 (GTK 4.8, libadwaita 1.2)')
    for arg in manifest.get('finish-args', []):
        # "--filesystem=home:ro" grants the home folder as much as "--filesystem=home".
        expect(arg.split(':')[0] not in FORBIDDEN, f'finish-args grants {arg}')
    modules = manifest.get('modules', [])
    expect(len(modules) > 0 and isinstance(modules[-1], dict) and modules[-1].get('name') == 'shenbao',
           'the last module does not build shenbao')
    for module in modules:
        if isinstance(module, dict):
            for source in module.get('sources', []):
                if isinstance(source, dict) and source.get('type') in ('archive', 'file') and 'url' in source:
                    expect(len(source.get('sha256', '')) == 64,
                           f"{module.get('name')}: {source['url']} has no sha256")

    for problem in problems:
        print(f'{path}: {problem}', file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
