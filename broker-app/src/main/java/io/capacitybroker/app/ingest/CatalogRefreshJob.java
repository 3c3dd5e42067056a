package io.capacitybroker.app.ingest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job: refresh every provider's catalog. Clustered with the JDBC job store, so exactly one
 * broker instance runs it at a time, and never two runs at once.
 */
@DisallowConcurrentExecution
public class CatalogRefreshJob extends QuartzJobBean {

    private final CatalogRefresher refresher;

    public CatalogRefreshJob(CatalogRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        refresher.refreshAll();
    }
}
