# SPDX-License-Identifier: BSD-2-Clause
# A per-CPU FIFO scheduler in Python that answers `ulemodel fuzz` (toy-rr's policy: new and woken
# threads on the least loaded CPU of their set, a slice of 10 ticks):
#   ./ulemodel fuzz --exec "python3 clients/python/fifo_sched.py" --model toy-rr --mix uniprocessor --max-cpus 4
from ulemodel_oracle import serve_implementation

S = {}


def open_session(header):
    S.update(n=header["cpus"], ticks=0, run=[-1] * header["cpus"], q=[[] for _ in range(header["cpus"])], cpu=[], sets=[])


def switch(c, why, out):
    before = S["run"][c]
    S["run"][c] = S["q"][c].pop(0) if S["q"][c] else -1
    if before != S["run"][c]:
        out.append({"type": "switch", "cpu": c, "from": before, "to": S["run"][c], "reason": why})


def enqueue(t, out):
    load = lambda c: len(S["q"][c]) + (S["run"][c] >= 0)
    best = min((c for c in S["sets"][t]), key=lambda c: (load(c), c))
    if S["cpu"][t] >= 0 and S["cpu"][t] != best:
        out.append({"type": "migrate", "tid": t, "from": S["cpu"][t], "to": best, "reason": "wakeup"})
    S["cpu"][t] = best
    S["q"][best].append(t)
    if S["run"][best] < 0:
        switch(best, "idle", out)


def new_thread(cpus, parent, out):
    t = len(S["cpu"])
    S["cpu"].append(-1)
    S["sets"].append(cpus)
    out.append({"type": "created", "tid": t, "parent": parent})
    enqueue(t, out)


def decide(e):
    out, kind, c = [], e["type"], e.get("cpu", 0)
    if kind == "tick":
        S["ticks"] += 1
        for cpu in range(S["n"]):
            if S["ticks"] % 10 == 0 and S["run"][cpu] >= 0 and S["q"][cpu]:
                S["q"][cpu].append(S["run"][cpu])
                switch(cpu, "slice_end", out)
    elif kind == "create":
        new_thread(e["cpuset"] if e["cpuset"] is not None else list(range(S["n"])), -1, out)
    elif kind == "fork":
        new_thread(S["sets"][S["run"][c]], S["run"][c], out)
    elif kind == "block":
        switch(c, "sleep", out)
    elif kind == "yield":
        S["q"][c].append(S["run"][c])
        switch(c, "yield", out)
    elif kind == "exit":
        out.append({"type": "exited", "tid": S["run"][c]})
        switch(c, "exit", out)
    elif kind == "wake":
        enqueue(e["tid"], out)
    elif kind == "idle_loop":
        switch(c, "idle", out)
    elif kind != "set_nice":
        raise ValueError("unsupported event " + kind)
    return out


serve_implementation(decide, open_session)
