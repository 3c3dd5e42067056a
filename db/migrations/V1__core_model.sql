-- Capacity Broker core model.
-- Conventions: money is numeric + ISO 4217 currency; times are timestamptz (UTC); units are in
-- column names (memory_gib, price_per_hour, gco2e_per_kwh). Time series (prices, capacity signals,
-- carbon intensity) are written in bulk with plain JDBC/COPY; domain tables are also read through JPA.

-- ---------------------------------------------------------------------------------------------
-- Catalog: providers, regions, instance types, offers
-- ---------------------------------------------------------------------------------------------
CREATE TABLE provider (
    code          text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
    display_name  text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE region (
    id            bigserial PRIMARY KEY,
    provider_code text NOT NULL REFERENCES provider (code),
    code          text NOT NULL,
    display_name  text NOT NULL,
    country       text,
    latitude      double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision CHECK (longitude BETWEEN -180 AND 180),
    grid_zone     text,            -- Electricity Maps zone whose intensity applies here
    watttime_region text,          -- WattTime balancing-authority region, when mapped
    UNIQUE (provider_code, code)
);

CREATE TABLE instance_type (
    id            bigserial PRIMARY KEY,
    provider_code text    NOT NULL REFERENCES provider (code),
    name          text    NOT NULL,
    vcpus         numeric(10, 3) NOT NULL CHECK (vcpus > 0),
    memory_gib    numeric(12, 4) NOT NULL CHECK (memory_gib > 0),
    gpus          integer NOT NULL DEFAULT 0 CHECK (gpus >= 0),
    architecture  text    NOT NULL DEFAULT 'amd64',
    UNIQUE (provider_code, name)
);

-- One rentable pool (provider/region/zone/type/market). The current price and capacity are kept
-- on the row for fast reads; their history lives in price_observation and capacity_signal.
CREATE TABLE offer (
    id                       bigserial PRIMARY KEY,
    offer_key                text        NOT NULL UNIQUE,  -- provider:region:zone|-:type:market
    provider_code            text        NOT NULL REFERENCES provider (code),
    region_id                bigint      NOT NULL REFERENCES region (id),
    zone                     text,
    instance_type_id         bigint      NOT NULL REFERENCES instance_type (id),
    market                   text        NOT NULL CHECK (market IN ('spot', 'on_demand')),
    price_per_hour           numeric(18, 8) NOT NULL CHECK (price_per_hour >= 0),
    currency                 char(3)     NOT NULL DEFAULT 'USD',
    price_observed_at        timestamptz NOT NULL,
    price_fetched_at         timestamptz NOT NULL,
    price_source             text        NOT NULL,
    available_nodes          integer CHECK (available_nodes >= 0),
    interruption_rate_per_hour double precision CHECK (interruption_rate_per_hour BETWEEN 0 AND 1),
    unavailable_until        timestamptz,                  -- set by capacity errors (TTL)
    active                   boolean     NOT NULL DEFAULT true, -- false once a full refresh no longer lists it
    first_seen_at            timestamptz NOT NULL DEFAULT now(),
    last_seen_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (market = 'spot' OR coalesce(interruption_rate_per_hour, 0) = 0)
);
CREATE INDEX offer_provider_region_market_idx ON offer (provider_code, region_id, market) WHERE active;
CREATE INDEX offer_price_idx ON offer (price_per_hour) WHERE active;
CREATE INDEX offer_instance_type_idx ON offer (instance_type_id);

-- ---------------------------------------------------------------------------------------------
-- Time series. price_observation holds change points only: a row is written when an offer's price
-- differs from its previous observation. Partitioned by month on observed_at so that 90 days of
-- every provider stay fast and old months can be detached; a default partition catches anything
-- outside the pre-created range.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE price_observation (
    offer_id       bigint         NOT NULL,
    observed_at    timestamptz    NOT NULL,
    fetched_at     timestamptz    NOT NULL,
    price_per_hour numeric(18, 8) NOT NULL CHECK (price_per_hour >= 0),
    currency       char(3)        NOT NULL,
    source         text           NOT NULL,
    PRIMARY KEY (offer_id, observed_at)
) PARTITION BY RANGE (observed_at);

CREATE TABLE price_observation_default PARTITION OF price_observation DEFAULT;

-- Creates the monthly partitions of a partitioned time-series table covering [from_ts, to_ts).
CREATE FUNCTION ensure_monthly_partitions(parent regclass, from_ts timestamptz, to_ts timestamptz)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    month_start timestamptz := date_trunc('month', from_ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    part_name   text;
    created     integer := 0;
BEGIN
    WHILE month_start < to_ts LOOP
        part_name := format('%s_%s', parent::text, to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM'));
        IF to_regclass(part_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                           part_name, parent::text, month_start,
                           (month_start AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        month_start := (month_start AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
    END LOOP;
    RETURN created;
END;
$$;

CREATE TABLE capacity_signal (
    offer_id    bigint      NOT NULL REFERENCES offer (id),
    kind        text        NOT NULL CHECK (kind IN ('PLACEMENT_SCORE', 'INTERRUPTION_RATE_PER_HOUR',
                                                      'CAPACITY_ERROR', 'AVAILABLE_NODES')),
    observed_at timestamptz NOT NULL,
    fetched_at  timestamptz NOT NULL,
    value       numeric     NOT NULL,
    source      text        NOT NULL,
    PRIMARY KEY (offer_id, kind, observed_at)
);
CREATE INDEX capacity_signal_observed_idx ON capacity_signal USING brin (observed_at);

-- Grid carbon intensity per zone and hour. signal distinguishes average (attributional) from
-- marginal (MOER) intensity; kind distinguishes measured values from forecasts.
CREATE TABLE carbon_intensity_observation (
    grid_zone      text           NOT NULL,
    signal         text           NOT NULL CHECK (signal IN ('average', 'marginal')),
    kind           text           NOT NULL CHECK (kind IN ('actual', 'forecast', 'yearly_average')),
    valid_at       timestamptz    NOT NULL,  -- start of the period the value is for
    fetched_at     timestamptz    NOT NULL,
    gco2e_per_kwh  numeric(10, 3) NOT NULL CHECK (gco2e_per_kwh >= 0),
    source         text           NOT NULL,
    PRIMARY KEY (grid_zone, signal, kind, valid_at, source)
) PARTITION BY RANGE (valid_at);

CREATE TABLE carbon_intensity_observation_default PARTITION OF carbon_intensity_observation DEFAULT;

-- One run of a provider (or carbon source) refresh: the provenance of what was stored and the
-- basis of staleness reporting (the last successful run per provider).
CREATE TABLE ingest_run (
    id                   bigserial PRIMARY KEY,
    source_kind          text        NOT NULL CHECK (source_kind IN ('prices', 'capacity', 'carbon')),
    provider_code        text,
    source               text        NOT NULL,
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz,
    status               text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    offers_seen          integer     NOT NULL DEFAULT 0,
    observations_written integer     NOT NULL DEFAULT 0,
    error                text
);
CREATE INDEX ingest_run_last_idx ON ingest_run (source_kind, provider_code, started_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Fleet: the owned baseline, rented nodes (leases), workloads and their placements
-- ---------------------------------------------------------------------------------------------
CREATE TABLE owned_node (
    id             text PRIMARY KEY,
    provider_code  text           NOT NULL REFERENCES provider (code),
    region_id      bigint         NOT NULL REFERENCES region (id),
    vcpus          numeric(10, 3) NOT NULL CHECK (vcpus > 0),
    memory_gib     numeric(12, 4) NOT NULL CHECK (memory_gib > 0),
    measured_watts double precision CHECK (measured_watts >= 0),
    pue            double precision CHECK (pue >= 1),
    active         boolean        NOT NULL DEFAULT true,
    created_at     timestamptz    NOT NULL DEFAULT now()
);

-- A rented node, from the request to its release. The lease id is the idempotency token sent to the
-- provider; version supports optimistic locking of state transitions.
CREATE TABLE lease (
    id                  uuid PRIMARY KEY,
    offer_id            bigint      NOT NULL REFERENCES offer (id),
    provider_node_id    text,
    state               text        NOT NULL CHECK (state IN ('requested', 'provisioning', 'running', 'draining',
                                                              'releasing', 'released', 'interrupted', 'failed')),
    price_per_hour      numeric(18, 8) NOT NULL CHECK (price_per_hour >= 0),
    currency            char(3)     NOT NULL DEFAULT 'USD',
    requested_at        timestamptz NOT NULL,
    running_at          timestamptz,
    ended_at            timestamptz,
    plan_id             uuid,
    last_error          text,
    version             integer     NOT NULL DEFAULT 0,
    UNIQUE (offer_id, provider_node_id)
);
CREATE INDEX lease_live_idx ON lease (state) WHERE state NOT IN ('released', 'interrupted', 'failed');

CREATE TABLE workload (
    id                             text PRIMARY KEY,
    replicas                       integer        NOT NULL CHECK (replicas >= 0),
    vcpus                          numeric(10, 4) NOT NULL CHECK (vcpus > 0),
    memory_gib                     numeric(12, 4) NOT NULL CHECK (memory_gib > 0),
    regions                        text[],        -- null = any region
    providers                      text[],        -- null = any provider
    spot_allowed                   boolean        NOT NULL DEFAULT true,
    max_spot_share                 numeric(5, 4)  NOT NULL DEFAULT 1 CHECK (max_spot_share BETWEEN 0 AND 1),
    unplaced_cost_per_replica_hour numeric(12, 4) CHECK (unplaced_cost_per_replica_hour > 0),
    updated_at                     timestamptz    NOT NULL DEFAULT now()
);

-- Replicas running now, as the runtime reports them: on an owned node or on a lease.
CREATE TABLE placement (
    workload_id   text        NOT NULL REFERENCES workload (id) ON DELETE CASCADE,
    owned_node_id text REFERENCES owned_node (id) ON DELETE CASCADE,
    lease_id      uuid REFERENCES lease (id) ON DELETE CASCADE,
    replicas      integer     NOT NULL CHECK (replicas >= 0),
    reported_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((owned_node_id IS NULL) <> (lease_id IS NULL))
);
CREATE UNIQUE INDEX placement_owned_uq ON placement (workload_id, owned_node_id) WHERE owned_node_id IS NOT NULL;
CREATE UNIQUE INDEX placement_lease_uq ON placement (workload_id, lease_id) WHERE lease_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Decisions: stored plans (scenario + plan, replayable), the actions they cause, budgets, audit
-- ---------------------------------------------------------------------------------------------
CREATE TABLE stored_plan (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    trigger       text        NOT NULL CHECK (trigger IN ('preview', 'rebalance', 'cli', 'backtest')),
    reason        text,
    scenario      jsonb       NOT NULL,
    plan          jsonb       NOT NULL,
    objective     double precision NOT NULL,
    solve_millis  bigint      NOT NULL CHECK (solve_millis >= 0),
    status        text        NOT NULL CHECK (status IN ('proposed', 'executing', 'executed', 'failed', 'superseded'))
);
CREATE INDEX stored_plan_created_idx ON stored_plan (created_at DESC);

ALTER TABLE lease ADD CONSTRAINT lease_plan_fk FOREIGN KEY (plan_id) REFERENCES stored_plan (id);

CREATE TABLE action (
    id              bigserial PRIMARY KEY,
    plan_id         uuid        NOT NULL REFERENCES stored_plan (id),
    kind            text        NOT NULL CHECK (kind IN ('rent', 'release', 'move', 'shift')),
    idempotency_key text        NOT NULL UNIQUE,
    lease_id        uuid REFERENCES lease (id),
    payload         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state           text        NOT NULL CHECK (state IN ('pending', 'in_progress', 'succeeded', 'failed', 'skipped')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_plan_idx ON action (plan_id);
CREATE INDEX action_open_idx ON action (state) WHERE state IN ('pending', 'in_progress');

CREATE TABLE budget (
    id              bigserial PRIMARY KEY,
    name            text           NOT NULL UNIQUE,
    provider_code   text REFERENCES provider (code),   -- null = all providers
    amount_per_hour numeric(14, 4) NOT NULL CHECK (amount_per_hour >= 0),
    currency        char(3)        NOT NULL DEFAULT 'USD',
    valid_from      timestamptz    NOT NULL DEFAULT now(),
    valid_to        timestamptz,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE audit_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);

INSERT INTO provider (code, display_name) VALUES
    ('aws', 'Amazon Web Services'),
    ('gcp', 'Google Cloud'),
    ('azure', 'Microsoft Azure'),
    ('ovh', 'OVHcloud');
