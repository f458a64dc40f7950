package io.aihub.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * A scriptable upstream on loopback (port 0) standing in for OpenAI-compatible servers and for
 * Anthropic: each test sets the {@link Script} it needs (answer, stream, error, delay, no usage)
 * and inspects what the hub sent in {@link #received()}.
 */
public final class FakeUpstream implements AutoCloseable {

    public record Received(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange, JsonNode body) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean clientWentAway = new AtomicBoolean();
    private volatile Script script = json(200, "{}");

    public FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] bytes = exchange.getRequestBody().readAllBytes();
                JsonNode body = bytes.length == 0 ? null : Api.JSON.readTree(bytes);
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
                script.answer(exchange, body);
            } catch (IOException e) {
                clientWentAway.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeUpstream script(Script script) {
        this.script = script;
        return this;
    }

    public List<Received> received() {
        return received;
    }

    /** Whether the hub hung up while this upstream was still answering (a cancelled stream). */
    public boolean sawCancellation() {
        return clientWentAway.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static Script json(int status, String body) {
        return (exchange, request) -> send(exchange, status, "application/json", body);
    }

    /** Waits, then answers (to provoke timeouts). */
    public static Script delayed(long millis, Script then) {
        return (exchange, request) -> {
            Thread.sleep(millis);
            then.answer(exchange, request);
        };
    }

    /** An SSE stream of {@code events} (each a complete "data: …" / "event: …" block), {@code pauseMillis} apart. */
    public static Script sse(List<String> events, long pauseMillis) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String event : events) {
                out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        };
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A chat.completion chunk carrying {@code content}, as OpenAI streams them. */
    public static String chunk(String content) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Api.JSON.writeValueAsString(content)
                + "},\"finish_reason\":null}]}";
    }
}
