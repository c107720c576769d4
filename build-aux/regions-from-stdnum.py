#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts python-stdnum's GB/T 2260 table (stdnum/cn/loc.dat) into the tab-separated file that
libshenbao compiles into its GResource.

Input lines:  330604 county="上虞区" prefecture="绍兴市" province="浙江省"
Output lines: 330604<TAB>浙江省<TAB>绍兴市<TAB>上虞区

The table is maintained upstream (python-stdnum regenerates it from the National Bureau of
Statistics' lists); we only reshape it, so nobody types codes by hand. The build fails on any line
we do not understand, rather than shipping a table with holes. The source's comment lines, which
say where and when it was generated, are kept as "#" lines.

Usage: regions-from-stdnum.py LOC_DAT OUTPUT
"""

import re
import sys

LINE = re.compile(r'^(\d{6}) county="([^"\t]+)" prefecture="([^"\t]+)" province="([^"\t]+)"$')


def convert(source_path, output_path):
    comments = []
    rows = []
    provinces = {}
    prefectures = {}
    with open(source_path, encoding='utf-8') as source:
        for number, line in enumerate(source, 1):
            line = line.rstrip('\n')
            if line.startswith('#'):
                comments.append(line)
                continue
            if not line.strip():
                continue
            match = LINE.match(line)
            if match is None:
                sys.exit(f'{source_path}:{number}: not a county line: {line!r}')
            code, county, prefecture, province = match.groups()
            # libshenbao derives the province (xx0000) and prefecture (xxxx00) entries from these
            # lines; that only works if every code under one prefix names the same parent.
            if code.endswith('00'):
                sys.exit(f'{source_path}:{number}: {code} is not a county-level code')
            if provinces.setdefault(code[:2], province) != province:
                sys.exit(f'{source_path}:{number}: {code[:2]} is both {provinces[code[:2]]} and {province}')
            if prefectures.setdefault(code[:4], prefecture) != prefecture:
                sys.exit(f'{source_path}:{number}: {code[:4]} is both {prefectures[code[:4]]} and {prefecture}')
            rows.append((code, province, prefecture, county))

    codes = [row[0] for row in rows]
    if codes != sorted(set(codes)):
        sys.exit(f'{source_path}: codes are not sorted and unique')

    with open(output_path, 'w', encoding='utf-8', newline='\n') as output:
        for comment in comments:
            output.write(comment + '\n')
        for row in rows:
            output.write('\t'.join(row) + '\n')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('Usage: regions-from-stdnum.py LOC_DAT OUTPUT')
    convert(sys.argv[1], sys.argv[2])
