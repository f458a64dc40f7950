-- Budget alerts: where they go (channels), what fired (once per budget, kind, threshold and period),
-- and the transactional outbox that delivers them with retries.

create table alert_channels (
    id           varchar(40)   primary key,
    budget_id    varchar(40)   not null references budgets (id) on delete cascade,
    channel_type varchar(16)   not null,
    url          varchar(2000),
    secret       varchar(500),
    recipients   varchar(2000),
    position     integer       not null,
    created_at   timestamp with time zone not null
);
create index alert_channels_by_budget on alert_channels (budget_id);

create table budget_alerts (
    id              varchar(40)     primary key,
    organization_id varchar(40)     not null references organizations (id) on delete cascade,
    budget_id       varchar(40)     not null references budgets (id) on delete cascade,
    scope_type      varchar(16)     not null,
    scope_id        varchar(64)     not null,
    alert_type      varchar(32)     not null,
    threshold       integer         not null,
    period_start    timestamp with time zone not null,
    spend           numeric(20, 10) not null,
    limit_amount    numeric(20, 10) not null,
    message         varchar(1000)   not null,
    -- pending | delivered | failed | no_channels
    delivery_status varchar(16)     not null,
    created_at      timestamp with time zone not null,
    constraint budget_alerts_once unique (budget_id, alert_type, threshold, period_start)
);
create index budget_alerts_by_org on budget_alerts (organization_id, created_at);

create table alert_outbox (
    id              varchar(40)   primary key,
    alert_id        varchar(40)   not null references budget_alerts (id) on delete cascade,
    channel_id      varchar(40)   not null references alert_channels (id) on delete cascade,
    channel_type    varchar(16)   not null,
    attempts        integer       not null,
    -- pending | delivered | failed
    status          varchar(16)   not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000),
    updated_at      timestamp with time zone not null
);
create index alert_outbox_due on alert_outbox (status, next_attempt_at);
