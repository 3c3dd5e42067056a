package io.capacitybroker.app.ingest;

import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.RegionZone;
import io.capacitybroker.domain.ProviderId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills each stored region's grid zone (and WattTime region) from the bundled carbon region map after a
 * provider refresh, so that the catalog says which grid a pool draws from. Grid zones an adapter reported
 * itself are kept. A WattTime region of the map is verified: it is stored with provenance
 * {@code region_map} where none is stored, and replaces one resolved from the position
 * ({@code watttime_region_from_loc}); a resolution never replaces it (see {@code WattTimeRegionResolver}).
 */
@Component
class RegionZoneSync {

    private final JdbcClient jdbc;
    private final CarbonIntensityService carbon;

    RegionZoneSync(JdbcClient jdbc, CarbonIntensityService carbon) {
        this.jdbc = jdbc;
        this.carbon = carbon;
    }

    int sync(ProviderId provider) {
        List<String> missing = jdbc.sql("""
                        SELECT code FROM region WHERE provider_code = ?
                          AND (grid_zone IS NULL OR watttime_region IS NULL OR watttime_region_source = 'watttime_region_from_loc')""")
                .param(provider.code()).query(String.class).list();
        int updated = 0;
        for (String region : missing) {
            RegionZone rz = carbon.bundledRegionMap().find(provider, region).orElse(null);
            if (rz == null) {
                continue;
            }
            // the map's WattTime region is taken where none is stored or where the stored one was only resolved
            String take = "CAST(:wt AS text) IS NOT NULL AND (watttime_region IS NULL OR watttime_region_source = 'watttime_region_from_loc')";
            updated += jdbc.sql("""
                            UPDATE region SET grid_zone = COALESCE(grid_zone, :zone),
                                   watttime_region = CASE WHEN %1$s THEN :wt ELSE watttime_region END,
                                   watttime_region_source = CASE WHEN %1$s THEN 'region_map' ELSE watttime_region_source END,
                                   watttime_region_resolved_at = CASE WHEN %1$s THEN NULL ELSE watttime_region_resolved_at END,
                                   watttime_region_error = CASE WHEN %1$s THEN NULL ELSE watttime_region_error END
                            WHERE provider_code = :provider AND code = :code
                              AND (grid_zone IS NULL AND CAST(:zone AS text) IS NOT NULL OR %1$s)""".formatted(take))
                    .param("zone", rz.gridZone()).param("wt", rz.wattTimeRegion())
                    .param("provider", provider.code()).param("code", region)
                    .update();
        }
        return updated;
    }
}
