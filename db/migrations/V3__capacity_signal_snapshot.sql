-- The latest capacity signals of each pool live on the offer row (like its price), so that an ingest can
-- write a capacity_signal history row only when a value changes, and the planner reads one row per pool.
ALTER TABLE offer ADD COLUMN placement_score numeric;

ALTER TABLE ingest_run ADD COLUMN signals_written integer NOT NULL DEFAULT 0;
ALTER TABLE ingest_run ADD COLUMN warning text;

-- Capacity errors (e.g. an "insufficient capacity" answer to a rent) are events; they make the pool
-- unavailable until offer.unavailable_until. Most recent first per pool.
CREATE INDEX capacity_signal_errors_idx ON capacity_signal (offer_id, observed_at DESC) WHERE kind = 'CAPACITY_ERROR';
