#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the program through the accessibility tree (AT-SPI), as assistive technology would:
every button and input found must carry its visible label as its accessible name, and a new
application can be started, typed into and moved on from without touching a widget directly."""

import os
import subprocess
import sys
import tempfile
import time

os.environ['GTK_MODULES'] = 'gail:atk-bridge'

# dogtail reports what it does on standard output, from the moment it is imported; standard
# output is kept for TAP alone.
TAP = sys.stdout
sys.stdout = sys.stderr

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    print('1..0 # SKIP no display: run under xvfb-run', file=TAP)
    sys.exit(0)

from dogtail import config  # noqa: E402

config.checkForA11y = False
config.searchShowingOnly = False
config.defaultDelay = 0.1
config.searchCutoffCount = 40
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail.tree import root  # noqa: E402

INTERACTIVE = {'push button', 'text', 'check box', 'radio button', 'toggle button', 'combo box', 'switch'}


def wait_for(predicate, what, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            found = predicate()
            if found:
                return found
        except Exception:
            pass
        time.sleep(0.2)
    raise AssertionError('timed out waiting for ' + what)


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def unnamed_controls(node, found, depth=0):
    if depth > 40:
        return
    try:
        role, name = node.roleName, node.name
    except Exception:
        return
    # Hidden pages count too: every control must be named, whether shown yet or not. A name
    # said twice, or a leftover mnemonic underscore, is what a screen reader would read aloud.
    half = len(name) // 2
    doubled = len(name) > 1 and name[:half].strip() == name[half:].strip()
    if role in INTERACTIVE and (not name or '_' in name or doubled or name.startswith('Gtk')):
        found.append('%s %r' % (role, name))
    for child in node.children:
        unnamed_controls(child, found, depth + 1)


def main():
    env = dict(os.environ)
    env['XDG_DATA_HOME'] = tempfile.mkdtemp(prefix='shenbao-a11y-')
    env['LANGUAGE'] = 'en'
    env['LC_ALL'] = 'C.UTF-8'
    program = subprocess.Popen([sys.argv[1]], env=env, stdout=sys.stderr)
    failures = []
    try:
        app = wait_for(lambda: root.application('shenbao'), 'the program on the accessibility bus')
        new = wait_for(lambda: app.child(name='New Application', roleName='push button'), 'New Application')
        new.doActionNamed('click')

        company = wait_for(lambda: app.child(name='Company name', roleName='text'), 'the Company name input')
        # GTK 4.8 offers no Component.GrabFocus; a click on the input gives it the focus.
        company.click()
        company.typeText('Acme Robotics')
        wait_for(lambda: text_of(company) == 'Acme Robotics', 'the typed company name')

        missing = []
        unnamed_controls(app, missing)
        if missing:
            failures.append('controls without an accessible name on the company page: ' + ', '.join(missing))

        app.child(name='Next', roleName='push button').doActionNamed('click')
        wait_for(lambda: app.child(name='Pudong New Area Operating Rules for the Special Fund on AI-Enabled '
                                        'Digital Transformation and High-Quality Economic Development',
                                   roleName='check box'), 'the Pudong policy on the policies page')
        missing = []
        unnamed_controls(app, missing)
        if missing:
            failures.append('controls without an accessible name on the policies page: ' + ', '.join(missing))
    finally:
        program.terminate()
        program.wait(10)

    for failure in failures:
        print('FAIL:', failure, file=sys.stderr)
    print('1..1', file=TAP)
    print('ok 1 /shenbao/a11y/driven-through-at-spi' if not failures else 'not ok 1 /shenbao/a11y/driven-through-at-spi',
          file=TAP)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
