-- Usage rollups: one row per organization x dimension value x hour (and x UTC day), kept exact by
-- UsageRollupWriter in the same transaction as the usage record it counts.
--   dimension       'all' (the organization's total, dimension_value ''), or one of
--                   team, key, user, end_user, model, provider (dimension_value '' = the record had none)
--   granularity     'hour' (bucket_start = UTC hour) or 'day' (bucket_start = UTC midnight)
--   lat_*           latency histogram: count of records whose latency_ms is <= the bound (non-cumulative;
--                   lat_inf above 10 s); latency_count / latency_sum_ms / latency_max_ms for the mean and max.
create table usage_rollups (
    organization_id   varchar(40)     not null,
    granularity       varchar(5)      not null,
    dimension         varchar(16)     not null,
    bucket_start      timestamp with time zone not null,
    dimension_value   varchar(256)    not null,
    requests          bigint          not null default 0,
    prompt_tokens     bigint          not null default 0,
    cached_tokens     bigint          not null default 0,
    completion_tokens bigint          not null default 0,
    cost              numeric(20, 10) not null default 0,
    errors            bigint          not null default 0,
    latency_count     bigint          not null default 0,
    latency_sum_ms    bigint          not null default 0,
    latency_max_ms    integer         not null default 0,
    lat_100           bigint          not null default 0,
    lat_250           bigint          not null default 0,
    lat_500           bigint          not null default 0,
    lat_1000          bigint          not null default 0,
    lat_2500          bigint          not null default 0,
    lat_5000          bigint          not null default 0,
    lat_10000         bigint          not null default 0,
    lat_inf           bigint          not null default 0,
    primary key (organization_id, granularity, dimension, bucket_start, dimension_value)
);

-- Spend or request spikes found by the hourly anomaly scan; one row per subject and hour (once per incident).
create table usage_anomalies (
    id               varchar(40)     primary key,
    organization_id  varchar(40)     not null,
    subject_kind     varchar(16)     not null,
    subject_id       varchar(256)    not null,
    hour_start       timestamp with time zone not null,
    metric           varchar(16)     not null,
    observed         numeric(20, 10) not null,
    baseline_median  numeric(20, 10) not null,
    baseline_mad     numeric(20, 10) not null,
    threshold        numeric(20, 10) not null,
    samples          integer         not null,
    detected_at      timestamp with time zone not null,
    constraint usage_anomaly_once unique (organization_id, subject_kind, subject_id, hour_start)
);
create index usage_anomalies_by_org on usage_anomalies (organization_id, hour_start);
