package io.capacitybroker.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.pricing.model.PricingException;

/** The vendor error → SPI error table of {@link AwsErrorMapper}. */
class AwsErrorMapperTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final AwsErrorMapper mapper = new AwsErrorMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    static final Map<String, Class<? extends ProviderException>> TYPES = Map.of(
            "AuthFailed", ProviderException.AuthFailed.class,
            "Throttled", ProviderException.Throttled.class,
            "CapacityUnavailable", ProviderException.CapacityUnavailable.class,
            "QuotaExceeded", ProviderException.QuotaExceeded.class,
            "NotFound", ProviderException.NotFound.class,
            "InvalidRequest", ProviderException.InvalidRequest.class,
            "Unavailable", ProviderException.Unavailable.class);

    @ParameterizedTest(name = "{0} / HTTP {1} -> {2} (retryable {3})")
    @CsvSource(nullValues = "null", textBlock = """
            # vendor code,                     HTTP, expected,            retryable
            AuthFailure,                        401, AuthFailed,          false
            UnauthorizedOperation,              403, AuthFailed,          false
            AccessDeniedException,              400, AuthFailed,          false
            InvalidClientTokenId,               403, AuthFailed,          false
            SignatureDoesNotMatch,              403, AuthFailed,          false
            ExpiredToken,                       400, AuthFailed,          false
            RequestExpired,                     400, AuthFailed,          false
            OptInRequired,                      403, AuthFailed,          false
            null,                               401, AuthFailed,          false
            null,                               403, AuthFailed,          false
            RequestLimitExceeded,               503, Throttled,           true
            Throttling,                         400, Throttled,           true
            ThrottlingException,                400, Throttled,           true
            com.amazonaws.pricing#ThrottlingException, 400, Throttled,    true
            TooManyRequestsException,           429, Throttled,           true
            SlowDown,                           503, Throttled,           true
            null,                               429, Throttled,           true
            InsufficientInstanceCapacity,       500, CapacityUnavailable, true
            InsufficientHostCapacity,           500, CapacityUnavailable, true
            InsufficientReservedInstanceCapacity, 500, CapacityUnavailable, true
            SpotMaxPriceTooLow,                 400, CapacityUnavailable, true
            InsufficientFooCapacity,            400, CapacityUnavailable, true
            VcpuLimitExceeded,                  400, QuotaExceeded,       false
            MaxSpotInstanceCountExceeded,       400, QuotaExceeded,       false
            InstanceLimitExceeded,              400, QuotaExceeded,       false
            ServiceQuotaExceededException,      400, QuotaExceeded,       false
            AddressLimitExceeded,               400, QuotaExceeded,       false
            InvalidInstanceID.NotFound,         400, NotFound,            false
            InvalidAMIID.NotFound,              400, NotFound,            false
            NotFoundException,                  400, NotFound,            false
            null,                               404, NotFound,            false
            InvalidParameterValue,              400, InvalidRequest,      false
            InvalidParameterCombination,        400, InvalidRequest,      false
            MissingParameter,                   400, InvalidRequest,      false
            InvalidNextTokenException,          400, InvalidRequest,      false
            InvalidInstanceType,                400, InvalidRequest,      false
            IdempotentParameterMismatch,        400, InvalidRequest,      false
            InvalidParameterException,          400, InvalidRequest,      false
            null,                               400, InvalidRequest,      false
            InternalError,                      500, Unavailable,         true
            InternalFailure,                    500, Unavailable,         true
            ServiceUnavailable,                 503, Unavailable,         true
            Unavailable,                        503, Unavailable,         true
            null,                               500, Unavailable,         true
            null,                               502, Unavailable,         true
            null,                               503, Unavailable,         true
            null,                               504, Unavailable,         true
            null,                               408, Unavailable,         true
            SomethingNew,                       503, Unavailable,         true
            SomethingNew,                       400, InvalidRequest,      false
            """)
    void vendorErrorsMapToTypedErrors(String code, int status, String expected, boolean retryable) {
        ProviderException e = AwsErrorMapper.fromVendor("Op", code, status, "msg", null, null);
        assertThat(e).isInstanceOf(TYPES.get(expected));
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.vendorCode().orElse(null)).isEqualTo(code);
        assertThat(e.getMessage()).contains("Op");
    }

    @Test
    void sdkServiceExceptionsGoThroughTheTableWithRetryAfter() {
        Ec2Exception ex = (Ec2Exception) Ec2Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded").errorMessage("slow down")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(503).putHeader("Retry-After", "7").build())
                        .build()).build();
        ProviderException e = mapper.map(ex, "DescribeSpotPriceHistory");
        assertThat(e).isInstanceOf(ProviderException.Throttled.class);
        assertThat(((ProviderException.Throttled) e).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getCause()).isSameAs(ex);
    }

    @Test
    void retryAfterAsHttpDate() {
        PricingException ex = (PricingException) PricingException.builder().statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429)
                                .putHeader("Retry-After", "Mon, 23 Nov 2026 12:00:30 GMT").build()).build()).build();
        ProviderException e = mapper.map(ex, "GetProducts");
        assertThat(((ProviderException.Throttled) e).retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(mapper.parseRetryAfter("soon")).isNull();
        assertThat(mapper.parseRetryAfter("-3")).isNull();
    }

    @Test
    void throttledWithoutRetryAfterHasNone() {
        Ec2Exception ex = (Ec2Exception) Ec2Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded").build()).build();
        assertThat(((ProviderException.Throttled) mapper.map(ex, "X")).retryAfter()).isEmpty();
    }

    @Test
    void clientSideFailuresAreUnavailable() {
        for (Throwable t : List.of(
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused")),
                SdkClientException.create("read", new SocketTimeoutException("Read timed out")),
                ApiCallAttemptTimeoutException.create(1000),
                SdkClientException.create("Unable to unmarshall response (ParseError)"),
                new UncheckedIOException(new IOException("reset")),
                new IllegalStateException("surprise"))) {
            ProviderException e = mapper.map(t, "Op");
            assertThat(e).as("%s", t).isInstanceOf(ProviderException.Unavailable.class);
            assertThat(e.retryable()).isTrue();
        }
        assertThat(mapper.map(SdkClientException.create("x", new ConnectException("Connection refused")), "Op"))
                .hasMessageContaining("connection refused");
    }

    @Test
    void missingCredentialsAreAuthFailed() {
        ProviderException e = mapper.map(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"), "DescribeRegions");
        assertThat(e).isInstanceOf(ProviderException.AuthFailed.class);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void malformedJsonIsUnavailable() {
        Exception parse;
        try {
            tools.jackson.databind.json.JsonMapper.builder().build().readTree("{nope");
            throw new AssertionError("expected a parse error");
        } catch (tools.jackson.core.JacksonException je) {
            parse = je;
        }
        assertThat(mapper.map(parse, "GetProducts")).isInstanceOf(ProviderException.Unavailable.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void providerExceptionsPassThrough() {
        ProviderException original = new ProviderException.NotFound("gone");
        assertThat(mapper.map(original, "Op")).isSameAs(original);
    }
}
