package io.capacitybroker.app.carbon;

import java.util.HashSet;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers one {@link CarbonRefreshJob} per configured source with the Quartz scheduler once the
 * application is ready (not through a SchedulerFactoryBean customizer, which would replace the jobs
 * of the pricing ingest), fires it now and then every interval, and removes stored carbon jobs of
 * sources no longer configured.
 */
@Component
class CarbonJobScheduler {

    static final String GROUP = "carbon";
    private static final Logger log = LoggerFactory.getLogger(CarbonJobScheduler.class);

    private final Scheduler scheduler;
    private final CarbonConfiguration.CarbonSources sources;
    private final CarbonProperties properties;

    CarbonJobScheduler(Scheduler scheduler, CarbonConfiguration.CarbonSources sources, CarbonProperties properties) {
        this.scheduler = scheduler;
        this.sources = sources;
        this.properties = properties;
    }

    static String jobName(String source) {
        return "refresh-" + source;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        if (!properties.enabled()) {
            return; // another instance owns the schedule
        }
        Set<String> wanted = new HashSet<>();
        for (var e : sources.intervals().entrySet()) {
            String name = jobName(e.getKey());
            wanted.add(name);
            JobDetail job = JobBuilder.newJob(CarbonRefreshJob.class).withIdentity(name, GROUP)
                    .withDescription("Refresh carbon intensity from " + e.getKey())
                    .usingJobData(CarbonRefreshJob.SOURCE, e.getKey()).storeDurably().requestRecovery().build();
            Trigger trigger = TriggerBuilder.newTrigger().forJob(job).withIdentity(name, GROUP).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(e.getValue().toMillis())
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.addJob(job, true);
            if (scheduler.checkExists(TriggerKey.triggerKey(name, GROUP))) {
                scheduler.rescheduleJob(TriggerKey.triggerKey(name, GROUP), trigger);
            } else {
                scheduler.scheduleJob(trigger);
            }
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(key.getName())) {
                log.info("removing stale carbon job {}", key);
                scheduler.deleteJob(key);
            }
        }
        log.info("carbon refresh jobs scheduled: {}", wanted);
    }
}
