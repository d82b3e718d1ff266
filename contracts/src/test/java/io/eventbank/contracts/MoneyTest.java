package io.eventbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void shouldParseDecimalStringsToExactMinorUnits() {
        assertThat(Money.parse("12.50", "EUR")).isEqualTo(Money.of(1250, "EUR"));
        assertThat(Money.parse("12.5", "EUR")).isEqualTo(Money.of(1250, "EUR"));
        assertThat(Money.parse("0.01", "EUR")).isEqualTo(Money.of(1, "EUR"));
        assertThat(Money.parse("7", "JPY")).isEqualTo(Money.of(7, "JPY"));
        assertThat(Money.parse("-3.10", "USD")).isEqualTo(Money.of(-310, "USD"));
        assertThat(Money.parse("92233720368547758.07", "EUR").minorUnits()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldFormatWithTheCurrencysScale() {
        assertThat(Money.of(7000, "EUR").toDecimalString()).isEqualTo("70.00");
        assertThat(Money.of(5, "EUR").toDecimalString()).isEqualTo("0.05");
        assertThat(Money.of(-5, "EUR").toDecimalString()).isEqualTo("-0.05");
        assertThat(Money.of(7, "JPY").toDecimalString()).isEqualTo("7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.505", "1e5", "1,00", " 1", "", "abc", "0x10", "92233720368547758.08",
            "99999999999999999999", "1.", ".5", "NaN", "Infinity"})
    void shouldRefuseWhatIsNotAnExactAmountOfEuro(String text) {
        assertThatThrownBy(() -> Money.parse(text, "EUR")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseUnknownCurrenciesAndExcessDecimalsForJpy() {
        assertThatThrownBy(() -> Money.parse("1", "EURO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1", "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1", "eur")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
