// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.ulemodel.trace.timeline.Timeline;
import org.ulemodel.trace.timeline.TimelinePage;

/**
 * The {@code simulate --html} page: the run's {@link Timeline} drawn by {@link TimelinePage} (the
 * same page {@code audit --html} writes: per-CPU and per-thread timelines with zoom, legend, hover
 * details and the wait-latency histogram), followed by the thread and CPU tables
 * ({@code table#threads}, {@code table#cpus}) of {@link Tables}.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes the page for {@code r}; {@code title} names the workload, {@code topology} the machine. */
    public static void write(Writer w, String title, String topology, Engine.Result<?> r) throws IOException {
        Timeline tl = r.timeline();
        for (Engine.ThreadStats t : r.threads()) {
            tl.name(t.tid(), t.comm());
        }
        new TimelinePage("ulemodel simulate: " + title)
                .paragraph("Topology " + topology + ", " + r.cpuBusyUs().length + " CPUs, "
                        + String.format(Locale.ROOT, "%.3f", r.durationUs() / 1e6) + " s simulated, " + r.steps()
                        + " model steps. Priorities are the model's (FreeBSD: lower is better); a run's hover text "
                        + "says why the model switched it out.")
                .table(new TimelinePage.Table("threads", "Threads", Tables.THREAD_COLUMNS, Tables.threadRows(r)))
                .table(new TimelinePage.Table("cpus", "CPUs", Tables.CPU_COLUMNS, Tables.cpuRows(r)))
                .write(w, tl);
    }
}
