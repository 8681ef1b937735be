#!/usr/bin/python3
# atspi-training.py — a three-comment training exercise in the real
# `vigie --scenarios tests/fixtures/training/three.json`, through AT-SPI
#
# Starts the training workspace on the three scenarios of the fixture, finds
# the Training mode banner, starts the exercise from it, answers each comment
# with the toggle buttons a trainee would press (right, wrong
# action, right), reads the score from the accessible tree and checks it
# against the expected one (2 of 3 correct; Reply 0 of 1), opens presenter
# mode and drives it with the arrow keys, Space and Escape, then closes the
# windows and checks that the program quits cleanly. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from atspi_harness import *  # noqa: F401,F403 (the shared harness)

N_TESTS = 9

source_dir = os.environ.get("VIGIE_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..")
scenarios = os.path.join(source_dir, "tests", "fixtures", "training", "three.json")
data_home = tempfile.mkdtemp(prefix="vigie-atspi-data-")


def pressed(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.PRESSED) or states.contains(Atspi.StateType.CHECKED)


def toggle(root, label):
    """Presses the toggle button @label (a category or an action)"""
    # GTK 4.8 gives toggle buttons the push-button role, with a pressed state
    node = find(root, lambda n: role(n) in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON)
                and name(n) == label)
    if node is None:
        return False
    if not pressed(node):
        do_action(node, "click")
    return wait_for("%s to be pressed" % label, lambda: pressed(node), timeout=5)


def answer(window, categories, action):
    for category in categories:
        if not toggle(window, category):
            return "no button %r" % category
    if not toggle(window, action):
        return "no button %r" % action
    check = button(window, "Check Answer")
    if check is None:
        return "no Check Answer button"
    do_action(check, "click")
    verdict = wait_for("the verdict", lambda: next(
        (t for t in labels_of(window) if t.startswith("Correct") or t.startswith("Not quite")),
        None))
    return verdict


demo = Demo(N_TESTS, args=["--scenarios", scenarios], env={"XDG_DATA_HOME": data_home})
app = demo.wait_for_app()
finish, bail = demo.finish, demo.bail


def done(code=None):
    shutil.rmtree(data_home, ignore_errors=True)
    finish(code)


# 1. The training workspace, with its banner
frame = wait_for("the window", lambda: find(app, lambda n: role(n) == Atspi.Role.FRAME
                                             and "Vigie" in name(n)))
banner = frame and wait_for("the banner", lambda: "Training mode" in labels_of(frame) and True)
emit(frame is not None and bool(banner), "the training workspace shows the Training mode banner",
     "title %r" % (name(frame) if frame else None))
if frame is None:
    bail("no window")

# 2. Its queue has the three comments
count = wait_for("the queue", lambda: queue_count(frame) == 3 and 3)
emit(count == 3, "the workspace holds the three scenarios", "count %r" % queue_count(frame))

# 3. Start Exercise opens the exercise on the first comment, without flags
start = button(frame, "Start Exercise")
if start is not None:
    do_action(start, "click")
exercise = wait_for("the exercise", lambda: top_level(app, "Training Exercise"))
first = exercise and wait_for("the first comment", lambda: any(
    t.startswith("Gang d'incompétents") for t in labels_of(exercise)))
emit(bool(first) and "Comment 1 of 3" in labels_of(exercise),
     "Start Exercise opens the exercise on comment 1 of 3")
if exercise is None:
    bail("no exercise")

# 4–6. Three answers: right, wrong action, right
answers = [
    (["Insult"], "Hide", "Correct"),
    (["Complaint"], "Keep", "Not quite"),
    (["Spam and advertising"], "Remove", "Correct"),
]
for i, (categories, action, expected) in enumerate(answers):
    verdict = answer(exercise, categories, action)
    ok = isinstance(verdict, str) and verdict.startswith(expected)
    shown_flags = ok and any(t.startswith("Rule:") for t in labels_of(exercise))
    emit(ok and shown_flags, "comment %d: %s + %s gives “%s…”, with Vigie's flags"
         % (i + 1, ", ".join(categories), action, expected), "verdict %r" % verdict)
    next_button = button(exercise, "See the Score" if i == 2 else "Next Comment")
    if next_button is None:
        bail("no Next button")
    do_action(next_button, "click")
    if i < 2:
        wait_for("comment %d" % (i + 2), lambda: "Comment %d of 3" % (i + 2) in labels_of(exercise))

# 7. The score, read from the window
summary = wait_for("the score", lambda: next((t for t in labels_of(exercise)
                                                if t.endswith(" correct")), None))
texts = labels_of(exercise)


def row_value(title):
    """The value after a row's title in the score's lists"""
    for row in walk(exercise):
        labels = labels_of(row)
        if role(row) == Atspi.Role.LIST_ITEM and title in labels:
            return labels[-1]
    return None


reply = row_value("Reply")
hide = row_value("Hide")
emit(summary == "2 of 3 correct" and reply == "0 of 1" and hide == "1 of 1",
     "the score reads 2 of 3 correct, Reply 0 of 1, Hide 1 of 1",
     "summary %r, reply %r, hide %r" % (summary, reply, hide))

# 8. Presenter mode: the arrows move, Space shows the answer, Escape closes
presenter_button = find(exercise, lambda n: role(n) == Atspi.Role.PUSH_BUTTON
                        and name(n) == "Presenter mode")
presenter = None
moved = revealed = closed = False
if presenter_button is not None:
    do_action(presenter_button, "click")
    presenter = wait_for("presenter mode", lambda: top_level(app, "Presenter Mode"))
if presenter is not None:
    # It opens on the exercise's last comment
    at_end = wait_for("the last comment", lambda: "Comment 3 of 3" in labels_of(presenter))
    hidden = not any(t.startswith("Spam and advertising →") for t in labels_of(presenter))
    press(0xff51)   # Left
    back = wait_for("comment 2", lambda: "Comment 2 of 3" in labels_of(presenter))
    press(0xff53)   # Right
    moved = bool(at_end and hidden and back and wait_for(
        "comment 3 again", lambda: "Comment 3 of 3" in labels_of(presenter)))
    press(0x20)     # space
    revealed = wait_for("the answer", lambda: any(t.startswith("Spam and advertising → Remove")
                                                  for t in labels_of(presenter)))
    press(0xff1b)   # Escape
    closed = wait_for("presenter mode to close", lambda: top_level(app, "Presenter Mode") is None)
emit(bool(moved and revealed and closed),
     "presenter mode: ← and → move, Space shows the answer, Escape closes",
     "moved %r, revealed %r, closed %r" % (moved, revealed, closed))

do_action(exercise, "window.close")
wait_for("the exercise to close", lambda: top_level(app, "Training Exercise") is None)


# 9. Hide a comment, then Reset: a new window on the workspace as it was
def handled(root):
    node = find(root, lambda n: name(n).startswith("Handled, "))
    return name(node) if node is not None else None


def frames():
    return [w for w in children(app) if role(w) == Atspi.Role.FRAME and "Vigie" in name(w)]


queue = find(frame, is_queue)
hidden = None
if queue is not None:
    Atspi.Selection.select_child(queue, 0)
    time.sleep(0.3)
    pump()
    press(ord("h"))
    hidden = wait_for("the comment handled", lambda: handled(frame) == "Handled, 1 comment")
reset = button(frame, "Reset…")
new_frame = after = None
if hidden and reset is not None:
    do_action(reset, "click")
    dialog = wait_for("the reset dialog", lambda: next(
        (w for w in children(app) if "Reset the Training Workspace?" in labels_of(w)), None))
    # A message dialog has a second, hidden row of its buttons (for narrow
    # windows): click them all, the hidden one does nothing
    confirm = [n for n in walk(dialog) if is_button(n, "Reset")] if dialog else []
    if confirm:
        for node in confirm:
            do_action(node, "click")
        new_frame = wait_for("the new window", lambda: next(
            (f for f in frames() if f != frame and queue_count(f) == 3), None))
        if new_frame is not None:
            after = wait_for("nothing handled", lambda: handled(new_frame) == "Handled, 0 comments"
                             and handled(new_frame))
emit(bool(hidden) and bool(after) and len(frames()) == 1,
     "after a comment is hidden, Reset gives back the workspace as it was, in a new window",
     "before %r, after %r, windows %d" % (hidden, after, len(frames())))
if new_frame is not None:
    frame = new_frame

demo.close(frame)
done()
