package io.capacitybroker.app.carbon;

import io.capacitybroker.carbon.CarbonIntensityService;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job: refresh one carbon source (job data {@code source}). One job per source, each on its own
 * interval; on the clustered JDBC store one instance runs it at a time, never two runs at once.
 */
@DisallowConcurrentExecution
public class CarbonRefreshJob extends QuartzJobBean {

    static final String SOURCE = "source";

    private final CarbonIntensityService service;

    public CarbonRefreshJob(CarbonIntensityService service) {
        this.service = service;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        String source = context.getMergedJobDataMap().getString(SOURCE);
        if (service.sources().stream().anyMatch(s -> s.name().equals(source))) {
            service.refresh(source);
        }
    }
}
