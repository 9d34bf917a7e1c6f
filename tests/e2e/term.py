"""A terminal for end-to-end tests: runs wa-review in a pseudo-terminal (pexpect) and keeps
what it shows in a screen emulator (pyte), so tests wait for text to appear instead of
sleeping, and read cells' colours where colour is what matters.

Needs Debian's python3-pexpect and python3-pyte (under /usr/bin/python3)."""

import os
import signal
import time

import pexpect
import pyte

# What keys send in the terminal modes ncurses sets (keypad on: application cursor keys).
KEY = {
    "up": "\x1bOA", "down": "\x1bOB", "right": "\x1bOC", "left": "\x1bOD",
    "home": "\x1bOH", "end": "\x1bOF", "pgup": "\x1b[5~", "pgdn": "\x1b[6~",
    "del": "\x1b[3~", "backspace": "\x7f", "tab": "\t", "btab": "\x1b[Z",
    "enter": "\r", "esc": "\x1b", "ctrl-u": "\x15", "ctrl-l": "\x0c",
}

# Long enough for an ASan build on a busy machine; tests wait for content, never this long
# when things work.
TIMEOUT = float(os.environ.get("WA_E2E_TIMEOUT", "15"))


class Failure(Exception):
    pass


class Term:
    def __init__(self, wa, args, env, rows=24, cols=80, cwd=None):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        self.child = pexpect.spawn(wa, args, env=env, cwd=cwd, dimensions=(rows, cols))

    # -- reading --
    def pump(self, wait=0.05):
        """Feeds whatever the program wrote to the screen; False once it has exited."""
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=wait)
                self.raw += data
                self.stream.feed(data)
                wait = 0
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False

    def text(self):
        return "\n".join(self.screen.display)

    def line(self, y):
        return self.screen.display[y]

    def cell(self, y, x):
        return self.screen.buffer[y][x]

    def wait_until(self, pred, what, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        while True:
            alive = self.pump()
            if pred():
                return
            if not alive or time.monotonic() > end:
                raise Failure("%s did not happen%s; the screen shows:\n%s" %
                              (what, "" if alive else " (the program exited)", self.text()))

    def wait_for(self, text, timeout=TIMEOUT):
        self.wait_until(lambda: text in self.text(), "'%s' on screen" % text, timeout)

    def wait_gone(self, text, timeout=TIMEOUT):
        self.wait_until(lambda: text not in self.text(), "'%s' gone" % text, timeout)

    # -- writing --
    def send(self, s):
        self.child.send(s.encode("utf-8") if isinstance(s, str) else s)

    def key(self, name):
        self.send(KEY[name])

    def click(self, y, x):
        """A left-button press at screen row y, column x (0-based), as xterm reports it."""
        self.send("\x1b[<0;%d;%dM" % (x + 1, y + 1))
        self.send("\x1b[<0;%d;%dm" % (x + 1, y + 1))

    def resize(self, rows, cols):
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    # -- ending --
    def wait_exit(self, timeout=TIMEOUT):
        """Waits for the program to end; returns (exit status, signal)."""
        end = time.monotonic() + timeout
        while self.pump():
            if time.monotonic() > end:
                raise Failure("the program did not exit; the screen shows:\n" + self.text())
        self.child.close()
        return self.child.exitstatus, self.child.signalstatus

    def kill(self, sig=signal.SIGKILL):
        if self.child.isalive():
            self.child.kill(sig)
