package io.capacitybroker.provider.azure;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RequestPacer;
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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
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

    /**
     * Parses one page with the streaming parser (a full refresh reads ~150,000 items: no tree per item).
     * Unknown fields (savingsPlan, meterId, ...) are skipped.
     */
    Page parse(byte[] bytes) {
        List<RetailPriceRow> rows = null;
        String nextLink = null;
        try (JsonParser p = json.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw AzureErrors.malformed("Retail Prices page is not a JSON object", null);
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("Items".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw AzureErrors.malformed("Retail Prices Items is not an array", null);
                    }
                    rows = new ArrayList<>();
                    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                        if (item != JsonToken.START_OBJECT) {
                            throw AzureErrors.malformed("Retail Prices item is not an object", null);
                        }
                        rows.add(row(p));
                    }
                } else if ("NextPageLink".equals(field)) {
                    nextLink = value == JsonToken.VALUE_STRING ? p.getString() : null;
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw AzureErrors.malformed("Retail Prices page ends early", null);
            }
        } catch (JacksonException e) {
            throw AzureErrors.malformed("Retail Prices page is not JSON", e);
        }
        if (rows == null) {
            throw AzureErrors.malformed("Retail Prices page has no Items array", null);
        }
        return new Page(rows, nextPage(nextLink));
    }

    /** Reads one item; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    private RetailPriceRow row(JsonParser p) {
        String region = null, sku = null, meter = null, skuName = null, product = null, service = null, type = null,
                unit = null, currency = null, effective = null;
        BigDecimal price = null;
        BigDecimal tier = BigDecimal.ZERO;
        boolean primary = true;
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "armRegionName" -> region = str(p, v);
                case "armSkuName" -> sku = str(p, v);
                case "meterName" -> meter = str(p, v);
                case "skuName" -> skuName = str(p, v);
                case "productName" -> product = str(p, v);
                case "serviceName" -> service = str(p, v);
                case "type" -> type = str(p, v);
                case "unitOfMeasure" -> unit = str(p, v);
                case "currencyCode" -> currency = str(p, v);
                case "effectiveStartDate" -> effective = str(p, v);
                case "retailPrice" -> price = v.isNumeric() ? p.getDecimalValue() : null;
                case "tierMinimumUnits" -> tier = v.isNumeric() ? p.getDecimalValue() : BigDecimal.ZERO;
                case "isPrimaryMeterRegion" -> primary = v != JsonToken.VALUE_FALSE;
                default -> {
                    // not used
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw AzureErrors.malformed("Retail Prices item ends early", null);
        }
        return new RetailPriceRow(region, sku, meter, skuName, product, service, type, unit, currency, price, tier,
                instant(effective), primary);
    }

    private static String str(JsonParser p, JsonToken v) {
        return v == JsonToken.VALUE_NULL ? null : p.getString();
    }

    /**
     * The next page: NextPageLink is absolute (https://prices.azure.com:443/...); only its path and query
     * are kept and resolved against the configured base URL. A link without api-version gets ours.
     */
    HttpUrl nextPage(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        HttpUrl parsed = HttpUrl.parse(link.trim());
        if (parsed == null) {
            parsed = base.resolve(link.trim());
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
