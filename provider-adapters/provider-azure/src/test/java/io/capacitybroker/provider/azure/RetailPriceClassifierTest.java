package io.capacitybroker.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.domain.Market;
import io.capacitybroker.provider.azure.RetailPriceClassifier.Verdict;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RequestPacer;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The classification rules, on the rows of the documented-format fixtures. */
class RetailPriceClassifierTest {

    private final RetailPricesClient client = new RetailPricesClient(new OkHttpClient(),
            HttpUrl.get("http://127.0.0.1:1"), "2023-01-01-preview", RetryPolicy.none(), new RequestPacer(0, "Azure"),
            Clock.systemUTC());

    private List<RetailPriceRow> rows(String fixture) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            return client.parse(in.readAllBytes()).rows();
        }
    }

    @Test
    void fixturePageIsClassifiedRowByRow() throws IOException {
        List<RetailPriceRow> rows = rows("azure-retail-prices-vm-westeurope-d2sv5.json");
        assertThat(rows).extracting(RetailPriceClassifier::classify).containsExactly(
                Verdict.ON_DEMAND,        // D2s v5, Linux Consumption
                Verdict.SPOT,             // D2s v5 Spot
                Verdict.LOW_PRIORITY,     // D2s v5 Low Priority (Batch)
                Verdict.WINDOWS,          // Dsv5 Series Windows
                Verdict.WINDOWS,          // Windows Spot
                Verdict.NOT_CONSUMPTION); // Reservation
        assertThat(RetailPriceClassifier.market(rows.get(0))).contains(Market.ON_DEMAND);
        assertThat(RetailPriceClassifier.market(rows.get(1))).contains(Market.SPOT);
        assertThat(RetailPriceClassifier.market(rows.get(3))).isEmpty();
        assertThat(rows.get(1).retailPrice()).isEqualByComparingTo("0.01152");
        assertThat(rows.get(1).effectiveStartDate()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void devTestRowsAreDropped() throws IOException {
        List<RetailPriceRow> rows = rows("azure-retail-prices-page2-westeurope.json");
        assertThat(rows.get(2).type()).isEqualTo("DevTestConsumption");
        assertThat(RetailPriceClassifier.classify(rows.get(2))).isEqualTo(Verdict.NOT_CONSUMPTION);
    }

    @Test
    void otherUnitsCurrenciesAndFreeRowsAreDroppedAndHoursAreNormalised() {
        RetailPriceRow base = row("1 Hour", "USD", "0.5", "D2s v5", "Virtual Machines Dsv5 Series");
        assertThat(RetailPriceClassifier.classify(base)).isEqualTo(Verdict.ON_DEMAND);
        assertThat(RetailPriceClassifier.classify(row("1 GB/Month", "USD", "0.5", "D2s v5", "x")))
                .isEqualTo(Verdict.NOT_HOURLY);
        assertThat(RetailPriceClassifier.classify(row("1 Hour", "EUR", "0.5", "D2s v5", "x"))).isEqualTo(Verdict.NOT_USD);
        assertThat(RetailPriceClassifier.classify(row("1 Hour", "USD", "0", "D2s v5", "x"))).isEqualTo(Verdict.NO_PRICE);
        RetailPriceRow tenHours = row("10 Hours", "USD", "1.5", "D2s v5 Spot", "x");
        assertThat(RetailPriceClassifier.classify(tenHours)).isEqualTo(Verdict.SPOT);
        assertThat(RetailPriceClassifier.usdPerHour(tenHours)).isEqualByComparingTo("0.15");
    }

    @Test
    void aPageWithoutItemsIsMalformed() {
        assertThatThrownBy(() -> client.parse("{\"NextPageLink\":null}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProviderException.Unavailable.class);
        assertThatThrownBy(() -> client.parse("{\"Items\":[{\"a\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void nextPageLinkKeepsPathAndQueryOnTheConfiguredBase() throws IOException {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/azure-retail-prices-vm-westeurope-d2sv5.json")) {
            page = in.readAllBytes();
        }
        HttpUrl next = client.parse(page).next();
        assertThat(next.host()).isEqualTo("127.0.0.1");
        assertThat(next.port()).isEqualTo(1);
        assertThat(next.encodedPath()).isEqualTo("/api/retail/prices");
        assertThat(next.queryParameter("$skip")).isEqualTo("1000");
        assertThat(next.queryParameter("api-version")).isEqualTo("2023-01-01-preview");
        assertThat(client.parse(("{\"Items\":[],\"NextPageLink\":\"\"}").getBytes(StandardCharsets.UTF_8)).next())
                .isNull();
    }

    private static RetailPriceRow row(String unit, String currency, String price, String meter, String product) {
        return new RetailPriceRow("westeurope", "Standard_D2s_v5", meter, meter, product, "Virtual Machines",
                "Consumption", unit, currency, new BigDecimal(price), BigDecimal.ZERO, null, true);
    }
}
