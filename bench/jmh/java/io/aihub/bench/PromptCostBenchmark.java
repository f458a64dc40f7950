package io.aihub.bench;

import io.aihub.pricing.CostCalculator;
import io.aihub.pricing.ModelPrice;
import io.aihub.pricing.TokenCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-request CPU work of the gateway's estimate stage: counting a typical chat prompt
 * (system + user, ~120 tokens) with JTokkit, and pricing it exactly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptCostBenchmark {

    private TokenCounter counter;
    private JsonNode messages;
    private ModelPrice price;

    @Setup
    public void setUp() {
        counter = new TokenCounter();
        messages = JsonMapper.builder().build().readTree("""
                [{"role":"system","content":"You are a helpful assistant for an accounting team. Answer briefly and cite the policy section when relevant."},
                 {"role":"user","content":"Our travel policy says meals are reimbursed up to 40 euros per day. I spent 52 euros on a client dinner in Lyon last Tuesday with two guests. How much can I claim, and which receipts do I need to attach to the expense report?"}]""");
        counter.countChat("gpt-4o", messages, null); // load the encoding outside the measurement
        price = new ModelPrice(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"), Instant.EPOCH);
    }

    @Benchmark
    public int countChatO200k() {
        return counter.countChat("gpt-4o", messages, null);
    }

    @Benchmark
    public int boundChatOtherModel() {
        return counter.countChat("claude-sonnet-4", messages, null);
    }

    @Benchmark
    public BigDecimal worstCaseCost() {
        return CostCalculator.cost(price, counter.countChat("gpt-4o", messages, null), 0, 16_384);
    }
}
