-- Foundation: platform settings, tenancy (organizations, users, teams, memberships) and user sessions.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create table platform_settings (
    name       varchar(100)  primary key,
    setting_value varchar(2000) not null,
    updated_at timestamp with time zone not null
);

create table organizations (
    id         varchar(40)  primary key,
    name       varchar(200) not null,
    timezone   varchar(64)  not null,
    created_by varchar(40),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create table users (
    id            varchar(40)  primary key,
    email         varchar(320) not null unique,
    name          varchar(200) not null,
    password_hash varchar(100) not null,
    created_at    timestamp with time zone not null
);

create table teams (
    id              varchar(40)  primary key,
    organization_id varchar(40)  not null references organizations (id) on delete cascade,
    name            varchar(200) not null,
    created_at      timestamp with time zone not null,
    constraint teams_name_unique unique (organization_id, name)
);

create table memberships (
    organization_id varchar(40) not null references organizations (id) on delete cascade,
    user_id         varchar(40) not null references users (id) on delete cascade,
    role            varchar(16) not null,
    created_at      timestamp with time zone not null,
    primary key (organization_id, user_id)
);
create index memberships_by_user on memberships (user_id, organization_id);

create table auth_sessions (
    token_hash char(64)    primary key,
    user_id    varchar(40) not null references users (id) on delete cascade,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    revoked_at timestamp with time zone
);
create index auth_sessions_by_user on auth_sessions (user_id);
