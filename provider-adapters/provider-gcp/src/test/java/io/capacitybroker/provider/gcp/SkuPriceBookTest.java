package io.capacitybroker.provider.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.billing.v1.Category;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingExpression.TierRate;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.Timestamp;
import com.google.type.Money;
import io.capacitybroker.domain.Market;
import io.capacitybroker.provider.gcp.SkuPriceBook.Component;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How Cloud Billing Catalog SKU descriptions map to machine families, GPUs and flat-priced types. */
class SkuPriceBookTest {

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of("E2 Instance Core running in Americas", "OnDemand", "h", Component.CORE, "e2"),
                Arguments.of("E2 Instance Ram running in Americas", "OnDemand", "GiBy.h", Component.RAM, "e2"),
                Arguments.of("Spot Preemptible N2 Instance Core running in Netherlands", "Preemptible", "h", Component.CORE, "n2"),
                Arguments.of("Preemptible N1 Predefined Instance Core running in Americas", "Preemptible", "h", Component.CORE, "n1"),
                Arguments.of("N1 Predefined Instance Ram running in EMEA", "OnDemand", "GiBy.h", Component.RAM, "n1"),
                Arguments.of("N2D AMD Instance Core running in Americas", "OnDemand", "h", Component.CORE, "n2d"),
                Arguments.of("T2A Arm Instance Ram running in Americas", "OnDemand", "GiBy.h", Component.RAM, "t2a"),
                Arguments.of("C3D Instance Core running in Belgium", "OnDemand", "h", Component.CORE, "c3d"),
                Arguments.of("Compute optimized Core running in Americas", "OnDemand", "h", Component.CORE, "c2"),
                Arguments.of("Compute optimized Ram running in Americas", "OnDemand", "GiBy.h", Component.RAM, "c2"),
                Arguments.of("Memory-optimized Instance Core running in Americas", "OnDemand", "h", Component.CORE, "m1"),
                Arguments.of("M2 Memory-optimized Instance Ram running in Americas", "OnDemand", "GiBy.h", Component.RAM, "m2"),
                Arguments.of("Nvidia Tesla T4 GPU running in Americas", "OnDemand", "h", Component.GPU, "nvidia-tesla-t4"),
                Arguments.of("Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Americas", "Preemptible", "h",
                        Component.GPU, "nvidia-tesla-t4"),
                Arguments.of("Nvidia A100 80GB GPU running in Americas", "OnDemand", "h", Component.GPU, "nvidia-a100-80gb"),
                Arguments.of("Micro Instance with burstable CPU running in Americas", "OnDemand", "h", Component.FLAT, "f1-micro"),
                Arguments.of("Small Instance with 1 VCPU running in EMEA", "OnDemand", "h", Component.FLAT, "g1-small"));
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("descriptions")
    void mapsDescriptions(String description, String usage, String unit, Component component, String name) {
        SkuPriceBook book = new SkuPriceBook();
        assertThat(book.add(sku(description, usage, unit, "Compute", "0", 21_811_590, "USD", 1))).isTrue();
        Market market = usage.equals("Preemptible") ? Market.SPOT : Market.ON_DEMAND;
        assertThat(book.rate("us-central1", market, component, name)).get()
                .satisfies(r -> assertThat(r.usd()).isEqualByComparingTo("0.02181159"));
    }

    static Stream<Arguments> skipped() {
        return Stream.of(
                Arguments.of("Commitment v1: N2 Cpu in Americas for 1 Year", "Commit1Yr", "h", "usage type Commit1Yr"),
                Arguments.of("Custom Instance Core running in Americas", "OnDemand", "h", "custom/sole-tenant/extended/licence SKU"),
                Arguments.of("N2 Custom Extended Instance Ram running in Americas", "OnDemand", "GiBy.h",
                        "custom/sole-tenant/extended/licence SKU"),
                Arguments.of("N2 Sole Tenancy Instance Core running in Americas", "OnDemand", "h",
                        "custom/sole-tenant/extended/licence SKU"),
                Arguments.of("Network Internet Egress from Americas to EMEA", "OnDemand", "GiBy", "unmapped description"),
                Arguments.of("E2 Instance Ram running in Americas", "OnDemand", "GBy.h", "unexpected usage unit GBy.h"));
    }

    @ParameterizedTest(name = "{0} skipped")
    @MethodSource("skipped")
    void skipsWhatIsNotAMachineComponent(String description, String usage, String unit, String reason) {
        SkuPriceBook book = new SkuPriceBook();
        assertThat(book.add(sku(description, usage, unit, "Compute", "0", 1_000, "USD", 1))).isFalse();
        assertThat(book.skipped()).containsEntry(reason, 1);
        assertThat(book.rateCount()).isZero();
    }

    @Test
    void priceIsUnitsPlusNanos() {
        SkuPriceBook book = new SkuPriceBook();
        book.add(sku("Nvidia Tesla A100 GPU running in Americas", "OnDemand", "h", "Compute", "2", 933_908_000, "USD", 1));
        assertThat(book.rate("us-central1", Market.ON_DEMAND, Component.GPU, "nvidia-tesla-a100").get().usd())
                .isEqualByComparingTo("2.933908");
    }

    @Test
    void otherCurrenciesAreConvertedBackToUsd() {
        SkuPriceBook book = new SkuPriceBook();
        book.add(sku("E2 Instance Core running in EMEA", "OnDemand", "h", "Compute", "0", 20_000_000, "EUR", 0.8));
        assertThat(book.rate("us-central1", Market.ON_DEMAND, Component.CORE, "e2").get().usd())
                .isEqualByComparingTo("0.025");
    }

    @Test
    void theLatestPricingVersionWins() {
        Sku twoVersions = sku("E2 Instance Core running in Americas", "OnDemand", "h", "Compute", "0", 10_000_000, "USD", 1)
                .toBuilder().addPricingInfo(pricing("h", "0", 30_000_000, "USD", 1, Instant.parse("2026-11-22T00:00:00Z")))
                .build();
        SkuPriceBook book = new SkuPriceBook();
        book.add(twoVersions);
        SkuPriceBook.Rate rate = book.rate("us-central1", Market.ON_DEMAND, Component.CORE, "e2").get();
        assertThat(rate.usd()).isEqualByComparingTo("0.03");
        assertThat(rate.effectiveTime()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void aSkuPricesEveryServiceRegionItNames() {
        Sku multi = sku("E2 Instance Core running in Americas", "OnDemand", "h", "Compute", "0", 10_000_000, "USD", 1)
                .toBuilder().addServiceRegions("us-east1").build();
        SkuPriceBook book = new SkuPriceBook();
        book.add(multi);
        assertThat(book.rate("us-east1", Market.ON_DEMAND, Component.CORE, "e2")).isPresent();
        assertThat(book.rate("us-central1", Market.ON_DEMAND, Component.CORE, "e2")).isPresent();
        assertThat(book.rate("us-central1", Market.SPOT, Component.CORE, "e2")).isEmpty();
    }

    static Sku sku(String description, String usage, String unit, String family, String units, int nanos, String currency,
                   double conversion) {
        return Sku.newBuilder().setSkuId("TEST-SKU").setDescription(description)
                .setCategory(Category.newBuilder().setResourceFamily(family).setUsageType(usage).setResourceGroup("CPU"))
                .addServiceRegions("us-central1")
                .addPricingInfo(pricing(unit, units, nanos, currency, conversion, Instant.parse("2026-11-20T09:17:42Z")))
                .build();
    }

    static PricingInfo pricing(String unit, String units, int nanos, String currency, double conversion, Instant effective) {
        return PricingInfo.newBuilder().setEffectiveTime(Timestamp.newBuilder().setSeconds(effective.getEpochSecond()))
                .setCurrencyConversionRate(conversion)
                .setPricingExpression(PricingExpression.newBuilder().setUsageUnit(unit).addTieredRates(TierRate.newBuilder()
                        .setStartUsageAmount(0).setUnitPrice(Money.newBuilder().setCurrencyCode(currency)
                                .setUnits(Long.parseLong(units)).setNanos(nanos))))
                .build();
    }
}
