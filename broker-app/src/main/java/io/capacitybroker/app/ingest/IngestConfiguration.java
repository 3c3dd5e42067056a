package io.capacitybroker.app.ingest;

import io.capacitybroker.ingest.PriceIngestor;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pricing ingest and its schedule: a first refresh right at start-up, then every broker.ingest.interval. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    PriceIngestor priceIngestor(DataSource dataSource, Clock clock) {
        return new PriceIngestor(dataSource, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "broker.ingest.enabled", havingValue = "true", matchIfMissing = true)
    JobDetail catalogRefreshJobDetail() {
        return JobBuilder.newJob(CatalogRefreshJob.class).withIdentity("catalog-refresh", "ingest")
                .withDescription("Refresh every provider's offers and prices").storeDurably().requestRecovery().build();
    }

    @Bean
    @ConditionalOnProperty(name = "broker.ingest.enabled", havingValue = "true", matchIfMissing = true)
    Trigger catalogRefreshTrigger(JobDetail catalogRefreshJobDetail,
                                  @Value("${broker.ingest.interval:PT10M}") Duration interval) {
        return TriggerBuilder.newTrigger().forJob(catalogRefreshJobDetail).withIdentity("catalog-refresh", "ingest")
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
