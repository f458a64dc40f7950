package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline's promise: every stage whose before ran gets its after, in reverse order, even on refusal or error. */
class GatewayPipelineTests {

    private final List<String> log = new ArrayList<>();

    private GatewayStage stage(String name, int order, Decision decision) {
        return new GatewayStage() {
            public int order() {
                return order;
            }

            public Decision before(GatewayCall call) {
                log.add("before " + name);
                if (decision == null) {
                    throw new IllegalStateException("stage " + name + " broke");
                }
                return decision;
            }

            public void after(GatewayCall call, Outcome outcome) {
                log.add("after " + name + " " + outcome.result());
                if (name.equals("b")) {
                    throw new IllegalStateException("an after that throws does not stop the others");
                }
            }
        };
    }

    private static GatewayCall call() {
        return new GatewayCall("req-1", Endpoint.CHAT_COMPLETIONS, null, "t", Instant.EPOCH);
    }

    @Test
    void runsBeforesInOrderAndAftersInReverse() {
        GatewayPipeline pipeline = new GatewayPipeline(List.of(stage("c", 300, Decision.allow()),
                stage("a", 100, Decision.allow()), stage("b", 200, Decision.allow())));
        var passage = pipeline.enter(call());
        assertThat(passage.denial()).isNull();
        passage.leave(Outcome.refused(new GatewayError.Internal()));
        passage.leave(Outcome.refused(new GatewayError.Internal())); // a second leave is a no-op
        assertThat(log).containsExactly("before a", "before b", "before c", "after c refused", "after b refused",
                "after a refused");
    }

    @Test
    void aRefusalStopsLaterStagesButEveryStageThatRanGetsItsAfter() {
        GatewayError budget = new GatewayError.BudgetExceeded("over budget");
        GatewayPipeline pipeline = new GatewayPipeline(List.of(stage("a", 100, Decision.allow()),
                stage("b", 200, Decision.deny(budget)), stage("c", 300, Decision.allow())));
        var passage = pipeline.enter(call());
        assertThat(passage.denial()).isEqualTo(budget);
        passage.leave(Outcome.refused(budget));
        assertThat(log).containsExactly("before a", "before b", "after b refused", "after a refused");
    }

    @Test
    void aStageThatThrowsIsAnInternalRefusalAndStillUnwinds() {
        GatewayPipeline pipeline = new GatewayPipeline(List.of(stage("a", 100, Decision.allow()), stage("x", 200, null)));
        var passage = pipeline.enter(call());
        assertThat(passage.denial()).isInstanceOf(GatewayError.Internal.class);
        passage.leave(Outcome.refused(passage.denial()));
        assertThat(log).containsExactly("before a", "before x", "after x refused", "after a refused");
    }

    @Test
    void errorsKnowTheirStatusAndCode() {
        assertThat(new GatewayError.RateLimited("slow down", 7).retryAfterSeconds()).isEqualTo(7);
        assertThat(new GatewayError.RateLimited("slow down", 0).retryAfterSeconds()).isEqualTo(1);
        assertThat(new GatewayError.BudgetExceeded("x").status()).isEqualTo(402);
        assertThat(new GatewayError.QuotaExceeded("x").status()).isEqualTo(429);
        assertThat(new GatewayError.ModelNotAllowed("m").code()).isEqualTo("model_not_allowed");
        assertThat(new GatewayError.UpstreamTimeout("x").status()).isEqualTo(504);
    }

    @Test
    void modelGlobsMatchLikeKeyPermissions() {
        var principal = new io.aihub.gateway.GatewayPrincipal("o", null, null, null, List.of("gpt-4o*", "demo/*"));
        assertThat(principal.mayUse("gpt-4o-mini")).isTrue();
        assertThat(principal.mayUse("demo/echo")).isTrue();
        assertThat(principal.mayUse("claude-3")).isFalse();
        assertThat(new io.aihub.gateway.GatewayPrincipal("o", null, null, null, List.of()).mayUse("anything")).isTrue();
    }
}
