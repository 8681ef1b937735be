#!/usr/bin/python3
# atspi-desk.py — the director's desk on the real `vigie --demo`, through
# AT-SPI, as a screen-reader user would
#
# Starts the program on the demo workspace with accessibility on. As a
# delegate (the role by default), picks a comment flagged with a category
# the policy reserves to the director, replies to it (reply dialog, Send)
# and bans its author (the key b): both are only proposed, and a toast says
# they were sent to the director. Switches the profile to director in
# Preferences (the Role row, from the keyboard), opens To Approve from the
# main menu, edits the reply in its dialog and approves it, approves the
# ban, then finds the proposals, the edit and the approvals in the Activity
# view. Prints TAP.
#
# Needs a display and a session bus (`xvfb-run -a dbus-run-session -- meson
# test --suite ui`), python3-gi, gir1.2-atspi-2.0 and at-spi2-core. Without
# them it skips, unless VIGIE_REQUIRE_DISPLAY is set: then it fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from atspi_harness import *  # noqa: F401,F403 (the shared harness)

N_TESTS = 9

# Categories where anything a delegate does needs the director's approval
RESERVED = ("Harassment", "Threat", "Reputation attack", "Illegal content")
SENT = "Sent to the director for approval"
EDITED_REPLY = "Thank you for telling us. Please write to our complaints office, who will look into it."


def button_starting(root, prefix):
    return find(root, lambda n: role(n) == Atspi.Role.PUSH_BUTTON and name(n).startswith(prefix))


# 1. The window is on the accessibility bus and the demo fills the queue
demo = Demo(N_TESTS)
app = demo.wait_for_app()
finish, bail = demo.finish, demo.bail
frame = wait_for("the window", lambda: find(app, lambda n: role(n) == Atspi.Role.FRAME))
queue = wait_for("the queue", lambda: find(frame, is_queue)) if frame is not None else None
total = queue is not None and wait_for(
    "the queue to fill", lambda: (queue_count(frame) or 0) >= 300 and queue_count(frame))
emit(bool(total), "the demo's comments fill the queue", "%s comments" % total)
if not total:
    bail("the queue never filled")
detail = find(frame, lambda n: name(n) == "Comment detail")


# 2. As a delegate, a reply to a comment the policy reserves to the
# director: the reply dialog's Send only proposes it
def is_reserved(row):
    if "Flagged:" not in name(row) or not name(row).startswith("Comment by "):
        return False
    flags = name(row).split("Flagged:", 1)[1]
    return any(category in flags for category in RESERVED)


def reserved_position():
    return queue_position(queue, is_reserved)


position = wait_for("a comment reserved to the director", reserved_position)
author = None
replied = None
if position is not None:
    position -= 1
    Atspi.Selection.select_child(queue, position)
    author = labels_of(next(children(queue.get_child_at_index(position))))[0]
    wait_for("its detail", lambda: author in [normalise(t) for t in labels_of(detail)])
    pump()
    press(ord("p"))
    dialog = wait_for("the reply dialog", lambda: top_level(app, "Reply"))
    send = dialog is not None and wait_for("the Send button", lambda: button(dialog, "Send"))
    if send:
        do_action(send, "click")
        replied = wait_for("the toast of the proposal",
                           lambda: top_level(app, "Reply") is None and
                           any(t.startswith(SENT) for t in toasts(frame)))
emit(bool(replied), "a delegate's reply to a comment reserved to the director is sent to the "
     "director", "comment by %r, toasts: %r" % (author, toasts(frame)))

# 3. and b, ban its author: a proposal too
def author_position():
    """The row of the same author: the queue may have moved since"""
    return queue_position(queue, lambda row: labels_of(row) and normalise(labels_of(row)[0]) == author)


banned = None
if position is not None:
    # The toasts of the reply go first
    wait_for("the reply's toast to go", lambda: not toasts(frame))
    position = wait_for("the comment in the queue", author_position)
    if position is not None:
        Atspi.Selection.select_child(queue, position - 1)
        wait_for("its detail again", lambda: author in [normalise(t) for t in labels_of(detail)])
        pump()
        press(ord("b"))
        banned = wait_for("the toast of the ban",
                          lambda: any(t.startswith(SENT) for t in toasts(frame)))
emit(bool(banned), "b on it is sent to the director for approval as well",
     "toasts: %r" % toasts(frame))

# 4. Preferences: the Role row, from the keyboard, becomes Director
role_now = None
if open_from_menu(frame, "Preferences"):
    prefs = wait_for("the Preferences window", lambda: top_level(app, "Preferences"))
    combo = prefs is not None and wait_for("the Role row", lambda: find(
        prefs, lambda n: role(n) == Atspi.Role.COMBO_BOX and name(n) == "Role"))
    if combo:
        for _ in range(12):
            if is_focused(combo):
                break
            press(0xff09)   # Tab
        if is_focused(combo):
            press(0xff0d)   # Return opens the list of roles
            wait_for("the list of roles", lambda: find(prefs, lambda n: name(n) == "GtkPopover"),
                     timeout=5)
            press(0xff54)   # Down: Director, after Delegate
            press(0xff0d)
            role_now = wait_for("the role to be Director",
                                lambda: labels_of(combo)[-1] == "Director" and "Director",
                                timeout=5)
        do_action(prefs, "window.close")
        wait_for("the Preferences window to close", lambda: top_level(app, "Preferences") is None)
emit(role_now == "Director", "the profile's role is switched to Director in Preferences",
     "role: %r" % role_now)

# 5. To Approve, from the main menu, lists both proposals
desk = None
edit = approve_ban = None
if open_from_menu(frame, "To Approve"):
    desk = wait_for("the To Approve window", lambda: top_level(app, "To Approve"))
if desk is not None:
    edit = wait_for("Edit Reply and Approve", lambda: button_starting(desk, "Edit Reply and Approve"))
    approve_ban = wait_for("Approve Ban Author", lambda: button_starting(desk, "Approve Ban Author"))
emit(edit is not None and approve_ban is not None and
     edit.get_state_set().contains(Atspi.StateType.SENSITIVE),
     "To Approve lists the reply and the ban, the director may decide",
     "buttons: %r" % [name(b) for b in walk(desk) if role(b) == Atspi.Role.PUSH_BUTTON][:8]
     if desk is not None else "no window")

# 6. Edit the reply, then approve it
edited = None
if edit is not None:
    do_action(edit, "click")
    text = wait_for("the reply's text", lambda: next(
        (n for window in children(app) for n in walk(window)
         if role(n) == Atspi.Role.TEXT and name(n) == "Reply"), None))
    if text is not None:
        Atspi.EditableText.set_text_contents(text, EDITED_REPLY)
        dialog = next((w for w in children(app) if text in list(walk(w))), None)
        approve = dialog is not None and button(dialog, "Approve")
        if approve:
            do_action(approve, "click")
            edited = wait_for("the reply to leave the list",
                              lambda: button_starting(desk, "Edit Reply and Approve") is None)
emit(bool(edited), "the reply, edited in its dialog, is approved")

# 7. Approve the ban
approved = None
if approve_ban is not None:
    approve_ban = button_starting(desk, "Approve Ban Author")
    if approve_ban is not None:
        do_action(approve_ban, "click")
        approved = wait_for("the ban to leave the list",
                            lambda: button_starting(desk, "Approve Ban Author") is None)
emit(bool(approved), "the ban is approved and nothing is left to approve")
if desk is not None:
    do_action(desk, "window.close")
    wait_for("To Approve to close", lambda: top_level(app, "To Approve") is None)

# 8. The Activity view has the proposals, the edit and the approvals
expected = ("Ban Author — Proposed to the director", "Ban Author — Approved",
            "Reply — Proposed to the director", "Reply — Reply edited by the director",
            "Reply — Approved")
entry_titles = []
activity = None
if open_from_menu(frame, "Activity"):
    activity = wait_for("the Activity window", lambda: top_level(app, "Activity"))
if activity is not None:
    entries = wait_for("the activity entries", lambda: find(
        activity, lambda n: role(n) == Atspi.Role.LIST and name(n) == "Activity entries"))

    def all_there():
        entry_titles[:] = [labels_of(row)[0] for row in children(entries) if labels_of(row)]
        return all(t in entry_titles for t in expected)

    wait_for("the proposals and approvals in the activity", all_there)
# and the reply that went out, once its grace period was over, is the
# director's: the comment's thread shows it
posted = None
if activity is not None:
    do_action(activity, "window.close")
    wait_for("the Activity window to close", lambda: top_level(app, "Activity") is None)
    position = wait_for("the comment in the queue", author_position)
    if position is not None:
        Atspi.Selection.select_child(queue, position - 1)
        posted = wait_for("the edited reply in the thread", lambda: any(
            EDITED_REPLY in normalise(t) for t in labels_of(detail)))
emit(activity is not None and all(t in entry_titles for t in expected) and bool(posted),
     "the Activity view lists the proposals, the edit and the approvals, and the reply posted "
     "is the edited one", "entries: %r, posted: %r" % (entry_titles[:12], bool(posted)))

# 9. Closing the windows quits cleanly and removes the demo workspace
exited = demo.close(frame)
leftovers = demo.leftovers()
emit(exited == 0 and not leftovers, "closing the windows quits and deletes the demo workspace",
     "exit status %s, left behind: %s" % (exited, leftovers))

finish()
