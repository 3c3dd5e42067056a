package io.capacitybroker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainValueTest {

    @Test
    void moneyAddsExactlyAndRefusesMixedCurrencies() {
        assertThat(Money.usd("0.1").plus(Money.usd("0.2")).sameValueAs(Money.usd("0.3"))).isTrue();
        assertThatThrownBy(() -> Money.usd("1").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
        assertThat(Money.usd("1.00").sameValueAs(Money.usd("1"))).isTrue();
        assertThat(Money.usd("0.0391").dividedBy(new BigDecimal("2"), 6).amount()).isEqualByComparingTo("0.01955");
    }

    @Test
    void offerKeyIdRoundTripsAndUsesDashForRegionalPools() {
        OfferKey zonal = new OfferKey(ProviderId.AWS, "eu-west-1", "eu-west-1a", "m6i.large", Market.SPOT);
        assertThat(zonal.id()).isEqualTo("aws:eu-west-1:eu-west-1a:m6i.large:spot");
        assertThat(OfferKey.parse(zonal.id())).isEqualTo(zonal);

        OfferKey regional = OfferKey.parse("gcp:northamerica-northeast1:-:e2-highcpu-2:on_demand");
        assertThat(regional.zone()).isNull();
        assertThat(regional.market()).isEqualTo(Market.ON_DEMAND);
        assertThat(regional.id()).isEqualTo("gcp:northamerica-northeast1:-:e2-highcpu-2:on_demand");
    }

    @Test
    void malformedValuesAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> OfferKey.parse("aws:eu-west-1:m6i.large:spot")).hasMessageContaining("offer id");
        assertThatThrownBy(() -> ProviderId.of("AWS")).hasMessageContaining("provider code");
        assertThatThrownBy(() -> Market.fromWireName("reserved")).hasMessageContaining("unknown market");
        assertThatThrownBy(() -> new InstanceShape("x", BigDecimal.ZERO, BigDecimal.ONE, 0, null))
                .hasMessageContaining("vcpus");
    }

    @Test
    void onDemandOffersCannotCarryAnInterruptionRate() {
        OfferKey key = new OfferKey(ProviderId.GCP, "europe-west1", null, "n2-standard-2", Market.ON_DEMAND);
        InstanceShape shape = new InstanceShape("n2-standard-2", new BigDecimal("2"), new BigDecimal("8"), 0, "amd64");
        PriceQuote price = new PriceQuote(Money.usd("0.0971"), Instant.EPOCH, Instant.EPOCH, "test");
        assertThat(new Offer(key, shape, price, null, 0.0).interruptionRate()).hasValue(0.0);
        assertThatThrownBy(() -> new Offer(key, shape, price, null, 0.01)).hasMessageContaining("on-demand");
    }

    @Test
    void shapeConvertsMebibytesToGibibytes() {
        InstanceShape s = InstanceShape.ofMiB("m5.large", new BigDecimal("2"), 8192, 0, "amd64");
        assertThat(s.memoryGiB()).isEqualByComparingTo("8");
        assertThat(InstanceShape.ofMiB("t3.nano", BigDecimal.ONE, 512, 0, null).memoryGiB()).isEqualByComparingTo("0.5");
    }
}
