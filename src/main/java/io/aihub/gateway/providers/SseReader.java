package io.aihub.gateway.providers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads Server-Sent Events ({@code event:} and {@code data:} lines, blank-line separated) one event
 * at a time. An upstream that goes silent for longer than {@code idleTimeout} between events has
 * its stream closed (which unblocks the read with an IOException), so a stalled upstream cannot
 * hold a client forever.
 */
public final class SseReader implements AutoCloseable {

    public record Event(String name, String data) {
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "aihub-sse-idle-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final BufferedReader reader;
    private final InputStream in;
    private final Duration idleTimeout;

    /** An event whose data is JSON, already parsed. */
    public record JsonEvent(String name, tools.jackson.databind.JsonNode data) {
    }

    /**
     * The next event parsed as JSON, or null at the end of the stream (or OpenAI's {@code [DONE]}).
     * A broken stream and a non-JSON event become {@link UpstreamFailure}s naming the upstream {@code label}:
     * the one place every provider's stream turns transport faults into gateway faults.
     */
    public JsonEvent nextJson(tools.jackson.databind.json.JsonMapper json, String label) throws UpstreamFailure {
        Event event;
        try {
            event = next();
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BROKEN_STREAM, label + " broke off its stream");
        }
        if (event == null || event.data().equals("[DONE]")) {
            return null;
        }
        try {
            return new JsonEvent(event.name(), json.readTree(event.data()));
        } catch (tools.jackson.core.JacksonException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, label + " sent an event that is not JSON");
        }
    }

    public SseReader(InputStream in) {
        this(in, null);
    }

    public SseReader(InputStream in, Duration idleTimeout) {
        this.in = in;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.idleTimeout = idleTimeout;
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        if (idleTimeout == null) {
            return read();
        }
        ScheduledFuture<?> alarm = WATCHDOG.schedule(this::closeQuietly, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return read();
        } finally {
            alarm.cancel(false);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private Event read() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing is how we cancel; nothing to do if it was already gone
        }
    }
}
