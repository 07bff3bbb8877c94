// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one HTML page of a {@link Timeline}, written by {@code simulate --html} and
 * {@code audit --html}: one self-contained file (inline CSS and SVG, a small inline script for
 * zoom and pan; nothing loaded from elsewhere) that is also well-formed XML.
 *
 * <p>It shows, in order: the title and the caller's paragraphs; the
 * per-CPU timeline ({@code svg#timeline}: one {@code g.cpu-row} per CPU with a {@code rect.run}
 * per run, blank where the CPU was not followed, {@code rect.wasted} intervals and
 * {@code line.finding} marks over it); the legend ({@code ul#legend}: thread → colour, and
 * {@code ul#legend-marks}: what the shapes mean); the per-thread view ({@code svg#thread-view}:
 * one {@code g.thread-row} per thread, busiest first, with runs and hatched {@code rect.wait}s);
 * the wait-latency histogram ({@code svg#wait-histogram}, one {@code rect.bar} per power-of-two
 * bucket); then the caller's preformatted report ({@code pre#summary}) and tables. Every run, wait, mark and bar has a {@code <title>} (the
 * browser's hover text: thread, priority, start, length, why it switched). Both time views share
 * one time axis with {@code g.ticks} (1-2-5 steps); the script zooms (wheel, buttons) and pans
 * (drag) it, redrawing the ticks, and {@code #view=FROM,TO} (seconds from the start) opens the
 * page zoomed.
 *
 * <p>{@link #write(Writer, List)} draws several timelines of the same run length on one page
 * ({@code ulemodel compare --html}), one {@link Panel} after the other, each with its CPU view,
 * legend, thread view and histogram, its ids suffixed with {@code -ID}; all share one time axis
 * (the union of their spans), zoom and pan together, and give the k-th thread of a name the same
 * colour in every panel.
 */
public final class TimelinePage {
    /** Width of the time axis in pixels. */
    static final int WIDTH = 1200;
    /** Room for row labels left of the time axis. */
    static final int LABEL = 170;
    static final int ROW = 18;
    static final int AXIS = 26;
    /** Threads drawn in the per-thread view and listed in the legend. */
    public static final int MAX_THREADS = 48;

    /** A table below the pictures: {@code table#id} with a caption, a header row and body rows. */
    public record Table(String id, String caption, List<String> header, List<List<String>> rows) {
        /** Copies the lists. */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * One timeline of a page of several: {@code id} suffixes its element ids ({@code svg#timeline-ID},
     * {@code ul#legend-ID}, …; letters, digits, {@code -}, {@code _} and {@code .}), {@code heading}
     * prefixes its headings.
     */
    public record Panel(String id, String heading, Timeline timeline) {
        /** Checks the id. */
        public Panel {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(timeline, "timeline");
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("panel id '" + id + "': expected letters, digits, '-', '_' or '.'");
            }
        }
    }

    private final String title;
    private final List<String> paragraphs = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private String summary;

    /** A page titled {@code title}. */
    public TimelinePage(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Adds a paragraph of text under the title. */
    public TimelinePage paragraph(String text) {
        paragraphs.add(Objects.requireNonNull(text, "text"));
        return this;
    }

    /** Sets preformatted text shown under the pictures ({@code pre#summary}), such as a text report. */
    public TimelinePage summary(String text) {
        summary = Objects.requireNonNull(text, "text");
        return this;
    }

    /** Adds a table below the pictures. */
    public TimelinePage table(Table t) {
        tables.add(Objects.requireNonNull(t, "t"));
        return this;
    }

    /** Escapes {@code s} for HTML text and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 has no place for other control characters; they never matter on a page
                    if (c < 0x20 && c != '\n' && c != '\t' || c == 0xfffe || c == 0xffff) {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Each thread's colour: the busiest first, each hue the golden angle (137.5°) from the one
     * before, so that the threads the legend lists first differ most.
     */
    static Map<Integer, String> colors(List<Timeline.ThreadInfo> ranked) {
        Map<Integer, String> out = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            out.put(ranked.get(i).tid, "hsl(" + Math.round(i * 137.508 % 360) % 360 + ",65%,50%)");
        }
        return out;
    }

    // ---- the page ------------------------------------------------------------------------------

    /**
     * Each panel's thread colours: the k-th thread (by tid) of a name has one colour in every panel;
     * colours are handed out as {@link #colors(List)} does, in the order of the busiest threads of
     * the first panel, then of the next.
     */
    static List<Map<Integer, String>> panelColors(List<List<Timeline.ThreadInfo>> rankedPerPanel) {
        Map<String, Integer> hue = new HashMap<>();
        List<Map<Integer, String>> out = new ArrayList<>();
        for (List<Timeline.ThreadInfo> ranked : rankedPerPanel) {
            List<Timeline.ThreadInfo> byTid = new ArrayList<>(ranked);
            byTid.sort(Comparator.comparingInt(t -> t.tid));
            Map<Integer, String> key = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Timeline.ThreadInfo t : byTid) {
                key.put(t.tid, t.name + "\u0000" + seen.merge(t.name, 1, Integer::sum));
            }
            Map<Integer, String> colors = new HashMap<>();
            for (Timeline.ThreadInfo t : ranked) {
                int i = hue.computeIfAbsent(key.get(t.tid), k -> hue.size());
                colors.put(t.tid, "hsl(" + Math.round(i * 137.508 % 360) % 360 + ",65%,50%)");
            }
            out.add(colors);
        }
        return out;
    }

    /** Writes the page for {@code tl} to {@code w}. */
    public void write(Writer w, Timeline tl) throws IOException {
        List<Timeline.ThreadInfo> ranked = tl.threadsByCpuTime();
        writePage(w, List.of(new Panel("x", "", tl)), List.of(ranked), List.of(colors(ranked)), false);
    }

    /**
     * Writes one page with the timelines of {@code panels}, in order, on one time axis.
     *
     * @throws IllegalArgumentException when there are none or two share an id
     */
    public void write(Writer w, List<Panel> panels) throws IOException {
        if (panels.isEmpty() || panels.stream().map(Panel::id).distinct().count() != panels.size()) {
            throw new IllegalArgumentException("expected at least one panel, each with its own id");
        }
        List<List<Timeline.ThreadInfo>> ranked = new ArrayList<>();
        for (Panel p : panels) {
            ranked.add(p.timeline().threadsByCpuTime());
        }
        writePage(w, panels, ranked, panelColors(ranked), true);
    }

    private void writePage(Writer w, List<Panel> panels, List<List<Timeline.ThreadInfo>> rankedPerPanel,
            List<Map<Integer, String>> colorsPerPanel, boolean several) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Panel p : panels) {
            first = Math.min(first, p.timeline().firstNs());
            last = Math.max(last, p.timeline().lastNs());
        }
        Axis axis = new Axis(first, Math.max(1, last - first));
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + escape(title)
                + "</title>\n<style>" + CSS + "</style></head><body>\n");
        w.write("<h1>" + escape(title) + "</h1>\n");
        for (String p : paragraphs) {
            w.write("<p>" + escape(p) + "</p>\n");
        }
        w.write("<p class=\"controls\" id=\"zoom\">Time axis (0 = " + escape(clock(axis.origin)) + "): "
                + "<button type=\"button\" data-zoom=\"in\">zoom in</button> <button type=\"button\" data-zoom=\"out\">zoom out"
                + "</button> <button type=\"button\" data-zoom=\"reset\">whole run</button> <span id=\"view-range\">"
                + escape(axis.label(0) + " … " + axis.label(axis.span)) + "</span> — wheel over a timeline to zoom, "
                + "drag to pan; hover anything for details.</p>\n");
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            Timeline tl = p.timeline();
            List<Timeline.ThreadInfo> ranked = rankedPerPanel.get(i);
            Map<Integer, String> colors = colorsPerPanel.get(i);
            String sfx = several ? "-" + p.id() : "";
            String head = several ? escape(p.heading()) + ": " : "";
            w.write("<h2>" + head + "CPUs over time</h2>\n");
            cpuView(w, tl, axis, colors, sfx, i == 0);
            legend(w, ranked, colors, sfx, head, tl);
            w.write("<h2>" + head + "Threads over time</h2>\n");
            threadView(w, tl, axis, ranked, colors, sfx);
            w.write("<h2>" + head + "Wait latency</h2>\n");
            histogram(w, tl, sfx);
        }
        if (summary != null) {
            w.write("<h2>Report</h2>\n<pre id=\"summary\">" + escape(summary) + "</pre>\n");
        }
        for (Table t : tables) {
            table(w, t);
        }
        w.write("<script>//<![CDATA[\n" + SCRIPT + "//]]></script>\n</body></html>\n");
    }

    private static void cpuView(Writer w, Timeline tl, Axis axis, Map<Integer, String> colors, String sfx, boolean defs)
            throws IOException {
        int[] cpus = tl.cpus();
        int rowsHeight = Math.max(1, cpus.length) * ROW;
        openView(w, "timeline" + sfx, axis, rowsHeight, defs);
        for (int i = 0; i < cpus.length; i++) {
            w.write("<text class=\"row-label\" x=\"4\" y=\"" + (i * ROW + 13) + "\">CPU " + cpus[i] + "</text>\n");
        }
        openPlot(w, rowsHeight);
        for (int i = 0; i < cpus.length; i++) {
            int c = cpus[i];
            Timeline.Row r = tl.cpuRowOrNull(c);
            int y = i * ROW;
            w.write("<g class=\"cpu-row\" data-cpu=\"" + c + "\">");
            if (r.followed()) {
                w.write("<rect class=\"lane\" x=\"" + axis.x(r.followStart) + "\" y=\"" + y + "\" width=\""
                        + axis.width(r.followStart, r.followEnd) + "\" height=\"" + (ROW - 2) + "\"/>");
            }
            w.write("\n");
            for (int k = 0; k < r.n; k++) {
                piece(w, tl, axis, r, k, y, "CPU " + c, null, colors);
            }
            w.write("</g>\n");
        }
        w.write("<g class=\"marks\">\n");
        for (Timeline.Mark m : tl.marks()) {
            int i = indexOf(cpus, m.cpu());
            String what = escape(m.label() + " on CPU " + m.cpu() + ", " + clock(m.startNs())
                    + (m.kind() == Timeline.MarkKind.INTERVAL || m.kind() == Timeline.MarkKind.OFFLOADED
                            ? " for " + duration(m.endNs() - m.startNs()) : "")
                    + "\n" + m.detail());
            if (m.kind() == Timeline.MarkKind.INTERVAL || m.kind() == Timeline.MarkKind.OFFLOADED) {
                w.write("<rect class=\"" + (m.kind() == Timeline.MarkKind.INTERVAL ? "wasted" : "offloaded") + "\" x=\""
                        + axis.x(m.startNs()) + "\" y=\"" + (i * ROW) + "\" width=\"" + axis.width(m.startNs(), m.endNs())
                        + "\" height=\"" + (ROW - 2) + "\"><title>" + what + "</title></rect>\n");
            } else if (m.kind() == Timeline.MarkKind.SWITCH) {
                String x = axis.x(m.startNs());
                w.write("<line class=\"policy-switch\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"0\" y2=\"" + rowsHeight + "\"><title>"
                        + escape(m.label() + ", " + clock(m.startNs()) + "\n" + m.detail()) + "</title></line>\n");
            } else {
                String x = axis.x(m.startNs());
                String cls = m.kind() == Timeline.MarkKind.HOOK_REFUSED ? "hook-refused" : "finding";
                w.write("<line class=\"" + cls + "\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + (i * ROW - 1) + "\" y2=\""
                        + (i * ROW + ROW - 1) + "\"><title>" + what + "</title></line>\n");
            }
        }
        w.write("</g></svg>\n");
        closeView(w, axis, rowsHeight);
        if (tl.marksDropped() > 0) {
            w.write("<p class=\"note\">" + tl.marksDropped() + " more marks are not drawn (the first "
                    + Timeline.MAX_MARKS + " are).</p>\n");
        }
    }

    private static void threadView(Writer w, Timeline tl, Axis axis, List<Timeline.ThreadInfo> all, Map<Integer, String> colors,
            String sfx) throws IOException {
        List<Timeline.ThreadInfo> shown = all.subList(0, Math.min(MAX_THREADS, all.size()));
        int rowsHeight = Math.max(1, shown.size()) * ROW;
        openView(w, "thread-view" + sfx, axis, rowsHeight, false);
        for (int i = 0; i < shown.size(); i++) {
            w.write("<text class=\"row-label\" x=\"4\" y=\"" + (i * ROW + 13) + "\">" + escape(clip(label(shown.get(i)), 26))
                    + "<title>" + escape(label(shown.get(i))) + "</title></text>\n");
        }
        openPlot(w, rowsHeight);
        for (int i = 0; i < shown.size(); i++) {
            Timeline.ThreadInfo t = shown.get(i);
            int y = i * ROW;
            w.write("<g class=\"thread-row\" data-tid=\"" + t.tid + "\"><rect class=\"lane\" x=\"0\" y=\"" + y
                    + "\" width=\"" + WIDTH + "\" height=\"" + (ROW - 2) + "\"/>\n");
            for (int k = 0; t.row != null && k < t.row.n; k++) {
                piece(w, tl, axis, t.row, k, y, label(t), t, colors);
            }
            w.write("</g>\n");
        }
        w.write("</svg>\n");
        closeView(w, axis, rowsHeight);
        if (all.size() > shown.size()) {
            w.write("<p class=\"note\">The " + shown.size() + " threads with the most CPU time are drawn; "
                    + (all.size() - shown.size()) + " more are not.</p>\n");
        }
    }

    /**
     * One piece of a row: a run (its thread's colour), a wait (hatched), or several merged
     * (paler, coloured as the longest). {@code thread} is the row's thread, or null on a CPU row.
     */
    private static void piece(Writer w, Timeline tl, Axis axis, Timeline.Row r, int k, int y, String rowName,
            Timeline.ThreadInfo thread, Map<Integer, String> colors) throws IOException {
        int key = r.key[k];
        boolean wait = thread != null && key < 0;
        String fill = wait ? "url(#hatch)" : colors.get(thread != null ? thread.tid : key);
        String cls = (wait ? "wait" : "run") + (r.mixed[k] ? " mixed" : "");
        long len = r.end[k] - r.start[k];
        StringBuilder t = new StringBuilder();
        if (r.mixed[k]) {
            t.append(rowName).append(": ").append(counted(r.runs[k], "run"))
                    .append(r.waits[k] > 0 ? " and " + counted(r.waits[k], "wait") : "")
                    .append(" too short to draw apart, merged\nfrom ").append(clock(r.start[k])).append(" over ")
                    .append(duration(len));
            if (r.runs[k] > 0) {
                t.append("\nrunning ").append(duration(r.busy[k]));
            }
            if (r.waits[k] > 0) {
                t.append("\nwaiting ").append(duration(r.waited[k]));
            }
            String longest = thread == null ? name(tl, key) : key < 0 ? "a wait for CPU " + (-1 - key) : "a run on CPU " + key;
            t.append("\nlongest: ").append(longest).append(", ").append(duration(r.longest[k]));
        } else if (wait) {
            t.append(rowName).append(" waited for CPU ").append(-1 - key)
                    .append(r.waits[k] > 1 ? " (" + r.waits[k] + " waits, too close to draw apart)" : "")
                    .append("\nstart ").append(clock(r.start[k])).append("\nlength ").append(duration(len))
                    .append("\nthen ").append(tl.whyText(r.why[k]));
        } else {
            t.append(thread != null ? rowName + " on CPU " + key : name(tl, key) + " on " + rowName);
            if (r.prio[k] != Timeline.NO_PRIORITY) {
                t.append("\npriority ").append(r.prio[k]);
            }
            t.append("\nstart ").append(clock(r.start[k])).append("\nlength ").append(duration(len));
            if (r.runs[k] > 1) {
                t.append(" (").append(r.runs[k]).append(" runs too close to draw apart, running ")
                        .append(duration(r.busy[k])).append(")");
            }
            String why = tl.whyText(r.why[k]);
            if (!why.isEmpty()) {
                t.append("\nswitched out: ").append(why);
            }
        }
        w.write("<rect class=\"" + cls + "\" x=\"" + axis.x(r.start[k]) + "\" y=\"" + y + "\" width=\""
                + axis.width(r.start[k], r.end[k]) + "\" height=\"" + (ROW - 2) + "\" fill=\"" + fill + "\" stroke=\""
                + (wait ? "#c77d1a" : fill) + "\"><title>" + escape(t.toString()) + "</title></rect>\n");
    }

    /** The legend: a swatch, name, tid and figures per drawn thread; then what the shapes mean. */
    private static void legend(Writer w, List<Timeline.ThreadInfo> all, Map<Integer, String> colors, String sfx, String head,
            Timeline tl) throws IOException {
        w.write("<h2>" + head + "Legend</h2>\n<ul id=\"legend" + sfx + "\" class=\"legend\">\n");
        for (Timeline.ThreadInfo t : all.subList(0, Math.min(MAX_THREADS, all.size()))) {
            w.write("<li data-tid=\"" + t.tid + "\"><span class=\"sw\" style=\"background:" + colors.get(t.tid) + "\"></span>"
                    + escape(label(t)) + ": CPU " + duration(t.cpuNs) + (t.maxWaitNs > 0 ? ", longest wait "
                    + duration(t.maxWaitNs) : "") + "</li>\n");
        }
        if (all.size() > MAX_THREADS) {
            w.write("<li class=\"more\">… and " + (all.size() - MAX_THREADS) + " more threads (hover a run for its thread)</li>\n");
        }
        w.write("</ul>\n<ul id=\"legend-marks" + sfx + "\" class=\"legend-marks\">\n"
                + "<li><span class=\"sw lane\"></span>CPU followed (blank: no events seen there then)</li>\n"
                + "<li><span class=\"sw mixed\"></span>paler: several runs shorter than the zoom shows, merged "
                + "(coloured as the longest)</li>\n"
                + "<li><span class=\"sw wait\"></span>waiting for a CPU (runnable, not running)</li>\n"
                + "<li><span class=\"sw wasted\"></span>wasted core: idle while a thread waited longer than the threshold</li>\n"
                + "<li><span class=\"sw finding\"></span>rule finding</li>\n");
        boolean offloaded = false;
        boolean switched = false;
        boolean refused = false;
        for (Timeline.Mark m : tl.marks()) {
            offloaded |= m.kind() == Timeline.MarkKind.OFFLOADED;
            switched |= m.kind() == Timeline.MarkKind.SWITCH;
            refused |= m.kind() == Timeline.MarkKind.HOOK_REFUSED;
        }
        if (refused) {
            w.write("<li><span class=\"sw hook-refused\"></span>the migration hook refused a move ULE allowed</li>\n");
        }
        if (offloaded) {
            w.write("<li><span class=\"sw offloaded\"></span>offloaded: the CPU is out of scheduling, held by a dedicated service</li>\n");
        }
        if (switched) {
            w.write("<li><span class=\"sw policy-switch\"></span>the scheduling policy was replaced</li>\n");
        }
        w.write("</ul>\n");
    }

    private static void histogram(Writer w, Timeline tl, String sfx) throws IOException {
        long[] h = tl.histogram();
        int lo = -1;
        int hi = -1;
        long total = 0;
        long max = 0;
        for (int k = 0; k < h.length; k++) {
            if (h[k] > 0) {
                lo = lo < 0 ? k : lo;
                hi = k;
                total += h[k];
                max = Math.max(max, h[k]);
            }
        }
        String open = tl.openWaits() == 0 ? "" : "; " + counted(tl.openWaits(), "wait") + " still open at the end (not counted)";
        if (total == 0) {
            w.write("<p id=\"wait-summary" + sfx + "\">No wait ended (a wait lasts from becoming runnable to running)" + escape(open)
                    + ".</p>\n<svg id=\"wait-histogram" + sfx + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n");
            return;
        }
        w.write("<p id=\"wait-summary" + sfx + "\">" + counted(total, "wait") + ", from becoming runnable to running, by length "
                + "(buckets double in width)" + escape(open) + ".</p>\n");
        int bar = 36;
        int plotH = 160;
        int width = 60 + (hi - lo + 1) * bar;
        w.write("<svg id=\"wait-histogram" + sfx + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\""
                + (plotH + 50) + "\">\n<text class=\"axis\" x=\"0\" y=\"12\">" + max + "</text><text class=\"axis\" x=\"0\" y=\""
                + (plotH + 10) + "\">0</text>\n<line class=\"axis\" x1=\"50\" x2=\"" + width + "\" y1=\"" + (plotH + 10)
                + "\" y2=\"" + (plotH + 10) + "\"/>\n");
        for (int k = lo; k <= hi; k++) {
            int x = 56 + (k - lo) * bar;
            long barH = Math.round((double) h[k] * plotH / max);
            String range = k == 0 ? "below 1 µs" : k == Timeline.BUCKETS - 1 ? duration(Timeline.bucketStartNs(k)) + " or more"
                    : duration(Timeline.bucketStartNs(k)) + " to " + duration(Timeline.bucketStartNs(k + 1));
            w.write("<rect class=\"bar\" x=\"" + x + "\" y=\"" + (plotH + 10 - barH) + "\" width=\"" + (bar - 6)
                    + "\" height=\"" + barH + "\" data-bucket=\"" + k + "\" data-count=\"" + h[k] + "\"><title>" + range + ": "
                    + counted(h[k], "wait") + "</title></rect>");
            w.write("<text class=\"axis\" x=\"" + x + "\" y=\"" + (plotH + 24 + ((k - lo) % 2) * 12) + "\">"
                    + (k == 0 ? "&lt;1 µs" : brief(Timeline.bucketStartNs(k))) + "</text>\n");
        }
        w.write("</svg>\n");
    }

    private static void table(Writer w, Table t) throws IOException {
        w.write("<table id=\"" + escape(t.id()) + "\"><caption>" + escape(t.caption()) + "</caption><thead><tr>");
        for (String h : t.header()) {
            w.write("<th>" + escape(h) + "</th>");
        }
        w.write("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            w.write("<tr>");
            for (String c : row) {
                w.write("<td>" + escape(c) + "</td>");
            }
            w.write("</tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    // ---- shared pieces of the two time views ---------------------------------------------------

    private static void openView(Writer w, String id, Axis axis, int rowsHeight, boolean defs) throws IOException {
        int height = rowsHeight + AXIS;
        w.write("<svg id=\"" + id + "\" class=\"view\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (LABEL + WIDTH + 10)
                + "\" height=\"" + height + "\" data-span-ns=\"" + axis.span + "\" data-label=\"" + LABEL + "\" data-width=\""
                + WIDTH + "\">\n");
        if (defs) {
            // the hatching of waits, for both views (an id is global to the page)
            w.write("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                    + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe3c2\"/><line x1=\"0\" "
                    + "y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c77d1a\" stroke-width=\"3\"/></pattern></defs>\n");
        }
    }

    private static void openPlot(Writer w, int rowsHeight) throws IOException {
        w.write("<svg class=\"plot\" x=\"" + LABEL + "\" y=\"0\" width=\"" + WIDTH + "\" height=\"" + rowsHeight
                + "\" viewBox=\"0 0 " + WIDTH + " " + rowsHeight + "\" preserveAspectRatio=\"none\">\n");
    }

    /** The time ticks under a view and the end of the view. */
    private static void closeView(Writer w, Axis axis, int rowsHeight) throws IOException {
        w.write("<g class=\"ticks\" data-top=\"0\" data-bottom=\"" + rowsHeight + "\">\n");
        long step = niceStep(axis.span / 10.0);
        for (long t = 0; t <= axis.span; t += step) {
            double x = LABEL + (double) t * WIDTH / axis.span;
            String xs = fixed(x, 2);
            w.write("<line class=\"tick\" x1=\"" + xs + "\" x2=\"" + xs + "\" y1=\"0\" y2=\"" + (rowsHeight + 4)
                    + "\"/><text class=\"tick\" x=\"" + xs + "\" y=\"" + (rowsHeight + 16) + "\">" + escape(axis.label(t, step))
                    + "</text>\n");
        }
        w.write("</g></svg>\n");
    }

    /** The smallest 1, 2 or 5 × 10^k ns at least {@code raw} (and at least 1). */
    static long niceStep(double raw) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= raw) {
                    return m * p;
                }
            }
            if (p > Long.MAX_VALUE / 100) {
                return p * 10;
            }
            p *= 10;
        }
    }

    /** Times relative to the first one shown, on a plot {@link #WIDTH} wide. */
    private static final class Axis {
        final long origin;
        final long span;

        Axis(long origin, long span) {
            this.origin = origin;
            this.span = span;
        }

        String x(long t) {
            return fixed((double) (t - origin) * WIDTH / span, 2);
        }

        String width(long from, long to) {
            return fixed((double) (to - from) * WIDTH / span, 3);
        }

        /** {@code t} ns after the origin in the unit of the span. */
        String label(long t) {
            return label(t, niceStep(span / 10.0));
        }

        /** {@code t} ns after the origin, with as many decimals as {@code step} needs in the span's unit. */
        String label(long t, long step) {
            long unit = span >= 1_000_000_000L ? 1_000_000_000L : span >= 1_000_000L ? 1_000_000L : span >= 1_000L ? 1_000L : 1L;
            String name = unit == 1_000_000_000L ? "s" : unit == 1_000_000L ? "ms" : unit == 1_000L ? "µs" : "ns";
            int decimals = 0;
            for (long s = step; s < unit && decimals < 9; s *= 10) {
                decimals++;
            }
            return fixed((double) t / unit, decimals) + " " + name;
        }
    }

    // ---- text ----------------------------------------------------------------------------------

    /** {@code ns} on the source's clock, as seconds with six decimals. */
    static String clock(long ns) {
        String micros = Long.toString(1_000_000 + Math.abs(ns % 1_000_000_000L) / 1_000L);
        return (ns < 0 ? "-" : "") + Math.abs(ns / 1_000_000_000L) + "." + micros.substring(1) + " s";
    }

    /** A length in the largest unit that keeps it at least 1 (ns, µs, ms, s). */
    static String duration(long ns) {
        if (ns < 1_000L) {
            return ns + " ns";
        }
        String unit = ns < 1_000_000L ? " µs" : ns < 1_000_000_000L ? " ms" : " s";
        String v = fixed(ns / (ns < 1_000_000L ? 1e3 : ns < 1_000_000_000L ? 1e6 : 1e9), 3);
        int end = v.length();
        while (v.charAt(end - 1) == '0') {
            end--;
        }
        return v.substring(0, v.charAt(end - 1) == '.' ? end - 1 : end) + unit;
    }

    /** {@code v} with {@code decimals} digits after the point (half up), as {@code String.format("%.Nf")} but cheaper. */
    static String fixed(double v, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        double scaled = Math.abs(v) * scale;
        if (!(scaled < 9e18)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        long n = Math.round(scaled);
        String digits = Long.toString(n);
        if (decimals > 0) {
            if (digits.length() <= decimals) {
                digits = "0".repeat(decimals - digits.length() + 1) + digits;
            }
            digits = digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
        }
        return (v < 0 && n != 0 ? "-" : "") + digits;
    }

    /** A length with at most three significant digits, for axis labels ({@code 2.05 ms}, {@code 131 ms}). */
    static String brief(long ns) {
        String unit = ns < 1_000L ? "ns" : ns < 1_000_000L ? "µs" : ns < 1_000_000_000L ? "ms" : "s";
        double v = ns < 1_000L ? ns : ns < 1_000_000L ? ns / 1e3 : ns < 1_000_000_000L ? ns / 1e6 : ns / 1e9;
        String digits = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return digits + " " + unit;
    }

    private static String counted(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String label(Timeline.ThreadInfo t) {
        return t.name + " (tid " + t.tid + ")";
    }

    private static String name(Timeline tl, int tid) {
        Timeline.ThreadInfo t = tl.threadOrNull(tid);
        return t == null ? "tid " + tid : label(t);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("no row for CPU " + v);
    }

    private static final String CSS = "body{font-family:sans-serif;margin:1em}h2{font-size:1.1em;margin:1.2em 0 .3em}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
            + "td:nth-child(2),td:nth-child(3){text-align:left}svg text{font-size:11px}svg.view{display:block;user-select:none}"
            + ".plot{cursor:grab}.plot rect.run,.plot rect.wait{vector-effect:non-scaling-stroke;stroke-width:.6px}"
            + "rect.mixed{fill-opacity:.5}rect.lane{fill:#eef0f3}rect.wasted{fill:#e0002a;fill-opacity:.3;stroke:#e0002a;"
            + "vector-effect:non-scaling-stroke;stroke-width:1px}line.finding{stroke:#b00020;stroke-width:3px;"
            + "vector-effect:non-scaling-stroke}line.tick{stroke:#999;stroke-width:.5px}text.tick{fill:#444;text-anchor:middle}"
            + "line.axis{stroke:#444}rect.bar{fill:#4a78c2}text.axis{fill:#444}pre#summary{background:#f7f7f7;padding:.5em;"
            + "overflow-x:auto}ul.legend{columns:3;list-style:none;padding:0}ul.legend-marks{list-style:none;padding:0}"
            + "span.sw{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:middle;border:1px solid #888}"
            + "span.sw.lane{background:#eef0f3}span.sw.mixed{background:hsl(200,65%,50%);opacity:.5}"
            + "span.sw.wait{background:repeating-linear-gradient(45deg,#c77d1a 0 3px,#fbe3c2 3px 6px)}"
            + "span.sw.wasted{background:rgba(224,0,42,.3)}span.sw.finding{background:#b00020;width:3px}"
            + "rect.offloaded{fill:#6b6b6b;fill-opacity:.35;stroke:#6b6b6b;vector-effect:non-scaling-stroke;stroke-width:1px}"
            + "line.policy-switch{stroke:#5b2a86;stroke-width:2px;stroke-dasharray:4 2;vector-effect:non-scaling-stroke}"
            + "span.sw.offloaded{background:rgba(107,107,107,.35)}span.sw.policy-switch{background:#5b2a86;width:3px}"
            + "line.hook-refused{stroke:#0a7d5a;stroke-width:2px;vector-effect:non-scaling-stroke}span.sw.hook-refused{background:#0a7d5a;width:3px}"
            + "p.note{color:#555;font-size:.9em}p.controls button{margin-right:.3em}";

    /**
     * Zoom and pan of the time axis: every {@code svg.plot} shows the same range (its viewBox, in
     * plot pixels of the whole run), and the ticks of every {@code svg.view} are redrawn for it
     * with the rule of {@link Axis#label(long, long)}.
     */
    private static final String SCRIPT = """
            (function () {
              var plots = Array.prototype.slice.call(document.querySelectorAll('svg.plot'));
              var views = Array.prototype.slice.call(document.querySelectorAll('svg.view'));
              if (plots.length === 0) { return; }
              var W = parseFloat(views[0].getAttribute('data-width'));
              var L = parseFloat(views[0].getAttribute('data-label'));
              var span = parseFloat(views[0].getAttribute('data-span-ns'));
              var unit = span >= 1e9 ? [1e9, 's'] : span >= 1e6 ? [1e6, 'ms'] : span >= 1e3 ? [1e3, '\\u00b5s'] : [1, 'ns'];
              var v0 = 0, v1 = W;
              function nice(raw) {
                for (var p = 1; ; p *= 10) {
                  if (p >= raw) { return p; }
                  if (2 * p >= raw) { return 2 * p; }
                  if (5 * p >= raw) { return 5 * p; }
                }
              }
              function label(t, step) {
                var d = 0;
                for (var s = step; s < unit[0] && d < 9; s *= 10) { d++; }
                return (t / unit[0]).toFixed(d) + ' ' + unit[1];
              }
              function ticks() {
                var t0 = v0 / W * span, t1 = v1 / W * span, step = nice((t1 - t0) / 10);
                views.forEach(function (view) {
                  var g = view.querySelector('g.ticks'), bottom = parseFloat(g.getAttribute('data-bottom'));
                  while (g.firstChild) { g.removeChild(g.firstChild); }
                  for (var i = Math.ceil(t0 / step); i * step <= t1; i++) {
                    var t = i * step, x = (L + (t - t0) / (t1 - t0) * W).toFixed(2);
                    var line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
                    line.setAttribute('class', 'tick'); line.setAttribute('x1', x); line.setAttribute('x2', x);
                    line.setAttribute('y1', 0); line.setAttribute('y2', bottom + 4); g.appendChild(line);
                    var text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
                    text.setAttribute('class', 'tick'); text.setAttribute('x', x); text.setAttribute('y', bottom + 16);
                    text.textContent = label(t, step); g.appendChild(text);
                  }
                });
                var r = document.getElementById('view-range');
                if (r) { r.textContent = label(t0, step) + ' \\u2026 ' + label(t1, step); }
              }
              function set(a, b) {
                var w = Math.max(W / 100000, Math.min(W, b - a));
                v0 = Math.max(0, Math.min(W - w, a)); v1 = v0 + w;
                plots.forEach(function (p) {
                  p.setAttribute('viewBox', v0 + ' 0 ' + (v1 - v0) + ' ' + p.viewBox.baseVal.height);
                });
                ticks();
              }
              function zoom(f, at) { var w = (v1 - v0) * f, c = v0 + (v1 - v0) * at; set(c - w * at, c - w * at + w); }
              plots.forEach(function (p) {
                p.addEventListener('wheel', function (e) {
                  e.preventDefault();
                  var r = p.getBoundingClientRect();
                  zoom(e.deltaY > 0 ? 1.25 : 0.8, (e.clientX - r.left) / r.width);
                }, { passive: false });
                p.addEventListener('mousedown', function (e) {
                  var r = p.getBoundingClientRect(), x0 = e.clientX, a = v0, b = v1;
                  function move(m) { var d = (m.clientX - x0) / r.width * (b - a); set(a - d, b - d); }
                  function up() { window.removeEventListener('mousemove', move); window.removeEventListener('mouseup', up); }
                  window.addEventListener('mousemove', move);
                  window.addEventListener('mouseup', up);
                  e.preventDefault();
                });
              });
              Array.prototype.forEach.call(document.querySelectorAll('button[data-zoom]'), function (b) {
                b.addEventListener('click', function () {
                  var z = b.getAttribute('data-zoom');
                  if (z === 'in') { zoom(0.5, 0.5); } else if (z === 'out') { zoom(2, 0.5); } else { set(0, W); }
                });
              });
              var m = /view=([0-9.eE+-]+),([0-9.eE+-]+)/.exec(window.location.hash);
              if (m) { set(parseFloat(m[1]) * 1e9 / span * W, parseFloat(m[2]) * 1e9 / span * W); }
            })();
            """;
}
