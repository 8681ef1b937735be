#!/usr/bin/python3
# atspi-triage.py — the real `vigie --demo`, driven through AT-SPI as a
# screen-reader user would drive it
#
# Starts the program on the demo workspace with accessibility on, finds its
# window on the accessibility bus, waits for the queue to fill, types a
# search into the entry named "Search comments", checks that the queue
# narrows, selects a comment and reads it back from the detail, moves on
# with the keyboard, then closes the window and checks the demo's temporary
# folder is gone. Prints TAP.
#
# Needs a display and a session bus (`xvfb-run -a dbus-run-session -- meson
# test --suite ui`), python3-gi, gir1.2-atspi-2.0 and at-spi2-core. Without
# them it skips, unless VIGIE_REQUIRE_DISPLAY is set: then it fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from atspi_harness import *  # noqa: F401,F403 (the shared harness)

N_TESTS = 8


# 1. The window is on the accessibility bus
demo = Demo(N_TESTS)
app = demo.wait_for_app()
finish, bail = demo.finish, demo.bail
frame = wait_for("the window", lambda: find(app, lambda n: role(n) == Atspi.Role.FRAME))
emit(frame is not None and "Vigie" in name(frame),
     "the window is on the AT-SPI bus", "title: %r" % (name(frame) if frame else None))
if frame is None:
    bail("no window")

# 2. The demo is imported and the queue fills
queue = wait_for("the queue", lambda: find(frame, is_queue))
# import and classification share two cores with whatever else runs: a wider bound
total = wait_for("the queue to fill", lambda: (queue_count(frame) or 0) >= 300 and queue_count(frame),
                 timeout=2 * TIMEOUT)
n_rows = queue.get_child_count() if queue is not None else 0
emit(queue is not None and total is not None and n_rows > 0,
     "the queue fills with the demo's comments",
     "%s comments, %d rows on screen" % (total, n_rows))
if not total:
    bail("the queue never filled")

# 3. Every control has a name
unnamed = []
for node in walk(frame):
    if role(node) not in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.ENTRY,
                          Atspi.Role.LIST, Atspi.Role.PROGRESS_BAR, Atspi.Role.CHECK_BOX):
        continue
    text = name(node)
    # libadwaita's own toast close button is not ours to name
    if not text.strip() or re.fullmatch(r"(Gtk|Adw)[A-Za-z]+", text):
        parent = node.get_parent()
        if parent is not None and name(parent) == "AdwToastWidget":
            continue
        unnamed.append("%s %r" % (node.get_role_name(), text))
emit(not unnamed, "every button, entry and list has an accessible name", "\n".join(unnamed))

# 4. A search typed into the entry narrows the queue
entry = find(frame, lambda n: role(n) == Atspi.Role.ENTRY and name(n) == "Search comments")
narrowed = None
if entry is not None:
    # "hôpital", typed without its accent
    Atspi.EditableText.set_text_contents(entry, "hopital")
    narrowed = wait_for("the search results",
                        lambda: (queue_count(frame) or total) < total and queue_count(frame))
    # GtkListView makes rows for what is on screen and a little more: all
    # of them for a short list
    if narrowed is not None and narrowed < 100:
        wait_for("one row per result", lambda: queue.get_child_count() == narrowed)
rows = queue.get_child_count() if queue is not None else 0
emit(entry is not None and narrowed is not None and 0 < narrowed < total and 0 < rows < n_rows
     and (rows == narrowed or narrowed >= 100),
     "a search without accents narrows the queue",
     "entry: %r, %s of %s comments, %d rows" % (name(entry) if entry else None, narrowed, total, rows))

# 5. Selecting a comment shows it in the detail
detail = find(frame, lambda n: name(n) == "Comment detail")
selected_row = None
shown = False
if queue is not None and detail is not None and queue.get_child_count() > 0:
    Atspi.Selection.select_child(queue, 0)
    item = queue.get_child_at_index(0)
    selected_row = next(children(item), None)
    labels = [name(label) for label in walk(selected_row) if role(label) == Atspi.Role.LABEL]
    # author, platform, time, excerpt, then the post when there is one
    author, excerpt = labels[0], normalise(labels[3]).rstrip("…")

    def detail_shows():
        texts = [normalise(name(label)) for label in walk(detail) if role(label) == Atspi.Role.LABEL]
        return author in texts and any(t.startswith(excerpt) for t in texts)

    shown = wait_for("the detail of the selected comment", detail_shows)
    diagnostics = "selected: %r by %r" % (excerpt[:60], author)
else:
    diagnostics = "queue: %r, detail: %r" % (queue, detail)
emit(bool(shown), "selecting a comment shows its text and author in the detail", diagnostics)

# 6. j moves to the next comment: a key press when the keyboard can be
# synthesised, the window's action (the same code) otherwise
before = None
after = None
how = None
if shown:
    texts_before = [name(label) for label in walk(detail) if role(label) == Atspi.Role.LABEL]
    # The queue has the focus since it filled (GTK 4.8 cannot move the
    # focus through AT-SPI)
    pump()
    if Atspi.generate_keyboard_event(ord("j"), None, Atspi.KeySynthType.SYM):
        how = "key j"
        after = wait_for("the next comment", lambda: [name(label) for label in walk(detail)
                                                     if role(label) == Atspi.Role.LABEL] != texts_before,
                         timeout=5)
    if not after:
        how = "action win.next-comment"
        do_action(frame, "win.next-comment")
        after = wait_for("the next comment", lambda: [name(label) for label in walk(detail)
                                                     if role(label) == Atspi.Role.LABEL] != texts_before)
emit(bool(after), "the keyboard moves to the next comment", "by %s" % how)

# 7. Clearing the search brings the whole queue back
if entry is not None:
    Atspi.EditableText.set_text_contents(entry, "")
back = wait_for("the whole queue", lambda: queue_count(frame) == total)
emit(back is not None, "clearing the search brings every comment back", "%s comments" % queue_count(frame))

# 8. Closing the window quits and removes the demo's temporary folder
exited = demo.close(frame)
leftovers = demo.leftovers()
emit(exited == 0 and not leftovers, "closing the window quits and deletes the demo workspace",
     "exit status %s, left behind: %s" % (exited, leftovers))

finish()
