-- WattTime regions of catalog regions and owned sites, with their provenance. A region's WattTime
-- region comes either from the bundled, hand-verified region map ('region_map') or from WattTime's own
-- answer for the region's position, GET /v3/region-from-loc ('watttime_region_from_loc'), re-asked
-- after a re-check period. A verified mapping is never replaced by a resolution; a failed lookup never
-- erases a stored mapping (it only records when and why it failed).
ALTER TABLE region
    ADD COLUMN watttime_region_source      text
        CHECK (watttime_region_source IN ('region_map', 'watttime_region_from_loc')),
    ADD COLUMN watttime_region_resolved_at timestamptz,
    ADD COLUMN watttime_region_checked_at  timestamptz,
    ADD COLUMN watttime_region_error       text;

-- Until now only the region map filled watttime_region (RegionZoneSync).
UPDATE region SET watttime_region_source = 'region_map' WHERE watttime_region IS NOT NULL;

ALTER TABLE region
    ADD CONSTRAINT region_watttime_source_has_region
        CHECK (watttime_region_source IS NULL OR watttime_region IS NOT NULL),
    ADD CONSTRAINT region_watttime_resolution_has_time
        CHECK (watttime_region_source IS DISTINCT FROM 'watttime_region_from_loc' OR watttime_region_resolved_at IS NOT NULL);

COMMENT ON COLUMN region.watttime_region_source IS
    'provenance of watttime_region: region_map (bundled, verified) or watttime_region_from_loc (WattTime GET /v3/region-from-loc for the position)';
COMMENT ON COLUMN region.watttime_region_resolved_at IS 'when WattTime last answered watttime_region for this position (resolutions only)';
COMMENT ON COLUMN region.watttime_region_checked_at IS 'when the WattTime region of this position was last asked, answered or not';
COMMENT ON COLUMN region.watttime_region_error IS 'why the last lookup failed ("<error code>: <message>"); null after a success';

-- Zones a carbon source refused to serve to this account (WattTime: HTTP 403 on /v3/forecast for a region
-- outside the plan). Such a zone is not asked again on every refresh, only after a re-check period; the
-- row goes when the source serves the zone again.
CREATE TABLE carbon_zone_access_denied (
    source     text        NOT NULL,
    zone       text        NOT NULL,
    since      timestamptz NOT NULL,
    checked_at timestamptz NOT NULL,
    detail     text,
    PRIMARY KEY (source, zone)
);
