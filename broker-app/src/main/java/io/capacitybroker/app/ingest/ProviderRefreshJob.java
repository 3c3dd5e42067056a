package io.capacitybroker.app.ingest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job: refresh one provider's offers, prices and capacity signals. There is one job per
 * provider (job data {@code provider}), each on its own schedule. On the clustered JDBC job store
 * exactly one broker instance runs a given job at a time, and never two runs of it at once.
 */
@DisallowConcurrentExecution
public class ProviderRefreshJob extends QuartzJobBean {

    static final String PROVIDER = "provider";

    private final CatalogRefresher refresher;

    public ProviderRefreshJob(CatalogRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        refresher.refresh(context.getMergedJobDataMap().getString(PROVIDER));
    }
}
