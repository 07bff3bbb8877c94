# SPDX-License-Identifier: BSD-2-Clause
# Judge two decisions of "your scheduler" against the toy-rr model, event by event.
import sys
from ulemodel_oracle import Oracle

with Oracle.spawn(sys.argv[1:] or ["./ulemodel", "serve"]) as oracle:
    oracle.open("toy-rr", "2")                        # model and topology; the boot state is the model's
    create = {"type": "create", "class": "timeshare", "nice": 0, "priority": -1, "fifo": False, "cpuset": None, "on_cpu": 0}
    mine = [{"type": "created", "tid": 0, "parent": -1}, {"type": "switch", "cpu": 0, "from": -1, "to": 0, "reason": "idle"}]
    print(oracle.judge(create, mine)["verdict"])      # conforms
    v = oracle.judge({"type": "block", "cpu": 0, "sleep_pri": 0}, [])  # we forgot to switch CPU 0 to idle
    print(v["verdict"], "-", v["why"])                # diverges - ... the model goes on with #1 ({"type":"switch",...
