#!/usr/bin/python3
# atspi-actions.py — moderating the real `vigie --demo` through AT-SPI, as a
# screen-reader user would
#
# Starts the program on the demo workspace with accessibility on, selects a
# flagged comment in the queue, hides it with the key h, takes it back with
# the toast's Undo button, replies to it with a template chosen in the reply
# dialog and sent with its Send button, opens the Activity view from the main
# menu and finds both actions there, then closes the windows and checks that
# the program quits cleanly. Prints TAP.
#
# Needs a display and a session bus (`xvfb-run -a dbus-run-session -- meson
# test --suite ui`), python3-gi, gir1.2-atspi-2.0 and at-spi2-core. Without
# them it skips, unless VIGIE_REQUIRE_DISPLAY is set: then it fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from atspi_harness import *  # noqa: F401,F403 (the shared harness)

N_TESTS = 9


# 1. The window is on the accessibility bus
demo = Demo(N_TESTS)
app = demo.wait_for_app()
finish, bail = demo.finish, demo.bail
frame = wait_for("the window", lambda: find(app, lambda n: role(n) == Atspi.Role.FRAME))
emit(frame is not None and "Vigie" in name(frame),
     "the window is on the AT-SPI bus", "title: %r" % (name(frame) if frame else None))
if frame is None:
    bail("no window")
main_title = name(frame)

# 2. The demo is imported and the queue fills
queue = wait_for("the queue", lambda: find(frame, is_queue))
total = wait_for("the queue to fill", lambda: (queue_count(frame) or 0) >= 300 and queue_count(frame))
emit(queue is not None and bool(total), "the queue fills with the demo's comments",
     "%s comments" % total)
if not total:
    bail("the queue never filled")

# 3. A flagged comment, selected in the queue, shows in the detail. Its
# row's accessible name ends with its flags; replies by the organisation
# itself cannot be replied to
detail = find(frame, lambda n: name(n) == "Comment detail")


def flagged_position():
    return queue_position(queue, lambda row: name(row).startswith("Comment by ") and
                          "Flagged:" in name(row))


position = wait_for("a flagged comment on screen", flagged_position)
author = excerpt = None
shown = False
if position is not None and detail is not None:
    position -= 1
    Atspi.Selection.select_child(queue, position)
    row = next(children(queue.get_child_at_index(position)))
    row_labels = labels_of(row)
    author = row_labels[0]
    excerpt = normalise(name(row)).split(": ", 1)[1].split(" Flagged:")[0].rstrip("…")[:40]

    def detail_shows():
        texts = [normalise(text) for text in labels_of(detail)]
        return author in texts and any(t.startswith(excerpt) for t in texts)

    shown = wait_for("the detail of the flagged comment", detail_shows)
emit(bool(shown), "a flagged comment selected in the queue shows in the detail",
     "%r by %r" % (excerpt, author))
if not shown:
    bail("no flagged comment to act on")

# 4. h hides it: a toast says so and offers to undo. The queue has the
# focus (GTK 4.8 cannot move the focus through AT-SPI)
pump()
press(ord("h"))
undo = wait_for("the toast of the hidden comment", lambda: toast_button(frame, "Undo"))
emit(undo is not None and any("Comment hidden" in t for t in toasts(frame)),
     "h hides the comment and a toast offers to undo it", "toasts: %r" % toasts(frame))

# 5. Undo in the toast takes it back
undone = None
if undo is not None:
    do_action(undo, "click")
    # After the toasts already waiting, if any
    undone = wait_for("the toast of the undo", lambda: any(t.startswith("Undone") for t in toasts(frame)))
emit(bool(undone), "Undo in the toast takes the action back", "toasts: %r" % toasts(frame))

# 6. p opens the reply dialog; another template is chosen in its list
# (opened from the keyboard: Tab past Cancel and Send, Return) and the
# preview follows
Atspi.Selection.select_child(queue, position)
wait_for("the flagged comment again", lambda: author in [normalise(t) for t in labels_of(detail)])
pump()
press(ord("p"))
dialog = wait_for("the reply dialog", lambda: top_level(app, "Reply"))
chosen = None
titles = []
preview_before = preview_after = None
how = None
if dialog is not None:
    combo = wait_for("the template row", lambda: find(
        dialog, lambda n: role(n) == Atspi.Role.COMBO_BOX and name(n) == "Template"))
    preview = find(dialog, lambda n: role(n) == Atspi.Role.TEXT)
    current = labels_of(combo)[-1] if combo is not None else None
    preview_before = preview.get_text(0, -1) if preview is not None else None
    press(0xff09)   # Tab
    press(0xff09)
    press(0xff0d)   # Return
    popover = wait_for("the list of templates", lambda: find(
        dialog, lambda n: name(n) == "GtkPopover"))
    popup = find(popover, lambda n: role(n) == Atspi.Role.LIST) if popover is not None else None
    if popup is not None:
        titles = [" ".join(labels_of(item)) for item in children(popup)]
        # Another template, with the arrow keys and Return: the list opens
        # on its first entry or on the current one, so down, or up when that
        # leaves the choice as it was
        for arrow in (0xff54, 0xff52):   # Down, Up
            if find(dialog, lambda n: name(n) == "GtkPopover") is None:
                press(0xff0d)   # the row has the focus: Return opens the list
            press(arrow)
            press(0xff0d)
            changed = wait_for("another template", lambda: labels_of(combo)[-1] != current,
                               timeout=3)
            if changed:
                chosen = labels_of(combo)[-1]
                how = "with the arrow keys"
                break
    preview_after = wait_for("the new preview", lambda: preview.get_text(0, -1) != preview_before
                             and preview.get_text(0, -1))
emit(dialog is not None and chosen in titles and chosen != current and bool(preview_after),
     "p opens the reply dialog, where choosing a template fills the preview",
     "chosen %r (%s), preview %r" % (chosen, how, (preview_after or "")[:60]))

# 7. Send posts it: the dialog closes and a toast offers to undo
sent = None
if dialog is not None:
    send = find(dialog, lambda n: role(n) == Atspi.Role.PUSH_BUTTON and "Send" in labels_of(n))
    if send is not None:
        do_action(send, "click")
        sent = wait_for("the dialog to close and the toast",
                        lambda: top_level(app, "Reply") is None
                        and any(t.startswith("Reply posted") or t.startswith("Replied")
                                for t in toasts(frame)))
emit(bool(sent), "Send closes the dialog and the reply is queued", "toasts: %r" % toasts(frame))

# 8. The Activity view, opened from the main menu, lists both
activity = None
entry_titles = []
expected = ("Hide — Requested", "Hide — Undone", "Reply — Requested")
if open_from_menu(frame, "Activity"):
    activity = wait_for("the Activity window", lambda: top_level(app, "Activity"))
if activity is not None:
    entries = wait_for("the activity entries", lambda: find(
        activity, lambda n: role(n) == Atspi.Role.LIST and name(n) == "Activity entries"))

    def both():
        entry_titles[:] = [labels_of(row)[0] for row in children(entries) if labels_of(row)]
        return all(t in entry_titles for t in expected)

    wait_for("both actions in the activity", both)
emit(activity is not None and all(t in entry_titles for t in expected),
     "the Activity view, from the main menu, lists the hide, its undo and the reply",
     "entries: %r" % entry_titles[:12])

# 9. Closing the windows quits cleanly and removes the demo workspace
if activity is not None:
    do_action(activity, "window.close")
    wait_for("the Activity window to close", lambda: top_level(app, "Activity") is None)
exited = demo.close(frame)
leftovers = demo.leftovers()
emit(exited == 0 and not leftovers, "closing the windows quits and deletes the demo workspace",
     "exit status %s, left behind: %s" % (exited, leftovers))

finish()
