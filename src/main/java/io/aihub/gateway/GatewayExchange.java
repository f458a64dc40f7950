package io.aihub.gateway;

import io.aihub.gateway.providers.ChunkStream;
import io.aihub.gateway.providers.ModelProvider;
import io.aihub.gateway.providers.UpstreamFailure;
import io.aihub.gateway.providers.UpstreamRequest;
import io.aihub.gateway.providers.UpstreamResponse;
import io.aihub.pricing.CatalogModel;
import io.aihub.pricing.CostCalculator;
import io.aihub.pricing.CostEstimator;
import io.aihub.pricing.Deployment;
import io.aihub.pricing.TokenCounter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One gateway call from pipeline to last byte.
 *
 * <p>The stages' {@code before}s run first; a refusal is written and their {@code after}s run.
 * Otherwise the call is forwarded to the model's deployments in weighted random order, moving on
 * after connection errors, 5xx and timeouts before the first byte (a 4xx is the client's problem
 * and is relayed as-is). The answer is relayed: whole, or chunk by chunk with a flush after each
 * SSE event. Only then is the {@link Outcome} (actual usage and cost) computed and handed to the
 * stages' {@code after}s in reverse order, so settlement and the usage record happen after the
 * client has its answer, on every path: success, refusal, upstream error, client disconnect.
 *
 * <p>Usage comes from the upstream when it reports it (streams are asked to, with
 * {@code stream_options.include_usage}); otherwise prompt tokens are the pipeline's count and
 * completion tokens are counted from the text relayed, which is also what a disconnected client
 * is billed for.
 */
@Service
class GatewayExchange {

    private static final Logger log = LoggerFactory.getLogger(GatewayExchange.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    static final String COST_HEADER = "x-aihub-cost";
    /** nginx's convention for "client closed the request", used in usage records. */
    static final int CLIENT_CLOSED = 499;

    private final GatewayPipeline pipeline;
    private final Map<String, ModelProvider> providers = new HashMap<>();
    private final TokenCounter tokens;
    private final JsonMapper json;
    private final Clock clock;

    GatewayExchange(GatewayPipeline pipeline, List<ModelProvider> providers, TokenCounter tokens, JsonMapper json,
            Clock clock) {
        this.pipeline = pipeline;
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    void handle(Endpoint endpoint, String requestId, ObjectNode body, String token, HttpServletResponse response)
            throws IOException {
        long started = System.nanoTime();
        GatewayCall call = new GatewayCall(requestId, endpoint, body, token, clock.instant());
        GatewayPipeline.Passage passage = pipeline.enter(call);
        if (passage.denial() != null) {
            try {
                GatewayErrorWriter.write(response, passage.denial(), call.responseHeaders(), json);
            } finally {
                passage.leave(Outcome.refused(passage.denial()));
            }
            return;
        }
        Outcome outcome = null;
        try {
            outcome = forward(call, passage, response, started);
        } catch (RuntimeException e) {
            log.error("gateway request {} failed", requestId, e);
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader(RequestIdFilter.HEADER, requestId);
                GatewayErrorWriter.write(response, new GatewayError.Internal(), call.responseHeaders(), json);
            }
        } finally {
            passage.leave(outcome != null ? outcome : Outcome.refused(new GatewayError.Internal()));
        }
    }

    private Outcome forward(GatewayCall call, GatewayPipeline.Passage passage, HttpServletResponse response, long started)
            throws IOException {
        CatalogModel model = call.model();
        // The upstream gets a copy: stages still see the client's request as sent (its model name).
        ObjectNode body = call.body().deepCopy();
        boolean stream = call.streaming() && call.endpoint() != Endpoint.EMBEDDINGS;
        boolean clientWantsUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        long maxOutput = CostEstimator.maxOutputTokens(model, body);
        if (call.maxTokensCap() != null) {
            maxOutput = Math.min(maxOutput, call.maxTokensCap());
            body.put(body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens", maxOutput);
        }
        if (stream) {
            JsonNode options = body.get("stream_options");
            (options instanceof ObjectNode o ? o : body.putObject("stream_options")).put("include_usage", true);
        }

        List<Deployment> order = DeploymentOrder.of(model.deployments().stream()
                .filter(d -> providers.containsKey(d.provider()) && providers.get(d.provider()).supports(call.endpoint()))
                .toList(), ThreadLocalRandom.current());
        if (order.isEmpty()) {
            GatewayError error = new GatewayError.InvalidRequest("The model '" + model.name() + "' does not support /v1"
                    + call.endpoint().path() + ".", "model");
            GatewayErrorWriter.write(response, error, call.responseHeaders(), json);
            return Outcome.refused(error);
        }

        UpstreamFailure last = null;
        for (Deployment deployment : order) {
            body.put("model", deployment.upstreamModel());
            UpstreamResponse answer;
            try {
                answer = providers.get(deployment.provider()).send(
                        new UpstreamRequest(call.endpoint(), deployment, body, stream, maxOutput));
            } catch (UpstreamFailure failure) {
                last = failure;
                if (failure.retryable()) {
                    log.warn("request {}: {} failed ({}), trying the next deployment", call.requestId(), deployment.label(),
                            failure.getMessage());
                    continue;
                }
                break;
            }
            return switch (answer) {
                case UpstreamResponse.Complete complete -> complete(call, passage, deployment, complete.body(), response,
                        started);
                case UpstreamResponse.Rejected rejected -> rejected(call, deployment, rejected, response, started);
                case UpstreamResponse.Streaming streaming ->
                        stream(call, passage, deployment, streaming.chunks(), clientWantsUsage, response, started);
            };
        }
        GatewayError error = last != null && last.timeout()
                ? new GatewayError.UpstreamTimeout("The upstream for '" + model.name() + "' did not answer in time.")
                : new GatewayError.UpstreamFailed("The upstream for '" + model.name() + "' failed"
                        + (order.size() > 1 ? " on all " + order.size() + " deployments." : "."));
        GatewayErrorWriter.write(response, error, call.responseHeaders(), json);
        Deployment tried = order.getLast();
        return new Outcome("error", error.status(), error.code(), TokenUsage.NONE, BigDecimal.ZERO, true,
                tried.provider(), tried.label(), millisSince(started), null);
    }

    private Outcome complete(GatewayCall call, GatewayPipeline.Passage passage, Deployment deployment, ObjectNode body,
            HttpServletResponse response, long started) throws IOException {
        body.put("model", call.model().name());
        TokenUsage usage = TokenUsage.fromOpenAi(body.get("usage"));
        if (usage == null) {
            StringBuilder text = new StringBuilder();
            for (JsonNode choice : body.path("choices")) {
                appendText(choice.path("message"), text);
                appendText(choice, text);
            }
            usage = counted(call, text);
        }
        BigDecimal cost = CostCalculator.cost(call.price(), usage.promptTokens(), usage.cachedTokens(), usage.completionTokens());
        byte[] bytes = json.writeValueAsBytes(body);
        int latency = millisSince(started);
        Outcome outcome = new Outcome("success", 200, null, usage, cost, true, deployment.provider(), deployment.label(),
                latency, latency);
        passage.delivering(outcome); // durable before the client can see success
        response.setStatus(200);
        call.responseHeaders().forEach(response::setHeader);
        response.setHeader(COST_HEADER, money(cost));
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
        return outcome;
    }

    private Outcome rejected(GatewayCall call, Deployment deployment, UpstreamResponse.Rejected rejected,
            HttpServletResponse response, long started) throws IOException {
        response.setStatus(rejected.status());
        call.responseHeaders().forEach(response::setHeader);
        response.setContentType(rejected.contentType());
        response.setContentLength(rejected.body().length);
        response.getOutputStream().write(rejected.body());
        response.flushBuffer();
        return new Outcome("error", rejected.status(), "upstream_rejected", TokenUsage.NONE, BigDecimal.ZERO, true,
                deployment.provider(), deployment.label(), millisSince(started), null);
    }

    private Outcome stream(GatewayCall call, GatewayPipeline.Passage passage, Deployment deployment, ChunkStream chunks,
            boolean clientWantsUsage, HttpServletResponse response, long started) throws IOException {
        response.setStatus(200);
        call.responseHeaders().forEach(response::setHeader);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        StringBuilder text = new StringBuilder();
        TokenUsage[] reported = {null};
        Integer[] ttft = {null};
        String result = "success";
        int status = 200;
        String errorCode = null;
        try (chunks) {
            chunks.forEach(chunk -> {
                chunk.put("model", call.model().name());
                JsonNode usage = chunk.get("usage");
                if (usage != null && usage.isObject()) {
                    reported[0] = TokenUsage.fromOpenAi(usage);
                }
                for (JsonNode choice : chunk.path("choices")) {
                    appendText(choice.path("delta"), text);
                    appendText(choice, text);
                }
                if (!clientWantsUsage) {
                    chunk.remove("usage");
                    if (chunk.path("choices").isArray() && chunk.path("choices").isEmpty()) {
                        return; // the usage-only chunk we asked for on our own account
                    }
                }
                if (ttft[0] == null) {
                    ttft[0] = millisSince(started);
                }
                out.write("data: ".getBytes(StandardCharsets.US_ASCII));
                out.write(json.writeValueAsBytes(chunk));
                out.write('\n');
                out.write('\n');
                out.flush();
            });
            // The upstream finished: what it cost is known. Durable before the client sees the end of the stream.
            TokenUsage usage = reported[0] != null ? reported[0] : counted(call, text);
            BigDecimal cost = CostCalculator.cost(call.price(), usage.promptTokens(), usage.cachedTokens(),
                    usage.completionTokens());
            passage.delivering(new Outcome("success", 200, null, usage, cost, true, deployment.provider(),
                    deployment.label(), millisSince(started), ttft[0]));
            out.write(DONE);
            out.flush();
        } catch (IOException clientGone) {
            result = "partial";
            status = CLIENT_CLOSED;
            errorCode = "client_disconnected";
            log.info("request {}: client went away mid-stream; upstream call cancelled", call.requestId());
        } catch (UpstreamFailure failure) {
            result = "partial";
            status = 502;
            errorCode = "upstream_error";
            log.warn("request {}: {} ({})", call.requestId(), failure.getMessage(), deployment.label());
            try {
                GatewayError error = new GatewayError.UpstreamFailed("The upstream broke off the stream.");
                out.write("data: ".getBytes(StandardCharsets.US_ASCII));
                out.write(json.writeValueAsBytes(GatewayErrorWriter.body(error)));
                out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
                out.write(DONE);
                out.flush();
            } catch (IOException ignored) {
                // the client is gone too
            }
        }
        TokenUsage usage = reported[0] != null ? reported[0] : counted(call, text);
        BigDecimal cost = CostCalculator.cost(call.price(), usage.promptTokens(), usage.cachedTokens(), usage.completionTokens());
        return new Outcome(result, status, errorCode, usage, cost, true, deployment.provider(), deployment.label(),
                millisSince(started), ttft[0]);
    }

    /** Usage when the upstream reported none: the pipeline's prompt count and the relayed text's tokens. */
    private TokenUsage counted(GatewayCall call, CharSequence completion) {
        long prompt = call.estimate() != null ? call.estimate().promptTokens()
                : tokens.countRequest(call.model().tokenizerModel(), call.body());
        return new TokenUsage(prompt, 0, tokens.countText(call.model().tokenizerModel(), completion.toString()), false);
    }

    /** The generated text of a message, delta or completion choice: content, refusal, tool-call arguments, text. */
    private static void appendText(JsonNode node, StringBuilder text) {
        for (String field : new String[] {"content", "refusal", "reasoning_content", "text"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                text.append(value.asString());
            }
        }
        for (JsonNode toolCall : node.path("tool_calls")) {
            JsonNode function = toolCall.path("function");
            text.append(function.path("name").asString("")).append(function.path("arguments").asString(""));
        }
    }

    static String money(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static int millisSince(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
