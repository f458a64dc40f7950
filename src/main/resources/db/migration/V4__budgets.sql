-- Budgets on three scopes (organization, team, api key), their closed periods, limit changes, and the
-- hold ledger that the counters are rebuilt from after a restart. Runs unchanged on H2 and PostgreSQL.

create table budgets (
    id               varchar(40)     primary key,
    organization_id  varchar(40)     not null references organizations (id) on delete cascade,
    scope_type       varchar(16)     not null,
    scope_id         varchar(64)     not null,
    limit_amount     numeric(20, 10) not null,
    budget_period    varchar(16)     not null,
    hard_limit       boolean         not null,
    alert_thresholds varchar(200)    not null,
    -- Start of the period the row currently describes; a later read closes it lazily into budget_periods.
    period_start     timestamp with time zone not null,
    -- Highest usage percentage seen at a limit change this period (spend is monotonic otherwise).
    peak_percentage  numeric(20, 10) not null,
    created_by       varchar(40),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint budgets_scope_unique unique (scope_type, scope_id)
);
create index budgets_by_org on budgets (organization_id);

-- One row per closed period: what the limit was, what was spent, how close it came.
create table budget_periods (
    budget_id       varchar(40)     not null references budgets (id) on delete cascade,
    period_start    timestamp with time zone not null,
    period_end      timestamp with time zone not null,
    limit_amount    numeric(20, 10) not null,
    final_spend     numeric(20, 10) not null,
    peak_percentage numeric(20, 10) not null,
    closed_at       timestamp with time zone not null,
    primary key (budget_id, period_start)
);

-- Every change of a budget's limit, with the spend at that moment (history shows mid-period changes).
create table budget_limit_changes (
    id              varchar(40)     primary key,
    budget_id       varchar(40)     not null references budgets (id) on delete cascade,
    changed_at      timestamp with time zone not null,
    old_limit       numeric(20, 10),
    new_limit       numeric(20, 10) not null,
    spend_at_change numeric(20, 10) not null,
    changed_by      varchar(40)
);
create index budget_limit_changes_by_budget on budget_limit_changes (budget_id, changed_at);

-- The ledger: one insert when a request reserves (or records usage), one update when it settles.
-- Settled spend of a budget in a period = sum(actual_cost) of rows in its scope settled in the period.
create table budget_holds (
    request_id      varchar(64)     primary key,
    organization_id varchar(40)     not null,
    team_id         varchar(40),
    api_key_id      varchar(64),
    amount          numeric(20, 10) not null,
    -- held | settled | released | expired | recorded
    status          varchar(16)     not null,
    actual_cost     numeric(20, 10),
    -- The counter keys (budget@period) the amount was reserved on, comma separated.
    held_keys       varchar(400)    not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    settled_at      timestamp with time zone,
    -- settled_at truncated to the UTC hour, for daily series folded into the org's timezone.
    settled_hour    timestamp with time zone
);
create index budget_holds_by_org on budget_holds (organization_id, settled_at);
create index budget_holds_by_team on budget_holds (team_id, settled_at);
create index budget_holds_by_key on budget_holds (api_key_id, settled_at);
create index budget_holds_open on budget_holds (status, expires_at);
