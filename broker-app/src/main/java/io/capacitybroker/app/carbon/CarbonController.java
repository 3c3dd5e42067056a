package io.capacitybroker.app.carbon;

import io.capacitybroker.app.web.FieldProblem;
import io.capacitybroker.app.web.InvalidRequestException;
import io.capacitybroker.app.web.NotFoundException;
import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.CarbonIntensityService.RegionRef;
import io.capacitybroker.carbon.CarbonSource;
import io.capacitybroker.carbon.NodeSpec;
import io.capacitybroker.carbon.UnknownRegionException;
import io.capacitybroker.domain.ProviderId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Grid carbon intensity by region (current with fallback info, forecast), best regions, CO2e of a node. */
@RestController
@RequestMapping("/api/v1/carbon")
@Tag(name = "Carbon", description = "Grid carbon intensity per region and the CO2e of nodes, traceable to signal and power model")
public class CarbonController {

    static final int MAX_HOURS = 72;
    static final int MAX_REGIONS = 200;

    private final CarbonIntensityService service;

    public CarbonController(CarbonIntensityService service) {
        this.service = service;
    }

    @GetMapping("/regions")
    @Operation(summary = "Region map", description = "Every mapped provider region with its grid zone and the justification of the mapping.")
    public List<CarbonViews.RegionView> regions(@RequestParam(required = false) String provider) {
        List<FieldProblem> problems = new ArrayList<>();
        ProviderId p = provider == null ? null : provider("provider", provider, problems);
        check(problems);
        return service.regionMap().entries().stream().filter(z -> p == null || z.provider().equals(p))
                .map(CarbonViews.RegionView::of).toList();
    }

    @GetMapping("/regions/{provider}/{region}")
    @Operation(summary = "Intensity of a region", description = "The current intensity (with its source, age and fallback level) "
            + "and the forecast of the next hours where a source forecasts the zone.")
    public CarbonViews.RegionIntensityView region(@PathVariable String provider, @PathVariable String region,
            @Parameter(description = "forecast hours, 0.." + MAX_HOURS) @RequestParam(defaultValue = "24") String hours) {
        List<FieldProblem> problems = new ArrayList<>();
        ProviderId p = provider("provider", provider, problems);
        int h = hours("hours", hours, problems);
        check(problems);
        try {
            CarbonIntensityService.RegionForecast f = service.forecast(p, region, h);
            return new CarbonViews.RegionIntensityView(CarbonViews.RegionView.of(f.region()), CarbonViews.IntensityView.of(f.current()),
                    h, f.points().stream().map(CarbonViews.PointView::of).toList());
        } catch (UnknownRegionException e) {
            throw new NotFoundException("No grid zone is mapped for region " + p.code() + ":" + region + ".");
        }
    }

    @GetMapping("/regions/{provider}/{region}/history")
    @Operation(summary = "Stored history of a region", description = "Measured average intensities of the region's grid zone "
            + "stored over the last hours (every source), oldest first.")
    public List<CarbonViews.PointView> history(@PathVariable String provider, @PathVariable String region,
            @Parameter(description = "hours back, 1..720") @RequestParam(defaultValue = "24") String hours) {
        List<FieldProblem> problems = new ArrayList<>();
        ProviderId p = provider("provider", provider, problems);
        int h = 0;
        try {
            h = Integer.parseInt(hours.trim());
            if (h < 1 || h > 720) {
                problems.add(new FieldProblem("hours", "must be between 1 and 720"));
            }
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("hours", "must be an integer between 1 and 720"));
        }
        check(problems);
        try {
            return service.history(p, region, h).stream().map(CarbonViews.PointView::of).toList();
        } catch (UnknownRegionException e) {
            throw new NotFoundException("No grid zone is mapped for region " + p.code() + ":" + region + ".");
        }
    }

    @GetMapping("/best")
    @Operation(summary = "Cleanest regions", description = "Ranks the given regions, cleanest first: by the current intensity "
            + "(hours=0) or by the cleanest point of the next N hours.")
    public CarbonViews.BestView best(
            @Parameter(description = "comma-separated provider:region, e.g. aws:eu-west-1,gcp:europe-west1") @RequestParam(required = false) String regions,
            @Parameter(description = "window in hours, 0.." + MAX_HOURS) @RequestParam(defaultValue = "0") String hours) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<RegionRef> refs = new LinkedHashSet<>();
        if (regions == null || regions.isBlank()) {
            problems.add(new FieldProblem("regions", "is required: comma-separated provider:region, e.g. aws:eu-west-1,gcp:europe-west1"));
        } else {
            for (String s : regions.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    refs.add(RegionRef.parse(s.trim()));
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem("regions", "'" + s.trim() + "' is not provider:region (" + e.getMessage() + ")"));
                }
            }
            if (refs.size() > MAX_REGIONS) {
                problems.add(new FieldProblem("regions", "at most " + MAX_REGIONS + " regions"));
            }
        }
        int h = hours("hours", hours, problems);
        check(problems);
        try {
            List<CarbonIntensityService.RegionRanking> ranked = service.bestRegions(refs, h);
            List<CarbonViews.RankingView> out = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                out.add(CarbonViews.RankingView.of(i + 1, ranked.get(i)));
            }
            return new CarbonViews.BestView(service.config().policy().db(), h, out);
        } catch (UnknownRegionException e) {
            throw new InvalidRequestException(List.of(new FieldProblem("regions", "no grid zone mapped for " + String.join(", ", e.regions()))));
        }
    }

    @GetMapping("/footprint")
    @Operation(summary = "CO2e of a node shape", description = "Grams CO2e per node-hour of a node of this shape in this region, "
            + "with the intensity and power model that produced it.")
    public CarbonViews.FootprintView footprint(@RequestParam(required = false) String provider, @RequestParam(required = false) String region,
            @RequestParam(required = false) String vcpus, @RequestParam(required = false) String memoryGiB,
            @Parameter(description = "0..1, default of the power model") @RequestParam(required = false) String utilisation,
            @Parameter(description = "measured watts of the machine (replaces the model)") @RequestParam(required = false) String watts,
            @Parameter(description = "PUE override, >= 1") @RequestParam(required = false) String pue) {
        List<FieldProblem> problems = new ArrayList<>();
        ProviderId p = provider == null ? missing("provider", problems) : provider("provider", provider, problems);
        if (region == null || region.isBlank()) {
            problems.add(new FieldProblem("region", "is required"));
        }
        Double v = number("vcpus", vcpus, true, 0, false, Double.MAX_VALUE, problems);
        Double m = number("memoryGiB", memoryGiB, true, 0, false, Double.MAX_VALUE, problems);
        Double u = number("utilisation", utilisation, false, 0, true, 1, problems);
        Double w = number("watts", watts, false, 0, true, Double.MAX_VALUE, problems);
        Double e = number("pue", pue, false, 1, true, 10, problems);
        check(problems);
        try {
            NodeSpec n = new NodeSpec(p, region, null, v, m, w, e, u);
            return CarbonViews.FootprintView.of(service.gramsPerHour(n));
        } catch (UnknownRegionException ex) {
            throw new NotFoundException("No grid zone is mapped for region " + p.code() + ":" + region + ".");
        }
    }

    @GetMapping("/sources")
    @Operation(summary = "Configured carbon sources", description = "Each source with its signal, emission factor and last successful refresh.")
    public List<CarbonViews.SourceView> sources() {
        Map<String, Optional<Instant>> last = service.lastRefreshes();
        List<CarbonViews.SourceView> out = new ArrayList<>();
        for (CarbonSource s : service.sources()) {
            out.add(new CarbonViews.SourceView(s.name(), s.signal().db(), s.emissionFactor(), last.getOrDefault(s.name(), Optional.empty()).orElse(null)));
        }
        return out;
    }

    private static void check(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static ProviderId missing(String field, List<FieldProblem> problems) {
        problems.add(new FieldProblem(field, "is required"));
        return null;
    }

    private static ProviderId provider(String field, String v, List<FieldProblem> problems) {
        try {
            return ProviderId.of(v.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "must be a lower-case provider code such as aws, gcp, azure or ovh"));
            return null;
        }
    }

    private static int hours(String field, String v, List<FieldProblem> problems) {
        try {
            int h = Integer.parseInt(v.trim());
            if (h < 0 || h > MAX_HOURS) {
                problems.add(new FieldProblem(field, "must be between 0 and " + MAX_HOURS));
            }
            return h;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be an integer between 0 and " + MAX_HOURS));
            return 0;
        }
    }

    private static Double number(String field, String v, boolean required, double min, boolean minInclusive, double max,
                                 List<FieldProblem> problems) {
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            boolean ok = Double.isFinite(d) && (minInclusive ? d >= min : d > min) && d <= max;
            if (!ok) {
                problems.add(new FieldProblem(field, "must be a number " + (minInclusive ? ">= " : "> ") + min
                        + (max < Double.MAX_VALUE ? " and <= " + max : "")));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a number"));
            return null;
        }
    }
}
