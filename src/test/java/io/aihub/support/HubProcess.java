package io.aihub.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hub instance as a separate OS process ({@code java -cp <this JVM's class path> io.aihub.AiHubApplication}),
 * for tests of several instances sharing one PostgreSQL and one Redis. Test classes are left off its class
 * path: it runs the product as shipped, with no test doubles. Its output goes to
 * {@code target/cluster-tests/<name>.log}. {@link #kill()} is {@code kill -9}.
 */
public final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;

    private HubProcess(String name, int port, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.properties = properties;
        this.log = Path.of("target", "cluster-tests", name + ".log");
    }

    /** Starts an instance on a free port with these {@code --key=value} settings (not yet waiting for it). */
    public static HubProcess start(String name, Map<String, String> properties) throws IOException {
        HubProcess hub = new HubProcess(name, freePort(), properties);
        hub.launch();
        return hub;
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    public String name() {
        return name;
    }

    private void launch() throws IOException {
        Files.createDirectories(log.getParent());
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath, "io.aihub.AiHubApplication", "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until {@code /actuator/health} answers 200; fails with the log's tail if the process died. */
    public HubProcess awaitHealthy(Duration deadline) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " not healthy within " + deadline + ":\n" + tail());
    }

    /** {@code kill -9}: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the same instance again (same port, same settings, same journal directory). */
    public HubProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
        return this;
    }

    /** Everything the instance printed, all its runs. */
    public Path logFile() {
        return log;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
