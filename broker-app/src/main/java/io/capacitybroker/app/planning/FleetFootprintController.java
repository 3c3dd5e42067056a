package io.capacitybroker.app.planning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** CO2e of the fleet running now: the owned baseline and the live leases, node by node, with the source of each figure. */
@RestController
@Tag(name = "Carbon")
public class FleetFootprintController {

    private final JdbcClient jdbc;
    private final CarbonCosts carbon;

    public FleetFootprintController(JdbcClient jdbc, CarbonCosts carbon) {
        this.jdbc = jdbc;
        this.carbon = carbon;
    }

    public record NodeFootprint(String id, String source, String provider, String region, BigDecimal vcpus,
                                BigDecimal memoryGiB, double co2GramsPerHour) {
    }

    public record FleetFootprint(double co2GramsPerHour, double ownedGramsPerHour, double rentedGramsPerHour,
                                 List<NodeFootprint> nodes, Map<String, String> carbonByRegion, String method) {
    }

    @GetMapping("/api/v1/carbon/fleet")
    @Operation(summary = "CO2e per hour of the current fleet (owned baseline and live leases), per node and in total")
    public FleetFootprint fleet() {
        List<NodeFootprint> nodes = new ArrayList<>();
        jdbc.sql("""
                        SELECT n.id, n.provider_code, r.code, n.vcpus, n.memory_gib, n.measured_watts, n.pue
                        FROM owned_node n JOIN region r ON r.id = n.region_id WHERE n.active ORDER BY n.id""")
                .query(rs -> {
                    nodes.add(new NodeFootprint(rs.getString(1), "owned", rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), carbon.ownedGramsPerHour(rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), (Double) rs.getObject(6), (Double) rs.getObject(7))));
                });
        jdbc.sql("""
                        SELECT l.id::text, o.provider_code, r.code, t.vcpus, t.memory_gib
                        FROM lease l JOIN offer o ON o.id = l.offer_id JOIN region r ON r.id = o.region_id
                        JOIN instance_type t ON t.id = o.instance_type_id
                        WHERE l.state IN ('provisioning', 'running', 'draining') ORDER BY l.id""")
                .query(rs -> {
                    nodes.add(new NodeFootprint(rs.getString(1), "rented", rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), carbon.offerGramsPerHour(rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5))));
                });
        double owned = nodes.stream().filter(n -> n.source().equals("owned")).mapToDouble(NodeFootprint::co2GramsPerHour).sum();
        double rented = nodes.stream().filter(n -> n.source().equals("rented")).mapToDouble(NodeFootprint::co2GramsPerHour).sum();
        Map<String, String> regions = new TreeMap<>();
        nodes.forEach(n -> regions.computeIfAbsent(n.provider() + ":" + n.region(), k -> carbon.explainRegion(n.provider(), n.region())));
        return new FleetFootprint(owned + rented, owned, rented, nodes, regions, carbon.describe());
    }
}
