package io.telemetryflow.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs a real ClickHouse server from chDB's {@code libchdb.so} for development and tests.
 *
 * <p>{@code chdb_query_cmdline} is clickhouse-local's {@code main}. The query we hand it first
 * starts ClickHouse's own HTTP and native listeners, then sleeps for decades, so the servers
 * live exactly as long as this call (and this process) does. Stop it with SIGTERM/SIGKILL.
 *
 * <p>Must be started with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}: libchdb installs its
 * own SIGSEGV handler, and without signal chaining that replaces HotSpot's, which uses SIGSEGV
 * for implicit null checks and safepoints, so the JVM dies on its first such trap.
 */
public final class ClickHouseLauncher {

    /** Keeps the call alive: ~31 years of one-second sleeps; the per-block cap would abort it. */
    static final String SERVE_QUERY = "SYSTEM START LISTEN HTTP; SYSTEM START LISTEN TCP; "
            + "SELECT sleepEachRow(1) FROM numbers(1000000000) "
            + "SETTINGS function_sleep_max_microseconds_per_block = 0";

    private static final int EXIT_USAGE = 2;
    private static final int EXIT_SERVER_ENDED = 1;

    /** The few libchdb entry points we need; the result is opaque (chdb_result *). */
    interface ChDb extends Library {
        Pointer chdb_query_cmdline(int argc, String[] argv);

        String chdb_result_error(Pointer result);

        Pointer chdb_result_buffer(Pointer result);

        long chdb_result_length(Pointer result);

        void chdb_destroy_query_result(Pointer result);
    }

    /** Parsed command line. */
    record Options(Path lib, Path dataPath, int httpPort, int tcpPort, String listenHost) {

        /** The argv clickhouse-local sees; argv[0] only has to look like a program name. */
        List<String> clickhouseArgv() {
            return List.of(
                    "clickhouse",
                    "--multiquery",
                    "--path=" + dataPath,
                    "--http_port=" + httpPort,
                    "--tcp_port=" + tcpPort,
                    "--listen_host=" + listenHost,
                    "--query=" + SERVE_QUERY);
        }
    }

    private ClickHouseLauncher() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("clickhouse-launcher: " + e.getMessage());
            System.err.println(usage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (!Files.isRegularFile(options.lib())) {
            System.err.println("clickhouse-launcher: no such library " + options.lib());
            System.exit(EXIT_USAGE);
            return;
        }
        if (!signalChainingActive()) {
            // Loading libchdb now would let it take SIGSEGV from HotSpot and kill the JVM later,
            // at a random point; refuse up front instead.
            System.err.println("clickhouse-launcher: libjsig.so is not loaded; start the JVM with "
                    + "LD_PRELOAD=$JAVA_HOME/lib/libjsig.so (clickhouse.sh does this)");
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            Files.createDirectories(options.dataPath());
        } catch (IOException e) {
            System.err.println("clickhouse-launcher: cannot create " + options.dataPath() + ": " + e);
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(serve(options));
    }

    /** Blocks while the server runs; returns an exit code only if ClickHouse gave up. */
    static int serve(Options options) {
        ChDb chdb = Native.load(options.lib().toString(), ChDb.class);
        List<String> argv = options.clickhouseArgv();
        System.err.printf("clickhouse-launcher: serving http=%s:%d tcp=%s:%d path=%s%n",
                options.listenHost(), options.httpPort(), options.listenHost(), options.tcpPort(),
                options.dataPath());

        Pointer result = chdb.chdb_query_cmdline(argv.size(), argv.toArray(String[]::new));

        // Reaching here means the server stopped by itself: a busy port, a broken data dir. Some
        // failures (a busy port) are only printed to stderr by ClickHouse and leave the result empty.
        String message = "no result from chdb_query_cmdline";
        if (result != null) {
            String error = chdb.chdb_result_error(result);
            if (error != null && !error.isBlank()) {
                message = error.strip();
            } else {
                Pointer buffer = chdb.chdb_result_buffer(result);
                long length = chdb.chdb_result_length(result);
                message = buffer == null || length <= 0
                        ? "ClickHouse returned without an error message; its own report, if any, is above"
                        : new String(buffer.getByteArray(0, (int) Math.min(length, 4096)),
                                StandardCharsets.UTF_8).strip();
            }
            chdb.chdb_destroy_query_result(result);
        }
        System.err.println("clickhouse-launcher: server ended: " + message);
        return EXIT_SERVER_ENDED;
    }

    static Options parse(String[] args) {
        Path lib = null;
        Path dataPath = null;
        Integer httpPort = null;
        Integer tcpPort = null;
        String listenHost = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--lib" -> lib = Path.of(value).toAbsolutePath();
                case "--path" -> dataPath = Path.of(value).toAbsolutePath();
                case "--http-port" -> httpPort = port(name, value);
                case "--tcp-port" -> tcpPort = port(name, value);
                case "--listen-host" -> listenHost = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (lib == null) {
            throw new IllegalArgumentException("--lib is required");
        }
        if (dataPath == null) {
            throw new IllegalArgumentException("--path is required");
        }
        if (httpPort == null || tcpPort == null) {
            throw new IllegalArgumentException("--http-port and --tcp-port are required");
        }
        if (httpPort.equals(tcpPort)) {
            throw new IllegalArgumentException("--http-port and --tcp-port must differ");
        }
        requireLoopback(listenHost);
        return new Options(lib, dataPath, httpPort, tcpPort, listenHost);
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(name + " must be a port number 1-65535, got '" + value + "'");
    }

    /**
     * The server has no authentication, so it may only listen on loopback. Only IP literals are
     * accepted: a host name could resolve to anything, and ClickHouse would bind whatever it gets.
     */
    static void requireLoopback(String host) {
        boolean ipv4 = host.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        boolean ipv6 = host.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*");
        if (ipv4 || ipv6) {
            try {
                // A literal is parsed, never looked up.
                if (InetAddress.getByName(host).isLoopbackAddress()) {
                    return;
                }
            } catch (UnknownHostException ignored) {
                // not a valid literal; rejected below
            }
        }
        throw new IllegalArgumentException("--listen-host must be a loopback IP address "
                + "(127.0.0.1 or ::1), got '" + host + "': the server has no authentication");
    }

    /** True when libjsig is mapped into this process, i.e. HotSpot will chain foreign handlers. */
    static boolean signalChainingActive() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so");
        } catch (IOException e) {
            String preload = System.getenv("LD_PRELOAD");
            return preload != null && preload.toLowerCase(Locale.ROOT).contains("libjsig");
        }
    }

    private static String usage() {
        return "usage: java -jar clickhouse-launcher.jar --lib PATH/libchdb.so --path DATA_DIR "
                + "--http-port N --tcp-port N [--listen-host 127.0.0.1]";
    }
}
