package io.capacitybroker.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpotEvictionRatesTest {

    @ParameterizedTest(name = "bucket {0} -> {1} % -> {2}/h over 28 days")
    @CsvSource({
            "0-5,   2.5,  0.0000376746",
            "5-10,  7.5,  0.000116007",
            "10-15, 12.5, 0.000198688",
            "15-20, 17.5, 0.000286227",
            "20+,   25,   0.000428007",
    })
    void bucketsBecomeHourlyRates(String bucket, double percent, double perHour) {
        assertThat(SpotEvictionRates.percent(bucket).doubleValue()).isEqualTo(percent);
        double hourly = SpotEvictionRates.perHour(bucket, Duration.ofDays(28)).doubleValue();
        assertThat(hourly).isCloseTo(perHour, within(perHour * 1e-4));
        // over the window the hourly rate compounds back to the bucket's share
        assertThat(1 - Math.pow(1 - hourly, 28 * 24)).isCloseTo(percent / 100, within(1e-4));
    }

    @ParameterizedTest
    @CsvSource({"''", "high", "5-", "10-5", "0-500"})
    void unknownBucketsGiveNoRate(String bucket) {
        assertThat(SpotEvictionRates.perHour(bucket, Duration.ofDays(28))).isNull();
    }
}
