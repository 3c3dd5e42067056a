package io.capacitybroker.archfixture.domain;

import io.capacitybroker.archfixture.planner.SpringAwarePlanner;
import org.springframework.stereotype.Component;

/** Architecture fixture: a domain type that wrongly uses Spring and another module (see ArchitectureRulesBiteTest). */
@Component
public class SpringAwareValue {
    SpringAwarePlanner planner;
}
