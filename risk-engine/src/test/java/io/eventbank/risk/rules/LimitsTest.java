package io.eventbank.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.eventbank.risk.config.RiskConfig;
import org.junit.jupiter.api.Test;

/** The settings are checked once, at start: an engine never screens with limits that make no sense. */
class LimitsTest {

    @Test
    void shouldTakeEachCurrencysAmountsInItsMinorUnits() {
        Limits limits = Limits.of(config(Duration.ofMinutes(10), Map.of("EUR", amounts("10000.00", "2000", "0.01"),
                "JPY", amounts("1000000", "200000", "100000"))));

        assertThat(limits.amountsOf("EUR")).isEqualTo(new Limits.Amounts(1_000_000, 200_000, 1));
        assertThat(limits.amountsOf("JPY")).isEqualTo(new Limits.Amounts(1_000_000, 200_000, 100_000));
        assertThat(limits.amountsOf("USD")).as("a currency without limits").isNull();
    }

    @Test
    void shouldRefuseSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> Limits.of(config(Duration.ZERO, Map.of())))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> Limits.of(config(Duration.ofMinutes(1), Map.of("JPY", amounts("10.5", "1", "1")))))
                .hasMessageContaining("eventbank.risk.currencies.JPY.velocity-amount");
        assertThatThrownBy(() -> Limits.of(config(Duration.ofMinutes(1), Map.of("EUR", amounts("1", "0", "1")))))
                .hasMessageContaining("new-payee-amount is above zero");
        assertThatThrownBy(() -> Limits.of(config(Duration.ofMinutes(1), Map.of("EURO", amounts("1", "1", "1")))))
                .hasMessageContaining("EURO");
        assertThatThrownBy(() -> new Limits(Duration.ofMinutes(1), 10, 3, Duration.ofDays(1), 1.0, 5, Map.of()))
                .hasMessageContaining("unusual-factor");
    }

    private static RiskConfig.CurrencyLimits amounts(String velocity, String newPayee, String newAccount) {
        return new RiskConfig.CurrencyLimits() {
            @Override
            public String velocityAmount() {
                return velocity;
            }

            @Override
            public String newPayeeAmount() {
                return newPayee;
            }

            @Override
            public String newAccountAmount() {
                return newAccount;
            }
        };
    }

    private static RiskConfig config(Duration window, Map<String, RiskConfig.CurrencyLimits> currencies) {
        return new RiskConfig() {
            @Override
            public Duration window() {
                return window;
            }

            @Override
            public int velocityCount() {
                return 10;
            }

            @Override
            public int newPayeesCount() {
                return 3;
            }

            @Override
            public Duration newAccountPeriod() {
                return Duration.ofDays(1);
            }

            @Override
            public double unusualFactor() {
                return 10;
            }

            @Override
            public int unusualMinHistory() {
                return 5;
            }

            @Override
            public Duration verdictsKept() {
                return Duration.ofDays(7);
            }

            @Override
            public Duration analyticsKept() {
                return Duration.ofHours(24);
            }

            @Override
            public Map<String, RiskConfig.CurrencyLimits> currencies() {
                return currencies;
            }
        };
    }
}
