package io.capacitybroker.provider.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.compute.v1.AggregatedListMachineTypesRequest;
import com.google.cloud.compute.v1.ListMachineTypesRequest;
import com.google.cloud.compute.v1.ListRegionsRequest;
import com.google.cloud.compute.v1.MachineTypeAggregatedList;
import com.google.cloud.compute.v1.MachineTypeList;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.RegionList;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.RegionsSettings;
import java.io.IOException;
import java.util.Set;

/**
 * {@link GcpApi} on the real Google Cloud client libraries: Compute Engine over REST, the Cloud Billing
 * Catalog over gRPC or REST. Clients are created on first use (so a missing credential surfaces as a typed
 * error of the first call, not at start-up). The libraries' own retries are switched off (one attempt, no
 * retryable codes): the adapter's {@code RetryPolicy} is the only one that retries.
 */
final class SdkGcpApi implements GcpApi {

    private final GcpConfig config;
    private RegionsClient regions;
    private MachineTypesClient machineTypes;
    private CloudCatalogClient catalog;

    SdkGcpApi(GcpConfig config) {
        this.config = config;
    }

    @Override
    public RegionList listRegions(String pageToken) {
        ListRegionsRequest.Builder b = ListRegionsRequest.newBuilder().setProject(config.projectId())
                .setMaxResults(config.computePageSize());
        if (!pageToken.isEmpty()) {
            b.setPageToken(pageToken);
        }
        return regions().listCallable().call(b.build());
    }

    @Override
    public MachineTypeList listMachineTypes(String zone, String pageToken) {
        ListMachineTypesRequest.Builder b = ListMachineTypesRequest.newBuilder().setProject(config.projectId())
                .setZone(zone).setMaxResults(config.computePageSize());
        if (!pageToken.isEmpty()) {
            b.setPageToken(pageToken);
        }
        return machineTypes().listCallable().call(b.build());
    }

    @Override
    public MachineTypeAggregatedList aggregatedMachineTypes(String pageToken) {
        AggregatedListMachineTypesRequest.Builder b = AggregatedListMachineTypesRequest.newBuilder()
                .setProject(config.projectId()).setMaxResults(config.computePageSize());
        if (!pageToken.isEmpty()) {
            b.setPageToken(pageToken);
        }
        return machineTypes().aggregatedListCallable().call(b.build());
    }

    @Override
    public ListSkusResponse listSkus(String pageToken) {
        return catalog().listSkusCallable().call(ListSkusRequest.newBuilder().setParent(config.catalogService())
                .setCurrencyCode("USD").setPageSize(config.skuPageSize()).setPageToken(pageToken).build());
    }

    private synchronized RegionsClient regions() {
        if (regions == null) {
            RegionsSettings.Builder b = RegionsSettings.newBuilder();
            configure(b);
            b.applyToAllUnaryMethods(this::singleAttempt);
            regions = create(() -> RegionsClient.create(b.build()));
        }
        return regions;
    }

    private synchronized MachineTypesClient machineTypes() {
        if (machineTypes == null) {
            MachineTypesSettings.Builder b = MachineTypesSettings.newBuilder();
            configure(b);
            b.applyToAllUnaryMethods(this::singleAttempt);
            machineTypes = create(() -> MachineTypesClient.create(b.build()));
        }
        return machineTypes;
    }

    private synchronized CloudCatalogClient catalog() {
        if (catalog == null) {
            CloudCatalogSettings.Builder b = config.billingTransport() == GcpConfig.BillingTransport.HTTP_JSON
                    ? CloudCatalogSettings.newHttpJsonBuilder() : CloudCatalogSettings.newBuilder();
            if (config.billingEndpoint() != null) {
                b.setEndpoint(config.billingEndpoint());
            }
            if (noCredentials()) {
                b.setCredentialsProvider(NoCredentialsProvider.create());
            }
            b.applyToAllUnaryMethods(this::singleAttempt);
            catalog = create(() -> CloudCatalogClient.create(b.build()));
        }
        return catalog;
    }

    private void configure(ClientSettings.Builder<?, ?> b) {
        if (config.computeEndpoint() != null) {
            b.setEndpoint(config.computeEndpoint());
        }
        if (noCredentials()) {
            b.setCredentialsProvider(NoCredentialsProvider.create());
        }
    }

    /** Application Default Credentials are each client's own default (with its scopes); NONE is for local fakes. */
    private boolean noCredentials() {
        return config.credentials() == GcpConfig.CredentialsSource.NONE;
    }

    /** One attempt per call with the configured timeout; retrying is the adapter's job. */
    private Void singleAttempt(UnaryCallSettings.Builder<?, ?> settings) {
        settings.setRetryableCodes(Set.of());
        settings.setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1)
                .setTotalTimeoutDuration(config.requestTimeout())
                .setInitialRpcTimeoutDuration(config.requestTimeout())
                .setMaxRpcTimeoutDuration(config.requestTimeout())
                .setRpcTimeoutMultiplier(1.0).setRetryDelayMultiplier(1.0).build());
        return null;
    }

    private interface Factory<T> {
        T create() throws IOException;
    }

    private static <T> T create(Factory<T> factory) {
        try {
            return factory.create();
        } catch (IOException e) {
            throw new ClientCreationException(e);
        }
    }

    /** The client could not be built (typically: no Application Default Credentials). */
    static final class ClientCreationException extends RuntimeException {
        ClientCreationException(IOException cause) {
            super("could not create the Google Cloud client: " + cause.getMessage(), cause);
        }
    }

    @Override
    public synchronized void close() {
        if (regions != null) {
            regions.close();
        }
        if (machineTypes != null) {
            machineTypes.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }
}
