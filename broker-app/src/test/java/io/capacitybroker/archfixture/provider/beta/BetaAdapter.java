package io.capacitybroker.archfixture.provider.beta;

import io.capacitybroker.archfixture.provider.spi.FixtureAdapter;

/** Architecture fixture: a well-behaved adapter. */
public class BetaAdapter implements FixtureAdapter {
}
