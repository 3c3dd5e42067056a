package io.capacitybroker.provider.gcp;

import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.compute.v1.MachineTypeAggregatedList;
import com.google.cloud.compute.v1.MachineTypeList;
import com.google.cloud.compute.v1.RegionList;

/**
 * One page of each vendor listing the adapter reads; one call is one HTTP request. The adapter pages
 * itself (so that a retry repeats one page, not the whole listing). Implementations may throw any
 * SDK exception: the adapter maps it.
 */
interface GcpApi extends AutoCloseable {

    /** {@code compute.regions.list}. */
    RegionList listRegions(String pageToken);

    /** {@code compute.machineTypes.list} for one zone. */
    MachineTypeList listMachineTypes(String zone, String pageToken);

    /** {@code compute.machineTypes.aggregatedList} over every zone of the project. */
    MachineTypeAggregatedList aggregatedMachineTypes(String pageToken);

    /** {@code cloudbilling.services.skus.list} of the configured service, prices in USD. */
    ListSkusResponse listSkus(String pageToken);

    @Override
    void close();
}
