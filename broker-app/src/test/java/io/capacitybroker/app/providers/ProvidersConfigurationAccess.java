package io.capacitybroker.app.providers;

import io.capacitybroker.domain.ProviderId;
import org.springframework.core.env.Environment;

/** Test access to the package-private mode parsing. */
public final class ProvidersConfigurationAccess {

    private ProvidersConfigurationAccess() {
    }

    public static String mode(Environment env, ProviderId provider) {
        return ProvidersConfiguration.mode(env, provider);
    }
}
