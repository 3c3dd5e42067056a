package io.capacitybroker.app.carbon;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job: refresh one carbon source (job data {@code source}) through {@link CarbonRefresher} (for
 * WattTime: resolve the WattTime regions that are due, then fetch the MOER of every WattTime region in
 * use). One job per source, each on its own interval; on the clustered JDBC store one instance runs it at
 * a time, never two runs at once.
 */
@DisallowConcurrentExecution
public class CarbonRefreshJob extends QuartzJobBean {

    static final String SOURCE = "source";

    private final CarbonRefresher refresher;

    public CarbonRefreshJob(CarbonRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        refresher.refresh(context.getMergedJobDataMap().getString(SOURCE));
    }
}
