package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every catalog region, OVHcloud site and owned machine has a grid zone, and every zone has yearly data. */
class RegionMapTest {

    private static final List<ProviderId> CLOUDS = List.of(ProviderId.AWS, ProviderId.GCP, ProviderId.AZURE);
    /**
     * Azure's logical multi-country geographies: no site, no offers, no single grid. The test below
     * checks that they really have no offers, so a catalog that starts selling there fails here.
     */
    private static final Set<String> MULTI_COUNTRY_AZURE_GEOGRAPHIES = Set.of("asia", "asiapacific", "europe", "global");
    private static SimulatedCloud cloud;
    private static final RegionMap MAP = RegionMap.bundled();

    @BeforeAll
    static void loadCatalog() {
        cloud = new SimulatedCloud(SimulationConfig.defaults(), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    /** The catalog regions: those the adapters list plus those their offers name. */
    static Set<String> catalogRegions(ProviderId p) {
        ProviderAdapter a = cloud.adapter(p);
        Set<String> regions = new TreeSet<>();
        a.regions().forEach(r -> regions.add(r.code()));
        a.listOffers(OfferFilter.all()).stream().map(o -> o.key().region()).forEach(regions::add);
        return regions;
    }

    @Test
    void everyCatalogRegionOfEveryCloudHasAGridZone() {
        for (ProviderId p : CLOUDS) {
            Set<String> regions = catalogRegions(p);
            assertThat(regions).as(p + " regions").isNotEmpty();
            List<String> missing = regions.stream().filter(r -> MAP.find(p, r).isEmpty())
                    .filter(r -> !(p.equals(ProviderId.AZURE) && MULTI_COUNTRY_AZURE_GEOGRAPHIES.contains(r))).toList();
            assertThat(missing).as("catalog regions of " + p + " without a grid zone in " + RegionMap.RESOURCE).isEmpty();
        }
    }

    @Test
    void unmappedAzureGeographiesAreLogicalAndSellNothing() {
        ProviderAdapter azure = cloud.adapter(ProviderId.AZURE);
        Set<String> offerRegions = azure.listOffers(OfferFilter.all()).stream().map(o -> o.key().region()).collect(Collectors.toSet());
        for (String g : MULTI_COUNTRY_AZURE_GEOGRAPHIES) {
            assertThat(offerRegions).doesNotContain(g);
            assertThat(MAP.find(ProviderId.AZURE, g)).isEmpty();
        }
        assertThat(azure.regions()).filteredOn(r -> MULTI_COUNTRY_AZURE_GEOGRAPHIES.contains(r.code()))
                .allSatisfy(r -> assertThat(r.location()).isNull());
    }

    @Test
    void everyOvhSiteAndOwnedMachineHasAGridZone() {
        for (String site : List.of("GRA", "SBG", "RBX", "BHS", "WAW", "DE", "LIM", "UK", "ERI", "GRA11", "SBG5", "gra3", "rbx8",
                "EU-WEST-PAR", "eu-west-rbx")) {
            assertThat(MAP.find(ProviderId.OVH, site)).as("ovh " + site).isPresent();
        }
        for (OwnedMachine m : SimulationConfig.defaults().ownedMachines()) {
            assertThat(MAP.find(m.provider(), m.region())).as("owned " + m.id()).isPresent();
        }
        List<OwnedMachine> listed = cloud.adapter(ProviderId.OVH).listOwnedMachines();
        assertThat(listed).isNotEmpty().allSatisfy(m -> assertThat(MAP.find(m.provider(), m.region())).isPresent());
        assertThat(MAP.find(ProviderId.OVH, "GRA").orElseThrow().gridZone()).isEqualTo("FR");
    }

    @Test
    void theMissingCheckBitesForAnUnmappedRegion() {
        assertThat(MAP.find(ProviderId.AWS, "xx-nowhere-9")).isEmpty();
        RegionMap partial = new RegionMap(MAP.entries().stream().filter(e -> !e.region().equals("eu-west-1")).toList());
        assertThat(partial.find(ProviderId.AWS, "eu-west-1")).isEmpty();
    }

    @Test
    void everyMappedZoneExistsInTheBundledYearlyFile() {
        YearlyIntensities yearly = YearlyIntensities.bundled();
        List<String> unknown = MAP.gridZones().stream().filter(z -> yearly.latest(z).isEmpty()).toList();
        assertThat(unknown).as("zones without Electricity Maps yearly data").isEmpty();
    }

    @Test
    void everyRowSaysWhyAndAgreesWithTheAdapterWhereTheAdapterKnows() {
        assertThat(MAP.entries()).allSatisfy(e -> assertThat(e.source()).isNotBlank());
        for (ProviderId p : CLOUDS) {
            for (Region r : cloud.adapter(p).regions()) {
                if (r.gridZone() != null) {
                    assertThat(MAP.find(p, r.code()).orElseThrow().gridZone()).as(p + ":" + r.code()).isEqualTo(r.gridZone());
                }
            }
        }
    }

    @Test
    void coverageNumbers() {
        Map<ProviderId, Long> byProvider = MAP.entries().stream().collect(Collectors.groupingBy(RegionZone::provider, Collectors.counting()));
        List<String> lines = new ArrayList<>();
        for (ProviderId p : CLOUDS) {
            Set<String> regions = catalogRegions(p);
            long mapped = regions.stream().filter(r -> MAP.find(p, r).isPresent()).count();
            lines.add(p + ": " + mapped + "/" + regions.size() + " catalog regions mapped (" + byProvider.get(p) + " rows)");
        }
        lines.add("ovh: " + byProvider.get(ProviderId.OVH) + " sites; " + MAP.gridZones().size() + " distinct zones");
        System.out.println(String.join("\n", lines));
        assertThat(MAP.gridZones()).hasSizeGreaterThan(40);
    }
}
