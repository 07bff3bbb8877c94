// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost curves of a benchmark run as one SVG picture ({@code bench/results/cost-curves.svg},
 * written by {@link QuickRun}): panels side by side, each a log-log plot of nanoseconds per
 * operation against a size (CPUs, queued threads), one polyline per series, with a legend and
 * the machine and date in the caption.
 *
 * <p>Invariants: the output is a standalone SVG document (no script, no external reference); a
 * point whose value is not a positive finite number (a benchmark that was not run) is left out,
 * and a series with no point left is left out of the plot and the legend.
 */
final class CostCurves {
    static final int PANEL_WIDTH = 440;
    static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 58;
    private static final int RIGHT = 12;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;
    private static final int LEGEND_ROW = 16;

    private CostCurves() {
    }

    /** One line of a panel: its legend label, stroke colour, dash pattern (null: solid), and points. */
    record Series(String label, String color, String dash, double[] x, double[] y) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + label + ": " + x.length + " x values but " + y.length + " y values");
            }
        }

        /** Indices of the points that can be drawn on log axes. */
        int[] drawable() {
            return java.util.stream.IntStream.range(0, x.length).filter(i -> positive(x[i]) && positive(y[i])).toArray();
        }
    }

    /** One plot: its title, axis labels and series. */
    record Panel(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static boolean positive(double v) {
        return v > 0 && Double.isFinite(v);
    }

    /** The whole picture: {@code panels} in a row under {@code caption}. */
    static String svg(String caption, List<Panel> panels) {
        int legendRows = 0;
        for (Panel p : panels) {
            legendRows = Math.max(legendRows, (int) p.series().stream().filter(s -> s.drawable().length > 0).count());
        }
        int width = PANEL_WIDTH * Math.max(1, panels.size());
        int height = 28 + PANEL_HEIGHT + legendRows * LEGEND_ROW + 8;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<!-- SPDX-License-Identifier: BSD-2-Clause -->\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">\n", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"8\" y=\"18\" font-size=\"12\">").append(escape(caption)).append("</text>\n");
        for (int i = 0; i < panels.size(); i++) {
            panel(sb, panels.get(i), PANEL_WIDTH * i, 28);
        }
        return sb.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder sb, Panel p, int ox, int oy) {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        List<Series> drawn = new ArrayList<>();
        for (Series s : p.series()) {
            int[] idx = s.drawable();
            if (idx.length == 0) {
                continue;
            }
            drawn.add(s);
            for (int i : idx) {
                xmin = Math.min(xmin, s.x()[i]);
                xmax = Math.max(xmax, s.x()[i]);
                ymin = Math.min(ymin, s.y()[i]);
                ymax = Math.max(ymax, s.y()[i]);
            }
        }
        int x0 = ox + LEFT;
        int x1 = ox + PANEL_WIDTH - RIGHT;
        int y0 = oy + PANEL_HEIGHT - BOTTOM;
        int y1 = oy + TOP;
        sb.append(String.format(Locale.ROOT, "<g><text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">%s</text>\n",
                x0, oy + 16, escape(p.title())));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                x0, y1, x1 - x0, y0 - y1));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                (x0 + x1) / 2, y0 + 34, escape(p.xLabel())));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                ox + 14, (y0 + y1) / 2, escape(p.yLabel())));
        if (drawn.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#999\">not run</text></g>\n",
                    (x0 + x1) / 2, (y0 + y1) / 2));
            return;
        }
        // Log axes padded to whole 1-2-5 steps so that every point sits inside the frame.
        double lxmin = Math.log10(xmin);
        double lxmax = Math.log10(xmax);
        if (lxmax - lxmin < 1e-9) {
            lxmin -= 0.5;
            lxmax += 0.5;
        }
        double lymin = Math.log10(step125(ymin, false));
        double lymax = Math.log10(step125(ymax, true));
        if (lymax - lymin < 1e-9) {
            lymax = lymin + 1;
        }
        Axis ax = new Axis(lxmin, lxmax, x0, x1);
        Axis ay = new Axis(lymin, lymax, y0, y1);
        for (Series s : drawn) {
            for (int i : s.drawable()) {
                int px = ax.at(Math.log10(s.x()[i]));
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, y0, px, y0 + 4, px, y0 + 16, number(s.x()[i])));
            }
            break; // the x ticks of the first series: every series of a panel has the same sizes
        }
        for (double v = Math.pow(10, Math.floor(lymin)); Math.log10(v) <= lymax + 1e-9; v = next125(v)) {
            if (Math.log10(v) < lymin - 1e-9) {
                continue;
            }
            int py = ay.at(Math.log10(v));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", x0, py, x1, py, x0 - 4, py + 4, number(v)));
        }
        int row = 0;
        for (Series s : drawn) {
            StringBuilder pts = new StringBuilder();
            for (int i : s.drawable()) {
                pts.append(pts.length() == 0 ? "" : " ").append(ax.at(Math.log10(s.x()[i]))).append(',').append(ay.at(Math.log10(s.y()[i])));
            }
            String dash = s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"";
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s>"
                    + "<title>%s</title></polyline>\n", pts, s.color(), dash, escape(s.label())));
            for (int i : s.drawable()) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"%s\"><title>%s: %s → %s ns</title></circle>\n",
                        ax.at(Math.log10(s.x()[i])), ay.at(Math.log10(s.y()[i])), s.color(), escape(s.label()), number(s.x()[i]),
                        String.format(Locale.ROOT, "%.1f", s.y()[i])));
            }
            int ly = oy + PANEL_HEIGHT + row * LEGEND_ROW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", x0, ly - 4, x0 + 26, ly - 4, s.color(), dash, x0 + 32, ly, escape(s.label())));
            row++;
        }
        sb.append("</g>\n");
    }

    /** A log axis mapped onto pixels. */
    private record Axis(double from, double to, int pixelFrom, int pixelTo) {
        int at(double v) {
            return (int) Math.round(pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom));
        }
    }

    /** The 1-2-5 step at or below {@code v} ({@code up}: at or above). */
    static double step125(double v, boolean up) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        double[] steps = {1, 2, 5, 10};
        if (up) {
            for (double s : steps) {
                if (s * decade >= v * (1 - 1e-12)) {
                    return s * decade;
                }
            }
            return 10 * decade;
        }
        double best = decade;
        for (double s : steps) {
            if (s * decade <= v * (1 + 1e-12)) {
                best = s * decade;
            }
        }
        return best;
    }

    private static double next125(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
        double m = Math.round(v / decade);
        return (m < 2 ? 2 : m < 5 ? 5 : 10) * decade;
    }

    /** {@code 10}, {@code 1,000}, {@code 100k}, {@code 2.5}: short tick labels. */
    static String number(double v) {
        if (v >= 10_000 && v % 1000 == 0) {
            return String.format(Locale.ROOT, "%,dk", (long) (v / 1000));
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
