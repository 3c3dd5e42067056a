package io.capacitybroker.provider.gcp;

import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingExpression.TierRate;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import io.capacitybroker.domain.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute Engine unit prices read from Cloud Billing Catalog SKUs: per region and market, the USD rate per
 * vCPU-hour and per GiB-hour of each machine family, per GPU-hour of each accelerator type, and the flat
 * per-instance-hour rate of the legacy shared-core types. SKUs that price something else (disks, network,
 * licences, commitments, sole tenancy, custom or extended memory…) are counted as skipped, by reason.
 *
 * <p>Description mapping (after removing a leading {@code "Spot Preemptible "} / {@code "Preemptible "} and the
 * trailing {@code " running in <place>"}):
 * <ul>
 *   <li>{@code "<F> [AMD|Arm|Intel|Predefined|Memory-optimized] Instance Core|Ram"} → family {@code f} (lower
 *       case), e.g. "N2D AMD Instance Core" → n2d, "N1 Predefined Instance Ram" → n1, "M2 Memory-optimized
 *       Instance Core" → m2; F must contain a digit;</li>
 *   <li>{@code "Compute optimized [Instance] Core|Ram"} → c2; {@code "Memory-optimized Instance Core|Ram"} → m1;</li>
 *   <li>{@code "Nvidia <model> GPU [attached to …]"} → accelerator {@code nvidia-<model>} (lower case, spaces
 *       as dashes), e.g. "Nvidia Tesla T4 GPU" → nvidia-tesla-t4, "Nvidia A100 80GB GPU" → nvidia-a100-80gb;</li>
 *   <li>"Micro Instance with burstable CPU" → flat f1-micro; "Small Instance with 1 VCPU" → flat g1-small.</li>
 * </ul>
 * Core, GPU and flat rates must be per hour ({@code h}), RAM rates per GiB-hour ({@code GiBy.h}).
 * {@code Preemptible} SKUs are Spot prices; {@code OnDemand} SKUs on-demand prices.
 */
final class SkuPriceBook {

    /** What a rate prices. */
    enum Component { CORE, RAM, GPU, FLAT }

    record Key(String region, Market market, Component component, String name) {
    }

    /** USD per unit (vCPU-hour, GiB-hour, GPU-hour or instance-hour) and when Google made it effective. */
    record Rate(BigDecimal usd, Instant effectiveTime, String skuId) {
    }

    private static final Pattern EXCLUDED = Pattern.compile(
            "(?i)\\b(custom|sole tenan|extended|commitment|reserved|premium|licen[cs]e|upgrade|workstation)");
    private static final Pattern CORE_RAM = Pattern.compile(
            "^(?:(?<fam>[A-Z][A-Z0-9]*[0-9][A-Z0-9]*)\\s+)?"
                    + "(?:(?<qual>AMD|Arm|Intel|Predefined|Memory-optimized|Memory Optimized|Compute optimized)\\s+)?"
                    + "(?:Instance\\s+)?(?<res>Core|Ram)$");
    private static final Pattern GPU = Pattern.compile("^(?i:nvidia)\\s+(?<model>.+?)\\s+GPU(?:\\s+attached to .*)?$");
    private static final Map<String, String> FLAT = Map.of(
            "Micro Instance with burstable CPU", "f1-micro",
            "Small Instance with 1 VCPU", "g1-small");

    private final Map<Key, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int skusRead;

    /** Reads one SKU; returns whether it contributed a rate. */
    synchronized boolean add(Sku sku) {
        skusRead++;
        String usage = sku.getCategory().getUsageType();
        Market market = switch (usage) {
            case "OnDemand" -> Market.ON_DEMAND;
            case "Preemptible" -> Market.SPOT;
            default -> null;
        };
        if (market == null) {
            return skip("usage type " + (usage.isBlank() ? "(none)" : usage));
        }
        if (!"Compute".equals(sku.getCategory().getResourceFamily())) {
            return skip("resource family " + sku.getCategory().getResourceFamily());
        }
        String description = normalise(sku.getDescription());
        if (EXCLUDED.matcher(description).find()) {
            return skip("custom/sole-tenant/extended/licence SKU");
        }
        Component component;
        String name;
        String flat = FLAT.get(description);
        Matcher m;
        if (flat != null) {
            component = Component.FLAT;
            name = flat;
        } else if ((m = GPU.matcher(description)).matches()) {
            component = Component.GPU;
            name = "nvidia-" + m.group("model").trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        } else if ((m = CORE_RAM.matcher(description)).matches()) {
            component = "Core".equals(m.group("res")) ? Component.CORE : Component.RAM;
            String fam = m.group("fam");
            String qual = m.group("qual");
            if (fam != null) {
                name = fam.toLowerCase(Locale.ROOT);
            } else if ("Compute optimized".equals(qual)) {
                name = "c2";
            } else if (qual != null && qual.startsWith("Memory")) {
                name = "m1";
            } else {
                return skip("unmapped description");
            }
        } else {
            return skip("unmapped description");
        }
        PricingInfo info = latest(sku.getPricingInfoList());
        if (info == null) {
            return skip("no pricing info");
        }
        PricingExpression expr = info.getPricingExpression();
        String expectedUnit = component == Component.RAM ? "GiBy.h" : "h";
        if (!expectedUnit.equals(expr.getUsageUnit())) {
            return skip("unexpected usage unit " + expr.getUsageUnit());
        }
        BigDecimal usd = marginalUsd(info);
        if (usd == null) {
            return skip("no usable tiered rate");
        }
        Instant effective = info.hasEffectiveTime()
                ? Instant.ofEpochSecond(info.getEffectiveTime().getSeconds(), info.getEffectiveTime().getNanos()) : null;
        if (sku.getServiceRegionsCount() == 0) {
            return skip("no service region");
        }
        Rate rate = new Rate(usd, effective, sku.getSkuId());
        for (String region : sku.getServiceRegionsList()) {
            rates.merge(new Key(region, market, component, name), rate,
                    (old, neu) -> later(neu, old) ? neu : old);
        }
        return true;
    }

    Optional<Rate> rate(String region, Market market, Component component, String name) {
        return Optional.ofNullable(rates.get(new Key(region, market, component, name)));
    }

    synchronized int skusRead() {
        return skusRead;
    }

    synchronized Map<String, Integer> skipped() {
        return Map.copyOf(skipped);
    }

    int rateCount() {
        return rates.size();
    }

    private boolean skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
        return false;
    }

    static String normalise(String description) {
        String d = description == null ? "" : description.trim();
        if (d.startsWith("Spot Preemptible ")) {
            d = d.substring("Spot Preemptible ".length());
        } else if (d.startsWith("Preemptible ")) {
            d = d.substring("Preemptible ".length());
        }
        int in = d.indexOf(" running in ");
        if (in >= 0) {
            d = d.substring(0, in);
        }
        return d.trim();
    }

    /** The pricing version in force: the one with the latest effective time. */
    private static PricingInfo latest(List<PricingInfo> infos) {
        PricingInfo best = null;
        for (PricingInfo p : infos) {
            if (best == null || compare(p.getEffectiveTime(), best.getEffectiveTime()) > 0) {
                best = p;
            }
        }
        return best;
    }

    private static int compare(com.google.protobuf.Timestamp a, com.google.protobuf.Timestamp b) {
        int c = Long.compare(a.getSeconds(), b.getSeconds());
        return c != 0 ? c : Integer.compare(a.getNanos(), b.getNanos());
    }

    /**
     * The marginal list price: the tier with the highest start amount (past any free tier), in USD. A price
     * in another currency is converted back with the SKU's {@code currencyConversionRate} (currency per USD).
     */
    private static BigDecimal marginalUsd(PricingInfo info) {
        TierRate top = null;
        for (TierRate t : info.getPricingExpression().getTieredRatesList()) {
            if (top == null || t.getStartUsageAmount() >= top.getStartUsageAmount()) {
                top = t;
            }
        }
        if (top == null || !top.hasUnitPrice()) {
            return null;
        }
        BigDecimal amount = BigDecimal.valueOf(top.getUnitPrice().getUnits())
                .add(BigDecimal.valueOf(top.getUnitPrice().getNanos(), 9));
        if (amount.signum() < 0) {
            return null;
        }
        String currency = top.getUnitPrice().getCurrencyCode();
        if (currency.isEmpty() || "USD".equals(currency)) {
            return amount;
        }
        double conversion = info.getCurrencyConversionRate();
        if (!(conversion > 0)) {
            return null;
        }
        return amount.divide(BigDecimal.valueOf(conversion), 12, RoundingMode.HALF_EVEN);
    }

    private static boolean later(Rate a, Rate b) {
        if (a.effectiveTime() == null) {
            return false;
        }
        return b.effectiveTime() == null || a.effectiveTime().isAfter(b.effectiveTime());
    }
}
