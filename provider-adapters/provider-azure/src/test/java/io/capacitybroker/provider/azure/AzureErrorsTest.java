package io.capacitybroker.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The error mapping table: vendor code / HTTP status → typed SPI error and whether it is retryable. */
class AzureErrorsTest {

    @ParameterizedTest(name = "HTTP {0} {1} ({2}) -> {3}, retryable={4}")
    @CsvSource(nullValues = "-", value = {
            // status, ARM error code,                     message,                              expected,            retryable
            "401, -,                                    -,                                        AuthFailed,          false",
            "403, -,                                    -,                                        AuthFailed,          false",
            "401, InvalidAuthenticationToken,           token is invalid,                         AuthFailed,          false",
            "401, ExpiredAuthenticationToken,           token expired,                            AuthFailed,          false",
            "403, AuthorizationFailed,                  no permission to perform action,          AuthFailed,          false",
            "403, LinkedAuthorizationFailed,            linked scope denied,                      AuthFailed,          false",
            "429, -,                                    -,                                        Throttled,           true",
            "429, TooManyRequests,                      slow down,                                Throttled,           true",
            "429, SubscriptionRequestsThrottled,        too many reads,                           Throttled,           true",
            "400, RateLimitExceeded,                    graph quota,                              Throttled,           true",
            "500, -,                                    -,                                        Unavailable,         true",
            "502, -,                                    -,                                        Unavailable,         true",
            "503, ServiceUnavailable,                   down,                                     Unavailable,         true",
            "504, GatewayTimeout,                       slow,                                     Unavailable,         true",
            "408, -,                                    -,                                        Unavailable,         true",
            "500, InternalServerError,                  oops,                                     Unavailable,         true",
            "200, MalformedResponse,                    not json,                                 Unavailable,         true",
            "404, -,                                    -,                                        NotFound,            false",
            "404, ResourceNotFound,                     the VM was not found,                     NotFound,            false",
            "404, ResourceGroupNotFound,                no rg,                                    NotFound,            false",
            "404, SubscriptionNotFound,                 no sub,                                   NotFound,            false",
            "400, InvalidParameter,                     vmSize is invalid,                        InvalidRequest,      false",
            "400, BadRequest,                           -,                                        InvalidRequest,      false",
            "400, InvalidQuery,                         query syntax,                             InvalidRequest,      false",
            "400, -,                                    -,                                        InvalidRequest,      false",
            "422, -,                                    -,                                        InvalidRequest,      false",
            "409, SkuNotAvailable,                      size not available in location,          CapacityUnavailable, true",
            "400, SkuNotAvailable,                      size not available in location,          CapacityUnavailable, true",
            "409, AllocationFailed,                     allocation failed,                        CapacityUnavailable, true",
            "409, ZonalAllocationFailed,                zone allocation failed,                   CapacityUnavailable, true",
            "409, OverconstrainedAllocationRequest,     constraints,                              CapacityUnavailable, true",
            "409, OperationNotAllowed,                  exceeding approved standardDSv5Family Cores quota, QuotaExceeded, false",
            "409, OperationNotAllowed,                  operation not allowed on a deallocated VM, InvalidRequest, false",
            "409, QuotaExceeded,                        quota,                                    QuotaExceeded,       false",
            "409, LowPriorityCoresQuotaExceeded,        spot cores,                               QuotaExceeded,       false",
            "403, RequestDisallowedByPolicy,            policy forbids,                           InvalidRequest,      false",
            "418, -,                                    -,                                        InvalidRequest,      false",
            "0,   -,                                    -,                                        Unavailable,         true",
    })
    void httpErrorsMapToTypedErrors(int status, String code, String message, String expected, boolean retryable) {
        ProviderException e = AzureErrors.fromHttp(status, code, message, null);
        assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(e.retryable()).isEqualTo(retryable);
        if (code != null) {
            assertThat(e.vendorCode()).contains(code);
        }
    }

    @Test
    void throttlingCarriesTheRetryAfter() {
        ProviderException e = AzureErrors.fromHttp(429, "TooManyRequests", "slow", Duration.ofSeconds(17));
        assertThat(e).isInstanceOfSatisfying(ProviderException.Throttled.class,
                t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(17)));
    }

    @Test
    void retailPricesAndArmErrorBodiesAreRead() {
        assertThat(AzureErrors.fromHttpBody(403,
                "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization\"}}",
                null)).isInstanceOf(ProviderException.AuthFailed.class)
                .satisfies(e -> assertThat(e.vendorCode()).contains("AuthorizationFailed"));
        assertThat(AzureErrors.fromHttpBody(400, "{\"Error\":{\"Code\":\"InvalidFilter\",\"Message\":\"bad $filter\"}}",
                null)).isInstanceOf(ProviderException.InvalidRequest.class)
                .hasMessageContaining("bad $filter");
        assertThat(AzureErrors.fromHttpBody(502, "<html>Bad gateway</html>", null))
                .isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T15:30:00Z"), ZoneOffset.UTC);
        assertThat(AzureErrors.parseRetryAfter("12", clock)).isEqualTo(Duration.ofSeconds(12));
        assertThat(AzureErrors.parseRetryAfter("Sun, 22 Nov 2026 15:31:02 GMT", clock))
                .isEqualTo(Duration.ofSeconds(62));
        assertThat(AzureErrors.parseRetryAfter("Sun, 22 Nov 2026 15:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(AzureErrors.parseRetryAfter("soon", clock)).isNull();
        assertThat(AzureErrors.parseRetryAfter(null, clock)).isNull();
    }

    static Stream<Arguments> thrown() {
        Exception parse;
        try {
            JsonMapper.builder().build().readTree("{\"Items\": [");
            throw new AssertionError("the body should not parse");
        } catch (RuntimeException e) {
            parse = e;
        }
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), ProviderException.Unavailable.class),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")),
                        ProviderException.Unavailable.class),
                Arguments.of(new RuntimeException(new UnknownHostException("management.azure.com")),
                        ProviderException.Unavailable.class),
                Arguments.of(new UncheckedIOException(new SocketTimeoutException("read timed out")),
                        ProviderException.Unavailable.class),
                Arguments.of(new IllegalStateException("Timeout on blocking read for 65000000000 NANOSECONDS",
                        new TimeoutException()), ProviderException.Unavailable.class),
                Arguments.of(parse, ProviderException.Unavailable.class),
                Arguments.of(new com.azure.core.exception.ClientAuthenticationException("no credential", null),
                        ProviderException.AuthFailed.class),
                Arguments.of(new RuntimeException(new com.azure.identity.CredentialUnavailableException(
                        "DefaultAzureCredential failed to retrieve a token")), ProviderException.AuthFailed.class),
                Arguments.of(new RuntimeException("token credentials require a URL using the HTTPS protocol scheme"),
                        ProviderException.InvalidRequest.class),
                Arguments.of(new IllegalArgumentException("anything else from the SDK"),
                        ProviderException.Unavailable.class),
                Arguments.of(new ProviderException.NotFound("already typed"), ProviderException.NotFound.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("thrown")
    void transportParserAndSdkFailuresAreTyped(Throwable t, Class<? extends ProviderException> expected) {
        assertThat(AzureErrors.from(t, "test call")).isInstanceOf(expected);
    }
}
