package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ScenarioValidationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ObjectNode base() {
        return (ObjectNode) JSON.readTree("""
                {"schema":"capacity-broker/scenario@1","horizonHours":24,
                 "policy":{"carbonPricePerTonne":85,"moveCostPerReplica":0.05,"interruptionCostPerReplica":0.4,
                           "unplacedCostPerReplicaHour":5,"budgetPerHour":10,"maxSpotPoolShare":0.5},
                 "offers":[
                   {"id":"a:r1:z1:m.large:spot","provider":"a","region":"r1","zone":"z1","instanceType":"m.large",
                    "market":"spot","vcpus":2,"memoryGiB":8,"pricePerHour":0.04,"available":5,
                    "interruptionRatePerHour":0.004,"co2GramsPerHour":9.6},
                   {"id":"a:r1:-:m.large:on_demand","provider":"a","region":"r1","zone":null,"instanceType":"m.large",
                    "market":"on_demand","vcpus":2,"memoryGiB":8,"pricePerHour":0.1,"co2GramsPerHour":9.6}],
                 "ownedNodes":[{"id":"bm-1","provider":"ovh","region":"rbx","vcpus":32,"memoryGiB":128,
                                "co2GramsPerHour":55,"placements":{"api":10}}],
                 "rentedNodes":[
                   {"id":"i-1","offerId":"a:r1:z1:m.large:spot","placements":{"api":2}},
                   {"id":"i-2","offerId":"gone","placements":{},"provider":"a","region":"r2","zone":null,
                    "market":"on_demand","vcpus":4,"memoryGiB":16,"pricePerHour":0.2,"interruptionRatePerHour":0,
                    "co2GramsPerHour":3}],
                 "workloads":[{"id":"api","replicas":24,"vcpus":0.5,"memoryGiB":1,"regions":["r1","rbx"],
                               "providers":["a","ovh"],"spot":true,"maxSpotShare":0.75,
                               "unplacedCostPerReplicaHour":20}]}
                """);
    }

    static List<Violation> violations(JsonNode n) {
        ScenarioValidationException e = catchThrowableOfType(ScenarioValidationException.class,
                () -> ScenarioReader.read(JSON.writeValueAsString(n)));
        assertThat(e).as("expected a validation error").isNotNull();
        return e.violations();
    }

    static ObjectNode at(ObjectNode root, String list, int i) {
        return (ObjectNode) root.get(list).get(i);
    }

    @Test
    void theBaseScenarioIsValid() {
        Scenario s = ScenarioReader.read(JSON.writeValueAsString(base()));
        assertThat(s.workloads().get(0).maxSpotReplicas()).isEqualTo(18);
        assertThat(s.workloads().get(0).maxPerSpotPool(s.policy())).isEqualTo(12);
        assertThat(s.rentedNodes().get(1).shape()).isNotNull();
        assertThat(s.rentedNodes().get(0).shape()).isNull();
    }

    @Test
    void sharesAreRoundedInDecimal() {
        ObjectNode b = base();
        at(b, "workloads", 0).put("replicas", 10).put("maxSpotShare", new java.math.BigDecimal("0.7"));
        ((ObjectNode) b.get("policy")).put("maxSpotPoolShare", new java.math.BigDecimal("0.7"));
        at(b, "ownedNodes", 0).putObject("placements");
        at(b, "rentedNodes", 0).putObject("placements");
        Scenario s = ScenarioReader.read(JSON.writeValueAsString(b));
        assertThat(s.workloads().get(0).maxSpotReplicas()).isEqualTo(7);
        assertThat(s.workloads().get(0).maxPerSpotPool(s.policy())).isEqualTo(7);
        ((ObjectNode) b.get("policy")).put("maxSpotPoolShare", 0);
        s = ScenarioReader.read(JSON.writeValueAsString(b));
        assertThat(s.workloads().get(0).maxPerSpotPool(s.policy())).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "offers[1].vcpus=0|$.offers[1].vcpus|must be > 0",
        "offers[0].memoryGiB=-1|$.offers[0].memoryGiB|must be > 0",
        "offers[0].pricePerHour=-0.1|$.offers[0].pricePerHour|must be >= 0",
        "offers[0].available=1.5|$.offers[0].available|must be an integer",
        "offers[0].available=-1|$.offers[0].available|must be >= 0",
        "offers[0].interruptionRatePerHour=1.5|$.offers[0].interruptionRatePerHour|between 0 and 1",
        "offers[1].interruptionRatePerHour=0.1|$.offers[1].interruptionRatePerHour|must be 0",
        "offers[0].market=\"preemptible\"|$.offers[0].market|spot",
        "offers[0].zone=3|$.offers[0].zone|string or null",
        "offers[0].id=\"\"|$.offers[0].id|empty",
        "offers[0].co2GramsPerHour=\"x\"|$.offers[0].co2GramsPerHour|number",
        "workloads[0].replicas=-1|$.workloads[0].replicas|>= 0",
        "workloads[0].replicas=2.5|$.workloads[0].replicas|integer",
        "workloads[0].vcpus=0|$.workloads[0].vcpus|must be > 0",
        "workloads[0].maxSpotShare=2|$.workloads[0].maxSpotShare|between 0 and 1",
        "workloads[0].spot=\"yes\"|$.workloads[0].spot|boolean",
        "workloads[0].unplacedCostPerReplicaHour=0|$.workloads[0].unplacedCostPerReplicaHour|must be > 0",
        "workloads[0].regions=[\"r1\",\"r1\"]|$.workloads[0].regions[1]|duplicate",
        "workloads[0].providers=\"a\"|$.workloads[0].providers|array",
        "policy.unplacedCostPerReplicaHour=0|$.policy.unplacedCostPerReplicaHour|must be > 0",
        "policy.maxSpotPoolShare=1.2|$.policy.maxSpotPoolShare|between 0 and 1",
        "policy.budgetPerHour=-5|$.policy.budgetPerHour|>= 0",
        "policy.carbonPricePerTonne=-1|$.policy.carbonPricePerTonne|>= 0",
        "horizonHours=0|$.horizonHours|must be > 0",
        "schema=\"capacity-broker/scenario@2\"|$.schema|must be",
        "ownedNodes[0].vcpus=0|$.ownedNodes[0].vcpus|must be > 0",
        "ownedNodes[0].placements={\"api\":-1}|$.ownedNodes[0].placements.api|>= 0",
        "rentedNodes[0].offerId=\"\"|$.rentedNodes[0].offerId|empty",
    })
    void badValuesAreReportedByPath(String edit, String path, String message) {
        ObjectNode b = base();
        apply(b, edit);
        List<Violation> v = violations(b);
        assertThat(v).anySatisfy(x -> {
            assertThat(x.jsonPath()).isEqualTo(path);
            assertThat(x.message()).contains(message);
        });
    }

    static void apply(ObjectNode root, String edit) {
        int eq = edit.indexOf('=');
        String path = edit.substring(0, eq);
        JsonNode value = JSON.readTree(edit.substring(eq + 1));
        String[] parts = path.split("\\.");
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = step(cur, parts[i]);
        }
        cur.set(parts[parts.length - 1], value);
    }

    static ObjectNode step(ObjectNode cur, String part) {
        int b = part.indexOf('[');
        if (b < 0) {
            return (ObjectNode) cur.get(part);
        }
        int idx = Integer.parseInt(part.substring(b + 1, part.length() - 1));
        return (ObjectNode) cur.get(part.substring(0, b)).get(idx);
    }

    @Test
    void unknownFieldsAreErrorsEverywhere() {
        ObjectNode b = base();
        b.put("extra", 1);
        ((ObjectNode) b.get("policy")).put("budget", 1);
        at(b, "offers", 0).put("price", 1);
        at(b, "workloads", 0).put("foo", 1);
        at(b, "ownedNodes", 0).put("zone", "x");
        at(b, "rentedNodes", 0).put("bar", 1);
        assertThat(violations(b)).extracting(Violation::toString).contains("$.extra: unknown field",
                "$.policy.budget: unknown field", "$.offers[0].price: unknown field",
                "$.workloads[0].foo: unknown field", "$.ownedNodes[0].zone: unknown field",
                "$.rentedNodes[0].bar: unknown field");
    }

    @Test
    void missingRequiredFieldsAreReported() {
        ObjectNode b = base();
        b.remove("offers");
        at(b, "workloads", 0).remove("vcpus");
        ((ObjectNode) b.get("policy")).remove("moveCostPerReplica");
        assertThat(violations(b)).extracting(Violation::jsonPath).contains("$.offers", "$.workloads[0].vcpus",
                "$.policy.moveCostPerReplica");
    }

    @Test
    void duplicateIdsAndSharedOwnedRentedIds() {
        ObjectNode b = base();
        ((ArrayNode) b.get("offers")).add(at(b, "offers", 0).deepCopy());
        ((ArrayNode) b.get("workloads")).add(at(b, "workloads", 0).deepCopy());
        at(b, "rentedNodes", 1).put("id", "i-1");
        ObjectNode o2 = at(b, "ownedNodes", 0).deepCopy();
        ((ArrayNode) b.get("ownedNodes")).add(o2);
        at(b, "rentedNodes", 0).put("id", "bm-1");
        List<Violation> v = violations(b);
        assertThat(v).extracting(Violation::jsonPath).contains("$.offers[2].id", "$.workloads[1].id",
                "$.ownedNodes[1].id", "$.rentedNodes[0].id");
    }

    @Test
    void vanishedOfferShapesAreAllOrNothing() {
        ObjectNode b = base();
        at(b, "rentedNodes", 1).remove("pricePerHour");
        at(b, "rentedNodes", 0).put("region", "r9");
        List<Violation> v = violations(b);
        assertThat(v).extracting(Violation::jsonPath).contains("$.rentedNodes[1].pricePerHour",
                "$.rentedNodes[0].region");
    }

    @Test
    void vanishedOnDemandNodeNeedsZeroInterruptionRate() {
        ObjectNode b = base();
        at(b, "rentedNodes", 1).put("interruptionRatePerHour", 0.2);
        assertThat(violations(b)).extracting(Violation::jsonPath)
                .contains("$.rentedNodes[1].interruptionRatePerHour");
    }

    @Test
    void placementsMustNameWorkloadsAndFitTheirNode() {
        ObjectNode b = base();
        ((ObjectNode) at(b, "rentedNodes", 0).get("placements")).put("ghost", 1);
        ((ObjectNode) at(b, "ownedNodes", 0).get("placements")).put("api", 65);
        ((ObjectNode) at(b, "rentedNodes", 1).get("placements")).put("api", 9);
        List<Violation> v = violations(b);
        assertThat(v).extracting(Violation::jsonPath).contains("$.rentedNodes[0].placements.ghost",
                "$.ownedNodes[0].placements", "$.rentedNodes[1].placements");
    }

    @Test
    void driftBeyondRules1And3To7IsStillValid() {
        ObjectNode b = base();
        at(b, "workloads", 0).put("replicas", 1).put("spot", false).putArray("regions").add("elsewhere");
        ((ObjectNode) b.get("policy")).put("budgetPerHour", 0);
        String json = JSON.writeValueAsString(b);
        Plan p = Planner.plan(ScenarioReader.read(json));
        assertThat(PlanChecker.check(json, PlanWriter.write(p)).errors()).isEmpty();
        assertThat(p.reasons().get("api")).startsWith("region");
    }

    @Test
    void allViolationsAreReportedNotJustTheFirst() {
        ObjectNode b = base();
        at(b, "offers", 0).put("vcpus", 0);
        at(b, "offers", 1).put("memoryGiB", 0);
        at(b, "workloads", 0).put("vcpus", -2);
        assertThat(violations(b)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void malformedJsonAndDuplicateKeys() {
        ScenarioValidationException e = catchThrowableOfType(ScenarioValidationException.class,
                () -> ScenarioReader.read("{\"schema\": "));
        assertThat(e.violations()).extracting(Violation::jsonPath).containsExactly("$");
        e = catchThrowableOfType(ScenarioValidationException.class,
                () -> ScenarioReader.read("{\"schema\":\"a\",\"schema\":\"b\"}"));
        assertThat(e).isNotNull();
        e = catchThrowableOfType(ScenarioValidationException.class, () -> ScenarioReader.read("[]"));
        assertThat(e.violations()).extracting(Violation::jsonPath).containsExactly("$");
    }
}
