// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@link CpuState} and {@link ThreadState} were records and are now classes (a transaction edits
 * its own copies in place); they write out {@code equals}/{@code hashCode}/{@code toString}, which
 * must still mean exactly what a record's generated methods mean — every component (a public
 * field of its {@code Builder}, in declaration order, each with its accessor and a constructor
 * taking them all) compared, hashed
 * (31·h + hash, as {@code java.lang.runtime.ObjectMethods}) and printed — and the class files must
 * not fall back on the {@code ObjectMethods} bootstrap.
 */
class RecordMethodsTest {
    private static final List<Class<?>> WRITTEN_OUT = List.of(CpuState.class, ThreadState.class);

    /** A component: an instance field, in declaration order, read through its accessor. */
    private record Component(String name, Class<?> type) {
    }

    private static List<Component> componentsOf(Class<?> type) {
        if (type.isRecord()) {
            List<Component> out = new ArrayList<>();
            for (var rc : type.getRecordComponents()) {
                out.add(new Component(rc.getName(), rc.getType()));
            }
            return out;
        }
        // The components are the public Builder's fields, in declaration order (the canonical
        // constructor's order); the state may hold them narrower or packed (shorts, flag bits,
        // enum ordinals), so their type is the state's accessor's.
        Class<?> builder = null;
        for (Class<?> inner : type.getDeclaredClasses()) {
            if (inner.getSimpleName().equals("Builder")) {
                builder = inner;
            }
        }
        assertThat(builder).as(type.getSimpleName() + ".Builder").isNotNull();
        List<Component> out = new ArrayList<>();
        for (Field f : builder.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())) {
                try {
                    out.add(new Component(f.getName(), type.getDeclaredMethod(f.getName()).getReturnType()));
                } catch (NoSuchMethodException e) {
                    throw new AssertionError("component " + f.getName() + " of " + type.getSimpleName() + " has no accessor", e);
                }
            }
        }
        return out;
    }

    /** States with running, queued, sleeping threads and busy CPUs. */
    private static List<Object> samples() {
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2")));
        for (int i = 0; i < 3; i++) {
            m = Scheduler.step(m, Event.Create.timeshare(0)).state();
        }
        m = Scheduler.step(m, new Event.Block(0, 0)).state();
        m = Scheduler.step(m, new Event.Tick()).state();
        List<Object> out = new ArrayList<>();
        for (int c = 0; c < m.cpuCount(); c++) {
            out.add(m.cpu(c));
        }
        for (int t = 0; t < m.threadCount(); t++) {
            out.add(m.thread(t));
        }
        return out;
    }

    private static Object[] components(Object r) throws Exception {
        List<Component> rc = componentsOf(r.getClass());
        Object[] v = new Object[rc.size()];
        for (int i = 0; i < rc.size(); i++) {
            v[i] = r.getClass().getDeclaredMethod(rc.get(i).name()).invoke(r);
        }
        return v;
    }

    private static Object build(Class<?> type, Object[] values) throws Exception {
        List<Component> rc = componentsOf(type);
        Class<?>[] types = new Class<?>[rc.size()];
        for (int i = 0; i < rc.size(); i++) {
            types[i] = rc.get(i).type();
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }

    /** A value of the component's type different from {@code v}. */
    private static Object other(Class<?> type, Object v) {
        if (type == int.class) {
            return (Integer) v + 1;
        }
        if (type == long.class) {
            return (Long) v + 1;
        }
        if (type == boolean.class) {
            return !(Boolean) v;
        }
        if (type.isEnum()) {
            Object[] all = type.getEnumConstants();
            return all[0] == v ? all[1] : all[0];
        }
        if (type == CpuSet.class) {
            return CpuSet.of(7).equals(v) ? CpuSet.of(6) : CpuSet.of(7);
        }
        if (type == RunQueue.class) {
            return RunQueue.empty().equals(v) ? RunQueue.empty().addTail(3, 9) : RunQueue.empty();
        }
        if (type == RunQueue15.class) {
            return RunQueue15.empty().equals(v) ? RunQueue15.empty().addTail(200, 9) : RunQueue15.empty();
        }
        throw new AssertionError("no other value for component type " + type);
    }

    /** A record with the compiler's methods and the same kinds of components: the reference the formulas below are checked on. */
    private record Generated(int i, boolean b, long l, RunqKind e, CpuSet set, RunQueue q) {
    }

    private static void assertRecordHashCodeAndToString(Object r) throws Exception {
        List<Component> rc = componentsOf(r.getClass());
        Object[] v = components(r);
        int h = 0;
        StringBuilder s = new StringBuilder(r.getClass().getSimpleName()).append('[');
        for (int i = 0; i < rc.size(); i++) {
            h = 31 * h + Objects.hashCode(v[i]); // a boxed primitive hashes as its hashCode(x)
            s.append(i == 0 ? "" : ", ").append(rc.get(i).name()).append('=').append(v[i]);
        }
        assertThat(r.hashCode()).as(r.getClass().getSimpleName()).isEqualTo(h);
        assertThat(r.toString()).isEqualTo(s.append(']').toString());
    }

    @Test
    void hashCodeAndToStringAreTheRecordOnes() throws Exception {
        assertRecordHashCodeAndToString(new Generated(-3, true, 1L << 40, RunqKind.TIMESHARE, CpuSet.of(1, 5),
                RunQueue.empty().addTail(2, 4)));
        for (Object r : samples()) {
            assertRecordHashCodeAndToString(r);
        }
    }

    @Test
    void equalsComparesEveryComponent() throws Exception {
        for (Object r : samples()) {
            Object[] v = components(r);
            Object same = build(r.getClass(), v.clone());
            assertThat(same).isNotSameAs(r).isEqualTo(r).hasSameHashCodeAs(r);
            assertThat(r.equals(null)).isFalse();
            assertThat(r.equals("not a state")).isFalse();
            List<Component> rc = componentsOf(r.getClass());
            for (int i = 0; i < rc.size(); i++) {
                Object[] changed = v.clone();
                changed[i] = other(rc.get(i).type(), v[i]);
                assertThat(build(r.getClass(), changed)).as("%s differing only in %s", r.getClass().getSimpleName(), rc.get(i).name())
                        .isNotEqualTo(r);
            }
        }
    }

    @Test
    void theClassFilesDoNotUseTheObjectMethodsBootstrap() throws IOException {
        for (Class<?> type : WRITTEN_OUT) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(type.getName()).doesNotContain("java/lang/runtime/ObjectMethods");
            }
        }
    }
}
