package io.aihub.gateway.providers;

import io.aihub.gateway.GatewaySettings;
import io.aihub.pricing.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for upstream calls (HTTP/1.1, pooled connections, virtual threads). Sends a
 * JSON POST, waits for the headers within {@code aihub.gateway.upstream-timeout}, and turns
 * transport failures and 5xx into retryable {@link UpstreamFailure}s.
 */
@Component
public class UpstreamHttp {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHttp.class);

    private final HttpClient client;
    private final Duration timeout;

    UpstreamHttp(GatewaySettings settings) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = settings.upstreamTimeout();
    }

    /** The longest silence tolerated between two events of a stream. */
    public Duration idleTimeout() {
        return timeout;
    }

    /** {@code baseUrl + path + extra_query}. */
    public static URI uri(Deployment deployment, String path) {
        StringBuilder url = new StringBuilder(deployment.baseUrl()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> q : deployment.extraQuery().entrySet()) {
            url.append(separator).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    /** A POST with the deployment's extra headers; callers add their auth header. */
    public HttpRequest.Builder post(URI uri, byte[] json, boolean stream, Deployment deployment) {
        // No per-request timeout here: the client's timer queue is one lock-guarded set shared by every
        // request, which showed up at ~10 % of the gateway's CPU under load; exchange() bounds the wait itself.
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        deployment.extraHeaders().forEach(builder::setHeader);
        return builder;
    }

    /**
     * Sends and returns the response once its status is 2xx or 4xx (body still unread). 5xx and
     * transport failures become retryable failures; the body of a 5xx is logged at debug only.
     */
    public HttpResponse<InputStream> exchange(HttpRequest request, String label) throws UpstreamFailure {
        HttpResponse<InputStream> response;
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, label + " did not answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECT, "interrupted while calling " + label);
        } catch (ExecutionException e) {
            throw switch (e.getCause()) {
                case HttpConnectTimeoutException t -> new UpstreamFailure(UpstreamFailure.Kind.CONNECT, "connecting to " + label + " timed out");
                case HttpTimeoutException t -> new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, label + " did not answer within " + timeout.toSeconds() + "s");
                case ConnectException c -> new UpstreamFailure(UpstreamFailure.Kind.CONNECT, "cannot connect to " + label);
                case null, default -> new UpstreamFailure(UpstreamFailure.Kind.CONNECT, "connection to " + label + " failed");
            };
        }
        if (response.statusCode() >= 500 || response.statusCode() < 200 || response.statusCode() >= 300 && response.statusCode() < 400) {
            String body = readQuietly(response.body());
            if (log.isDebugEnabled()) {
                log.debug("{} answered {}: {}", label, response.statusCode(), body);
            }
            throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, label + " answered HTTP " + response.statusCode());
        }
        return response;
    }

    public static byte[] readAll(InputStream in, String label) throws UpstreamFailure {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BROKEN_STREAM, label + " broke off its response");
        }
    }

    private static String readQuietly(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(4096);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
