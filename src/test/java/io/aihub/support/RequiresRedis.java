package io.aihub.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (visibly, with the reason) tests that need Redis when neither a server nor the embedded one is available. */
public class RequiresRedis implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = TestRedis.unavailableReason();
        return reason == null ? ConditionEvaluationResult.enabled("Redis available")
                : ConditionEvaluationResult.disabled(reason);
    }
}
