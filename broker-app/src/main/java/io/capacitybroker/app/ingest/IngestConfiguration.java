package io.capacitybroker.app.ingest;

import io.capacitybroker.ingest.CapacityErrors;
import io.capacitybroker.ingest.OwnedMachineSync;
import io.capacitybroker.ingest.PriceIngestor;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pricing ingest and its schedule: one Quartz job per configured provider, fired once right at
 * start-up and then every {@code broker.ingest.interval} (or the provider's own interval).
 */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    static final String GROUP = "ingest";

    @Bean
    PriceIngestor priceIngestor(DataSource dataSource, Clock clock, IngestProperties properties) {
        return new PriceIngestor(dataSource, clock, properties.maxCatalogAge());
    }

    @Bean
    OwnedMachineSync ownedMachineSync(DataSource dataSource) {
        return new OwnedMachineSync(dataSource);
    }

    @Bean
    CapacityErrors capacityErrors(DataSource dataSource, IngestProperties properties) {
        return new CapacityErrors(dataSource, properties.capacityErrorTtl());
    }

    @Bean
    SchedulerFactoryBeanCustomizer providerRefreshJobs(List<ProviderAdapter> adapters, IngestProperties properties) {
        return factory -> {
            if (!properties.enabled()) {
                return;
            }
            List<JobDetail> jobs = new ArrayList<>();
            List<Trigger> triggers = new ArrayList<>();
            for (ProviderAdapter adapter : adapters) {
                String provider = adapter.provider().code();
                JobDetail job = JobBuilder.newJob(ProviderRefreshJob.class).withIdentity("refresh-" + provider, GROUP)
                        .withDescription("Refresh " + provider + " offers, prices and capacity signals")
                        .usingJobData(ProviderRefreshJob.PROVIDER, provider).storeDurably().requestRecovery().build();
                jobs.add(job);
                triggers.add(TriggerBuilder.newTrigger().forJob(job).withIdentity("refresh-" + provider, GROUP).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(properties.intervalFor(provider).toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
            }
            factory.setJobDetails(jobs.toArray(JobDetail[]::new));
            factory.setTriggers(triggers.toArray(Trigger[]::new));
        };
    }
}
