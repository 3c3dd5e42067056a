package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.ProviderId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How stored WattTime regions combine with the bundled map. */
class RegionMapStoredWattTimeTest {

    static final Instant AT = Instant.parse("2026-11-22T15:05:00Z");
    static final RegionMap BUNDLED = RegionMap.bundled();

    static WattTimeMapping resolved(ProviderId p, String region, String wt) {
        return new WattTimeMapping(p, region, wt, RegionZone.WATTTIME_FROM_LOCATION, AT);
    }

    @Test
    void aResolvedRegionFillsARowWithoutOneAndCarriesItsProvenance() {
        RegionMap m = BUNDLED.withWattTimeRegions(List.of(resolved(ProviderId.AWS, "eu-west-1", "IE")));
        RegionZone z = m.find(ProviderId.AWS, "eu-west-1").orElseThrow();
        assertThat(z.wattTimeRegion()).isEqualTo("IE");
        assertThat(z.wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_LOCATION);
        assertThat(z.wattTimeResolvedAt()).isEqualTo(AT);
        assertThat(z.wattTimeResolved()).isTrue();
        assertThat(z.gridZone()).isEqualTo("IE");
        assertThat(m.entries()).contains(z).hasSameSizeAs(BUNDLED.entries());
        assertThat(BUNDLED.find(ProviderId.AWS, "eu-west-1").orElseThrow().wattTime()).isEmpty();
        assertThat(m.findBundled(ProviderId.AWS, "eu-west-1").orElseThrow().wattTime()).isEmpty();
    }

    @Test
    void aResolvedRegionNeverReplacesAVerifiedOneButAStoredVerifiedOneDoes() {
        RegionMap resolvedOnly = BUNDLED.withWattTimeRegions(List.of(resolved(ProviderId.AWS, "us-west-1", "ELSEWHERE")));
        RegionZone caiso = resolvedOnly.find(ProviderId.AWS, "us-west-1").orElseThrow();
        assertThat(caiso.wattTimeRegion()).isEqualTo("CAISO_NORTH");
        assertThat(caiso.wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_REGION_MAP);
        assertThat(caiso.wattTimeResolvedAt()).isNull();

        RegionMap verified = BUNDLED.withWattTimeRegions(List.of(
                new WattTimeMapping(ProviderId.AWS, "us-west-1", "CAISO_NORTH_V2", RegionZone.WATTTIME_FROM_REGION_MAP, null)));
        assertThat(verified.find(ProviderId.AWS, "us-west-1").orElseThrow().wattTimeRegion()).isEqualTo("CAISO_NORTH_V2");
    }

    @Test
    void anOvhDatacenterCodeCarriesItsOwnRegionAndIsServed() {
        RegionMap m = BUNDLED.withWattTimeRegions(List.of(resolved(ProviderId.OVH, "GRA11", "FR")));
        assertThat(m.find(ProviderId.OVH, "gra11").orElseThrow().wattTimeRegion()).isEqualTo("FR");
        assertThat(m.find(ProviderId.OVH, "GRA").orElseThrow().wattTime()).isEmpty();
        assertThat(m.entries()).noneMatch(z -> "FR".equals(z.wattTimeRegion()));
        assertThat(m.mappings()).anySatisfy(z -> {
            assertThat(z.ref()).isEqualTo("ovh:GRA11");
            assertThat(z.wattTimeRegion()).isEqualTo("FR");
            assertThat(z.gridZone()).isEqualTo("FR");
        });
        WattTimeSource wt = new WattTimeSource(WattTimeSource.Config.of("u", "p"), java.time.Clock.systemUTC());
        assertThat(wt.zonesFor(m.mappings())).containsExactlyInAnyOrder("CAISO_NORTH", "FR");
        assertThat(wt.zonesFor(BUNDLED.mappings())).containsExactly("CAISO_NORTH");
    }

    @Test
    void storedRegionsOfUnmappedRegionsAreIgnored() {
        RegionMap m = BUNDLED.withWattTimeRegions(List.of(resolved(ProviderId.AWS, "xx-nowhere-1", "BPA")));
        assertThat(m.find(ProviderId.AWS, "xx-nowhere-1")).isEmpty();
        assertThat(m.mappings()).hasSameSizeAs(BUNDLED.entries());
    }
}
