package io.capacitybroker.app.planning;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code broker.planning.*}: the policy of the plans the broker makes from its own state (see the
 * planning contract for each field) and how big a scenario may grow.
 */
@ConfigurationProperties("broker.planning")
public record PlanningProperties(Double horizonHours, Double carbonPricePerTonne, Double moveCostPerReplica,
                                 Double interruptionCostPerReplica, Double unplacedCostPerReplicaHour,
                                 BigDecimal maxSpotPoolShare, Integer maxOffers, Integer minOffersPerRegion,
                                 Duration timeLimit) {

    public PlanningProperties {
        horizonHours = horizonHours == null ? 24.0 : horizonHours;
        carbonPricePerTonne = carbonPricePerTonne == null ? 85.0 : carbonPricePerTonne;
        moveCostPerReplica = moveCostPerReplica == null ? 0.05 : moveCostPerReplica;
        interruptionCostPerReplica = interruptionCostPerReplica == null ? 0.40 : interruptionCostPerReplica;
        unplacedCostPerReplicaHour = unplacedCostPerReplicaHour == null ? 5.0 : unplacedCostPerReplicaHour;
        maxSpotPoolShare = maxSpotPoolShare == null ? new BigDecimal("0.5") : maxSpotPoolShare;
        maxOffers = maxOffers == null ? 3000 : maxOffers;
        minOffersPerRegion = minOffersPerRegion == null ? 10 : minOffersPerRegion;
        timeLimit = timeLimit == null ? Duration.ofSeconds(5) : timeLimit;
        if (!(horizonHours > 0)) {
            throw new IllegalArgumentException("broker.planning.horizon-hours must be > 0");
        }
        if (!(unplacedCostPerReplicaHour > 0)) {
            throw new IllegalArgumentException("broker.planning.unplaced-cost-per-replica-hour must be > 0");
        }
        if (carbonPricePerTonne < 0 || moveCostPerReplica < 0 || interruptionCostPerReplica < 0) {
            throw new IllegalArgumentException("broker.planning costs must be >= 0");
        }
        if (maxSpotPoolShare.signum() < 0 || maxSpotPoolShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("broker.planning.max-spot-pool-share must be in [0, 1]");
        }
        if (maxOffers < 1) {
            throw new IllegalArgumentException("broker.planning.max-offers must be >= 1");
        }
    }
}
