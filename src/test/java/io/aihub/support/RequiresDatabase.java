package io.aihub.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (visibly, with the reason) tests whose database cannot be reached. */
public class RequiresDatabase implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = TestDatabase.unavailableReason();
        return reason == null ? ConditionEvaluationResult.enabled("database " + TestDatabase.MODE + " available")
                : ConditionEvaluationResult.disabled(reason);
    }
}
