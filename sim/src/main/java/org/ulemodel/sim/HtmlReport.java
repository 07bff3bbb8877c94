// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page (no scripts, no external resources): a per-CPU SVG timeline — one
 * {@code <g class="cpu-row">} per CPU, one {@code <rect>} per run of a thread, with a tooltip —
 * followed by the thread and CPU tables ({@code table#threads}, {@code table#cpus}). Runs shorter
 * than a pixel that follow a run of the same thread in the same pixel are merged, so the page
 * stays small for long simulations.
 */
public final class HtmlReport {
    private static final int WIDTH = 1200;
    private static final int ROW = 18;
    private static final int LABEL = 60;

    private HtmlReport() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    private static String color(int tid) {
        return "hsl(" + ((tid * 137) % 360) + ",65%,55%)";
    }

    /** Writes the page for {@code r}; {@code title} names the workload. */
    public static void write(Writer w, String title, String topology, Engine.Result<?> r, Engine<?> engine) throws IOException {
        Timeline tl = r.timeline();
        long dur = Math.max(1, r.durationUs());
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ulemodel simulate: " + esc(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:nth-child(2),td:nth-child(3){text-align:left}"
                + "svg text{font-size:11px}</style></head><body>\n");
        w.write("<h1>" + esc(title) + "</h1>\n<p>Topology " + esc(topology) + ", " + tl.cpus() + " CPUs, "
                + String.format(Locale.ROOT, "%.3f", r.durationUs() / 1e6) + " s simulated, " + r.steps() + " model steps.</p>\n");
        int height = tl.cpus() * ROW + 20;
        w.write("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (WIDTH + LABEL) + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + (WIDTH + LABEL) + " " + height + "\">\n");
        for (int c = 0; c < tl.cpus(); c++) {
            int y = c * ROW;
            w.write("<g class=\"cpu-row\" data-cpu=\"" + c + "\"><text x=\"2\" y=\"" + (y + 13) + "\">CPU " + c + "</text>"
                    + "<rect x=\"" + LABEL + "\" y=\"" + y + "\" width=\"" + WIDTH + "\" height=\"" + (ROW - 2)
                    + "\" fill=\"#f4f4f4\"/>\n");
            int lastTid = Integer.MIN_VALUE;
            double lastEnd = -1;
            StringBuilder pending = null;
            for (int i = 0; i < tl.segments(c); i++) {
                double x0 = LABEL + (double) tl.start(c, i) * WIDTH / dur;
                double x1 = LABEL + (double) tl.end(c, i) * WIDTH / dur;
                int tid = tl.tid(c, i);
                if (tid == lastTid && x0 - lastEnd < 1.0 && pending != null) {
                    lastEnd = x1;
                    continue;
                }
                if (pending != null) {
                    w.write(rect(pending, lastEnd));
                }
                pending = new StringBuilder().append(x0).append('|').append(y).append('|').append(tid).append('|')
                        .append(esc(engine.comm(tid)));
                lastTid = tid;
                lastEnd = x1;
            }
            if (pending != null) {
                w.write(rect(pending, lastEnd));
            }
            w.write("</g>\n");
        }
        w.write("<text x=\"" + LABEL + "\" y=\"" + (height - 4) + "\">0 s</text><text x=\"" + (LABEL + WIDTH - 60) + "\" y=\""
                + (height - 4) + "\">" + String.format(Locale.ROOT, "%.3f s", r.durationUs() / 1e6) + "</text>\n</svg>\n");
        table(w, "threads", "Threads", Tables.THREAD_COLUMNS, Tables.threadRows(r));
        table(w, "cpus", "CPUs", Tables.CPU_COLUMNS, Tables.cpuRows(r));
        w.write("</body></html>\n");
    }

    private static String rect(StringBuilder pending, double end) {
        String[] p = pending.toString().split("\\|", 4);
        double x0 = Double.parseDouble(p[0]);
        double width = Math.max(0.5, end - x0);
        return String.format(Locale.ROOT, "<rect class=\"run\" x=\"%.2f\" y=\"%s\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s (tid %s)</title></rect>\n", x0, p[1], width, ROW - 2, color(Integer.parseInt(p[2])), p[3], p[2]);
    }

    private static void table(Writer w, String id, String caption, List<String> header, List<List<String>> rows) throws IOException {
        w.write("<table id=\"" + id + "\"><caption>" + caption + "</caption><thead><tr>");
        for (String h : header) {
            w.write("<th>" + esc(h) + "</th>");
        }
        w.write("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            w.write("<tr>");
            for (String c : row) {
                w.write("<td>" + esc(c) + "</td>");
            }
            w.write("</tr>\n");
        }
        w.write("</tbody></table>\n");
    }
}
