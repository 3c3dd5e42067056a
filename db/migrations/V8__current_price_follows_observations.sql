-- The current price of an offer is its latest price observation. Instead of the ingest writing every
-- changed price twice (once as an observation, once more through a staging table into offer_price),
-- the database keeps offer_price in step with the observations: one statement-level trigger per
-- INSERT/COPY into price_observation moves each offer's current price forward to the rows just written
-- when they are newer. Observations dated before the current price (a backfill of history) leave the
-- current price alone. The offer_price row itself is created with the offer.
--
-- Write observations through the partitioned parent: a statement aimed at one partition directly does
-- not fire the parent's trigger.
CREATE FUNCTION offer_price_follow_observations() RETURNS trigger
    LANGUAGE plpgsql
    -- a whole catalog's rows (55k) sort in memory: 15 ms instead of 70 ms through temporary files
    SET work_mem = '64MB'
    -- restored on exit, so that the choice below stays inside the function
    SET enable_nestloop = on
    SET enable_hashjoin = on
AS
$$
BEGIN
    -- the planner cannot know how many rows a transition table holds: for a large batch, walk
    -- offer_price in key order once (merge join) rather than probing its index for every row
    IF (SELECT count(*) FROM new_observations) > 2000 THEN
        PERFORM set_config('enable_nestloop', 'off', true);
        PERFORM set_config('enable_hashjoin', 'off', true);
    END IF;
    UPDATE offer_price p
       SET price_per_hour    = n.price_per_hour,
           currency          = n.currency,
           price_observed_at = n.observed_at,
           price_fetched_at  = n.fetched_at,
           price_source      = n.source
      FROM (SELECT DISTINCT ON (offer_id) offer_id, price_per_hour, currency, observed_at, fetched_at, source
              FROM new_observations
             ORDER BY offer_id, observed_at DESC) n
     WHERE p.offer_id = n.offer_id
       AND p.price_observed_at < n.observed_at;
    RETURN NULL;
END
$$;

CREATE TRIGGER price_observation_moves_current_price
    AFTER INSERT ON price_observation
    REFERENCING NEW TABLE AS new_observations
    FOR EACH STATEMENT
EXECUTE FUNCTION offer_price_follow_observations();

-- Bumped by every refresh of a provider's catalog (in the refresh's own transaction). An ingest process
-- keeps the stored catalog of a provider in memory between refreshes and reads it back from the
-- database only when this number moved (another broker instance refreshed it) or its copy is old.
ALTER TABLE provider ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN provider.catalog_version IS
    'incremented by each catalog refresh; a writer of offer/offer_price outside the ingest must increment it too';
