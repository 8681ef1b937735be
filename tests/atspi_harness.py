# atspi_harness.py — what the AT-SPI tests share: TAP output, the checks
# that skip without a display or a bus, and helpers to find and drive the
# accessible objects of the real `vigie` program.
#
# The tests import everything from it: `from atspi_harness import *`.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import warnings

# libatspi marks its per-interface getters deprecated; they are what works
# on Debian 12's at-spi2-core 2.46
warnings.filterwarnings("ignore", category=DeprecationWarning)

TIMEOUT = 30.0
REQUIRE = bool(os.environ.get("VIGIE_REQUIRE_DISPLAY"))

results = []


def emit(ok, description, diagnostics=None):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), description))
    for line in (diagnostics or "").splitlines():
        print("# " + line)
    sys.stdout.flush()


def skip_all(reason):
    if REQUIRE:
        print("1..1")
        print("not ok 1 - %s (VIGIE_REQUIRE_DISPLAY is set)" % reason)
        sys.exit(1)
    print("1..0 # SKIP %s" % reason)
    sys.exit(0)


if not os.environ.get("DISPLAY"):
    skip_all("no display; run under xvfb-run")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip_all("no session bus; run under dbus-run-session")

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as e:
    skip_all("no AT-SPI bindings (python3-gi, gir1.2-atspi-2.0): %s" % e)

if Atspi.init() not in (0, 1):   # 1: already initialised
    skip_all("AT-SPI cannot start")

build_dir = os.environ.get("VIGIE_BUILD_DIR") or os.path.join(os.path.dirname(__file__), "..", "build")
program = os.path.join(build_dir, "src", "ui", "vigie")
if not os.access(program, os.X_OK):
    print("Bail out! %s is not built" % program)
    sys.exit(1)


def pump():
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_for(what, func, timeout=TIMEOUT):
    """Polls func() until it returns something true, or returns None"""
    deadline = time.monotonic() + timeout
    while True:
        pump()
        try:
            value = func()
        except GLib.Error:
            value = None    # an object went away while we looked at it
        if value:
            return value
        if time.monotonic() > deadline:
            print("# timed out waiting for %s" % what)
            return None
        time.sleep(0.05)


def children(node):
    try:
        n = node.get_child_count()
    except GLib.Error:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            yield child


def walk(node, into_queue=False):
    """Every descendant, without the queue's rows unless asked"""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_queue and is_queue(current):
            continue
        stack.extend(reversed(list(children(current))))


def role(node):
    try:
        return node.get_role()
    except GLib.Error:
        return None


def name(node):
    try:
        return node.get_name() or ""
    except GLib.Error:
        return ""


def is_queue(node):
    return role(node) == Atspi.Role.LIST and name(node) == "Comment queue"


def find(root, predicate, into_queue=False):
    for node in walk(root, into_queue):
        if predicate(node):
            return node
    return None


def normalise(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_count(text):
    """'1,234 comments', '1 234 matching comments' → 1234"""
    match = re.match(r"^\s*([\d\s,.\u00a0\u202f]+)\s", text)
    if match is None:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def queue_count(frame):
    """The number under the queue's title (AdwWindowTitle: title, subtitle)"""
    for node in walk(frame):
        if name(node) != "AdwWindowTitle":
            continue
        labels = [name(label) for label in walk(node) if role(label) == Atspi.Role.LABEL]
        if len(labels) == 2 and labels[0] != "Vigie":
            return parse_count(labels[1])
    return None


def do_action(node, action):
    for i in range(node.get_n_actions()):
        if node.get_action_name(i) == action:
            return node.do_action(i)
    return False


def labels_of(node):
    """The text of every label below @node"""
    return [name(label) for label in walk(node) if role(label) == Atspi.Role.LABEL]


def press(keysym):
    """A key, typed on the keyboard"""
    ok = Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    time.sleep(0.2)
    pump()
    return ok


def top_level(app, title):
    """The window of @app titled @title, or None"""
    for window in children(app):
        if name(window) == title:
            return window
    return None


def is_focused(node):
    try:
        return node.get_state_set().contains(Atspi.StateType.FOCUSED)
    except GLib.Error:
        return False


def is_button(node, label):
    """A push button named @label, or showing it"""
    return role(node) == Atspi.Role.PUSH_BUTTON and (name(node) == label or label in labels_of(node))


def button(root, label):
    return find(root, lambda n: is_button(n, label))


def toasts(frame):
    """The text of the toasts on screen"""
    return [" ".join(labels_of(node)) for node in walk(frame) if name(node) == "AdwToastWidget"]


def toast_button(frame, label):
    """The button showing @label in a toast on screen, or None"""
    for node in walk(frame):
        if name(node) != "AdwToastWidget":
            continue
        for child in walk(node):
            if role(child) == Atspi.Role.PUSH_BUTTON and label in labels_of(child):
                return child
    return None


def open_from_menu(frame, item_name):
    """Clicks @item_name in the main menu of @frame; False when it is not there"""
    menu_button = find(frame, lambda n: role(n) == Atspi.Role.PUSH_BUTTON and
                       name(n) == "Main menu" and n.get_n_actions() > 0)
    if menu_button is None:
        return False
    do_action(menu_button, "click")
    item = wait_for("the %s menu item" % item_name, lambda: find(
        frame, lambda n: role(n) == Atspi.Role.MENU_ITEM and name(n) == item_name))
    return item is not None and do_action(item, "click")


def queue_position(queue, predicate):
    """1 + the index of the first row of @queue on screen for which
    predicate(row) holds (0 is false), or None"""
    for i, item in enumerate(children(queue)):
        row = next(children(item), None)
        if row is not None and predicate(row):
            return i + 1
    return None


class Demo:
    """The real `vigie` (`--demo` unless other @args are given), with
    accessibility on (the test environment turns it off for the other
    tests), in English so that names are known, and with a runtime folder of
    its own, to check that the demo cleans up after itself. @env is added to
    the environment."""

    def __init__(self, n_tests, args=("--demo",), env=None):
        self.n_tests = n_tests
        self.args = list(args)
        self.runtime_dir = tempfile.mkdtemp(prefix="vigie-atspi-")
        os.chmod(self.runtime_dir, 0o700)
        self.env = dict(os.environ)
        self.env.pop("GTK_A11Y", None)
        self.env.pop("NO_AT_BRIDGE", None)
        self.env.update({
            "LC_ALL": "C.UTF-8",
            "LANGUAGE": "",
            "XDG_RUNTIME_DIR": self.runtime_dir,
            "GSETTINGS_BACKEND": "memory",
            "GDK_BACKEND": "x11",
        })
        self.env.update(env or {})
        self.log = tempfile.TemporaryFile(mode="w+")
        # The registry must be up before the program starts: GTK announces
        # its window to it once, at start, and a window announced too early
        # is never seen
        for _ in range(50):
            try:
                Atspi.get_desktop(0).get_child_count()
                break
            except GLib.Error:
                time.sleep(0.1)
        self.process = self._start()

    def _start(self):
        return subprocess.Popen([program] + self.args, env=self.env, stdout=self.log,
                                stderr=subprocess.STDOUT)

    def _stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def finish(self, code=None):
        self._stop()
        if code is None:
            code = 0 if all(results) and len(results) == self.n_tests else 1
        if code != 0:
            self.log.seek(0)
            for line in self.log.read().splitlines()[-40:]:
                print("# vigie: " + line)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)
        sys.exit(code)

    def close(self, frame):
        """Closes the window @frame and waits for the program to quit: its
        exit status, None when it did not quit"""
        do_action(frame, "window.close")
        try:
            self.process.wait(TIMEOUT)
            return self.process.returncode
        except subprocess.TimeoutExpired:
            return None

    def leftovers(self):
        """What the demo left in its runtime folder"""
        return glob.glob(os.path.join(self.runtime_dir, "vigie-demo-*"))

    def bail(self, reason):
        print("Bail out! " + reason)
        self.finish(1)

    def _find_app(self):
        for app in children(Atspi.get_desktop(0)):
            try:
                if app.get_process_id() == self.process.pid:
                    return app
            except GLib.Error:
                pass
        return None

    def wait_for_app(self):
        """The program on the accessibility bus; prints the TAP plan"""
        app = wait_for("the application on the accessibility bus", self._find_app,
                       timeout=TIMEOUT / 2)
        if app is None and self.process.poll() is None:
            # Announced before the registry listened: start it once more
            self._stop()
            print("# the window was not announced on the AT-SPI bus; starting the program again")
            self.process = self._start()
            app = wait_for("the application on the accessibility bus", self._find_app,
                           timeout=TIMEOUT / 2)
        if app is None:
            if not REQUIRE:
                # The bus is there but nothing shows: AT-SPI does not work here
                self._stop()
                shutil.rmtree(self.runtime_dir, ignore_errors=True)
                skip_all("the application never appeared on the AT-SPI bus")
            print("1..%d" % self.n_tests)
            self.bail("the application never appeared on the AT-SPI bus")
        print("1..%d" % self.n_tests)
        app.set_cache_mask(Atspi.Cache.NONE)
        return app
