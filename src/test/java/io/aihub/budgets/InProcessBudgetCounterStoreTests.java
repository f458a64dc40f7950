package io.aihub.budgets;

/** The counter store contract on the in-process store. */
class InProcessBudgetCounterStoreTests extends BudgetCounterStoreContract {

    private final InProcessBudgetCounterStore store = new InProcessBudgetCounterStore();

    @Override
    BudgetCounterStore store() {
        return store;
    }
}
