# SPDX-License-Identifier: BSD-2-Clause
"""Client of ulemodel's lockstep oracle protocol (docs/protocol.md), standard library only.

Two sides, one per way of being judged:

* ``Oracle`` talks to ``ulemodel serve`` (a child process, or ``--port N`` on 127.0.0.1): open a
  session, then send each event with your scheduler's decisions and get the verdict at once
  (``judge``), or ask the model's own decisions (``predict``).
* ``serve_implementation`` is the other side, for ``ulemodel fuzz --exec "python3 yours.py"``:
  it reads the open message and events from stdin and answers each event with what your
  ``decide`` function returns.

Events and decisions are dicts in the JSONL decision trace's shape (docs/decisions-jsonl.md).
"""
import json
import socket
import subprocess
import sys

PROTOCOL = 1


class ProtocolError(Exception):
    """An error reply of the server: ``reply`` holds it (line, column, field, message)."""

    def __init__(self, reply):
        super().__init__(reply.get("message", str(reply)))
        self.reply = reply


class Oracle:
    """A session with ``ulemodel serve``; use ``spawn`` or ``connect``, then ``open``."""

    def __init__(self, reader, writer, closer=None):
        self._in = reader
        self._out = writer
        self._closer = closer
        self._n = 0
        self.header = None

    @classmethod
    def spawn(cls, command=("ulemodel", "serve")):
        """Runs ``command`` (a list, e.g. ``["./ulemodel", "serve"]``) and talks to it over pipes."""
        p = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

        def close():
            p.stdin.close()
            p.wait()

        return cls(p.stdout, p.stdin, close)

    @classmethod
    def connect(cls, port, host="127.0.0.1"):
        """Talks to ``ulemodel serve --port PORT``."""
        s = socket.create_connection((host, port))
        f = s.makefile("rw", encoding="utf-8", newline="\n")

        def close():
            f.close()
            s.close()

        return cls(f, f, close)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._closer:
            self._closer()
            self._closer = None

    def _send(self, message):
        self._out.write(json.dumps(message, separators=(",", ":")) + "\n")
        self._out.flush()
        line = self._in.readline()
        if not line:
            raise EOFError("ulemodel serve closed the connection")
        reply = json.loads(line)
        if reply.get("reply") == "error":
            raise ProtocolError(reply)
        return reply

    def open(self, model, topology, mode="judge", randomval=None):
        """Opens a session of ``model`` on ``topology`` ("2x4x2"); returns the whole header (boot random state included)."""
        msg = {"protocol": PROTOCOL, "mode": mode, "model": model, "topology": topology}
        if randomval is not None:
            msg["cpus"] = len(randomval)
            msg["randomval"] = list(randomval)
        self.header = self._send(msg)
        self._n = 0
        return self.header

    def judge(self, event, decisions, t_ns=None):
        """Sends one event with your decisions; returns the verdict reply (``reply["verdict"]``:
        conforms, conforms_other_random, diverges — with ``why``, ``model``, ``allowed`` — or refused)."""
        self._n += 1
        msg = {"n": self._n, "event": event, "decisions": decisions}
        if t_ns is not None:
            msg["t_ns"] = t_ns
        return self._send(msg)

    def predict(self, event):
        """Sends one event (predict mode); returns the model's decisions."""
        self._n += 1
        return self._send({"n": self._n, "event": event})["decisions"]


def serve_implementation(decide, open_session=None, stdin=None, stdout=None):
    """Answers ``ulemodel fuzz`` on stdin/stdout: ``open_session(header)`` at each open message
    (the header has model, topology, cpus, randomval), ``decide(event)`` for each event, returning
    its list of decisions. An exception from ``decide`` is sent as an error reply (the event is
    refused); the session goes on."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for line in stdin:
        msg = json.loads(line)
        if "event" not in msg:
            if open_session:
                open_session(msg)
            reply = {"reply": "opened"}
        else:
            try:
                reply = {"reply": "decisions", "n": msg["n"], "decisions": decide(msg["event"])}
            except Exception as e:  # the implementation refuses the event
                reply = {"reply": "error", "message": "%s: %s" % (type(e).__name__, e)}
        stdout.write(json.dumps(reply, separators=(",", ":")) + "\n")
        stdout.flush()
