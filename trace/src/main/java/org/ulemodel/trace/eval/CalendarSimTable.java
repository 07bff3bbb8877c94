// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.CalendarSimulation;
import org.ulemodel.core.machine.CalendarSimulation15;
import org.ulemodel.core.ule.UleVersion;

/**
 * {@code ulemodel eval calendar-sim}: a single-CPU simulation written in the columns of
 * golden/calendar_sim.csv (FreeBSD 14, {@link CalendarSimulation}) or
 * golden/v15/calendar_sim_v15.csv (FreeBSD 15, {@link CalendarSimulation15}), one line a stathz
 * tick, or its per-thread totals in the summary files' columns, which both versions share. The
 * first line is the header; the switch columns are empty on ticks without a switch.
 */
public final class CalendarSimTable {
    /** golden/calendar_sim.csv's header. */
    public static final String HEADER_V14 = "scenario,stat_tick,hz_ticks,cur_thread,cur_td_priority,cur_rqindex,tdq_idx,"
            + "tdq_ridx,tdq_slice,timeshare_bitmap_hex,event,requeued_at_index,next_thread,next_td_priority";
    /** golden/v15/calendar_sim_v15.csv's header. */
    public static final String HEADER_V15 = "scenario,stat_tick,hz_ticks,cur_thread,cur_td_priority,cur_rqindex,"
            + "tdq_ts_off,tdq_ts_deq_off,tdq_ts_ticks,tdq_slice,status_words_3_2_1_hex,event,requeued_at_index,"
            + "next_thread,next_td_priority";
    /** The header of golden/calendar_sim_summary.csv and golden/v15/calendar_sim_v15_summary.csv. */
    public static final String HEADER_SUMMARY = "scenario,thread,fixed_pri,nice,final_td_priority,cpu_stat_ticks,"
            + "cpu_share,runtime,slptime,ts_ticks,td_user_pri";

    private CalendarSimTable() {
    }

    /** Runs {@code spec} with {@code ule}'s simulation and returns its lines, header first: the ticks, or with {@code summary} the per-thread totals. */
    public static List<String> lines(UleVersion ule, CalendarSimulation.Spec spec, boolean summary) {
        List<String> out = new ArrayList<>();
        List<CalendarSimulation.ThreadSummary> threads;
        if (ule == UleVersion.V14) {
            CalendarSimulation.Result r = CalendarSimulation.run(spec);
            threads = r.summary();
            out.add(HEADER_V14);
            for (CalendarSimulation.Row row : r.rows()) {
                out.add(join(row.scenario(), row.statTick(), row.hzTicks(), row.curThread(), row.curPriority(),
                        row.curRqIndex(), row.idx(), row.ridx(), row.tdqSlice(), Long.toHexString(row.timeshareStatus()))
                        + switchColumns(row.switched(), row.requeuedAt(), row.nextThread(), row.nextPriority()));
            }
        } else {
            CalendarSimulation15.Result r = CalendarSimulation15.run(spec);
            threads = r.summary();
            out.add(HEADER_V15);
            for (CalendarSimulation15.Row row : r.rows()) {
                out.add(join(row.scenario(), row.statTick(), row.hzTicks(), row.curThread(), row.curPriority(),
                        row.curRqIndex(), row.tsOff(), row.deqOff(), row.tsTicks(), row.tdqSlice(), row.statusWords321Hex())
                        + switchColumns(row.switched(), row.requeuedAt(), row.nextThread(), row.nextPriority()));
            }
        }
        return summary ? summaryLines(threads) : out;
    }

    private static List<String> summaryLines(List<CalendarSimulation.ThreadSummary> threads) {
        List<String> out = new ArrayList<>();
        out.add(HEADER_SUMMARY);
        for (CalendarSimulation.ThreadSummary t : threads) {
            out.add(join(t.scenario(), t.thread(), t.fixedPriority(), t.nice(), t.finalPriority(), t.cpuStatTicks(),
                    String.format(Locale.ROOT, "%.4f", t.cpuShare()), Integer.toUnsignedString(t.runtime()),
                    Integer.toUnsignedString(t.slptime()), Integer.toUnsignedString(t.tsTicks()), t.userPri()));
        }
        return out;
    }

    /** The last four columns: {@code event}, {@code requeued_at_index}, {@code next_thread}, {@code next_td_priority}. */
    private static String switchColumns(boolean switched, int requeuedAt, int next, int nextPriority) {
        return switched ? join("", "switch", requeuedAt, next, nextPriority) : ",,,,";
    }

    private static String join(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(fields[i]);
        }
        return sb.toString();
    }
}
