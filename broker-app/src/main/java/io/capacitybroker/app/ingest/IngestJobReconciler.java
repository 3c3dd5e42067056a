package io.capacitybroker.app.ingest;

import io.capacitybroker.provider.spi.ProviderAdapter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The JDBC job store outlives configurations: when a provider is no longer configured (or a job was
 * renamed by an upgrade), its stored ingest job is removed at start-up instead of failing every time it fires.
 */
@Component
class IngestJobReconciler {

    private static final Logger log = LoggerFactory.getLogger(IngestJobReconciler.class);

    private final Scheduler scheduler;
    private final List<ProviderAdapter> adapters;
    private final IngestProperties properties;

    IngestJobReconciler(Scheduler scheduler, List<ProviderAdapter> adapters, IngestProperties properties) {
        this.scheduler = scheduler;
        this.adapters = adapters;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void removeStaleJobs() throws SchedulerException {
        if (!properties.enabled()) {
            return; // another instance may own the schedule
        }
        Set<String> wanted = adapters.stream().map(a -> "refresh-" + a.provider().code()).collect(Collectors.toSet());
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(IngestConfiguration.GROUP))) {
            if (!wanted.contains(key.getName())) {
                log.info("removing stale ingest job {}", key);
                scheduler.deleteJob(key);
            }
        }
    }
}
