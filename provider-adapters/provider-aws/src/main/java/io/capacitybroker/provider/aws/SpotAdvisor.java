package io.capacitybroker.provider.aws;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Spot Instance Advisor data file (the JSON behind the console's "Spot Instance Advisor" page)
 * and turns each pool's interruption-frequency band into a rate per hour: the band's mid-point (a share
 * of instances interrupted per month; "&lt;5%" → 2.5 %, "5-10%" → 7.5 %, …, "&gt;20%" → 25 %) divided
 * by 730 hours. Only the Linux figures are used.
 */
final class SpotAdvisor {

    /** Rates per hour keyed by region, then instance type; {@code observedAt} is the file's Last-Modified when sent. */
    record Data(Map<String, Map<String, Double>> ratePerHour, Instant observedAt) {
        Double rate(String region, String instanceType) {
            Map<String, Double> r = ratePerHour.get(region);
            return r == null ? null : r.get(instanceType);
        }
    }

    static final double HOURS_PER_MONTH = 730.0;
    private static final Pattern BAND = Pattern.compile("\\s*([<>])?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:-\\s*(\\d+(?:\\.\\d+)?))?\\s*%?\\s*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI url;
    private final Duration requestTimeout;

    SpotAdvisor(URI url, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** One GET of the data file; vendor errors go through {@code mapper} like every other AWS call. */
    Data fetch(AwsErrorMapper mapper, Instant fetchedAt) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw mapper.map(e, "SpotAdvisorData");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Unavailable("interrupted while reading the Spot Instance Advisor data", e);
        }
        if (response.statusCode() / 100 != 2) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(mapper::parseRetryAfter).orElse(null);
            throw AwsErrorMapper.fromVendor("SpotAdvisorData", null, response.statusCode(), null, retryAfter, null);
        }
        Instant observed = response.headers().firstValue("Last-Modified").map(SpotAdvisor::httpDate).orElse(fetchedAt);
        try {
            return parse(response.body(), observed);
        } catch (RuntimeException e) {
            throw mapper.map(e, "SpotAdvisorData");
        }
    }

    static Data parse(String body, Instant observedAt) {
        JsonNode root = JSON.readTree(body);
        JsonNode ranges = root.path("ranges");
        if (!ranges.isArray() || !root.path("spot_advisor").isObject()) {
            throw new ProviderException.Unavailable("Spot Instance Advisor data has no 'ranges'/'spot_advisor'", null);
        }
        Map<Integer, Double> monthlyByIndex = new HashMap<>();
        for (JsonNode range : ranges) {
            Double mid = bandMidPoint(range.path("label").asString(""));
            if (mid != null) {
                monthlyByIndex.put(range.path("index").asInt(-1), mid);
            }
        }
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> region : root.path("spot_advisor").properties()) {
            Map<String, Double> types = new HashMap<>();
            for (Map.Entry<String, JsonNode> type : region.getValue().path("Linux").properties()) {
                Double monthly = monthlyByIndex.get(type.getValue().path("r").asInt(-1));
                if (monthly != null) {
                    types.put(type.getKey(), monthly / HOURS_PER_MONTH);
                }
            }
            out.put(region.getKey(), Map.copyOf(types));
        }
        return new Data(Map.copyOf(out), observedAt);
    }

    /** Mid-point of a band label as a fraction per month: "<5%" → 0.025, "5-10%" → 0.075, ">20%" → 0.25. */
    static Double bandMidPoint(String label) {
        Matcher m = BAND.matcher(label == null ? "" : label);
        if (!m.matches()) {
            return null;
        }
        double a = Double.parseDouble(m.group(2));
        double pct;
        if ("<".equals(m.group(1))) {
            pct = a / 2;
        } else if (">".equals(m.group(1))) {
            pct = a + 5; // open upper band: assume it is as wide as the others
        } else if (m.group(3) != null) {
            pct = (a + Double.parseDouble(m.group(3))) / 2;
        } else {
            pct = a;
        }
        return Math.min(pct, 100.0) / 100.0;
    }

    private static Instant httpDate(String v) {
        try {
            return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
