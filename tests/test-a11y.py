#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the program through the accessibility tree (AT-SPI), as assistive technology would:
every button and input found must carry its visible label as its accessible name, and a whole
application is walked from the keyboard alone (Ctrl+N, typing, Tab, Space, Enter, Alt+Left) up
to the review, the tree used only to check where the focus is and what was typed."""

import os
import subprocess
import sys
import tempfile
import time
import traceback

os.environ['GTK_MODULES'] = 'gail:atk-bridge'

# dogtail reports what it does on standard output, from the moment it is imported; standard
# output is kept for TAP alone.
TAP = sys.stdout
sys.stdout = sys.stderr

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    print('1..0 # SKIP no display: run under xvfb-run', file=TAP)
    sys.exit(0)

import pyatspi  # noqa: E402
from dogtail import config  # noqa: E402

config.checkForA11y = False
config.searchShowingOnly = False
config.defaultDelay = 0.1
config.searchCutoffCount = 40
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail.rawinput import keyCombo, pressKey, typeText  # noqa: E402
from dogtail.tree import root  # noqa: E402

PUDONG = ('Pudong New Area Operating Rules for the Special Fund on AI-Enabled Digital Transformation and '
          'High-Quality Economic Development')
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


def focused(node):
    try:
        return node.focused
    except Exception:
        return False


def alive(node):
    try:
        return not node.getState().contains(pyatspi.STATE_DEFUNCT)
    except Exception:
        return False


def focused_control(app, name, role):
    """The node of that name and role if it has the focus: a page rebuilt leaves old nodes."""
    return app.findChild(lambda node: node.name == name and node.roleName == role and focused(node),
                         retry=False, requireResult=False)


def live_control(app, name, role):
    return app.findChild(lambda node: node.name == name and node.roleName == role and alive(node),
                         retry=False, requireResult=False)


def controls(app, name):
    """Every node of that name: a drop-down or menu button is a button within a button."""
    return app.findChildren(lambda node: node.name == name and node.roleName in INTERACTIVE | {'push button'})


def any_focused(nodes):
    return any(focused(node) for node in nodes)


def press(key):
    """One key or combination, as the user would type it ('Tab', '<Shift>Tab', '<Alt>Left')."""
    if key.startswith('<'):
        keyCombo(key)
    else:
        pressKey(key)
    time.sleep(0.3)


def tab_to(node, what, most=30):
    """Tab until the node has the keyboard focus."""
    for _ in range(most):
        if focused(node):
            return
        pressKey('Tab')
        time.sleep(0.15)
    if not focused(node):
        app = node
        while app.parent is not None and app.roleName != 'application':
            app = app.parent
        where = [n.roleName + ' ' + repr(n.name) for n in app.findChildren(lambda n: focused(n))]
        raise AssertionError('Tab does not reach %s; the focus is on %s' % (what, ', '.join(where) or 'nothing'))


def type_into(node, text, what):
    """Types where the focus is, and checks that it went into the node."""
    typeText(text)
    wait_for(lambda: text_of(node) == text, 'the typed ' + what)


def walk_with_the_keyboard(app, failures):
    """A whole application, from the keyboard alone: Ctrl+N, typing, Tab, Space, Enter (which
    stays on a page with something left to fix and goes to it), Alt+Left, up to the review."""
    press('<Control>n')
    company = wait_for(lambda: app.child(name='Company name', roleName='text'), 'the Company name input')
    # Ctrl+N puts the keyboard in the first field.
    wait_for(lambda: focused(company), 'Company name focused after Ctrl+N')
    type_into(company, 'Acme Robotics', 'company name')
    missing = []
    unnamed_controls(app, missing)
    if missing:
        failures.append('controls without an accessible name on the company page: ' + ', '.join(missing))

    # Enter on an incomplete page goes to the first thing left: the credit code, the address.
    press('Return')
    code = app.child(name='Unified social credit code', roleName='text')
    wait_for(lambda: focused(code), 'the credit code focused by Enter')
    type_into(code, '91310115MA1K3YJ662', 'credit code')
    press('Return')
    address = app.child(name='Registered address', roleName='text')
    wait_for(lambda: focused(address), 'the address focused by Enter')
    type_into(address, 'Zhangjiang Road 1', 'address')

    # Then the district: Enter opens the chooser on it, typed code and Enter choose.
    press('Return')
    region = controls(app, 'Registered in')
    wait_for(lambda: any_focused(region), 'the district chooser focused by Enter')
    press('Return')
    time.sleep(0.5)
    typeText('310115')
    time.sleep(0.5)
    press('Return')
    wait_for(lambda: any('310115' in (node.description or '') for node in region), 'the district chosen')

    # Complete now: Tab, one stop per field, to the first figure; Enter there moves on.
    revenue = app.child(name='Revenue this year', roleName='text')
    tab_to(revenue, 'the first figure', most=12)
    type_into(revenue, '30000000', 'revenue')
    press('Return')
    # The keyboard starts at the first policy listed, the one for the company's location.
    pudong = wait_for(lambda: focused_control(app, PUDONG, 'check box'), 'the Pudong policy focused')
    missing = []
    unnamed_controls(app, missing)
    if missing:
        failures.append('controls without an accessible name on the policies page: ' + ', '.join(missing))
    # Enter on the policy's radio button picks it and moves on, as Enter does on a field.
    next_button = app.child(name='Next', roleName='push button')
    press('Return')

    # Pudong's clause 1 listed: Pudong was chosen.
    clause = wait_for(lambda: live_control(app, '1 · Digital-transformation benchmark projects', 'check box'),
                      'clause 1 on the checklist')
    # Space ticks a clause; Enter on its check box moves on.
    tab_to(clause, 'clause 1')
    press('space')
    press('Return')

    # The clause page starts at its first problem, the yes/no choice; the list opens with
    # Enter, Down picks Yes. One Tab per field then: the kind, the total investment.
    benchmark = wait_for(lambda: controls(app, 'A digital-transformation benchmark project'), 'the benchmark choice')
    wait_for(lambda: any_focused(benchmark), 'the first input of the clause focused')
    press('Return')
    press('Down')
    press('Return')
    investment = app.child(name='Total investment in the project', roleName='text')
    press('Tab')
    press('Tab')
    wait_for(lambda: focused(investment), 'the total investment, two Tabs after the first field')
    type_into(investment, '12000000', 'total investment')
    # Enter moves on to the materials checklist (the page starts at its first control), Tab
    # to Next and Enter on to the review, the last page: Next has nowhere to go.
    press('Return')
    wait_for(lambda: not focused(investment), 'the materials checklist')
    tab_to(next_button, 'Next', most=120)
    press('Return')
    wait_for(lambda: not next_button.sensitive, 'the review page')
    # Clause 1 alone: 50 % of 12,000,000, up to 6,000,000.00 yuan.
    wait_for(lambda: app.findChild(lambda node: node.roleName == 'label' and alive(node)
                                   and '6,000,000.00' in (node.name + text_of(node)),
                                   retry=False, requireResult=False),
             'the expected total on the review')
    # Alt+Left goes back a page, which starts at its first field; Enter there, the page being
    # complete, goes forward again.
    press('<Alt>Left')
    wait_for(lambda: next_button.sensitive, 'the materials checklist again')
    press('<Alt>Left')
    wait_for(lambda: any_focused(benchmark), 'the first field of the clause page focused')
    press('Tab')
    press('Tab')
    wait_for(lambda: focused(investment), 'the total investment')
    press('Return')
    wait_for(lambda: not focused(investment), 'the materials checklist')
    tab_to(next_button, 'Next', most=120)
    press('Return')
    wait_for(lambda: not next_button.sensitive, 'the review page again')


def main():
    env = dict(os.environ)
    env['XDG_DATA_HOME'] = tempfile.mkdtemp(prefix='shenbao-a11y-')
    env['LANGUAGE'] = 'en'
    env['LC_ALL'] = 'C.UTF-8'
    program = subprocess.Popen([sys.argv[1]], env=env, stdout=sys.stderr)
    failures = []
    walked = True
    try:
        app = wait_for(lambda: root.application('shenbao'), 'the program on the accessibility bus')
        wait_for(lambda: app.child(name='New Application', roleName='push button'), 'New Application')
        try:
            walk_with_the_keyboard(app, failures)
        except AssertionError as error:
            walked = False
            traceback.print_exc()
            where = [n.roleName + ' ' + repr(n.name) for n in app.findChildren(focused)]
            failures.append('%s (the focus is on %s)' % (error, ', '.join(where) or 'nothing'))
    finally:
        program.terminate()
        program.wait(10)

    for failure in failures:
        print('FAIL:', failure, file=sys.stderr)
    print('1..1', file=TAP)
    print('ok 1 /shenbao/a11y/keyboard-walk' if not failures and walked
          else 'not ok 1 /shenbao/a11y/keyboard-walk', file=TAP)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
