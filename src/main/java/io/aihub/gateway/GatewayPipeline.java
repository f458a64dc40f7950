package io.aihub.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ordered stages of the control pipeline. {@link #enter} runs each {@code before} until one
 * refuses; the returned {@link Passage} remembers which ran, and {@link Passage#leave} runs their
 * {@code after}s in reverse order. An {@code after} that throws is logged and the others still run.
 */
@Component
public class GatewayPipeline {

    private static final Logger log = LoggerFactory.getLogger(GatewayPipeline.class);

    private final List<GatewayStage> stages;

    GatewayPipeline(List<GatewayStage> stages) {
        List<GatewayStage> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparingInt(GatewayStage::order));
        this.stages = List.copyOf(sorted);
        log.info("Gateway pipeline: {}", sorted.stream().map(s -> s.order() + ":" + s.getClass().getSimpleName()).toList());
    }

    public List<GatewayStage> stages() {
        return stages;
    }

    public Passage enter(GatewayCall call) {
        List<GatewayStage> ran = new ArrayList<>();
        for (GatewayStage stage : stages) {
            Decision decision;
            try {
                decision = stage.before(call);
            } catch (GatewayException e) {
                decision = Decision.deny(e.error());
            } catch (RuntimeException e) {
                log.error("gateway stage {} failed on request {}", stage.getClass().getSimpleName(), call.requestId(), e);
                decision = Decision.deny(new GatewayError.Internal());
            }
            ran.add(stage);
            if (!decision.allowed()) {
                return new Passage(call, ran, decision.denial());
            }
        }
        return new Passage(call, ran, null);
    }

    /** The stages a call went through; {@code denial} is null when all allowed it. */
    public static final class Passage {
        private final GatewayCall call;
        private final List<GatewayStage> ran;
        private final GatewayError denial;
        private boolean left;

        Passage(GatewayCall call, List<GatewayStage> ran, GatewayError denial) {
            this.call = call;
            this.ran = ran;
            this.denial = denial;
        }

        public GatewayError denial() {
            return denial;
        }

        /** Before a successful call's last bytes: every stage's {@code delivering}; one failing does not stop the others. */
        public void delivering(Outcome outcome) {
            for (GatewayStage stage : ran) {
                try {
                    stage.delivering(call, outcome);
                } catch (RuntimeException e) {
                    log.error("gateway stage {} failed before delivering request {}", stage.getClass().getSimpleName(),
                            call.requestId(), e);
                }
            }
        }

        /** Runs the afters once, last stage first. */
        public void leave(Outcome outcome) {
            if (left) {
                return;
            }
            left = true;
            for (int i = ran.size() - 1; i >= 0; i--) {
                GatewayStage stage = ran.get(i);
                try {
                    stage.after(call, outcome);
                } catch (RuntimeException e) {
                    log.error("gateway stage {} failed after request {}", stage.getClass().getSimpleName(), call.requestId(), e);
                }
            }
        }
    }
}
