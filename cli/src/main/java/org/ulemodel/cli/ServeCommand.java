// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.OracleSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel serve}: the model's side of the lockstep oracle protocol ({@link OracleSession},
 * docs/protocol.md) over stdin/stdout, or with {@code --port N} over TCP on 127.0.0.1, one client
 * at a time. Models are the registry's ({@link ModelSpecs#named}). Runs until its input ends
 * (stdin) or it is stopped (socket); a bad message gets an error reply, never an exit.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Judge (or predict) another scheduler's decisions event by event: JSON lines on stdin/stdout, or on a local port.",
            "Protocol: docs/protocol.md. Exit 0 at the end of input, 2 bad usage."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "listen on 127.0.0.1:N instead of stdin/stdout (0: any free port; "
            + "the port is printed on stderr)")
    Integer port;

    @Option(names = "--log", paramLabel = "FILE", description = "write every session as a JSONL decision trace, which 'check' reads "
            + "and 'serve < FILE' replays")
    Path log;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageError("--port: expected 0..65535, got " + port);
        }
        try (Writer logWriter = log == null ? null : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            if (port == null) {
                serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16),
                        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), logWriter);
                return 0;
            }
            try (ServerSocket server = new ServerSocket(port, 16, InetAddress.getLoopbackAddress())) {
                spec.commandLine().getErr().println("ulemodel serve: listening on 127.0.0.1:" + server.getLocalPort());
                spec.commandLine().getErr().flush();
                while (true) {
                    try (Socket s = server.accept()) {
                        serve(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 1 << 16),
                                new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), 1 << 16), logWriter);
                    } catch (IOException clientGone) {
                        spec.commandLine().getErr().println("ulemodel serve: client connection lost: " + clientGone.getMessage());
                        spec.commandLine().getErr().flush();
                    }
                }
            }
        }
    }

    private static void serve(BufferedReader in, Writer out, Writer log) throws IOException {
        OracleSession.serve(new OracleSession(id -> ModelSpecs.named(id).model(), log), in, out);
    }
}
