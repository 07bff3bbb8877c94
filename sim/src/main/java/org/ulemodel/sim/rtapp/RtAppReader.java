// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ulemodel.sim.rtapp.Workload.Policy;
import org.ulemodel.sim.rtapp.Workload.Sched;
import org.ulemodel.sim.rtapp.Workload.Step;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.json.JsonDocReader;
import org.ulemodel.trace.json.JsonNode;

/**
 * Reads an rt-app workload file (scheduler-tools/rt-app doc/tutorial.txt) into a {@link Workload}.
 * Event keys are matched by prefix as rt-app does ({@code "run1"}, {@code "runtime2"},
 * {@code "sleep3"}), repeated keys are a sequence in document order, and a thread object without
 * {@code phases} is its own single phase. Keys the model cannot honour (SCHED_DEADLINE, mem,
 * iorun, util clamps, …) and keys rt-app does not know are errors naming the key at
 * FILE:LINE:COLUMN; settings that only concern rt-app's host side (logging, calibration,
 * taskgroup) are accepted and listed in {@link Workload#notes()}.
 *
 * <p>The lists below ({@link #TOP_KEYS}, {@link #EVENTS}, …) are the reader's gates: a key
 * outside them is refused, and every key in them is handled. {@link #features()} names them all;
 * the example workloads of {@code examples/workloads} must together use every one (a test
 * checks it), so a feature cannot be added here without an example showing it.
 */
public final class RtAppReader {
    /** Longest time value accepted, in microseconds (about 11.5 days). */
    public static final long MAX_US = 1_000_000_000_000L;
    /** Most thread instances one workload may start. */
    public static final int MAX_INSTANCES = 4096;

    /** Top-level keys. */
    static final List<String> TOP_KEYS = List.of("tasks", "global", "resources");
    /** Keys of {@code global} that the simulation honours. */
    static final List<String> GLOBAL_KEYS = List.of("duration", "default_policy", "pi_enabled");
    /** Keys of {@code global} that are this project's extensions, not rt-app's: offloaded CPUs and run-time policy switches. */
    static final List<String> OUR_GLOBALS = List.of("ulemodel_offload", "ulemodel_switch");
    /** Keys of {@code global} that only concern rt-app's host side: accepted, noted, ignored. */
    static final List<String> HOST_GLOBALS = List.of("calibration", "cumulative_slack", "frag", "ftrace", "gnuplot",
            "io_device", "lock_pages", "log_basename", "log_size", "logdir", "mem_buffer_size");
    /** Keys of a task besides scheduling keys and events. */
    static final List<String> TASK_KEYS = List.of("instance", "delay", "loop", "phases");
    /** Keys of a phase besides scheduling keys and events. */
    static final List<String> PHASE_KEYS = List.of("loop");
    /** Scheduling keys, accepted in a task and in a phase. */
    static final List<String> SCHED_KEYS = List.of("policy", "priority", "cpus", "taskgroup");
    /** Event names in rt-app's matching order: a key is the first event whose name it starts with. */
    static final List<String> EVENTS = List.of("lock", "unlock", "wait", "signal", "broad", "sync", "sleep", "runtime", "run",
            "timer", "suspend", "resume", "yield", "barrier", "fork");
    /** The fields of the events whose value is an object. */
    static final Map<String, List<String>> EVENT_FIELDS = Map.of("wait", List.of("ref", "mutex"), "sync", List.of("ref", "mutex"),
            "timer", List.of("ref", "period", "mode"));
    /** Values of a timer's {@code mode}. */
    static final List<String> TIMER_MODES = List.of("relative", "absolute");
    /** Ways of writing events: directly in a task (one implicit phase), a key repeated in one object, a numbered key ("run2"). */
    static final List<String> EVENT_FORMS = List.of("in-task", "repeated", "numbered");

    /**
     * Every feature the reader accepts, as {@code FEATURE} names: {@code top.KEY},
     * {@code global.KEY}, {@code task.KEY} and {@code phase.KEY} (scheduling keys at both levels),
     * {@code event.NAME}, {@code event.NAME.FIELD}, {@code policy.NAME}, {@code timer.mode.MODE},
     * {@code form.FORM} and the JSON dialect's {@code json.…} ({@link JsonDocReader#dialectFeatures()}).
     */
    static Set<String> features() {
        Set<String> f = new LinkedHashSet<>();
        TOP_KEYS.forEach(k -> f.add("top." + k));
        GLOBAL_KEYS.forEach(k -> f.add("global." + k));
        OUR_GLOBALS.forEach(k -> f.add("global." + k));
        HOST_GLOBALS.forEach(k -> f.add("global." + k));
        TASK_KEYS.forEach(k -> f.add("task." + k));
        PHASE_KEYS.forEach(k -> f.add("phase." + k));
        SCHED_KEYS.forEach(k -> f.add("task." + k));
        SCHED_KEYS.forEach(k -> f.add("phase." + k));
        for (String e : EVENTS) {
            f.add("event." + e);
            EVENT_FIELDS.getOrDefault(e, List.of()).forEach(x -> f.add("event." + e + "." + x));
        }
        Arrays.stream(Policy.values()).forEach(p -> f.add("policy." + p.name()));
        TIMER_MODES.forEach(m -> f.add("timer.mode." + m));
        EVENT_FORMS.forEach(x -> f.add("form." + x));
        f.addAll(JsonDocReader.dialectFeatures());
        return Collections.unmodifiableSet(f);
    }

    private static final Set<String> FEATURES = features();

    /**
     * The features of {@link #features()} that a workload uses, except the {@code json.…} ones
     * (the parser skips comments and trailing commas without telling); for tests.
     */
    static Set<String> featuresUsed(String source, String text) {
        RtAppReader r = new RtAppReader(source);
        r.workload(JsonDocReader.read(source, new StringReader(text)));
        return Collections.unmodifiableSet(r.used);
    }

    private final String source;
    private final List<String> notes = new ArrayList<>();
    private final Set<String> used = new TreeSet<>();

    private RtAppReader(String source) {
        this.source = source;
    }

    /** Reads a workload file. */
    public static Workload read(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > JsonDocReader.MAX_CHARS) {
                throw new InputError(name, 0, 0, "file too large: at most " + JsonDocReader.MAX_CHARS + " bytes are accepted");
            }
            try (Reader in = TextInput.open(file)) {
                return read(name, in);
            }
        } catch (NoSuchFileException e) {
            throw new InputError(name, 0, 0, "no such file");
        } catch (IOException e) {
            throw new InputError(name, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a workload from text (tests, fuzzing). */
    public static Workload read(String source, String text) {
        return read(source, new StringReader(text));
    }

    /** Reads a workload from a character stream. */
    public static Workload read(String source, Reader in) {
        return new RtAppReader(source).workload(JsonDocReader.read(source, in));
    }

    /** Records that the workload uses {@code feature}, one of {@link #features()}. */
    private void use(String feature) {
        if (!FEATURES.contains(feature)) {
            throw new IllegalStateException("feature \"" + feature + "\" is missing from RtAppReader.features()");
        }
        used.add(feature);
    }

    /** "a, b or c". */
    private static String oneOf(List<String> words) {
        int n = words.size();
        return n == 1 ? words.get(0) : String.join(", ", words.subList(0, n - 1)) + " or " + words.get(n - 1);
    }

    private InputError err(int line, int col, String what) {
        return new InputError(source, line, col, what);
    }

    private InputError err(JsonNode n, String what) {
        return err(n.line(), n.column(), what);
    }

    private InputError err(JsonNode.Member m, String what) {
        return err(m.line(), m.column(), what);
    }

    private String at(JsonNode.Member m) {
        return source + ":" + m.line() + ":" + m.column();
    }

    private JsonNode.Obj obj(JsonNode n, String what) {
        if (n instanceof JsonNode.Obj) {
            return (JsonNode.Obj) n;
        }
        throw err(n, what + ": expected an object, found " + n.kind());
    }

    private String str(JsonNode.Member m) {
        if (m.value() instanceof JsonNode.Str) {
            return ((JsonNode.Str) m.value()).value();
        }
        throw err(m.value(), "\"" + m.key() + "\": expected a string, found " + m.value().kind());
    }

    private long integer(JsonNode.Member m, long min, long max) {
        JsonNode v = m.value();
        if (!(v instanceof JsonNode.Num) || !((JsonNode.Num) v).integral()) {
            throw err(v, "\"" + m.key() + "\": expected an integer in " + min + ".." + max + ", found " + describe(v));
        }
        long x = ((JsonNode.Num) v).longValue();
        if (x < min || x > max) {
            throw err(v, "\"" + m.key() + "\": expected an integer in " + min + ".." + max + ", found " + x);
        }
        return x;
    }

    private static String describe(JsonNode v) {
        if (v instanceof JsonNode.Num) {
            return "the number " + ((JsonNode.Num) v).value();
        }
        return v.kind();
    }

    private Workload workload(JsonNode root) {
        JsonNode.Obj top = obj(root, "the workload");
        JsonNode.Member tasks = null;
        long duration = -1;
        Policy defaultPolicy = Policy.SCHED_OTHER;
        List<Workload.Offload> offloads = new ArrayList<>();
        List<Workload.PolicySwitch> switches = new ArrayList<>();
        boolean sawGlobal = false;
        for (JsonNode.Member m : top.members()) {
            if (!TOP_KEYS.contains(m.key())) {
                throw err(m, "unknown top-level key \"" + m.key() + "\": expected " + oneOf(TOP_KEYS));
            }
            use("top." + m.key());
            switch (m.key()) {
                case "tasks":
                    if (tasks != null) {
                        throw err(m, "\"tasks\" given twice (first at line " + tasks.line() + ")");
                    }
                    tasks = m;
                    break;
                case "global":
                    if (sawGlobal) {
                        throw err(m, "\"global\" given twice");
                    }
                    sawGlobal = true;
                    for (JsonNode.Member g : obj(m.value(), "\"global\"").members()) {
                        if (!GLOBAL_KEYS.contains(g.key()) && !HOST_GLOBALS.contains(g.key()) && !OUR_GLOBALS.contains(g.key())) {
                            throw err(g, "unknown global key \"" + g.key() + "\": expected " + String.join(", ", GLOBAL_KEYS)
                                    + " or one of " + String.join(", ", HOST_GLOBALS) + ", or one of our extensions "
                                    + String.join(", ", OUR_GLOBALS));
                        }
                        use("global." + g.key());
                        switch (g.key()) {
                            case "duration":
                                duration = integer(g, -1, MAX_US / 1_000_000);
                                duration = duration < 0 ? -1 : duration * 1_000_000;
                                break;
                            case "default_policy":
                                defaultPolicy = policy(g);
                                break;
                            case "ulemodel_offload":
                                for (JsonNode.Obj o : objects(g)) {
                                    offloads.add(offload(o));
                                }
                                break;
                            case "ulemodel_switch":
                                for (JsonNode.Obj o : objects(g)) {
                                    switches.add(policySwitch(o));
                                }
                                break;
                            case "pi_enabled":
                                if (!(g.value() instanceof JsonNode.Bool)) {
                                    throw err(g.value(), "\"pi_enabled\": expected true or false, found " + g.value().kind());
                                }
                                if (((JsonNode.Bool) g.value()).value()) {
                                    throw err(g, "\"pi_enabled\": true is not supported: mutex priority inheritance is not modelled");
                                }
                                break;
                            default:
                                notes.add(at(g) + ": \"" + g.key() + "\" is a setting of rt-app's host side; it does not affect the simulation");
                        }
                    }
                    break;
                case "resources":
                    obj(m.value(), "\"resources\"");
                    notes.add(at(m) + ": \"resources\" is kept by rt-app for compatibility; resources are created from their uses");
                    break;
                default:
                    throw new IllegalStateException("top-level key \"" + m.key() + "\" is listed but not handled");
            }
        }
        if (tasks == null) {
            throw err(top, "no \"tasks\" object: a workload needs at least one task");
        }
        List<Workload.Task> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long instances = 0;
        for (JsonNode.Member t : obj(tasks.value(), "\"tasks\"").members()) {
            if (!names.add(t.key())) {
                throw err(t, "task \"" + t.key() + "\" defined twice: task names must be unique");
            }
            Workload.Task task = task(t);
            instances += task.instances();
            if (instances > MAX_INSTANCES) {
                throw err(t, "too many threads: at most " + MAX_INSTANCES + " instances in all are accepted");
            }
            list.add(task);
        }
        if (list.isEmpty()) {
            throw err(tasks.value(), "\"tasks\" is empty: expected at least one task");
        }
        validate(list);
        return new Workload(source, List.copyOf(list), duration, defaultPolicy, List.copyOf(notes), offloads, switches);
    }

    /** The objects of an array-valued key. */
    private List<JsonNode.Obj> objects(JsonNode.Member m) {
        if (!(m.value() instanceof JsonNode.Arr)) {
            throw err(m.value(), "\"" + m.key() + "\": expected an array of objects, found " + m.value().kind());
        }
        List<JsonNode.Obj> out = new ArrayList<>();
        for (JsonNode item : ((JsonNode.Arr) m.value()).items()) {
            out.add(obj(item, "an element of \"" + m.key() + "\""));
        }
        return out;
    }

    /** The members of {@code o} by key, each key at most once and only from {@code keys}; {@code required} must be there. */
    private Map<String, JsonNode.Member> fields(JsonNode.Obj o, String what, List<String> keys, List<String> required) {
        Map<String, JsonNode.Member> out = new HashMap<>();
        for (JsonNode.Member f : o.members()) {
            if (!keys.contains(f.key())) {
                throw err(f, "unknown key \"" + f.key() + "\" in " + what + ": expected " + oneOf(keys));
            }
            if (out.put(f.key(), f) != null) {
                throw err(f, "\"" + f.key() + "\" given twice in " + what);
            }
        }
        for (String k : required) {
            if (!out.containsKey(k)) {
                throw err(o, what + " needs \"" + k + "\"");
            }
        }
        return out;
    }

    /** One element of our {@code ulemodel_offload}: {@code {"cpu": C, "service": "NAME", "from": US, "to": US}} ({@code to} optional). */
    private Workload.Offload offload(JsonNode.Obj o) {
        Map<String, JsonNode.Member> f = fields(o, "an offload", List.of("cpu", "service", "from", "to"), List.of("cpu", "service", "from"));
        int cpu = (int) integer(f.get("cpu"), 1, 4095);
        String service = str(f.get("service"));
        if (!service.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw err(f.get("service").value(), "\"service\": expected 1 to 64 letters, digits, '_', '.' or '-', found \"" + service + "\"");
        }
        long from = us(f.get("from"));
        long to = f.containsKey("to") ? us(f.get("to")) : -1;
        if (to >= 0 && to <= from) {
            throw err(f.get("to").value(), "\"to\": expected a time after \"from\" (" + from + " us), found " + to);
        }
        return new Workload.Offload(cpu, service, from, to, source + ":" + o.line() + ":" + o.column());
    }

    /** One element of our {@code ulemodel_switch}: {@code {"at": US, "model": "ID"}}. */
    private Workload.PolicySwitch policySwitch(JsonNode.Obj o) {
        Map<String, JsonNode.Member> f = fields(o, "a policy switch", List.of("at", "model"), List.of("at", "model"));
        String model = str(f.get("model"));
        if (model.isEmpty()) {
            throw err(f.get("model").value(), "\"model\": expected a model id such as ule15 or o1");
        }
        return new Workload.PolicySwitch(us(f.get("at")), model, source + ":" + o.line() + ":" + o.column());
    }

    private void validate(List<Workload.Task> tasks) {
        Set<String> names = new HashSet<>();
        tasks.forEach(t -> names.add(t.name()));
        boolean forks = false;
        String barrierAt = null;
        for (Workload.Task t : tasks) {
            for (Workload.Phase p : t.phases()) {
                for (Step s : p.steps()) {
                    if (s instanceof Workload.Fork) {
                        forks = true;
                        if (!names.contains(((Workload.Fork) s).task())) {
                            throw located(s.at(), "fork of unknown task \"" + ((Workload.Fork) s).task() + "\": expected one of "
                                    + String.join(", ", new java.util.TreeSet<>(names)));
                        }
                    } else if (s instanceof Workload.Barrier && barrierAt == null) {
                        barrierAt = s.at();
                    }
                }
            }
        }
        if (forks && barrierAt != null) {
            throw located(barrierAt, "barrier cannot be used together with fork: the number of users must be known");
        }
    }

    /** An error at a place written as "SOURCE:LINE:COLUMN" by {@link #at}. */
    private InputError located(String where, String what) {
        String rest = where.substring(source.length() + 1);
        int c = rest.indexOf(':');
        return err(Integer.parseInt(rest.substring(0, c)), Integer.parseInt(rest.substring(c + 1)), what);
    }

    private Policy policy(JsonNode.Member m) {
        String s = str(m);
        for (Policy p : Policy.values()) {
            if (p.name().equals(s)) {
                use("policy." + s);
                return p;
            }
        }
        String expected = oneOf(Arrays.stream(Policy.values()).map(Policy::name).toList());
        if (s.equals("SCHED_DEADLINE")) {
            throw err(m.value(), "\"" + m.key() + "\": SCHED_DEADLINE has no ULE counterpart; expected " + expected);
        }
        throw err(m.value(), "\"" + m.key() + "\": unknown policy \"" + s + "\"; expected " + expected);
    }

    /** Collects thread-or-phase ({@code level}) scheduling keys; returns true when {@code m} was one. */
    private boolean schedKey(String level, JsonNode.Member m, Sched[] sched) {
        if (!SCHED_KEYS.contains(m.key())) {
            return false;
        }
        use(level + "." + m.key());
        Sched s = sched[0];
        String at = s.at() == null ? at(m) : s.at();
        switch (m.key()) {
            case "policy":
                sched[0] = new Sched(policy(m), s.priority(), s.cpus(), at);
                return true;
            case "priority":
                sched[0] = new Sched(s.policy(), (int) integer(m, -20, 99), s.cpus(), at);
                return true;
            case "cpus": {
                if (!(m.value() instanceof JsonNode.Arr) || ((JsonNode.Arr) m.value()).items().isEmpty()) {
                    throw err(m.value(), "\"cpus\": expected a non-empty array of CPU numbers, found " + m.value().kind());
                }
                List<Integer> cpus = new ArrayList<>();
                for (JsonNode c : ((JsonNode.Arr) m.value()).items()) {
                    if (!(c instanceof JsonNode.Num) || !((JsonNode.Num) c).integral() || ((JsonNode.Num) c).longValue() < 0
                            || ((JsonNode.Num) c).longValue() >= 4096) {
                        throw err(c, "\"cpus\": expected a CPU number 0..4095, found " + describe(c));
                    }
                    cpus.add((int) ((JsonNode.Num) c).longValue());
                }
                sched[0] = new Sched(s.policy(), s.priority(), List.copyOf(cpus), at(m));
                return true;
            }
            case "taskgroup":
                str(m);
                notes.add(at(m) + ": \"taskgroup\" (a Linux cgroup) has no ULE counterpart; it does not affect the simulation");
                return true;
            default:
                throw new IllegalStateException("scheduling key \"" + m.key() + "\" is listed but not handled");
        }
    }

    private Workload.Task task(JsonNode.Member t) {
        JsonNode.Obj o = obj(t.value(), "task \"" + t.key() + "\"");
        int instances = 1;
        long delay = 0;
        long loop = -1;
        Sched[] sched = {Sched.NONE};
        JsonNode.Member phases = null;
        List<JsonNode.Member> events = new ArrayList<>();
        for (JsonNode.Member m : o.members()) {
            if (!TASK_KEYS.contains(m.key())) {
                if (!schedKey("task", m, sched)) {
                    events.add(m);
                }
                continue;
            }
            use("task." + m.key());
            switch (m.key()) {
                case "instance":
                    instances = (int) integer(m, 0, MAX_INSTANCES);
                    break;
                case "delay":
                    delay = integer(m, 0, MAX_US);
                    break;
                case "loop":
                    loop = loopValue(m);
                    break;
                case "phases":
                    if (phases != null) {
                        throw err(m, "\"phases\" given twice in task \"" + t.key() + "\"");
                    }
                    phases = m;
                    break;
                default:
                    throw new IllegalStateException("task key \"" + m.key() + "\" is listed but not handled");
            }
        }
        List<Workload.Phase> list = new ArrayList<>();
        if (phases != null) {
            if (!events.isEmpty()) {
                JsonNode.Member e = events.get(0);
                throw err(e, "\"" + e.key() + "\": task \"" + t.key() + "\" has \"phases\", so its events belong inside a phase");
            }
            for (JsonNode.Member p : obj(phases.value(), "\"phases\"").members()) {
                list.add(phase(p));
            }
            if (list.isEmpty()) {
                throw err(phases.value(), "\"phases\" is empty: expected at least one phase");
            }
        } else {
            List<Step> steps = steps(events, TASK_KEYS);
            if (steps.isEmpty()) {
                throw err(t, "task \"" + t.key() + "\" has no events: expected run, sleep, … or \"phases\"");
            }
            use("form.in-task");
            list.add(new Workload.Phase(t.key(), 1, Sched.NONE, List.copyOf(steps), at(t)));
        }
        return new Workload.Task(t.key(), instances, delay, loop, sched[0], List.copyOf(list), at(t));
    }

    private long loopValue(JsonNode.Member m) {
        long loop = integer(m, -1, Integer.MAX_VALUE);
        if (loop == 0) {
            throw err(m.value(), "\"loop\": expected -1 (for ever) or a count >= 1, found 0");
        }
        return loop;
    }

    private Workload.Phase phase(JsonNode.Member p) {
        JsonNode.Obj o = obj(p.value(), "phase \"" + p.key() + "\"");
        long loop = 1;
        Sched[] sched = {Sched.NONE};
        List<JsonNode.Member> events = new ArrayList<>();
        for (JsonNode.Member m : o.members()) {
            if (PHASE_KEYS.contains(m.key())) {
                use("phase." + m.key());
                switch (m.key()) {
                    case "loop":
                        loop = loopValue(m);
                        break;
                    default:
                        throw new IllegalStateException("phase key \"" + m.key() + "\" is listed but not handled");
                }
            } else if (!schedKey("phase", m, sched)) {
                events.add(m);
            }
        }
        List<Step> steps = steps(events, PHASE_KEYS);
        if (steps.isEmpty()) {
            throw err(p, "phase \"" + p.key() + "\" has no events: expected run, sleep, timer, …");
        }
        return new Workload.Phase(p.key(), loop, sched[0], List.copyOf(steps), at(p));
    }

    private long us(JsonNode.Member m) {
        return integer(m, 0, MAX_US);
    }

    private String ref(JsonNode.Member m) {
        String s = str(m);
        if (s.isEmpty()) {
            throw err(m.value(), "\"" + m.key() + "\": expected a non-empty name");
        }
        return s;
    }

    /** The {@code "ref"} and {@code "mutex"} (and timer) fields of an object-valued event. */
    private JsonNode.Member field(JsonNode.Member event, String name, boolean required) {
        JsonNode.Member found = null;
        for (JsonNode.Member f : obj(event.value(), "\"" + event.key() + "\"").members()) {
            if (f.key().equals(name)) {
                if (found != null) {
                    throw err(f, "\"" + name + "\" given twice in \"" + event.key() + "\"");
                }
                found = f;
            }
        }
        if (found == null && required) {
            throw err(event.value(), "\"" + event.key() + "\": expected a \"" + name + "\" field");
        }
        return found;
    }

    private void onlyFields(JsonNode.Member event, Set<String> allowed) {
        for (JsonNode.Member f : obj(event.value(), "\"" + event.key() + "\"").members()) {
            if (!allowed.contains(f.key())) {
                throw err(f, "unknown key \"" + f.key() + "\" in \"" + event.key() + "\": expected " + String.join(", ",
                        new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** The events of one task or phase ({@code ownKeys}: its other keys, for messages) in document order. */
    private List<Step> steps(List<JsonNode.Member> events, List<String> ownKeys) {
        Set<String> seen = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (JsonNode.Member e : events) {
            steps.add(step(e, ownKeys));
            if (!seen.add(e.key())) {
                use("form.repeated");
            }
        }
        return steps;
    }

    private Step step(JsonNode.Member m, List<String> ownKeys) {
        String k = m.key();
        String at = at(m);
        // rt-app's obj_is_event order: a key is an event when it starts with the event's name.
        String event = EVENTS.stream().filter(k::startsWith).findFirst().orElse(null);
        if (event == null) {
            if (k.startsWith("mem") || k.startsWith("iorun")) {
                throw err(m, "\"" + k + "\": memory and I/O load are not modelled (the model has no memory or devices)");
            } else if (k.startsWith("dl-") || k.equals("period") || k.equals("deadline")) {
                throw err(m, "\"" + k + "\": SCHED_DEADLINE parameters have no ULE counterpart");
            } else if (k.startsWith("util_") || k.equals("hold_ns")) {
                throw err(m, "\"" + k + "\": utilisation clamping has no ULE counterpart");
            }
            throw err(m, "unknown key \"" + k + "\": expected an event (" + String.join(", ", EVENTS) + ") or "
                    + String.join(", ", ownKeys) + ", " + String.join(", ", SCHED_KEYS));
        }
        List<String> fields = EVENT_FIELDS.get(event);
        if (fields != null) {
            onlyFields(m, new HashSet<>(fields));
            for (String f : fields) {
                if (field(m, f, false) != null) {
                    use("event." + event + "." + f);
                }
            }
        }
        use("event." + event);
        if (!k.equals(event)) {
            use("form.numbered");
        }
        switch (event) {
            case "lock":
                return new Workload.Lock(ref(m), at);
            case "unlock":
                return new Workload.Unlock(ref(m), at);
            case "wait":
                return new Workload.Wait(ref(field(m, "ref", true)), ref(field(m, "mutex", true)), at);
            case "signal":
                return new Workload.Signal(ref(m), at);
            case "broad":
                return new Workload.Broad(ref(m), at);
            case "sync":
                return new Workload.Sync(ref(field(m, "ref", true)), ref(field(m, "mutex", true)), at);
            case "sleep":
                return new Workload.Sleep(us(m), at);
            case "runtime":
                return new Workload.Runtime(us(m), at);
            case "run":
                return new Workload.Run(us(m), at);
            case "timer": {
                String ref = ref(field(m, "ref", true));
                long period = integer(field(m, "period", true), 1, MAX_US);
                JsonNode.Member mode = field(m, "mode", false);
                boolean absolute = false;
                if (mode != null) {
                    String s = str(mode).toLowerCase(Locale.ROOT);
                    if (!TIMER_MODES.contains(s)) {
                        throw err(mode.value(), "\"mode\": expected \"relative\" or \"absolute\", found \"" + str(mode) + "\"");
                    }
                    use("timer.mode." + s);
                    absolute = s.equals("absolute");
                }
                return new Workload.Timer(ref, period, absolute, at);
            }
            case "suspend":
                return new Workload.Suspend(ref(m), at);
            case "resume":
                return new Workload.Resume(ref(m), at);
            case "yield":
                if (!(m.value() instanceof JsonNode.Str)) {
                    throw err(m.value(), "\"" + k + "\": expected a string (may be empty), found " + m.value().kind());
                }
                return new Workload.Yield(at);
            case "barrier":
                return new Workload.Barrier(ref(m), at);
            case "fork":
                return new Workload.Fork(ref(m), at);
            default:
                throw new IllegalStateException("event \"" + event + "\" is listed but not handled");
        }
    }
}
