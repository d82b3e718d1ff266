package io.eventbank.contracts;

import java.math.BigInteger;
import java.util.Locale;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * International Bank Account Numbers: validation (ISO 13616: the country's registered length and BBAN structure, by
 * iban4j, and the mod 97-10 check digits of ISO 7064) and the German layout {@code DEkk BBBB BBBB CCCC CCCC CC} (8-digit bank code, 10-digit account number) that hosted banks use.
 * In messages an IBAN is a plain string in its electronic form: upper case, no spaces.
 */
public final class Iban {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /** The electronic form: spaces removed, upper case. */
    public static String normalize(String iban) {
        return iban == null ? null : iban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Whether the text (electronic form) is a valid IBAN: of a country that issues IBANs, with that country's length
     * and BBAN structure, and correct check digits.
     */
    public static boolean isValid(String iban) {
        return whyInvalid(iban) == null;
    }

    /** Why the text (electronic form) is not a valid IBAN, for people; null when it is one. */
    public static String whyInvalid(String iban) {
        if (iban == null || iban.isEmpty()) {
            return "an IBAN is required";
        }
        if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
            return "an IBAN is a country code, two check digits and 11 to 30 letters or digits";
        }
        try {
            IbanUtil.validate(iban);
            return null;
        } catch (UnsupportedCountryException e) {
            return iban.substring(0, 2) + " is not a country that issues IBANs";
        } catch (InvalidCheckDigitException e) {
            return "the check digits are wrong";
        } catch (IbanFormatException e) {
            if (e.getFormatViolation() == IbanFormatException.IbanFormatViolation.COUNTRY_CODE_EXISTS) {
                return iban.substring(0, 2) + " is not a country that issues IBANs";
            }
            return "not the layout of an IBAN of " + iban.substring(0, 2) + " (its length or the kinds of characters)";
        }
    }

    /** Whether the IBAN is a valid German one: {@code DE}, check digits, 8-digit bank code, 10-digit account. */
    public static boolean isGerman(String iban) {
        return isValid(iban) && iban.matches("DE[0-9]{20}");
    }

    /** A German IBAN from a bank code (8 digits) and an account number (at most 10 digits, zero-padded). */
    public static String german(String bankCode, long accountNumber) {
        if (bankCode == null || !bankCode.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("a German bank code has 8 digits: " + bankCode);
        }
        if (accountNumber < 0 || accountNumber > 9_999_999_999L) {
            throw new IllegalArgumentException("a German account number has at most 10 digits: " + accountNumber);
        }
        String bban = bankCode + String.format("%010d", accountNumber);
        int check = 98 - mod97(bban + "DE00");
        return "DE" + String.format("%02d", check) + bban;
    }

    /** The bank code of a German IBAN. */
    public static String bankCodeOf(String germanIban) {
        if (!isGerman(germanIban)) {
            throw new IllegalArgumentException("not a valid German IBAN: " + germanIban);
        }
        return germanIban.substring(4, 12);
    }

    /** The account number of a German IBAN. */
    public static long accountNumberOf(String germanIban) {
        if (!isGerman(germanIban)) {
            throw new IllegalArgumentException("not a valid German IBAN: " + germanIban);
        }
        return Long.parseLong(germanIban.substring(12));
    }

    /** Groups of four for people: {@code DE89 3704 0044 0532 0130 00}. */
    public static String printable(String iban) {
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private static int mod97(String rearranged) {
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else {
                digits.append(c - 'A' + 10);
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
