package io.capacitybroker.archfixture.planner;

import io.capacitybroker.archfixture.domain.SpringAwareValue;
import org.springframework.beans.factory.annotation.Autowired;

/** Architecture fixture: a planner that wrongly uses Spring and closes a cycle with the domain. */
public class SpringAwarePlanner {
    @Autowired
    SpringAwareValue value;
}
