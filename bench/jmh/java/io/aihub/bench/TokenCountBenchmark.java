package io.aihub.bench;

import io.aihub.pricing.CostCalculator;
import io.aihub.pricing.ModelPrice;
import io.aihub.pricing.TokenCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prompt counting and the worst-case cost estimate for a 1 KB and a 100 KB prompt: the estimate
 * stage's CPU work, which grows with the prompt. The text is English-like prose drawn from a fixed
 * vocabulary with a fixed seed (a single repeated word would flatter the BPE merge loop).
 *
 * <ul>
 *   <li>{@code countText}: JTokkit o200k_base on the bare text;</li>
 *   <li>{@code countRequest}: the whole chat request as the gateway counts it (message framing);</li>
 *   <li>{@code boundOtherModel}: the UTF-8 bytes / 2 upper bound used for non-OpenAI models;</li>
 *   <li>{@code estimateWorstCase}: count + exact {@code BigDecimal} price of prompt and 16,384 output tokens.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCountBenchmark {

    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there can all their has been if more when will would who "
            + "so no budget gateway request token model price invoice quarterly revenue customer contract policy travel "
            + "expense report approval deadline summary analysis forecast, market. data. system, network; server: "
            + "organization team key limit Paris 2026 42 3.14 (see section 4.2) — naïve café").split(" ");

    @Param({"1024", "102400"})
    public int bytes;

    private TokenCounter counter;
    private String text;
    private JsonNode request;
    private ModelPrice price;

    @Setup
    public void setUp() {
        counter = new TokenCounter();
        Random random = new Random(42);
        StringBuilder s = new StringBuilder(bytes + 16);
        while (s.length() < bytes) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        text = s.substring(0, bytes);
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode body = json.createObjectNode().put("model", "gpt-4o-mini");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        request = body;
        price = new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"), Instant.EPOCH);
        counter.countText("gpt-4o-mini", "warm up the encoding");
    }

    @Benchmark
    public int countText() {
        return counter.countText("gpt-4o-mini", text);
    }

    @Benchmark
    public int countRequest() {
        return counter.countRequest("gpt-4o-mini", request);
    }

    @Benchmark
    public int boundOtherModel() {
        return counter.countRequest("claude-sonnet-4", request);
    }

    @Benchmark
    public BigDecimal estimateWorstCase() {
        return CostCalculator.cost(price, counter.countRequest("gpt-4o-mini", request), 0, 16_384);
    }
}
