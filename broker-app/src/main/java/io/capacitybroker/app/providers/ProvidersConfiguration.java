package io.capacitybroker.app.providers;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.util.HashSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which adapter serves each provider. With no cloud credentials configured (the default), every
 * provider is served by the in-process simulated cloud on the bundled real catalogs; the real
 * adapters of AWS, GCP, Azure and OVHcloud plug in here per provider as they are configured.
 */
@Configuration(proxyBeanMethods = false)
public class ProvidersConfiguration {

    @Bean
    SimulatedCloud simulatedCloud(SimulatedCloudProperties properties, Clock clock) {
        SimulationConfig config = SimulationConfig.defaults();
        if (properties.seed() != null) {
            config = config.withSeed(properties.seed());
        }
        if (!properties.regions().isEmpty()) {
            config = config.withRegionAllowList(new HashSet<>(properties.regions()));
        }
        return new SimulatedCloud(config, clock);
    }

    @Bean
    ProviderAdapter awsAdapter(SimulatedCloud cloud) {
        return cloud.adapter(ProviderId.AWS);
    }

    @Bean
    ProviderAdapter gcpAdapter(SimulatedCloud cloud) {
        return cloud.adapter(ProviderId.GCP);
    }

    @Bean
    ProviderAdapter azureAdapter(SimulatedCloud cloud) {
        return cloud.adapter(ProviderId.AZURE);
    }

    @Bean
    ProviderAdapter ovhAdapter(SimulatedCloud cloud) {
        return cloud.adapter(ProviderId.OVH);
    }
}
