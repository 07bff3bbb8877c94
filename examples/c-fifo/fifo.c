// SPDX-License-Identifier: BSD-2-Clause
/*
 * A small scheduler under test: one FIFO per CPU, a slice of 10 ticks, new threads on the least
 * loaded CPU -- and woken threads back on the CPU they last ran on (cache affinity), which is where
 * it differs from the toy-rr model it is judged by (that model puts a woken thread on the least
 * loaded CPU too). It speaks the answering side of ulemodel's oracle protocol (docs/protocol.md):
 * one JSON object per line on stdin (an open message, then events), one reply per line on stdout.
 *
 *   cc -O2 -o fifo fifo.c
 *   ulemodel fuzz --exec ./fifo --model toy-rr --mix uniprocessor --max-cpus 4
 *
 * The JSON reading is deliberately minimal: it relies on ulemodel's compact messages (no spaces).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CPUS 64
#define MAX_THREADS 4096
#define SLICE 10

enum { NONE, QUEUED, RUNNING, SLEEPING, EXITED };

static int ncpu;
static long elapsed;
static int running[MAX_CPUS];
static int fifo[MAX_CPUS][MAX_THREADS];
static int fifo_len[MAX_CPUS];
static int nthreads;
static int tstate[MAX_THREADS], tcpu[MAX_THREADS];
static uint64_t tset[MAX_THREADS];

static char out[1 << 16];
static size_t out_len;
static int out_count;

/* Appends one decision object to the reply being built. */
static void emit(const char *fmt, ...) {
    va_list ap;
    if (out_count++ > 0) {
        out[out_len++] = ',';
    }
    va_start(ap, fmt);
    out_len += (size_t)vsnprintf(out + out_len, sizeof out - out_len, fmt, ap);
    va_end(ap);
}

/* The value after "key": in s, or NULL. */
static const char *field(const char *s, const char *key) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(s, pat);
    return p ? p + strlen(pat) : NULL;
}

static long num(const char *s, const char *key, long dflt) {
    const char *p = field(s, key);
    return p ? strtol(p, NULL, 10) : dflt;
}

/* A cpuset: null (every CPU) or an array of CPU numbers. */
static uint64_t cpuset(const char *s) {
    const char *p = field(s, "cpuset");
    if (!p || *p == 'n') {
        return ncpu == 64 ? ~0ULL : (1ULL << ncpu) - 1;
    }
    uint64_t m = 0;
    for (p++; *p && *p != ']';) {
        char *end;
        long c = strtol(p, &end, 10);
        if (end == p) {
            break;
        }
        m |= 1ULL << c;
        p = *end == ',' ? end + 1 : end;
    }
    return m;
}

static int load(int c) {
    return fifo_len[c] + (running[c] >= 0);
}

static void switch_next(int c, const char *why) {
    int from = running[c];
    if (fifo_len[c] == 0) {
        running[c] = -1;
    } else {
        int next = fifo[c][0];
        memmove(fifo[c], fifo[c] + 1, sizeof(int) * (size_t)--fifo_len[c]);
        running[c] = next;
        tstate[next] = RUNNING;
    }
    if (from != running[c]) {
        emit("{\"type\":\"switch\",\"cpu\":%d,\"from\":%d,\"to\":%d,\"reason\":\"%s\"}", c, from, running[c], why);
    }
}

static void queue_on(int t, int c) {
    fifo[c][fifo_len[c]++] = t;
    tstate[t] = QUEUED;
    tcpu[t] = c;
    if (running[c] < 0) {
        switch_next(c, "idle");
    }
}

/* Puts t on the least loaded CPU of its set (lowest number on a tie), or, when it wakes, back where it ran. */
static void enqueue(int t, int waking) {
    int best = -1;
    if (waking && tcpu[t] >= 0 && (tset[t] >> tcpu[t] & 1)) {
        best = tcpu[t];
    } else {
        for (int c = 0; c < ncpu; c++) {
            if ((tset[t] >> c & 1) && (best < 0 || load(c) < load(best))) {
                best = c;
            }
        }
    }
    if (tcpu[t] >= 0 && tcpu[t] != best) {
        emit("{\"type\":\"migrate\",\"tid\":%d,\"from\":%d,\"to\":%d,\"reason\":\"wakeup\"}", t, tcpu[t], best);
    }
    queue_on(t, best);
}

static void new_thread(uint64_t set, int parent) {
    int t = nthreads++;
    tcpu[t] = -1;
    tset[t] = set;
    emit("{\"type\":\"created\",\"tid\":%d,\"parent\":%d}", t, parent);
    enqueue(t, 0);
}

static void open_session(const char *msg) {
    ncpu = (int)num(msg, "cpus", 1);
    elapsed = 0;
    nthreads = 0;
    for (int c = 0; c < MAX_CPUS; c++) {
        running[c] = -1;
        fifo_len[c] = 0;
    }
    puts("{\"reply\":\"opened\"}");
}

/* Handles one event; returns 0, or -1 for an event this scheduler does not take. */
static int event(const char *ev, const char *type) {
    int cpu = (int)num(ev, "cpu", 0);
    if (!strcmp(type, "tick")) {
        if (++elapsed % SLICE == 0) {
            for (int c = 0; c < ncpu; c++) {
                int cur = running[c];
                if (cur >= 0 && fifo_len[c] > 0) {
                    fifo[c][fifo_len[c]++] = cur;
                    tstate[cur] = QUEUED;
                    switch_next(c, "slice_end");
                }
            }
        }
    } else if (!strcmp(type, "create")) {
        new_thread(cpuset(ev), -1);
    } else if (!strcmp(type, "fork")) {
        new_thread(tset[running[cpu]], running[cpu]);
    } else if (!strcmp(type, "block")) {
        tstate[running[cpu]] = SLEEPING;
        switch_next(cpu, "sleep");
    } else if (!strcmp(type, "yield")) {
        int t = running[cpu];
        fifo[cpu][fifo_len[cpu]++] = t;
        tstate[t] = QUEUED;
        switch_next(cpu, "yield");
    } else if (!strcmp(type, "exit")) {
        int t = running[cpu];
        tstate[t] = EXITED;
        emit("{\"type\":\"exited\",\"tid\":%d}", t);
        switch_next(cpu, "exit");
    } else if (!strcmp(type, "wake")) {
        enqueue((int)num(ev, "tid", 0), 1);
    } else if (!strcmp(type, "idle_loop")) {
        switch_next(cpu, "idle");
    } else if (strcmp(type, "set_nice") != 0) {
        return -1;
    }
    return 0;
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        const char *ev = field(line, "event");
        if (!ev) {
            open_session(line);
        } else {
            long n = num(line, "n", 0);
            char type[32] = "";
            const char *t = field(ev, "type");
            if (t && *t == '"') {
                sscanf(t + 1, "%31[a-z_]", type);
            }
            out_len = 0;
            out_count = 0;
            if (event(ev, type) < 0) {
                printf("{\"reply\":\"error\",\"message\":\"unsupported event type %s\"}\n", type);
            } else {
                printf("{\"reply\":\"decisions\",\"n\":%ld,\"decisions\":[%.*s]}\n", n, (int)out_len, out);
            }
        }
        fflush(stdout);
    }
    free(line);
    return 0;
}
