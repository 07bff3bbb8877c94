// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.trace.DecisionTrace;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.OracleProtocol;

/**
 * An implementation under test run as a child process that speaks the answering side of the
 * oracle protocol ({@link OracleProtocol}, predict mode): it gets an open message, then events,
 * and answers each with its decisions. The command runs under {@code sh -c}; its stderr is kept
 * (the last few kilobytes) for reports. Every reply must arrive within the timeout.
 *
 * <p>Invariant: a child that exits, hangs past the timeout or answers outside the protocol raises
 * {@link ChildFailure} — never an answer that could be mistaken for the implementation's
 * decisions; after a failure the process is killed and {@link #restart()} starts a new one.
 */
public final class ExternalScheduler implements AutoCloseable {
    /** What went wrong with the child process itself (not with its decisions). */
    public static final class ChildFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ChildFailure(String message) {
            super(message);
        }
    }

    /** What the implementation answered to one event: its decisions, or its refusal (an error reply). */
    public record Answer(List<Decision> decisions, String refusal) {
    }

    private static final Object EOF = new Object();
    private static final int STDERR_KEPT = 4096;

    private final String command;
    private final long timeoutMillis;
    private Process process;
    private BufferedWriter toChild;
    private BlockingQueue<Object> lines;
    private StringBuilder stderr;
    private int replyLine;

    /** Starts {@code command} (run by {@code sh -c}); each reply must come within {@code timeoutMillis}. */
    public ExternalScheduler(String command, long timeoutMillis) throws ChildFailure {
        this.command = command;
        this.timeoutMillis = timeoutMillis;
        start();
    }

    private void start() throws ChildFailure {
        try {
            process = new ProcessBuilder("sh", "-c", command).start();
        } catch (IOException e) {
            throw new ChildFailure("cannot start '" + command + "': " + e.getMessage());
        }
        toChild = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        BlockingQueue<Object> q = new ArrayBlockingQueue<>(1024);
        lines = q;
        replyLine = 0;
        BufferedReader from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String l = from.readLine(); l != null; l = from.readLine()) {
                    q.put(l);
                }
            } catch (IOException | InterruptedException gone) {
                // the process ended or was killed: EOF below
            }
            q.offer(EOF);
        }, "fuzz-child-stdout");
        reader.setDaemon(true);
        reader.start();
        StringBuilder err = new StringBuilder();
        stderr = err;
        InputStream es = process.getErrorStream();
        Thread drain = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = es.read(buf); n >= 0; n = es.read(buf)) {
                    synchronized (err) {
                        err.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (err.length() > STDERR_KEPT) {
                            err.delete(0, err.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
        }, "fuzz-child-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Kills the child and starts the command again (after a failure). */
    public void restart() throws ChildFailure {
        close();
        start();
    }

    /** Opens a session: sends the open message (predict mode) and waits for {@code {"reply":"opened"}}. */
    public void open(DecisionTrace.Header header) throws ChildFailure {
        OracleProtocol.Reply r = exchange(OracleProtocol.open(OracleProtocol.Mode.PREDICT, header), "the open message");
        if (r.kind().equals("error")) {
            throw fail("it refused to open a session of " + header.model() + " on " + header.topology() + ": " + r.text());
        }
        if (!r.kind().equals("opened")) {
            throw fail("it answered the open message with a '" + r.kind() + "' reply; expected {\"reply\":\"opened\"}");
        }
    }

    /** Sends event {@code n} and returns the implementation's answer. */
    public Answer decide(long n, Event e) throws ChildFailure {
        OracleProtocol.Reply r = exchange(OracleProtocol.event(n, e, null), "event " + n);
        if (r.kind().equals("error")) {
            return new Answer(null, r.text());
        }
        if (!r.kind().equals("decisions") || r.n() != n) {
            throw fail("it answered event " + n + " with " + (r.kind().equals("decisions") ? "the decisions of event " + r.n()
                    : "a '" + r.kind() + "' reply") + "; expected {\"reply\":\"decisions\",\"n\":" + n + ",…}");
        }
        return new Answer(r.decisions(), null);
    }

    private OracleProtocol.Reply exchange(String message, String what) throws ChildFailure {
        try {
            toChild.write(message);
            toChild.write('\n');
            toChild.flush();
        } catch (IOException e) {
            throw fail(exitText() + " before " + what + " could be sent (" + e.getMessage() + ")");
        }
        Object got;
        try {
            got = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting for its reply to " + what);
        }
        if (got == null) {
            throw fail("hung: no reply to " + what + " within " + timeoutMillis + " ms");
        }
        if (got == EOF) {
            throw fail(exitText() + " instead of replying to " + what);
        }
        replyLine++;
        try {
            return OracleProtocol.readReply("reply", replyLine, (String) got);
        } catch (InputError bad) {
            throw fail("broke the protocol: its reply to " + what + " is not the protocol's: " + bad.detail() + " (column " + bad.column() + ") in: " + got);
        }
    }

    private String exitText() {
        try {
            if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return "crashed: it exited with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "crashed: it closed its output";
    }

    private ChildFailure fail(String what) {
        process.destroyForcibly();
        try {
            process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString().strip();
        }
        return new ChildFailure("the implementation (" + command + ") " + what + (err.isEmpty() ? "" : "; its stderr ends with:\n" + err));
    }

    /** Ends the child: closes its input, then kills it if it has not exited within the timeout. */
    @Override
    public void close() {
        try {
            toChild.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
