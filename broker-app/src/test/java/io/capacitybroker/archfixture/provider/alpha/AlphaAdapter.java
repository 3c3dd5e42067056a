package io.capacitybroker.archfixture.provider.alpha;

import io.capacitybroker.archfixture.provider.beta.BetaAdapter;
import io.capacitybroker.archfixture.provider.spi.FixtureAdapter;

/** Architecture fixture: an adapter that wrongly reuses another adapter. */
public class AlphaAdapter implements FixtureAdapter {
    BetaAdapter borrowed = new BetaAdapter();
}
