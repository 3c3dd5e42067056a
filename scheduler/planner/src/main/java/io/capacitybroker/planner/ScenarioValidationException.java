package io.capacitybroker.planner;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link ScenarioReader} when a scenario breaks the contract; carries every violation found. */
public class ScenarioValidationException extends RuntimeException {

    private final List<Violation> violations;

    public ScenarioValidationException(List<Violation> violations) {
        super(violations.size() + " violation(s): "
                + violations.stream().limit(20).map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
