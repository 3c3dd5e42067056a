package io.capacitybroker.app.providers;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.ingest.CapacityErrors;
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
        config = config.withAdvertisedAssumedInterruptionRates(properties.advertiseAssumedInterruptionRates());
        if (!properties.regions().isEmpty()) {
            config = config.withRegionAllowList(new HashSet<>(properties.regions()));
        }
        return new SimulatedCloud(config, clock);
    }

    @Bean
    ProviderAdapter awsAdapter(SimulatedCloud cloud, CapacityErrors capacityErrors, Clock clock) {
        return new CapacityErrorRecordingAdapter(cloud.adapter(ProviderId.AWS), capacityErrors, clock);
    }

    @Bean
    ProviderAdapter gcpAdapter(SimulatedCloud cloud, CapacityErrors capacityErrors, Clock clock) {
        return new CapacityErrorRecordingAdapter(cloud.adapter(ProviderId.GCP), capacityErrors, clock);
    }

    @Bean
    ProviderAdapter azureAdapter(SimulatedCloud cloud, CapacityErrors capacityErrors, Clock clock) {
        return new CapacityErrorRecordingAdapter(cloud.adapter(ProviderId.AZURE), capacityErrors, clock);
    }

    @Bean
    ProviderAdapter ovhAdapter(SimulatedCloud cloud, CapacityErrors capacityErrors, Clock clock) {
        return new CapacityErrorRecordingAdapter(cloud.adapter(ProviderId.OVH), capacityErrors, clock);
    }
}
