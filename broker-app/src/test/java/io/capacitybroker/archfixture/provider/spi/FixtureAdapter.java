package io.capacitybroker.archfixture.provider.spi;

/** Architecture fixture: the shared SPI that adapters may use. */
public interface FixtureAdapter {
}
