package io.capacitybroker.app.catalog;

import io.capacitybroker.app.web.FieldProblem;
import io.capacitybroker.app.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The offers catalog: what can be rented now, at what price, from which source. */
@RestController
@RequestMapping("/api/v1/offers")
@Tag(name = "Offers", description = "Current rentable pools with their prices and provenance")
public class OffersController {

    static final int MAX_PAGE_SIZE = 1000;
    private static final Map<String, Sort> SORTS = Map.of(
            "price", Sort.by("pricePerHour", "offerKey"),
            "-price", Sort.by(Sort.Order.desc("pricePerHour"), Sort.Order.asc("offerKey")),
            "vcpus", Sort.by("instanceType.vcpus", "pricePerHour", "offerKey"),
            "-vcpus", Sort.by(Sort.Order.desc("instanceType.vcpus"), Sort.Order.asc("pricePerHour"), Sort.Order.asc("offerKey")),
            "memory", Sort.by("instanceType.memoryGib", "pricePerHour", "offerKey"),
            "-memory", Sort.by(Sort.Order.desc("instanceType.memoryGib"), Sort.Order.asc("pricePerHour"), Sort.Order.asc("offerKey")),
            "id", Sort.by("offerKey"));

    private final CatalogService catalog;

    public OffersController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List offers", description = "Active offers, filtered and paginated. Prices are USD per node-hour.")
    public PageView<OfferView> list(
            @Parameter(description = "provider code, e.g. aws, gcp, azure, ovh") @RequestParam(required = false) String provider,
            @Parameter(description = "region code, e.g. eu-west-1") @RequestParam(required = false) String region,
            @Parameter(description = "spot or on_demand") @RequestParam(required = false) String market,
            @Parameter(description = "exact instance type, e.g. m5.large") @RequestParam(required = false) String instanceType,
            @Parameter(description = "minimum vCPUs per node") @RequestParam(required = false) String minVcpus,
            @Parameter(description = "minimum memory per node, GiB") @RequestParam(required = false) String minMemoryGiB,
            @Parameter(description = "also list offers the provider no longer lists") @RequestParam(defaultValue = "false") boolean includeInactive,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") String page,
            @Parameter(description = "page size, 1.." + MAX_PAGE_SIZE) @RequestParam(defaultValue = "50") String size,
            @Parameter(description = "price, -price, vcpus, -vcpus, memory, -memory or id") @RequestParam(defaultValue = "price") String sort) {
        List<FieldProblem> problems = new ArrayList<>();
        if (provider != null && !provider.matches("[a-z][a-z0-9-]{1,31}")) {
            problems.add(new FieldProblem("provider", "must be a lower-case provider code such as aws, gcp, azure or ovh"));
        }
        if (market != null && !market.equals("spot") && !market.equals("on_demand")) {
            problems.add(new FieldProblem("market", "must be spot or on_demand, not '" + market + "'"));
        }
        BigDecimal vcpus = nonNegativeDecimal("minVcpus", minVcpus, problems);
        BigDecimal memory = nonNegativeDecimal("minMemoryGiB", minMemoryGiB, problems);
        int pageNo = intInRange("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, problems);
        int pageSize = intInRange("size", size, 1, MAX_PAGE_SIZE, problems);
        Sort order = SORTS.get(sort);
        if (order == null) {
            problems.add(new FieldProblem("sort", "must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        OfferQuery query = new OfferQuery(provider, blankToNull(region), market, blankToNull(instanceType), vcpus, memory,
                includeInactive);
        return catalog.listOffers(query, pageNo, pageSize, order);
    }

    @GetMapping("/summary")
    @Operation(summary = "Per provider and market: offer count, regions, cheapest price per vCPU-hour, newest price fetch")
    public List<CatalogService.ProviderMarketSummary> summary() {
        return catalog.summary();
    }

    @GetMapping("/{offerId}")
    @Operation(summary = "One offer by its id (provider:region:zone:instanceType:market)")
    public OfferView one(@PathVariable String offerId) {
        return catalog.offer(offerId);
    }

    @GetMapping("/{offerId}/prices")
    @Operation(summary = "Price history of one offer (change points, oldest first)",
            description = "from/to are ISO-8601 instants; default the last 90 days.")
    public PageView<CatalogService.PricePoint> prices(@PathVariable String offerId,
                                                      @RequestParam(required = false) String from,
                                                      @RequestParam(required = false) String to,
                                                      @RequestParam(defaultValue = "0") String page,
                                                      @RequestParam(defaultValue = "500") String size) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant end = instant("to", to, Instant.now().plus(Duration.ofDays(1)), problems);
        Instant start = instant("from", from, end.minus(Duration.ofDays(90)), problems);
        if (problems.isEmpty() && !start.isBefore(end)) {
            problems.add(new FieldProblem("from", "must be before to"));
        }
        int pageNo = intInRange("page", page, 0, 1_000_000, problems);
        int pageSize = intInRange("size", size, 1, 5000, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return catalog.priceHistory(offerId, start, end, pageNo, pageSize);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant instant(String field, String value, Instant fallback, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z"));
            return fallback;
        }
    }

    private static BigDecimal nonNegativeDecimal(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(value.trim());
            if (d.signum() < 0) {
                problems.add(new FieldProblem(field, "must be >= 0"));
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a number, not '" + value + "'"));
            return null;
        }
    }

    private static int intInRange(String field, String value, int min, int max, List<FieldProblem> problems) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                problems.add(new FieldProblem(field, "must be between " + min + " and " + max));
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be an integer, not '" + value + "'"));
            return min;
        }
    }
}
