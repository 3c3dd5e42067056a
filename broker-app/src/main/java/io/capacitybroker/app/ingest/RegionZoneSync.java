package io.capacitybroker.app.ingest;

import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.RegionZone;
import io.capacitybroker.domain.ProviderId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills each stored region's grid zone (and WattTime region) from the carbon region map after a
 * provider refresh, so that the catalog says which grid a pool draws from. Values an adapter reported
 * itself are kept.
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
        List<String> missing = jdbc.sql("SELECT code FROM region WHERE provider_code = ? AND (grid_zone IS NULL OR watttime_region IS NULL)")
                .param(provider.code()).query(String.class).list();
        int updated = 0;
        for (String region : missing) {
            RegionZone rz = carbon.regionMap().find(provider, region).orElse(null);
            if (rz == null) {
                continue;
            }
            updated += jdbc.sql("""
                            UPDATE region SET grid_zone = COALESCE(grid_zone, ?), watttime_region = COALESCE(watttime_region, ?)
                            WHERE provider_code = ? AND code = ?
                              AND (grid_zone IS NULL AND ?::text IS NOT NULL OR watttime_region IS NULL AND ?::text IS NOT NULL)""")
                    .params(rz.gridZone(), rz.wattTimeRegion(), provider.code(), region, rz.gridZone(), rz.wattTimeRegion())
                    .update();
        }
        return updated;
    }
}
