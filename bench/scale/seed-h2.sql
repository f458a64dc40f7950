-- Scale data for bench/run.sh (BENCH_SCALE=1): 1,000 organizations, 1,000,000 API keys and 100,000
-- key budgets, inserted in bulk into the hub's H2 file database while the hub is stopped. The keys'
-- secrets are unknown (only hashes are stored), as for real keys: they sit in the database, and the
-- hub must neither load them at start nor slow down because of them. Ids and hashes ascend (the hashes
-- are zero-padded counters, unique 64-character hex strings like a SHA-256), so every index is appended to;
-- random hashes made H2 rewrite pages for 1M random inserts (many GB written, many minutes). Chunks of
-- 50,000 rows: one statement (one transaction) per chunk keeps the undo log small.
insert into organizations (id, name, timezone, created_by, created_at, updated_at)
    select 'org-scale-' || "X", 'Scale ' || "X", 'UTC', 'master', current_timestamp, current_timestamp
    from system_range(1, 1000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(1, 50000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(50001, 100000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(100001, 150000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(150001, 200000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(200001, 250000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(250001, 300000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(300001, 350000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(350001, 400000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(400001, 450000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(450001, 500000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(500001, 550000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(550001, 600000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(600001, 650000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(650001, 700000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(700001, 750000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(750001, 800000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(800001, 850000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(850001, 900000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(900001, 950000);
insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'scale key ' || "X", 'org_scale000',
        lpad(cast("X" as varchar), 64, '0'), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(950001, 1000000);
insert into budgets (id, organization_id, scope_type, scope_id, limit_amount, budget_period, hard_limit,
        alert_thresholds, period_start, peak_percentage, created_by, created_at, updated_at)
    select 'bud-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'api_key', 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 100, 'monthly', true,
        '50,80,100', date_trunc('month', current_timestamp), 0, 'master', current_timestamp, current_timestamp
    from system_range(1, 50000);
insert into budgets (id, organization_id, scope_type, scope_id, limit_amount, budget_period, hard_limit,
        alert_thresholds, period_start, peak_percentage, created_by, created_at, updated_at)
    select 'bud-scale-' || lpad(cast("X" as varchar), 7, '0'), 'org-scale-' || (1 + mod("X", 1000)), 'api_key', 'key-scale-' || lpad(cast("X" as varchar), 7, '0'), 100, 'monthly', true,
        '50,80,100', date_trunc('month', current_timestamp), 0, 'master', current_timestamp, current_timestamp
    from system_range(50001, 100000);

select (select count(*) from organizations) as organizations, (select count(*) from api_keys) as api_keys,
       (select count(*) from budgets) as budgets;
