-- Organization API keys (issue 3). Only the SHA-256 of a secret is stored, with its first 12
-- characters for display. During a regeneration grace period the previous secret's hash is kept
-- with its own expiry. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table api_keys (
    id                      varchar(40)  primary key,
    organization_id         varchar(40)  not null references organizations (id) on delete cascade,
    team_id                 varchar(40)  references teams (id) on delete set null,
    name                    varchar(200) not null,
    key_prefix              varchar(12)  not null,
    key_hash                char(64)     not null,
    previous_key_hash       char(64),
    previous_key_expires_at timestamp with time zone,
    -- JSON arrays of glob patterns; null = all.
    permitted_models        varchar(30000),
    permitted_endpoints     varchar(30000),
    monthly_request_quota   bigint,
    monthly_token_quota     bigint,
    rate_limit_per_minute   integer,
    tokens_per_minute       integer,
    max_parallel_requests   integer,
    expires_at              timestamp with time zone,
    -- A JSON object of at most 4 KB (UTF-8).
    metadata                varchar(8000),
    created_by              varchar(40)  not null,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    regenerated_at          timestamp with time zone,
    revoked_at              timestamp with time zone,
    revoked_by              varchar(40),
    last_used_at            timestamp with time zone,
    constraint api_keys_hash_unique unique (key_hash)
);
create index api_keys_by_org on api_keys (organization_id, id);
create index api_keys_by_previous_hash on api_keys (previous_key_hash);

-- Responses of create/regenerate calls made with an Idempotency-Key header, replayed to retries
-- for 24 hours. The response holds a plaintext secret, so it is stored AES-GCM encrypted.
create table api_key_idempotency (
    id                varchar(64)    primary key,
    request_hash      char(64)       not null,
    sealed_response   varchar(100000) not null,
    created_at        timestamp with time zone not null,
    expires_at        timestamp with time zone not null
);
create index api_key_idempotency_by_expiry on api_key_idempotency (expires_at);
