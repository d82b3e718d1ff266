package io.eventbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IbanTest {

    /** Published examples (ISO 13616 registry, national banks' documentation). */
    @ParameterizedTest
    @ValueSource(strings = {
            "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606",
            "NL91 ABNA 0417 1643 00", "CH93 0076 2011 6238 5295 7", "BE68 5390 0754 7034",
            "AT61 1904 3002 3457 3201", "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456"})
    void shouldAcceptPublishedValidIbans(String printed) {
        assertThat(Iban.isValid(Iban.normalize(printed))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DE89 3704 0044 0532 0130 01", "GB82 WEST 1234 5698 7654 33", "DE89 3704 0044 0532 0130",
            "DE89 3704 0044 0532 0130 000", "NL91 ABNA 0417 1643 01", "XX00", "", "DE8937040044053201300O",
            "de89 3704 0044 0532 0130 00 !"})
    void shouldRefuseIbansWithWrongCheckDigitsOrShape(String printed) {
        assertThat(Iban.isValid(Iban.normalize(printed))).isFalse();
    }

    /** A valid check sum is not enough: the country must issue IBANs, and the IBAN must have its layout. */
    @ParameterizedTest
    @ValueSource(strings = {"ZZ14 1002 0030 0000 0000 01", "XX38 1002 0030 0000 0000 01", "GB46 1234 5698 7654 3212 34",
            "FR04 3000 6000 0112 3456 7890 1"})
    void shouldRefuseIbansOfNoCountryOrNotInTheCountrysLayout(String printed) {
        String iban = Iban.normalize(printed);
        assertThat(mod97(iban)).as("the check sum alone is right").isEqualTo(1);
        assertThat(Iban.isValid(iban)).as(iban).isFalse();
        assertThat(Iban.whyInvalid(iban)).isNotBlank();
    }

    private static int mod97(String iban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (iban.substring(4) + iban.substring(0, 4)).toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        return new java.math.BigInteger(digits.toString()).mod(java.math.BigInteger.valueOf(97)).intValue();
    }

    @Test
    void shouldSayWhyAnIbanIsNotValid() {
        assertThat(Iban.whyInvalid("ZZ14100200300000000001")).contains("ZZ is not a country");
        assertThat(Iban.whyInvalid("DE89370400440532013001")).contains("check digits");
        assertThat(Iban.whyInvalid("DE89370400440532013000")).isNull();
    }

    @Test
    void shouldRefuseNullAndLowerCaseElectronicForm() {
        assertThat(Iban.isValid(null)).isFalse();
        assertThat(Iban.isValid("de89370400440532013000")).isFalse();
        assertThat(Iban.isValid(Iban.normalize("de89370400440532013000"))).isTrue();
    }

    @Test
    void shouldIssueGermanIbansWithValidCheckDigits() {
        assertThat(Iban.german("37040044", 532013000L)).isEqualTo("DE89370400440532013000");
        for (long number = 0; number < 2_000; number += 7) {
            String iban = Iban.german("10020030", 1_000_000 + number);
            assertThat(Iban.isGerman(iban)).as(iban).isTrue();
            assertThat(Iban.bankCodeOf(iban)).isEqualTo("10020030");
            assertThat(Iban.accountNumberOf(iban)).isEqualTo(1_000_000 + number);
        }
    }

    @Test
    void shouldRefuseBankCodesAndAccountNumbersOutsideTheGermanLayout() {
        assertThatThrownBy(() -> Iban.german("1002003", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Iban.german("10020030", 10_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Iban.german("10020030", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPrintInGroupsOfFour() {
        assertThat(Iban.printable("DE89370400440532013000")).isEqualTo("DE89 3704 0044 0532 0130 00");
    }

    @Test
    void shouldGiveEachBankFixedClearingAccountsPerCurrency() {
        String eur = Clearing.accountOf("10020030", "EUR", 0);
        assertThat(Iban.isGerman(eur)).isTrue();
        assertThat(Iban.accountNumberOf(eur)).as("the account banks had before shards").isEqualTo(9_900_000_978L);
        assertThat(Iban.accountNumberOf(Clearing.accountOf("10020030", "EUR", 3))).isEqualTo(9_900_003_978L);
        assertThat(Clearing.accountsOf("10020030", "EUR")).hasSize(Clearing.SHARDS).doesNotHaveDuplicates()
                .startsWith(eur).allMatch(Clearing::isClearingAccount);
        assertThat(Clearing.accountsOf("10020030", "EUR")).extracting(Clearing::shardOf)
                .containsExactlyElementsOf(IntStream.range(0, Clearing.SHARDS).boxed().toList());
        assertThat(Clearing.accountOf("10020030", "USD", 0)).isNotEqualTo(eur);
        assertThat(Clearing.isClearingAccount(Iban.german("10020030", 1_000_000))).isFalse();
        assertThatThrownBy(() -> Clearing.accountOf("10020030", "EUR", Clearing.SHARDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Clearing.shardOf(Iban.german("10020030", 1_000_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSpreadTransfersOverTheClearingAccountsTheSameWayEverywhere() {
        Map<String, Long> used = IntStream.range(0, 8_000)
                .mapToObj(i -> Clearing.accountFor("20030040", "EUR", UUID.randomUUID().toString()))
                .collect(Collectors.groupingBy(iban -> iban, Collectors.counting()));
        assertThat(used.keySet()).containsExactlyInAnyOrderElementsOf(Clearing.accountsOf("20030040", "EUR"));
        assertThat(used.values()).allMatch(n -> n > 800 && n < 1_200);
        // a pure function of the id: the sending and the receiving bank, and a restart, pick alike
        assertThat(Clearing.accountFor("20030040", "EUR", "t-1")).isEqualTo(Clearing.accountFor("20030040", "EUR",
                "t-1")).isEqualTo(Clearing.accountOf("20030040", "EUR", Math.floorMod("t-1".hashCode(), 8)));
    }

    @Test
    void shouldTellATransferBetweenTwoCustomersOfOneBank() {
        String payer = Iban.german("10020030", 1_000_001);
        String payee = Iban.german("10020030", 1_000_002);
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, payee)).isTrue();
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, Iban.german("20030040", 1_000_002)))
                .as("the payee of another bank").isFalse();
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, Clearing.accountOf("10020030", "EUR", 0)))
                .as("the bank's clearing account").isFalse();
        assertThat(Clearing.isBetweenCustomersOfOneBank(Clearing.accountOf("10020030", "EUR", 0), payee)).isFalse();
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, payer)).as("one account twice").isFalse();
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, null)).isFalse();
        assertThat(Clearing.isBetweenCustomersOfOneBank(payer, "DE00100200300001000002")).as("bad check digits")
                .isFalse();
    }
}
