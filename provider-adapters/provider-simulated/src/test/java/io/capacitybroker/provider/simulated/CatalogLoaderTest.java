package io.capacitybroker.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    private static final Catalog BUNDLED = Catalog.bundled();

    private static CatalogPool pool(ProviderId p, String region, String zone, String type, Market m) {
        return BUNDLED.find(new OfferKey(p, region, zone, type, m));
    }

    private static long count(ProviderId p, Market m) {
        return BUNDLED.pools(p).stream().filter(x -> x.key().market() == m).count();
    }

    @Test
    void poolCountsPerProviderAreWithinExpectedRanges() {
        // AWS on-demand: 7,799 + 1,317 rows; us-east-1 of the 2023 file replaced by the 2026 file;
        // rows without a shape skipped
        assertThat(count(ProviderId.AWS, Market.ON_DEMAND)).isBetween(7_500L, 8_800L);
        // SpotLake: 18,198 pools, minus types whose shape is unknown
        assertThat(count(ProviderId.AWS, Market.SPOT)).isBetween(17_500L, 18_198L);
        assertThat(count(ProviderId.GCP, Market.ON_DEMAND)).isBetween(17_000L, 17_720L);
        assertThat(count(ProviderId.GCP, Market.SPOT)).isBetween(17_000L, 17_720L);
        // Azure: 65,121 rows of which about 10,300 have no known shape
        assertThat(count(ProviderId.AZURE, Market.ON_DEMAND)).isBetween(54_000L, 55_500L);
        assertThat(count(ProviderId.AZURE, Market.SPOT)).isZero();
        assertThat(BUNDLED.pools(ProviderId.OVH)).isEmpty();
        assertThat(BUNDLED.stats().totalPools()).isEqualTo(BUNDLED.size());
        assertThat(BUNDLED.stats().poolsBySource()).containsKeys(
                "simulated:aws-spotlake-2022-07-12:spot", "simulated:gcp-pricing-2026-07-30:on_demand",
                "simulated:azure-karpenter-pricing-2026-06-18:on_demand");
    }

    @Test
    void loadsWellUnderTwoSecondsOfWork() {
        Catalog fresh = new CatalogLoader(CatalogLoader.classpath()).load();
        Duration took = fresh.stats().loadTime();
        System.out.printf("catalog: %d pools parsed in %d ms (first load in this JVM: %d ms)%n", fresh.size(),
                took.toMillis(), BUNDLED.stats().loadTime().toMillis());
        assertThat(fresh.size()).isEqualTo(BUNDLED.size());
        // Generous bound: build machines are shared; this catches accidental quadratic parsing, not jitter.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void awsOnDemandUsesTheNewerFileForUsEast1() {
        CatalogPool use1 = pool(ProviderId.AWS, "us-east-1", null, "m5.large", Market.ON_DEMAND);
        assertThat(use1.snapshotPrice()).isEqualByComparingTo("0.096"); // 2026 file (the 2023 file says 0.102)
        assertThat(use1.source()).isEqualTo("simulated:aws-karpenter-pricing-2026-07-20");
        assertThat(use1.snapshotAt()).isEqualTo(Instant.parse("2026-07-20T13:44:30Z"));
        assertThat(use1.shape().vcpus()).isEqualByComparingTo("2");
        assertThat(use1.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(use1.shape().architecture()).isEqualTo("amd64");

        CatalogPool euw1 = pool(ProviderId.AWS, "eu-west-1", null, "m5.large", Market.ON_DEMAND);
        assertThat(euw1.snapshotPrice()).isEqualByComparingTo("0.114");
        assertThat(euw1.source()).isEqualTo("simulated:aws-libcloud-pricing-2023-08-06");
        assertThat(euw1.key().zone()).isNull();

        CatalogPool arm = pool(ProviderId.AWS, "us-east-1", null, "a1.large", Market.ON_DEMAND);
        assertThat(arm.shape().architecture()).isEqualTo("arm64");
        assertThat(arm.snapshotPrice()).isEqualByComparingTo("0.051");
    }

    @Test
    void awsRowsWithoutAnyKnownShapeAreSkipped() {
        // c8gb.48xlarge has no shape in the price file nor in the instance-type list
        assertThat(pool(ProviderId.AWS, "us-east-1", null, "c8gb.48xlarge", Market.ON_DEMAND)).isNull();
        assertThat(pool(ProviderId.AWS, "af-south-1", null, "i3.metal", Market.ON_DEMAND)).isNull();
        assertThat(BUNDLED.stats().skippedRowsByFile())
                .containsEntry(CatalogLoader.AWS_ONDEMAND_USE1, 261)
                .containsKey(CatalogLoader.AWS_ONDEMAND_MULTI);
    }

    @Test
    void spotLakeRowsBecomeZonalSpotPools() {
        // 0.039,61,3,use1-az4,us-east-1,m5.large,2.0,2022-07-12 04:20:02+00:00
        CatalogPool p = pool(ProviderId.AWS, "us-east-1", "use1-az4", "m5.large", Market.SPOT);
        assertThat(p).isNotNull();
        assertThat(p.key().zone()).isEqualTo("use1-az4");
        assertThat(p.snapshotPrice()).isEqualByComparingTo("0.039");
        assertThat(p.ceiling()).isEqualByComparingTo("0.096"); // us-east-1 on-demand
        assertThat(p.placementScore()).isEqualTo(3);
        assertThat(p.publishedInterruptionRate()).isCloseTo(0.125 / 730, within(1e-12));
        assertThat(p.snapshotAt()).isEqualTo(Instant.parse("2022-07-12T04:20:02Z"));
        assertThat(p.source()).isEqualTo("simulated:aws-spotlake-2022-07-12");
        assertThat(BUNDLED.pools(ProviderId.AWS).stream().filter(CatalogPool::spot)
                .allMatch(x -> x.key().zone() != null && x.key().zone().matches("[a-z]+[0-9]-az[0-9]+"))).isTrue();
    }

    @Test
    void interruptionFrequencyBandsMapToBandMidPointsPerHour() {
        assertThat(CatalogLoader.interruptionRateForIfBand("3.0")).isCloseTo(0.025 / 730, within(1e-15));
        assertThat(CatalogLoader.interruptionRateForIfBand("2.5")).isCloseTo(0.075 / 730, within(1e-15));
        assertThat(CatalogLoader.interruptionRateForIfBand("2.0")).isCloseTo(0.125 / 730, within(1e-15));
        assertThat(CatalogLoader.interruptionRateForIfBand("1.5")).isCloseTo(0.175 / 730, within(1e-15));
        assertThat(CatalogLoader.interruptionRateForIfBand("1.0")).isCloseTo(0.25 / 730, within(1e-15));
        assertThat(CatalogLoader.interruptionRateForIfBand("")).isNull();
        assertThat(CatalogLoader.interruptionRateForIfBand("7")).isNull();
    }

    @Test
    void gcpRowsGiveRegionalOnDemandAndSpotPoolsWithFractionalVcpus() {
        // e2-micro,e2,0.25,1,,,,us-central1,0.0083764275,0.0050265,...
        CatalogPool od = pool(ProviderId.GCP, "us-central1", null, "e2-micro", Market.ON_DEMAND);
        CatalogPool spot = pool(ProviderId.GCP, "us-central1", null, "e2-micro", Market.SPOT);
        assertThat(od.shape().vcpus()).isEqualByComparingTo("0.25");
        assertThat(od.shape().memoryGiB()).isEqualByComparingTo("1");
        assertThat(od.snapshotPrice()).isEqualByComparingTo("0.0083764275");
        assertThat(spot.snapshotPrice()).isEqualByComparingTo("0.0050265");
        assertThat(spot.ceiling()).isEqualByComparingTo("0.0083764275");
        assertThat(spot.publishedInterruptionRate()).isNull(); // Google publishes none
        assertThat(od.source()).isEqualTo("simulated:gcp-pricing-2026-07-30");
        assertThat(pool(ProviderId.GCP, "us-central1", null, "c4a-standard-4", Market.ON_DEMAND).shape().architecture())
                .isEqualTo("arm64");
        CatalogPool a2 = pool(ProviderId.GCP, "asia-east1", null, "a2-highgpu-1g", Market.ON_DEMAND);
        assertThat(a2.shape().gpus()).isEqualTo(1);
        assertThat(a2.shape().vcpus()).isEqualByComparingTo("12");
        assertThat(a2.snapshotPrice()).isEqualByComparingTo("3.790142");
        assertThat(CatalogLoader.gpusRoundedUp("0.25")).isEqualTo(1);
        assertThat(CatalogLoader.gpusRoundedUp("")).isZero();
    }

    @Test
    void azureRowsWithoutShapeOrPriceAreSkipped() {
        CatalogPool d2 = pool(ProviderId.AZURE, "eastus", null, "Standard_D2s_v3", Market.ON_DEMAND);
        assertThat(d2.snapshotPrice()).isEqualByComparingTo("0.096");
        assertThat(d2.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(d2.source()).isEqualTo("simulated:azure-karpenter-pricing-2026-06-18");
        // Basic_A0 has no shape anywhere; Standard_M128bds_1_v4 in eastus lists a price of 0
        assertThat(pool(ProviderId.AZURE, "australiacentral", null, "Basic_A0", Market.ON_DEMAND)).isNull();
        assertThat(pool(ProviderId.AZURE, "eastus", null, "Standard_M128bds_1_v4", Market.ON_DEMAND)).isNull();
        assertThat(BUNDLED.stats().skippedRowsByFile().get(CatalogLoader.AZURE_ONDEMAND)).isBetween(10_268, 10_400);
    }

    @Test
    void missingShapesAreFilledFromTheSizeListsAndZeroPricesSkipped() {
        Map<String, String> files = new HashMap<>();
        files.put(CatalogLoader.AZURE_SIZES, """
                vm_size,sku_family,vcpus,memory_mib,gpus,architecture
                Standard_X2,fam,2,4096,0,arm64
                """);
        files.put(CatalogLoader.AZURE_ONDEMAND, """
                region,vm_size,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour
                westeurope,Standard_X2,,,,,0.5
                westeurope,Standard_Y4,4,16384,1,amd64,1.25
                westeurope,Standard_Unknown,,,,,0.7
                westeurope,Standard_Free,2,4096,0,amd64,0.000
                """);
        files.put(CatalogLoader.AWS_TYPES, """
                instance_type,vcpus,memory_mib,gpus,architecture
                z9.large,2,16384,0,amd64
                """);
        files.put(CatalogLoader.AWS_ONDEMAND_USE1, """
                region,instance_type,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour
                us-east-1,z9.large,,,,,0.2
                us-east-1,z9.mystery,,,,,0.3
                """);
        files.put(CatalogLoader.AWS_SPOT, """
                SpotPrice,Savings,SPS,AZ,Region,InstanceType,IF,time
                0.05,75,2,use1-az1,us-east-1,z9.large,1.5,2022-07-12 04:20:02+00:00
                0.04,80,1,euw1-az1,eu-west-1,z9.large,1.0,2022-07-12 04:20:02+00:00
                0.04,80,1,euw1-az1,eu-west-1,z9.unknown,1.0,2022-07-12 04:20:02+00:00
                """);
        files.put(CatalogLoader.GEO_AZURE_REGIONS, """
                region,display_name,physical_location,latitude,longitude,region_type
                westeurope,West Europe,"Amsterdam, Netherlands",52.3667,4.9,Physical
                """);
        Catalog c = new CatalogLoader(synthetic(files)).load();

        CatalogPool x2 = c.find(new OfferKey(ProviderId.AZURE, "westeurope", null, "Standard_X2", Market.ON_DEMAND));
        assertThat(x2.shape().architecture()).isEqualTo("arm64");
        assertThat(x2.shape().memoryGiB()).isEqualByComparingTo("4");
        CatalogPool y4 = c.find(new OfferKey(ProviderId.AZURE, "westeurope", null, "Standard_Y4", Market.ON_DEMAND));
        assertThat(y4.shape().gpus()).isEqualTo(1);
        assertThat(c.pools(ProviderId.AZURE)).hasSize(2);
        assertThat(c.stats().skippedRowsByFile()).containsEntry(CatalogLoader.AZURE_ONDEMAND, 2)
                .containsEntry(CatalogLoader.AWS_ONDEMAND_USE1, 1).containsEntry(CatalogLoader.AWS_SPOT, 1);

        CatalogPool z9 = c.find(new OfferKey(ProviderId.AWS, "us-east-1", null, "z9.large", Market.ON_DEMAND));
        assertThat(z9.shape().memoryGiB()).isEqualByComparingTo("16");
        CatalogPool spotUse1 = c.find(new OfferKey(ProviderId.AWS, "us-east-1", "use1-az1", "z9.large", Market.SPOT));
        assertThat(spotUse1.ceiling()).isEqualByComparingTo("0.2");
        // no on-demand row in eu-west-1: the ceiling is implied by SpotLake's Savings (0.04 / (1 - 0.80))
        CatalogPool spotEuw1 = c.find(new OfferKey(ProviderId.AWS, "eu-west-1", "euw1-az1", "z9.large", Market.SPOT));
        assertThat(spotEuw1.ceiling()).isEqualByComparingTo("0.2");
        assertThat(spotEuw1.publishedInterruptionRate()).isCloseTo(0.25 / 730, within(1e-15));

        Region we = c.regions(ProviderId.AZURE).stream().filter(r -> r.code().equals("westeurope")).findFirst()
                .orElseThrow();
        assertThat(we.displayName()).isEqualTo("West Europe");
        assertThat(we.location().latitude()).isEqualTo(52.3667);
        assertThat(c.regions(ProviderId.AWS)).extracting(Region::code).contains("us-east-1", "eu-west-1");
    }

    @Test
    void regionsComeFromTheGeoFilesAndCoverEveryOfferRegion() {
        for (ProviderId p : List.of(ProviderId.AWS, ProviderId.GCP, ProviderId.AZURE)) {
            Set<String> codes = BUNDLED.regions(p).stream().map(Region::code).collect(Collectors.toSet());
            Set<String> offerRegions = BUNDLED.pools(p).stream().map(x -> x.key().region()).collect(Collectors.toSet());
            assertThat(codes).as("regions of %s", p).containsAll(offerRegions);
            assertThat(BUNDLED.regions(p)).allSatisfy(r -> assertThat(r.gridZone()).isNull());
        }
        Region use1 = region(ProviderId.AWS, "us-east-1");
        assertThat(use1.displayName()).isEqualTo("US East (N. Virginia)");
        assertThat(use1.country()).isEqualTo("United States of America");
        assertThat(use1.location().latitude()).isBetween(36.0, 40.0);
        assertThat(region(ProviderId.AWS, "us-west-2-lax-1").location()).isNull(); // a Local Zone without coordinates

        assertThat(BUNDLED.regions(ProviderId.GCP)).extracting(Region::code)
                .contains("us-central1", "europe-west1").doesNotContain("asia-east1-a", "us-central1-a");
        assertThat(region(ProviderId.GCP, "asia-east1").country()).isEqualTo("Taiwan");

        Region eastus = region(ProviderId.AZURE, "eastus");
        assertThat(eastus.displayName()).isEqualTo("East US");
        assertThat(eastus.location().longitude()).isCloseTo(-79.8164, within(1e-9));
        assertThat(region(ProviderId.AZURE, "austriaeast").location()).isNull(); // not in the 2021 region list

        Region gra = region(ProviderId.OVH, "GRA");
        assertThat(gra.country()).isEqualTo("France");
        assertThat(BUNDLED.regions(ProviderId.OVH)).hasSize(6);
    }

    private static Region region(ProviderId p, String code) {
        return BUNDLED.regions(p).stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void poolHashesAreTheHashOfTheOfferId() {
        for (int i = 0; i < BUNDLED.size(); i += 101) {
            CatalogPool p = BUNDLED.pool(i);
            assertThat(p.hash()).isEqualTo(Seeded.fnv64(p.key().id()));
        }
        assertThat(Seeded.fnv64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Seeded.fnv64("a")).isEqualTo(0xaf63dc4c8601ec8cL); // FNV-1a 64 test vector
    }

    @Test
    void csvSplitHonoursQuotes() {
        assertThat(Csv.split("a,\"b, c\",,\"d \"\"e\"\"\"")).containsExactly("a", "b, c", "", "d \"e\"");
        assertThat(Csv.split("x,y,")).containsExactly("x", "y", "");
    }

    @Test
    void everyPoolHasAPositivePriceAndACeilingAtOrAboveItsFloor() {
        for (int i = 0; i < BUNDLED.size(); i++) {
            CatalogPool p = BUNDLED.pool(i);
            assertThat(p.snapshotPrice().signum()).isPositive();
            assertThat(p.ceiling().compareTo(BigDecimal.ZERO)).isPositive();
            if (!p.spot()) {
                assertThat(p.ceiling()).isEqualByComparingTo(p.snapshotPrice());
            }
        }
    }

    /** Header-only versions of every catalog file, overridden by {@code files}. */
    static CatalogLoader.Source synthetic(Map<String, String> files) {
        Map<String, String> all = new HashMap<>();
        all.put(CatalogLoader.AWS_TYPES, "instance_type,vcpus,memory_mib,gpus,architecture\n");
        all.put(CatalogLoader.AWS_ONDEMAND_MULTI,
                "region,instance_type,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour\n");
        all.put(CatalogLoader.AWS_ONDEMAND_USE1,
                "region,instance_type,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour\n");
        all.put(CatalogLoader.AWS_SPOT, "SpotPrice,Savings,SPS,AZ,Region,InstanceType,IF,time\n");
        all.put(CatalogLoader.GCP_PRICES, "machine_type,family,vcpus,memory_gb,gpu_type,gpu_count,local_ssd_gb,region,"
                + "ondemand_usd_per_hour,spot_usd_per_hour\n");
        all.put(CatalogLoader.AZURE_ONDEMAND,
                "region,vm_size,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour\n");
        all.put(CatalogLoader.AZURE_SIZES, "vm_size,sku_family,vcpus,memory_mib,gpus,architecture\n");
        all.put(CatalogLoader.GEO_AWS_REGIONS, "[]");
        all.put(CatalogLoader.GEO_AZURE_REGIONS, "region,display_name,latitude,longitude\n");
        all.put(CatalogLoader.GEO_AWS_GCP_COORDS, "provider,region,location,country,latitude,longitude\n");
        all.put(CatalogLoader.GEO_OVH_REGIONS, "provider,region,country,city\n");
        all.putAll(files);
        return path -> new StringReader(all.get(path));
    }
}
