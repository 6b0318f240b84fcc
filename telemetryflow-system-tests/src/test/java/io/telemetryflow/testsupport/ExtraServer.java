package io.telemetryflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly of its own beside the Arquillian-managed one, from the installation the test command
 * prepared: its own server directory (broker journal, data) and port offset, the same PostgreSQL and
 * ClickHouse, the EAR under test deployed. It shares the test servers' encryption key, broker cluster
 * password and demo mode, as every node of one database must. Tests start, kill and restart it; {@link #close} removes it.
 */
public final class ExtraServer implements AutoCloseable {

    private final int offset;
    private final Path baseDir;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private Process process;

    public ExtraServer(int offset, Map<String, String> environment) throws IOException {
        this.offset = offset;
        this.baseDir = prepareServerDirectory();
        this.environment.put("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY", System.getProperty("tf.test.encryption-key"));
        this.environment.put("TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD", System.getProperty("tf.test.messaging.cluster-password"));
        // a production-mode node would delete the demo users the other tests sign in with
        this.environment.put("TELEMETRYFLOW_DEMO_MODE", "true");
        this.environment.putAll(environment);
    }

    /** Changes an environment variable for the next {@link #start}; null removes it. */
    public void set(String variable, String value) {
        environment.put(variable, value);
    }

    /** Adds an argument to standalone.sh for the next {@link #start}, e.g. {@code -b 0.0.0.0}. */
    public void argument(String argument) {
        arguments.add(argument);
    }

    public String http() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    public Path file(String name) {
        return baseDir.resolve(name);
    }

    public void start() throws Exception {
        launch();
        String ready = "http://127.0.0.1:" + (9990 + offset) + "/health/ready";
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (TestEnvironment.get(ready).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("extra server exited during start-up; end of its console:\n" + consoleTail());
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("extra server not ready within 240 s; end of its console:\n" + consoleTail());
    }

    /**
     * Starts the server expecting it to refuse: waits until its console shows a line with {@code text} (the deployment
     * failed with it) and returns that line; fails if the server becomes ready instead.
     */
    public String startExpectingRefusal(String text) throws Exception {
        Path console = baseDir.resolve("console.log");
        long earlierLines = Files.exists(console) ? Files.readAllLines(console).size() : 0;
        launch();
        String ready = "http://127.0.0.1:" + (9990 + offset) + "/health/ready";
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(console)) {
                try (Stream<String> lines = Files.lines(console)) {
                    var refusal = lines.skip(earlierLines).filter(line -> line.contains(text)).findFirst();
                    if (refusal.isPresent()) {
                        return refusal.get();
                    }
                }
            }
            try {
                if (TestEnvironment.get(ready).statusCode() == 200) {
                    throw new AssertionError("the server started instead of refusing with '" + text + "'");
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no line with '" + text + "' within 240 s; end of the console:\n" + consoleTail());
    }

    private void launch() throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Dtelemetryflow.bootstrap.api-key-file=" + baseDir.resolve("bootstrap-api-key.json")));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JBOSS_PIDFILE", baseDir.resolve("server.pid").toString());
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g");
        environment.forEach((variable, value) -> {
            if (value == null) {
                env.remove(variable);
            } else {
                env.put(variable, value);
            }
        });
        Files.deleteIfExists(baseDir.resolve("server.pid"));
        process = builder.start();
    }

    private String consoleTail() throws IOException {
        List<String> lines = Files.readAllLines(baseDir.resolve("console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** {@code kill -9} of the server JVM (hard), or a normal stop. */
    public void stop(boolean hard) throws Exception {
        Path pidFile = baseDir.resolve("server.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(jvm -> {
                if (hard) {
                    jvm.destroyForcibly();
                } else {
                    jvm.destroy();
                }
                jvm.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        }
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            stop(false);
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A copy of the prepared server's standalone directory with the EAR deployed, used as jboss.server.base.dir. */
    private static Path prepareServerDirectory() throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        Path base = Files.createTempDirectory("telemetryflow-extra-");
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        // while Arquillian has the EAR deployed, the configuration names it; this server deploys its own copy
        Path serverConfiguration = configuration.resolve("standalone-full.xml");
        Files.writeString(serverConfiguration, Files.readString(serverConfiguration).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("tf.test.ear")), deployments.resolve("telemetryflow.ear"));
        return base;
    }
}
