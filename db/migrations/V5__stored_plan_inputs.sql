-- What a stored plan was made from beyond its scenario: how the scenario was built (offers considered,
-- kept, blocked and why) and where every carbon figure came from (grid zone, intensity, source, age,
-- fallback, power model), so that a plan's CO2e can be traced back to its signals.
ALTER TABLE stored_plan ADD COLUMN inputs jsonb NOT NULL DEFAULT '{}'::jsonb;
