package io.capacitybroker.provider.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.PagedFlux;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictionsType;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RequestPacer;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure Resource Manager reads through the SDK managers: subscription locations, VM resource SKUs per region
 * ({@code Microsoft.Compute/skus}), Spot eviction-rate buckets (Resource Graph {@code SpotResources}) and Spot
 * Placement Scores (REST through the compute manager's pipeline). Every page is one retried request.
 */
final class ArmClient {

    static final String SKUS_SOURCE = "azure:ResourceSkus";
    static final String EVICTION_SOURCE = "azure:ResourceGraph/SpotResources";
    static final String PLACEMENT_SOURCE = "azure:SpotPlacementScores";

    /** Sizes per placement-score request (documented limit of the operation; unverified, see README). */
    static final int PLACEMENT_MAX_SIZES = 5;
    /** Locations per placement-score request (documented limit of the operation; unverified, see README). */
    static final int PLACEMENT_MAX_LOCATIONS = 8;

    private final ComputeManager compute;
    private final ResourceGraphManager graph;
    private final String subscriptionId;
    private final String armEndpoint;
    private final RetryPolicy retry;
    private final RequestPacer pacer;
    private final Duration timeout;
    private final String placementApiVersion;
    private final ObjectMapper json = JsonMapper.builder().build();

    ArmClient(HttpPipeline pipeline, com.azure.core.management.profile.AzureProfile profile, String armEndpoint,
              RetryPolicy retry, RequestPacer pacer, Duration timeout, String placementApiVersion) {
        this.compute = ComputeManager.authenticate(pipeline, profile);
        this.graph = ResourceGraphManager.authenticate(pipeline, profile);
        this.subscriptionId = profile.getSubscriptionId();
        this.armEndpoint = armEndpoint.endsWith("/") ? armEndpoint : armEndpoint + "/";
        this.retry = retry;
        this.pacer = pacer;
        this.timeout = timeout;
        this.placementApiVersion = placementApiVersion;
    }

    /** The subscription's locations (all pages). */
    List<LocationInner> locations() {
        List<LocationInner> out = new ArrayList<>();
        forEachPage(() -> compute.resourceManager().subscriptionClient().getSubscriptions()
                .listLocationsAsync(subscriptionId), out::add, "list locations");
        return out;
    }

    /** The VM sizes ARM lists for one region (all pages), with their shapes; sizes without a shape are left out. */
    List<VmSize> vmSizes(String region) {
        List<VmSize> out = new ArrayList<>();
        forEachPage(() -> compute.serviceClient().getResourceSkus().listAsync("location eq '" + region + "'", null),
                sku -> toVmSize(region, sku).ifPresent(out::add), "list resource SKUs in " + region);
        return out;
    }

    static java.util.Optional<VmSize> toVmSize(String region, ResourceSkuInner sku) {
        if (sku == null || !"virtualMachines".equalsIgnoreCase(sku.resourceType()) || sku.name() == null
                || sku.name().isBlank() || sku.name().indexOf(':') >= 0) {
            return java.util.Optional.empty();
        }
        if (sku.locations() != null && !sku.locations().isEmpty()
                && sku.locations().stream().noneMatch(l -> l.equalsIgnoreCase(region))) {
            return java.util.Optional.empty();
        }
        Map<String, String> caps = new HashMap<>();
        if (sku.capabilities() != null) {
            for (ResourceSkuCapabilities c : sku.capabilities()) {
                if (c.name() != null && c.value() != null) {
                    caps.put(c.name().toLowerCase(Locale.ROOT), c.value().trim());
                }
            }
        }
        BigDecimal vcpus = decimal(caps.getOrDefault("vcpusavailable", caps.get("vcpus")));
        BigDecimal memory = decimal(caps.get("memorygb"));
        if (vcpus == null || vcpus.signum() <= 0 || memory == null || memory.signum() <= 0) {
            return java.util.Optional.empty();
        }
        BigDecimal gpus = decimal(caps.get("gpus"));
        String arch = caps.getOrDefault("cpuarchitecturetype", "x64").toLowerCase(Locale.ROOT);
        String architecture = arch.startsWith("arm") ? "arm64" : "amd64";
        boolean restricted = false;
        if (sku.restrictions() != null) {
            for (ResourceSkuRestrictions r : sku.restrictions()) {
                if (r.type() == ResourceSkuRestrictionsType.LOCATION && (r.values() == null
                        || r.values().stream().anyMatch(v -> v.equalsIgnoreCase(region)))) {
                    restricted = true;
                }
            }
        }
        InstanceShape shape = new InstanceShape(sku.name(), vcpus.stripTrailingZeros(), memory.stripTrailingZeros(),
                gpus == null ? 0 : Math.max(0, gpus.intValue()), architecture);
        return java.util.Optional.of(new VmSize(region, shape, restricted));
    }

    /** One Spot eviction-rate bucket from Resource Graph. */
    record EvictionBucket(String skuName, String region, String bucket) {
    }

    /** Spot eviction-rate buckets for these regions (all Resource Graph pages, following skipToken). */
    List<EvictionBucket> evictionRates(Collection<String> regions) {
        String in = regions.stream().sorted().map(r -> "'" + r + "'").collect(Collectors.joining(","));
        String query = "SpotResources | where type =~ 'microsoft.compute/skuspotevictionrate/location'"
                + (regions.isEmpty() ? "" : " | where location in~ (" + in + ")")
                + " | project skuName=tostring(sku.name), location, evictionRate=tostring(properties.evictionRate)";
        List<EvictionBucket> out = new ArrayList<>();
        String skipToken = null;
        Set<String> seenTokens = new HashSet<>();
        do {
            String token = skipToken;
            QueryRequest request = new QueryRequest().withSubscriptions(List.of(subscriptionId)).withQuery(query)
                    .withOptions(new QueryRequestOptions().withResultFormat(ResultFormat.OBJECT_ARRAY).withTop(1000)
                            .withSkipToken(token));
            QueryResponseInner page = retry.call(() -> call(() -> graph.serviceClient().getResourceProviders()
                    .resources(request), "Resource Graph SpotResources query"));
            if (!(page.data() instanceof List<?> rows)) {
                throw AzureErrors.malformed("Resource Graph data is not an object array", null);
            }
            for (Object row : rows) {
                if (row instanceof Map<?, ?> m && m.get("skuName") != null && m.get("location") != null
                        && m.get("evictionRate") != null) {
                    out.add(new EvictionBucket(String.valueOf(m.get("skuName")),
                            String.valueOf(m.get("location")).toLowerCase(Locale.ROOT),
                            String.valueOf(m.get("evictionRate"))));
                }
            }
            skipToken = page.skipToken() == null || page.skipToken().isBlank() ? null : page.skipToken();
            if (skipToken != null && !seenTokens.add(skipToken)) {
                throw new ProviderException.Unavailable("Resource Graph skipToken repeats", "PaginationLoop", null);
            }
        } while (skipToken != null);
        return out;
    }

    /** One Spot Placement Score answer. */
    record PlacementScore(String sku, String region, String zone, String score) {
    }

    /** Spot Placement Scores for these sizes in these regions, chunked to the operation's limits. */
    List<PlacementScore> placementScores(Collection<String> regions, Collection<String> sizes, int desiredCount) {
        List<String> regionList = regions.stream().sorted().distinct().toList();
        List<String> sizeList = sizes.stream().sorted().distinct().toList();
        List<PlacementScore> out = new ArrayList<>();
        for (int r = 0; r < regionList.size(); r += PLACEMENT_MAX_LOCATIONS) {
            List<String> locs = regionList.subList(r, Math.min(regionList.size(), r + PLACEMENT_MAX_LOCATIONS));
            for (int s = 0; s < sizeList.size(); s += PLACEMENT_MAX_SIZES) {
                List<String> chunk = sizeList.subList(s, Math.min(sizeList.size(), s + PLACEMENT_MAX_SIZES));
                out.addAll(retry.call(() -> placementPage(locs, chunk, desiredCount)));
            }
        }
        return out;
    }

    private List<PlacementScore> placementPage(List<String> locations, List<String> sizes, int desiredCount) {
        ObjectNode body = json.createObjectNode();
        body.put("availabilityZones", false);
        body.put("desiredCount", desiredCount);
        ArrayNode locs = body.putArray("desiredLocations");
        locations.forEach(locs::add);
        ArrayNode desired = body.putArray("desiredSizes");
        sizes.forEach(s -> desired.addObject().put("sku", s));
        String url = armEndpoint + "subscriptions/" + subscriptionId + "/providers/Microsoft.Compute/locations/"
                + locations.get(0) + "/placementScores/spot/generate?api-version=" + placementApiVersion;
        HttpRequest request = new HttpRequest(HttpMethod.POST, url)
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setBody(json.writeValueAsBytes(body));
        byte[] bytes;
        int status;
        Duration retryAfter;
        String operation = "Spot Placement Scores in " + locations;
        pacer.acquire();
        try (HttpResponse response = compute.httpPipeline().sendSync(request, Context.NONE)) {
            status = response.getStatusCode();
            retryAfter = AzureErrors.retryAfter(response.getHeaders(), java.time.Clock.systemUTC());
            bytes = response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes();
        } catch (RuntimeException e) {
            throw AzureErrors.from(e, operation);
        }
        if (status < 200 || status >= 300) {
            throw AzureErrors.fromHttpBody(status, new String(bytes, StandardCharsets.UTF_8), retryAfter);
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            throw AzureErrors.malformed(operation + " is not JSON", e);
        }
        JsonNode scores = root == null ? null : root.get("placementScores");
        if (scores == null || !scores.isArray()) {
            throw AzureErrors.malformed(operation + " has no placementScores array", null);
        }
        List<PlacementScore> out = new ArrayList<>();
        for (JsonNode s : scores) {
            String sku = text(s, "sku");
            String region = text(s, "region");
            String score = text(s, "score");
            if (sku != null && region != null && score != null) {
                out.add(new PlacementScore(sku, region.toLowerCase(Locale.ROOT), text(s, "availabilityZone"), score));
            }
        }
        return out;
    }

    /** Walks a paged SDK listing page by page; each page is paced, retried and error-mapped on its own. */
    private <T> void forEachPage(Supplier<PagedFlux<T>> listing, Consumer<T> sink, String operation) {
        PagedFlux<T> flux = listing.get();
        String token = null;
        Set<String> seen = new HashSet<>();
        do {
            String current = token;
            PagedResponse<T> page = retry.call(() -> call(() -> {
                PagedResponse<T> p = (current == null ? flux.byPage() : flux.byPage(current)).next().block(timeout);
                if (p == null) {
                    throw AzureErrors.malformed(operation + ": empty page", null);
                }
                return p;
            }, operation));
            if (page.getValue() != null) {
                page.getValue().forEach(sink);
            }
            token = page.getContinuationToken();
            if (token != null && token.isBlank()) {
                token = null;
            }
            if (token != null && !seen.add(token)) {
                throw new ProviderException.Unavailable(operation + ": nextLink repeats", "PaginationLoop", null);
            }
        } while (token != null);
    }

    private <T> T call(Supplier<T> call, String operation) {
        pacer.acquire();
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw AzureErrors.from(e, operation);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static BigDecimal decimal(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
