package io.capacitybroker.provider.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.httpjson.HttpJsonStatusCode;
import com.google.api.gax.httpjson.RestSerializationException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.capacitybroker.provider.spi.ProviderException;
import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vendor error → typed error table of {@link GcpErrorMapper}. */
class GcpErrorMapperTest {

    /** HTTP status and Google error reason (REST, as the client library raises them) → type, retryable. */
    static Stream<Arguments> restTable() {
        return Stream.of(
                row(401, null, ProviderException.AuthFailed.class, false),
                row(401, "authError", ProviderException.AuthFailed.class, false),
                row(403, "forbidden", ProviderException.AuthFailed.class, false),
                row(403, "insufficientPermissions", ProviderException.AuthFailed.class, false),
                row(403, "accessNotConfigured", ProviderException.AuthFailed.class, false),
                row(403, "SERVICE_DISABLED", ProviderException.AuthFailed.class, false),
                row(403, "rateLimitExceeded", ProviderException.Throttled.class, true),
                row(403, "userRateLimitExceeded", ProviderException.Throttled.class, true),
                row(403, "quotaExceeded", ProviderException.QuotaExceeded.class, false),
                row(403, "QUOTA_EXCEEDED", ProviderException.QuotaExceeded.class, false),
                row(429, null, ProviderException.Throttled.class, true),
                row(429, "rateLimitExceeded", ProviderException.Throttled.class, true),
                row(429, "RATE_LIMIT_EXCEEDED", ProviderException.Throttled.class, true),
                row(400, "invalid", ProviderException.InvalidRequest.class, false),
                row(400, "badRequest", ProviderException.InvalidRequest.class, false),
                row(404, "notFound", ProviderException.NotFound.class, false),
                row(409, "alreadyExists", ProviderException.InvalidRequest.class, false),
                row(412, "conditionNotMet", ProviderException.InvalidRequest.class, false),
                row(400, "ZONE_RESOURCE_POOL_EXHAUSTED", ProviderException.CapacityUnavailable.class, true),
                row(503, "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", ProviderException.CapacityUnavailable.class, true),
                row(503, "resourcePoolExhausted", ProviderException.CapacityUnavailable.class, true),
                row(500, "backendError", ProviderException.Unavailable.class, true),
                row(500, null, ProviderException.Unavailable.class, true),
                row(502, null, ProviderException.Unavailable.class, true),
                row(503, "backendError", ProviderException.Unavailable.class, true),
                row(504, null, ProviderException.Unavailable.class, true));
    }

    private static Arguments row(int http, String reason, Class<? extends ProviderException> type, boolean retryable) {
        return Arguments.of(http, reason, type, retryable);
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @MethodSource("restTable")
    void mapsRestErrors(int http, String reason, Class<? extends ProviderException> type, boolean retryable) {
        ProviderException e = GcpErrorMapper.map("op", restError(http, reason, null));

        assertThat(e).isInstanceOf(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.vendorCode()).isPresent();
        if (reason != null) {
            assertThat(e.vendorCode()).contains(reason);
        }
        assertThat(e.getMessage()).startsWith("op").contains("HTTP " + http).contains("vendor says " + http);
    }

    /** gRPC (the default transport of the billing client): canonical code and ErrorInfo reason. */
    static Stream<Arguments> grpcTable() {
        return Stream.of(
                Arguments.of(Status.Code.UNAUTHENTICATED, null, ProviderException.AuthFailed.class, false),
                Arguments.of(Status.Code.PERMISSION_DENIED, null, ProviderException.AuthFailed.class, false),
                Arguments.of(Status.Code.PERMISSION_DENIED, "SERVICE_DISABLED", ProviderException.AuthFailed.class, false),
                Arguments.of(Status.Code.RESOURCE_EXHAUSTED, "RATE_LIMIT_EXCEEDED", ProviderException.Throttled.class, true),
                Arguments.of(Status.Code.RESOURCE_EXHAUSTED, null, ProviderException.Throttled.class, true),
                Arguments.of(Status.Code.NOT_FOUND, null, ProviderException.NotFound.class, false),
                Arguments.of(Status.Code.INVALID_ARGUMENT, null, ProviderException.InvalidRequest.class, false),
                Arguments.of(Status.Code.FAILED_PRECONDITION, null, ProviderException.InvalidRequest.class, false),
                Arguments.of(Status.Code.UNAVAILABLE, "ZONE_RESOURCE_POOL_EXHAUSTED", ProviderException.CapacityUnavailable.class, true),
                Arguments.of(Status.Code.UNAVAILABLE, null, ProviderException.Unavailable.class, true),
                Arguments.of(Status.Code.INTERNAL, null, ProviderException.Unavailable.class, true),
                Arguments.of(Status.Code.DEADLINE_EXCEEDED, null, ProviderException.Unavailable.class, true),
                Arguments.of(Status.Code.UNKNOWN, null, ProviderException.Unavailable.class, true),
                Arguments.of(Status.Code.ABORTED, null, ProviderException.Unavailable.class, true));
    }

    @ParameterizedTest(name = "gRPC {0} {1} -> {2}")
    @MethodSource("grpcTable")
    void mapsGrpcErrors(Status.Code code, String reason, Class<? extends ProviderException> type, boolean retryable) {
        ErrorDetails details = reason == null ? null : ErrorDetails.builder().setRawErrorMessages(List.of(
                Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("googleapis.com").build()))).build();
        ApiException api = ApiExceptionFactory.createException(
                new RuntimeException(code + ": grpc says no"), GrpcStatusCode.of(code), false, details);

        ProviderException e = GcpErrorMapper.map("op", api);

        assertThat(e).isInstanceOf(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.vendorCode()).contains(reason != null ? reason : code.name());
    }

    /** Failures without a vendor answer: transport, unreadable bodies, missing credentials, anything else. */
    static Stream<Arguments> otherFailures() {
        return Stream.of(
                Arguments.of("connection refused", ApiExceptionFactory.createException(
                        new ConnectException("Connection refused"), HttpJsonStatusCode.of(500), false),
                        ProviderException.Unavailable.class),
                Arguments.of("read timeout", ApiExceptionFactory.createException(
                        new SocketTimeoutException("Read timed out"), HttpJsonStatusCode.of(504), false),
                        ProviderException.Unavailable.class),
                Arguments.of("malformed body", ApiExceptionFactory.createException(
                        new RestSerializationException(new InvalidProtocolBufferException("Expect message object")),
                        HttpJsonStatusCode.of(499), false), ProviderException.Unavailable.class),
                Arguments.of("bare I/O error", new java.io.UncheckedIOException(new IOException("reset")),
                        ProviderException.Unavailable.class),
                Arguments.of("no credentials", new SdkGcpApi.ClientCreationException(
                        new IOException("Your default credentials were not found")), ProviderException.AuthFailed.class),
                Arguments.of("anything else", new IllegalStateException("boom"), ProviderException.Unavailable.class));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("otherFailures")
    void mapsFailuresWithoutAVendorAnswer(String label, Throwable thrown, Class<? extends ProviderException> type) {
        ProviderException e = GcpErrorMapper.map("op", thrown);
        assertThat(e).isInstanceOf(type).hasCause(thrown);
    }

    @Test
    void malformedBodiesSayMalformed() {
        ProviderException e = GcpErrorMapper.map("op", ApiExceptionFactory.createException(
                new RestSerializationException(new InvalidProtocolBufferException("Expect message object")),
                HttpJsonStatusCode.of(499), false));
        assertThat(e.vendorCode()).contains("MALFORMED_RESPONSE");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void providerExceptionsPassThroughUnchanged() {
        ProviderException original = new ProviderException.NotFound("gone");
        assertThat(GcpErrorMapper.map("op", original)).isSameAs(original);
    }

    @Test
    void throttlingCarriesRetryAfterFromTheHeader() {
        ProviderException e = GcpErrorMapper.map("op", restError(429, "rateLimitExceeded", "7"));
        assertThat(e).isInstanceOfSatisfying(ProviderException.Throttled.class,
                t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void throttlingCarriesTheRetryInfoDelay() {
        ErrorDetails details = ErrorDetails.builder().setRawErrorMessages(List.of(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(3).setNanos(500_000_000)).build()))).build();
        ApiException api = ApiExceptionFactory.createException(new RuntimeException("slow down"),
                GrpcStatusCode.of(Status.Code.RESOURCE_EXHAUSTED), false, details);
        ProviderException e = GcpErrorMapper.map("op", api);
        assertThat(e).isInstanceOfSatisfying(ProviderException.Throttled.class,
                t -> assertThat(t.retryAfter()).contains(Duration.ofMillis(3500)));
    }

    @Test
    void throttlingWithoutAnAskedDelayLeavesTheWaitToTheBackoff() {
        ProviderException e = GcpErrorMapper.map("op", restError(429, null, null));
        assertThat(e).isInstanceOfSatisfying(ProviderException.Throttled.class,
                t -> assertThat(t.retryAfter()).isEmpty());
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertThat(GcpErrorMapper.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(GcpErrorMapper.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(GcpErrorMapper.retryAfter("soon")).isNull();
        assertThat(GcpErrorMapper.retryAfter(null)).isNull();
    }

    /** What the REST transport raises: an ApiException around google-http-client's HttpResponseException. */
    static ApiException restError(int http, String reason, String retryAfter) {
        String body = "{\"error\":{\"code\":" + http + ",\"message\":\"vendor says " + http + "\",\"errors\":[{\"message\":"
                + "\"vendor says " + http + "\",\"domain\":\"global\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + "}]}}";
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set("Retry-After", retryAfter);
        }
        HttpResponseException raw = new HttpResponseException.Builder(http, "status " + http, headers)
                .setContent(body).setMessage(http + " status GET http://127.0.0.1/x\n" + body).build();
        return ApiExceptionFactory.createException(raw, HttpJsonStatusCode.of(http), false);
    }
}
