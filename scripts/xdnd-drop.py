#!/usr/bin/python3
"""Drop files on an X11 window at a screen position, as a file manager would.

Usage: xdnd-drop.py X Y FILE...

xdotool can move and click but cannot drag files between applications, so
this small XDND (version 5) drag source checks Frontier's drag-and-drop
import in the real window under Xvfb: it finds the XdndAware top-level
window under (X, Y), offers the files as text/uri-list and serves the
selection when the window asks for it. It exits 0 when the window accepted
and finished the drop, 1 otherwise. Needs python3-xlib (Debian package).
"""

import os
import sys
import time
import urllib.parse

from Xlib import X, display
from Xlib.protocol import event


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    x, y = int(sys.argv[1]), int(sys.argv[2])
    uris = "".join("file://" + urllib.parse.quote(os.path.abspath(p)) + "\r\n" for p in sys.argv[3:])

    d = display.Display()
    root = d.screen().root
    atom = lambda name: d.intern_atom(name)
    aware, uri_list = atom("XdndAware"), atom("text/uri-list")
    sel, copy = atom("XdndSelection"), atom("XdndActionCopy")

    target = None
    for w in root.query_tree().children:
        try:
            attrs = w.get_attributes()
            if attrs.map_state != X.IsViewable or w.get_full_property(aware, X.AnyPropertyType) is None:
                continue
            g = w.get_geometry()
            pos = w.translate_coords(root, 0, 0)
            wx, wy = -pos.x, -pos.y
            if wx <= x < wx + g.width and wy <= y < wy + g.height:
                target = w
        except Exception:
            continue
    if target is None:
        print("no XdndAware window at %d,%d" % (x, y), file=sys.stderr)
        return 1

    src = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    src.set_selection_owner(sel, X.CurrentTime)

    def send(name, data):
        ev = event.ClientMessage(window=target, client_type=atom(name), data=(32, data))
        target.send_event(ev, event_mask=0)
        d.flush()

    send("XdndEnter", [src.id, 5 << 24, uri_list, 0, 0])
    send("XdndPosition", [src.id, 0, (x << 16) | y, X.CurrentTime, copy])

    dropped, deadline = False, time.time() + 10
    while time.time() < deadline:
        if not d.pending_events():
            time.sleep(0.02)
            continue
        ev = d.next_event()
        if ev.type == X.ClientMessage:
            name = d.get_atom_name(ev.client_type)
            if name == "XdndStatus" and not dropped:
                accepted = ev.data[1][1] & 1
                if not accepted:
                    print("the window refused the drop", file=sys.stderr)
                    send("XdndLeave", [src.id, 0, 0, 0, 0])
                    return 1
                send("XdndDrop", [src.id, 0, X.CurrentTime, 0, 0])
                dropped = True
            elif name == "XdndFinished":
                return 0
        elif ev.type == X.SelectionRequest:
            req = ev.requestor
            prop = ev.property or ev.target
            req.change_property(prop, ev.target, 8, uris.encode())
            note = event.SelectionNotify(time=ev.time, requestor=req, selection=ev.selection,
                                         target=ev.target, property=prop)
            req.send_event(note)
            d.flush()
    print("no XdndFinished from the window within 10 s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
