package io.capacitybroker.app.carbon;

import io.capacitybroker.carbon.CarbonConfig;
import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.CarbonSource;
import io.capacitybroker.carbon.ElectricityMapsSource;
import io.capacitybroker.carbon.PowerModel;
import io.capacitybroker.carbon.ProviderPower;
import io.capacitybroker.carbon.SignalType;
import io.capacitybroker.carbon.StaticYearlySource;
import io.capacitybroker.carbon.UkCarbonIntensitySource;
import io.capacitybroker.carbon.WattTimeSource;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Carbon signals: the sources configured under {@code broker.carbon.*} (the static yearly source always;
 * Electricity Maps / WattTime when their keys are set; the UK API when enabled) and the
 * {@link CarbonIntensityService} on the broker's database and clock.
 */
@Configuration(proxyBeanMethods = false)
public class CarbonConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CarbonConfiguration.class);

    @Bean
    CarbonSources carbonSources(CarbonProperties p, Environment env, Clock clock) {
        List<CarbonSource> sources = new ArrayList<>();
        Map<String, Duration> intervals = new HashMap<>();
        StaticYearlySource statics = new StaticYearlySource();
        sources.add(statics);
        intervals.put(statics.name(), p.staticInterval());

        String token = firstNonBlank(p.electricitymaps().token(), env.getProperty("ELECTRICITYMAPS_TOKEN"));
        if (token != null) {
            ElectricityMapsSource em = new ElectricityMapsSource(new ElectricityMapsSource.Config(
                    p.electricitymaps().baseUrl() == null ? ElectricityMapsSource.DEFAULT_BASE : p.electricitymaps().baseUrl(),
                    token, p.electricitymaps().forecast(), p.electricitymaps().history(), Duration.ofSeconds(10), RetryPolicy.defaults()));
            sources.add(em);
            intervals.put(em.name(), p.electricitymaps().interval());
        }
        String user = firstNonBlank(p.watttime().username(), env.getProperty("WATTTIME_USERNAME"));
        String password = firstNonBlank(p.watttime().password(), env.getProperty("WATTTIME_PASSWORD"));
        if (user != null && password != null) {
            WattTimeSource wt = new WattTimeSource(new WattTimeSource.Config(
                    p.watttime().baseUrl() == null ? WattTimeSource.DEFAULT_BASE : p.watttime().baseUrl(), user, password,
                    p.watttime().horizonHours(), Duration.ofSeconds(10), RetryPolicy.defaults()), clock);
            sources.add(wt);
            intervals.put(wt.name(), p.watttime().interval());
        }
        if (p.uk().enabled()) {
            UkCarbonIntensitySource uk = new UkCarbonIntensitySource(new UkCarbonIntensitySource.Config(
                    p.uk().baseUrl() == null ? UkCarbonIntensitySource.DEFAULT_BASE : p.uk().baseUrl(), Duration.ofSeconds(10),
                    RetryPolicy.defaults()));
            sources.add(uk);
            intervals.put(uk.name(), p.uk().interval());
        }
        log.info("carbon sources: {}", sources.stream().map(CarbonSource::name).toList());
        return new CarbonSources(List.copyOf(sources), Map.copyOf(intervals));
    }

    @Bean
    CarbonIntensityService carbonIntensityService(DataSource dataSource, Clock clock, CarbonSources sources, CarbonProperties p) {
        return new CarbonIntensityService(dataSource, clock, sources.sources(), carbonConfig(p));
    }

    static CarbonConfig carbonConfig(CarbonProperties p) {
        PowerModel model = PowerModel.defaults().withUtilisation(p.utilisation());
        for (Map.Entry<String, CarbonProperties.ProviderPowerProperties> e : p.providers().entrySet()) {
            ProviderId id = ProviderId.of(e.getKey());
            ProviderPower base = model.of(id);
            CarbonProperties.ProviderPowerProperties o = e.getValue();
            model = model.with(id, new ProviderPower(
                    o.minWatts() != null ? o.minWatts() : base.minWattsPerVcpu(),
                    o.maxWatts() != null ? o.maxWatts() : base.maxWattsPerVcpu(),
                    base.wattsPerGiB(),
                    o.pue() != null ? o.pue() : base.pue(),
                    o.embodiedGramsPerVcpuHour() != null ? o.embodiedGramsPerVcpuHour() : base.embodiedGramsPerVcpuHour(),
                    "configured (broker.carbon.providers." + e.getKey() + ")"));
        }
        Map<String, CarbonConfig.OwnedPower> owned = new HashMap<>();
        p.owned().forEach((id, o) -> owned.put(id, new CarbonConfig.OwnedPower(o.watts(), o.pue())));
        return CarbonConfig.defaults()
                .withPolicy(p.policy().equals("marginal") ? SignalType.MARGINAL : SignalType.AVERAGE)
                .withStaleness(p.staleAfter(), p.lastKnownMaxAge())
                .withPowerModel(model)
                .withOwnedMachines(owned)
                .withEmbodied(p.embodied())
                .withNoAccessRecheck(p.watttime().noAccessRecheck());
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }

    /** The configured sources and how often each is refreshed. */
    public record CarbonSources(List<CarbonSource> sources, Map<String, Duration> intervals) {
    }
}
