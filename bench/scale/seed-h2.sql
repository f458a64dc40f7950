-- Scale data for bench/run.sh (BENCH_SCALE=1): 1,000 organizations, 1,000,000 API keys and 100,000
-- key budgets, inserted in bulk into the hub's H2 file database while the hub is stopped. The keys'
-- secrets are unknown (only hashes are stored), as for real keys: they sit in the database, and the
-- hub must neither load them at start nor slow down because of them.
insert into organizations (id, name, timezone, created_by, created_at, updated_at)
    select 'org-scale-' || x, 'Scale ' || x, 'UTC', 'master', current_timestamp, current_timestamp
    from system_range(1, 1000);

insert into api_keys (id, organization_id, name, key_prefix, key_hash, rate_limit_per_minute, tokens_per_minute,
        monthly_request_quota, created_by, created_at, updated_at)
    select 'key-scale-' || x, 'org-scale-' || (1 + mod(x, 1000)), 'scale key ' || x, 'org_scale000',
        lower(rawtohex(hash('SHA-256', 'scale-secret-' || x))), 600, 100000, 1000000, 'master',
        current_timestamp, current_timestamp
    from system_range(1, 1000000);

insert into budgets (id, organization_id, scope_type, scope_id, limit_amount, budget_period, hard_limit,
        alert_thresholds, period_start, peak_percentage, created_by, created_at, updated_at)
    select 'bud-scale-' || x, 'org-scale-' || (1 + mod(x, 1000)), 'api_key', 'key-scale-' || x, 100, 'monthly', true,
        '50,80,100', date_trunc('month', current_timestamp), 0, 'master', current_timestamp, current_timestamp
    from system_range(1, 100000);

select (select count(*) from organizations) as organizations, (select count(*) from api_keys) as api_keys,
       (select count(*) from budgets) as budgets;
