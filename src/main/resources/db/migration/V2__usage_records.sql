-- One row per gateway request that reached an upstream (DESIGN guarantee 2). Written by the
-- gateway after the response is sent; read by keys, budgets and analytics through UsageService.
create table usage_records (
    request_id        varchar(64)    primary key,
    organization_id   varchar(40)    not null,
    team_id           varchar(40),
    api_key_id        varchar(40),
    user_id           varchar(40),
    end_user          varchar(256),
    model             varchar(200)   not null,
    provider          varchar(64),
    deployment        varchar(200),
    endpoint          varchar(64)    not null,
    prompt_tokens     bigint         not null default 0,
    cached_tokens     bigint         not null default 0,
    completion_tokens bigint         not null default 0,
    cost              numeric(20, 10) not null,
    latency_ms        integer,
    ttft_ms           integer,
    status_code       integer        not null,
    error_code        varchar(64),
    outcome           varchar(16)    not null,
    created_at        timestamp with time zone not null,
    -- created_at truncated to the UTC hour: lets every database group by hour the same way.
    hour_bucket       timestamp with time zone not null
);
create index usage_by_org_time on usage_records (organization_id, hour_bucket);
create index usage_by_key_time on usage_records (api_key_id, hour_bucket);
create index usage_by_team_time on usage_records (team_id, hour_bucket);
