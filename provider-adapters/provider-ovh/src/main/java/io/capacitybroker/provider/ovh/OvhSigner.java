package io.capacitybroker.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * OVHcloud API request signature: {@code "$1$" + hex(SHA-1(AS+"+"+CK+"+"+METHOD+"+"+fullUrl+"+"+body+"+"+ts))}.
 * {@code fullUrl} is the exact URL sent (with the API version prefix and the query string), {@code body} the
 * exact body bytes ({@code ""} for GET and DELETE), {@code ts} the server-corrected Unix time in seconds.
 */
final class OvhSigner {

    private OvhSigner() {
    }

    static String sign(String applicationSecret, String consumerKey, String method, String fullUrl, String body,
                       long timestamp) {
        String toSign = String.join("+", applicationSecret, consumerKey, method.toUpperCase(Locale.ROOT), fullUrl,
                body == null ? "" : body, Long.toString(timestamp));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8));
            return "$1$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
