package io.capacitybroker.app.providers;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.ingest.CapacityErrors;
import io.capacitybroker.provider.aws.AwsAdapterConfig;
import io.capacitybroker.provider.aws.AwsProviderAdapter;
import io.capacitybroker.provider.azure.AzureConfig;
import io.capacitybroker.provider.azure.AzureProviderAdapter;
import io.capacitybroker.provider.gcp.GcpConfig;
import io.capacitybroker.provider.gcp.GcpProviderAdapter;
import io.capacitybroker.provider.ovh.OvhConfig;
import io.capacitybroker.provider.ovh.OvhProviderAdapter;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Which adapter serves each provider: {@code broker.providers.<provider>.mode} is {@code simulated}
 * (the default: the in-process cloud on the bundled real catalogs), {@code live} (the provider's real
 * API, configured under {@code broker.providers.<provider>.*} — the fields of each adapter's config
 * record, see the adapter module READMEs — with credentials from the environment or the vendor SDK's
 * default chain, never from a committed file), or {@code off}. Every adapter is wrapped so that capacity errors of rents are recorded.
 */
@Configuration(proxyBeanMethods = false)
public class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

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

    static String mode(Environment env, ProviderId provider) {
        String mode = env.getProperty("broker.providers." + provider.code() + ".mode", "simulated").trim()
                .toLowerCase(Locale.ROOT);
        if (!mode.equals("simulated") && !mode.equals("live") && !mode.equals("off")) {
            throw new IllegalStateException("broker.providers." + provider.code() + ".mode must be simulated, live or off, not '"
                    + mode + "'");
        }
        return mode;
    }

    private static ProviderAdapter recorded(ProviderAdapter adapter, CapacityErrors errors, Clock clock) {
        log.info("provider {} served by {}", adapter.provider(), adapter);
        return new CapacityErrorRecordingAdapter(adapter, errors, clock);
    }

    @Bean
    @ConditionalOnExpression("'${broker.providers.aws.mode:simulated}'.trim().toLowerCase() != 'off'")
    ProviderAdapter awsAdapter(Environment env, SimulatedCloud cloud, CapacityErrors errors, Clock clock) {
        if (mode(env, ProviderId.AWS).equals("live")) {
            AwsAdapterConfig config = Binder.get(env).bind("broker.providers.aws", AwsAdapterConfig.class)
                    .orElseGet(AwsAdapterConfig::defaults);
            return recorded(new AwsProviderAdapter(config), errors, clock);
        }
        return recorded(cloud.adapter(ProviderId.AWS), errors, clock);
    }

    @Bean
    @ConditionalOnExpression("'${broker.providers.gcp.mode:simulated}'.trim().toLowerCase() != 'off'")
    ProviderAdapter gcpAdapter(Environment env, SimulatedCloud cloud, CapacityErrors errors, Clock clock) {
        if (mode(env, ProviderId.GCP).equals("live")) {
            GcpConfig config = Binder.get(env).bind("broker.providers.gcp", GcpConfig.class)
                    .orElseThrow(() -> new IllegalStateException("broker.providers.gcp.project-id is required for mode=live"));
            return recorded(new GcpProviderAdapter(config, clock,
                    GcpProviderAdapter.retryPolicy(config, d -> Thread.sleep(d.toMillis()))), errors, clock);
        }
        return recorded(cloud.adapter(ProviderId.GCP), errors, clock);
    }

    @Bean
    @ConditionalOnExpression("'${broker.providers.azure.mode:simulated}'.trim().toLowerCase() != 'off'")
    ProviderAdapter azureAdapter(Environment env, SimulatedCloud cloud, CapacityErrors errors, Clock clock) {
        if (mode(env, ProviderId.AZURE).equals("live")) {
            AzureConfig config = Binder.get(env).bind("broker.providers.azure", AzureConfig.class)
                    .orElseGet(AzureConfig::defaults);
            return recorded(AzureProviderAdapter.create(config), errors, clock);
        }
        return recorded(cloud.adapter(ProviderId.AZURE), errors, clock);
    }

    /**
     * OVHcloud live: {@code broker.providers.ovh.*} binds {@link OvhConfig} (endpoint, project-id,
     * subsidiary, regions, fx-rate, timeouts, rate limit); without an application key there, the official
     * environment variables are read ({@code OVH_ENDPOINT}, {@code OVH_APPLICATION_KEY},
     * {@code OVH_APPLICATION_SECRET}, {@code OVH_CONSUMER_KEY}, {@code OVH_CLOUD_PROJECT_SERVICE}, ...).
     */
    @Bean
    @ConditionalOnExpression("'${broker.providers.ovh.mode:simulated}'.trim().toLowerCase() != 'off'")
    ProviderAdapter ovhAdapter(Environment env, SimulatedCloud cloud, CapacityErrors errors, Clock clock) {
        if (mode(env, ProviderId.OVH).equals("live")) {
            OvhConfig config = Binder.get(env).bind("broker.providers.ovh", OvhConfig.class)
                    .map(c -> c.applicationKey() == null ? OvhConfig.fromEnvironment() : c)
                    .orElseGet(OvhConfig::fromEnvironment);
            return recorded(new OvhProviderAdapter(config, clock, d -> Thread.sleep(d.toMillis())), errors, clock);
        }
        return recorded(cloud.adapter(ProviderId.OVH), errors, clock);
    }
}
