package io.capacitybroker.app.planning;

import java.math.BigDecimal;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Used only while no carbon source is wired: every node is given 0 g CO2e/h, and every stored plan
 * says so in its notes ("carbon: not priced"). The carbon-signals service replaces it.
 */
@Configuration(proxyBeanMethods = false)
class UnpricedCarbonCosts {

    @Bean
    @ConditionalOnMissingBean(CarbonCosts.class)
    CarbonCosts carbonNotPriced() {
        return new CarbonCosts() {
            @Override
            public double offerGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB) {
                return 0;
            }

            @Override
            public double ownedGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB,
                                            Double measuredWatts, Double pue) {
                return 0;
            }

            @Override
            public String describe() {
                return "not priced (no carbon source wired)";
            }
        };
    }
}
