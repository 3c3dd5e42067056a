package io.capacitybroker.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The error table of the README, row by row. */
class OvhErrorMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static Stream<Arguments> table() {
        return Stream.of(
                // status, body, expected type, retryable, expected vendor code
                row(401, "{\"errorCode\":\"INVALID_CREDENTIAL\",\"message\":\"This credential does not exist\"}",
                        ProviderException.AuthFailed.class, false, "INVALID_CREDENTIAL"),
                row(403, "{\"class\":\"Client::Forbidden\",\"message\":\"This call has not been granted\","
                        + "\"errorCode\":\"NOT_GRANTED_CALL\"}", ProviderException.AuthFailed.class, false, "NOT_GRANTED_CALL"),
                row(403, "{\"class\":\"Client::Forbidden\",\"message\":\"...\"}", ProviderException.AuthFailed.class,
                        false, "Client::Forbidden"),
                row(400, "{\"errorCode\":\"INVALID_SIGNATURE\",\"message\":\"Invalid signature\"}",
                        ProviderException.AuthFailed.class, false, "INVALID_SIGNATURE"),
                row(400, "{\"message\":\"Invalid signature\"}", ProviderException.AuthFailed.class, false, "HTTP_400"),
                row(403, "{\"errorCode\":\"INVALID_KEY\",\"message\":\"Invalid application key\"}",
                        ProviderException.AuthFailed.class, false, "INVALID_KEY"),
                row(403, "{\"errorCode\":\"NOT_CREDENTIAL\",\"message\":\"This credential does not exist\"}",
                        ProviderException.AuthFailed.class, false, "NOT_CREDENTIAL"),
                row(401, "", ProviderException.AuthFailed.class, false, "HTTP_401"),
                row(429, "{\"class\":\"Client::TooManyRequests\",\"message\":\"Too many requests\"}",
                        ProviderException.Throttled.class, true, "Client::TooManyRequests"),
                row(429, "", ProviderException.Throttled.class, true, "HTTP_429"),
                row(500, "{\"class\":\"Server::InternalServerError\",\"message\":\"Internal server error\"}",
                        ProviderException.Unavailable.class, true, "Server::InternalServerError"),
                row(502, "<html>Bad Gateway</html>", ProviderException.Unavailable.class, true, "HTTP_502"),
                row(503, "", ProviderException.Unavailable.class, true, "HTTP_503"),
                row(504, "{\"truncated", ProviderException.Unavailable.class, true, "HTTP_504"),
                row(408, "", ProviderException.Unavailable.class, true, "HTTP_408"),
                row(404, "{\"class\":\"Client::NotFound\",\"message\":\"This service does not exist\"}",
                        ProviderException.NotFound.class, false, "Client::NotFound"),
                row(460, "{\"message\":\"This service is expired\"}", ProviderException.NotFound.class, false, "HTTP_460"),
                row(400, "{\"class\":\"Client::BadRequest\",\"message\":\"Invalid value for parameter region\"}",
                        ProviderException.InvalidRequest.class, false, "Client::BadRequest"),
                row(409, "{\"class\":\"Client::Conflict\",\"message\":\"Conflict\"}",
                        ProviderException.InvalidRequest.class, false, "Client::Conflict"),
                row(400, "{\"class\":\"Client::BadRequest\",\"message\":\"Quota exceeded: maximum number of "
                        + "instances reached\"}", ProviderException.QuotaExceeded.class, false, "Client::BadRequest"),
                row(403, "{\"message\":\"Your project has reached its vCPU quota\"}",
                        ProviderException.QuotaExceeded.class, false, "HTTP_403"),
                row(400, "{\"class\":\"Client::BadRequest\",\"message\":\"Not enough resources available for flavor "
                        + "b3-8 in GRA11\"}", ProviderException.CapacityUnavailable.class, true, "Client::BadRequest"),
                row(500, "{\"message\":\"No valid host was found. There are not enough hosts available.\"}",
                        ProviderException.CapacityUnavailable.class, true, "HTTP_500"),
                row(302, "", ProviderException.Unavailable.class, true, "HTTP_302"));
    }

    private static Arguments row(int status, String body, Class<? extends ProviderException> type, boolean retryable,
                                 String vendorCode) {
        return Arguments.of(status, body, type, retryable, vendorCode);
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @MethodSource("table")
    void mapsTheVendorAnswer(int status, String body, Class<? extends ProviderException> type, boolean retryable,
                             String vendorCode) {
        ProviderException e = OvhErrorMapper.fromResponse("GET /x", status, body, null, "EU.q.1", NOW);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.vendorCode()).contains(vendorCode);
        assertThat(e.getMessage()).contains("GET /x").contains("HTTP " + status).contains("EU.q.1");
    }

    static Stream<Arguments> ioTable() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), "connection refused"),
                Arguments.of(new SocketTimeoutException("Read timed out"), "timed out"),
                Arguments.of(new java.io.InterruptedIOException("timeout"), "timed out"),
                Arguments.of(new UnknownHostException("eu.api.ovh.com"), "unknown host"),
                Arguments.of(new SSLHandshakeException("bad cert"), "TLS failure"),
                Arguments.of(new IOException("unexpected end of stream"), "I/O error"));
    }

    @ParameterizedTest(name = "{0} -> Unavailable")
    @MethodSource("ioTable")
    void ioFailuresAreUnavailable(IOException io, String words) {
        ProviderException e = OvhErrorMapper.fromIo("GET /x", io);
        assertThat(e).isExactlyInstanceOf(ProviderException.Unavailable.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(words);
        assertThat(e.getCause()).isSameAs(io);
    }

    @Test
    void malformedBodiesAreUnavailable() {
        ProviderException e = OvhErrorMapper.malformed("GET /x", "not JSON", new RuntimeException("parser"));
        assertThat(e).isExactlyInstanceOf(ProviderException.Unavailable.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.vendorCode()).contains("MALFORMED_BODY");
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        ProviderException secs = OvhErrorMapper.fromResponse("GET /x", 429, "", "7", null, NOW);
        assertThat(((ProviderException.Throttled) secs).retryAfter()).contains(Duration.ofSeconds(7));
        ProviderException date = OvhErrorMapper.fromResponse("GET /x", 429, "", "Mon, 23 Nov 2026 12:00:30 GMT", null, NOW);
        assertThat(((ProviderException.Throttled) date).retryAfter()).contains(Duration.ofSeconds(30));
        ProviderException none = OvhErrorMapper.fromResponse("GET /x", 429, "", "soon", null, NOW);
        assertThat(((ProviderException.Throttled) none).retryAfter()).isEmpty();
    }
}
