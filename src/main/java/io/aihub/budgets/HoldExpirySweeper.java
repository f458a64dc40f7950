package io.aihub.budgets;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Settles holds whose request never came back (crash, lost settle) at their full amount: conservative. */
@Component
class HoldExpirySweeper {

    private final BudgetService budgets;

    HoldExpirySweeper(BudgetService budgets) {
        this.budgets = budgets;
    }

    @Scheduled(fixedDelayString = "${aihub.budgets.expiry-sweep:30s}", initialDelayString = "${aihub.budgets.expiry-sweep:30s}")
    void sweep() {
        budgets.expireHolds();
    }
}
