package io.capacitybroker.provider.azure;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the public Azure Retail Prices REST API (no authentication) with OkHttp: one listing per region,
 * {@code serviceName eq 'Virtual Machines' and priceType eq 'Consumption'}, following {@code NextPageLink}
 * until it is null or empty (never {@code Count}). Each page is one request under the retry policy.
 */
final class RetailPricesClient {

    static final String SOURCE = "azure:RetailPrices";

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String apiVersion;
    private final RetryPolicy retry;
    private final RequestPacer pacer;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    RetailPricesClient(OkHttpClient http, HttpUrl base, String apiVersion, RetryPolicy retry, RequestPacer pacer,
                       Clock clock) {
        this.http = http;
        this.base = base;
        this.apiVersion = apiVersion;
        this.retry = retry;
        this.pacer = pacer;
        this.clock = clock;
    }

    /** The first page's URL of the VM consumption listing of one region. */
    HttpUrl firstPage(String region) {
        String filter = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq '"
                + region + "'";
        return base.newBuilder().encodedPath("/api/retail/prices").query(null)
                .addQueryParameter("api-version", apiVersion)
                .addQueryParameter("$filter", filter)
                .build();
    }

    /** Streams every row of a region's listing to {@code sink}, page by page; returns the number of pages. */
    int forEachRow(String region, Consumer<RetailPriceRow> sink) {
        HttpUrl url = firstPage(region);
        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (url != null) {
            if (!seen.add(url.toString())) {
                throw new ProviderException.Unavailable("Azure Retail Prices: NextPageLink loops back to " + url,
                        "PaginationLoop", null);
            }
            HttpUrl pageUrl = url;
            Page page = retry.call(() -> fetch(pageUrl));
            pages++;
            page.rows().forEach(sink);
            url = page.next();
        }
        return pages;
    }

    record Page(List<RetailPriceRow> rows, HttpUrl next) {
    }

    Page fetch(HttpUrl url) {
        pacer.acquire();
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                String text = body == null ? "" : body.string();
                throw AzureErrors.fromHttpBody(response.code(), text,
                        AzureErrors.parseRetryAfter(response.header("Retry-After"), clock));
            }
            if (body == null) {
                throw AzureErrors.malformed("Retail Prices: empty body", null);
            }
            return parse(body.bytes());
        } catch (ProviderException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw AzureErrors.from(e, "Azure Retail Prices GET " + url.encodedPath());
        }
    }

    Page parse(byte[] bytes) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            throw AzureErrors.malformed("Retail Prices page is not JSON", e);
        }
        JsonNode items = root == null ? null : root.get("Items");
        if (items == null || !items.isArray()) {
            throw AzureErrors.malformed("Retail Prices page has no Items array", null);
        }
        List<RetailPriceRow> rows = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw AzureErrors.malformed("Retail Prices item is not an object", null);
            }
            rows.add(row(item));
        }
        return new Page(rows, nextPage(root.get("NextPageLink")));
    }

    private RetailPriceRow row(JsonNode item) {
        JsonNode price = item.get("retailPrice");
        JsonNode tier = item.get("tierMinimumUnits");
        JsonNode primary = item.get("isPrimaryMeterRegion");
        return new RetailPriceRow(text(item, "armRegionName"), text(item, "armSkuName"), text(item, "meterName"),
                text(item, "skuName"), text(item, "productName"), text(item, "serviceName"), text(item, "type"),
                text(item, "unitOfMeasure"), text(item, "currencyCode"),
                price != null && price.isNumber() ? price.decimalValue() : null,
                tier != null && tier.isNumber() ? tier.decimalValue() : BigDecimal.ZERO,
                instant(text(item, "effectiveStartDate")),
                primary == null || primary.isNull() || primary.asBoolean());
    }

    /**
     * The next page: NextPageLink is absolute (https://prices.azure.com:443/...); only its path and query
     * are kept and resolved against the configured base URL. A link without api-version gets ours.
     */
    HttpUrl nextPage(JsonNode link) {
        if (link == null || link.isNull() || !link.isString() || link.asString().isBlank()) {
            return null;
        }
        HttpUrl parsed = HttpUrl.parse(link.asString().trim());
        if (parsed == null) {
            parsed = base.resolve(link.asString().trim());
        }
        if (parsed == null) {
            throw AzureErrors.malformed("Retail Prices NextPageLink is not a URL", null);
        }
        HttpUrl.Builder next = base.newBuilder().encodedPath(parsed.encodedPath()).encodedQuery(parsed.encodedQuery());
        if (parsed.queryParameter("api-version") == null) {
            next.addQueryParameter("api-version", apiVersion);
        }
        return next.build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s + "Z");
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
