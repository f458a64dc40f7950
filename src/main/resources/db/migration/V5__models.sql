-- The model catalog (pricing module): public model names, their upstream deployments and their
-- prices over time. Prices are never updated in place: a new row with a later effective_from
-- takes over, so usage keeps the price that was in force when it happened.
create table models (
    name              varchar(200) primary key,
    max_output_tokens integer      not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);

create table model_deployments (
    model_name     varchar(200)  not null references models (name) on delete cascade,
    position       integer       not null,
    provider       varchar(32)   not null,
    base_url       varchar(1000),
    upstream_model varchar(200)  not null,
    -- AES-GCM sealed (CredentialCipher), never plaintext; null when the upstream needs none.
    api_key_sealed varchar(2000),
    auth_header    varchar(64),
    weight         integer       not null,
    -- JSON objects of string to string.
    extra_headers  varchar(4000),
    extra_query    varchar(4000),
    primary key (model_name, position)
);

create table model_prices (
    model_name               varchar(200)   not null,
    effective_from           timestamp with time zone not null,
    input_per_million        numeric(20, 10) not null,
    cached_input_per_million numeric(20, 10) not null,
    output_per_million       numeric(20, 10) not null,
    primary key (model_name, effective_from)
);
