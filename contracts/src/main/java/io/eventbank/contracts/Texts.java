package io.eventbank.contracts;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The rules for free text that people type and the platform keeps for good (an owner's name, a transfer's reference,
 * a freeze reason): at most a number of characters (code points), and none that could hide or garble what is shown
 * elsewhere. Refused are control characters (NUL, line breaks, escapes), unpaired surrogates, unassigned code points
 * and non-characters, line and paragraph separators, the byte-order mark, and the bidirectional controls that reorder
 * text on screen (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). Text is kept in Unicode's composed
 * form (NFC) without leading or trailing white space, so that two spellings of the same text are the same text.
 */
public final class Texts {

    /** SEPA's limit for remittance information, and ours for every free-text field. */
    public static final int MAX_LENGTH = 140;

    private Texts() {
    }

    /** The text as the platform keeps it: composed (NFC), stripped; null for null or blank. */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFC).strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * Why the text is refused, or empty when it is acceptable (null is acceptable: the field is absent). Its length
     * is the length of the text as the platform keeps it ({@link #canonical}): normalising may lengthen text (some
     * characters compose to two), so the check comes after it, and what is kept is never longer than allowed.
     */
    public static Optional<String> refusal(String text, int maxLength) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() > 4 * maxLength + 64) {
            // far too long to be worth normalising: refused as it is
            return Optional.of("has " + text.codePointCount(0, text.length()) + " characters, at most " + maxLength
                    + " are allowed");
        }
        Optional<String> unacceptable = unacceptableCharacter(text);
        if (unacceptable.isPresent()) {
            return unacceptable;
        }
        String kept = canonical(text);
        if (kept == null) {
            return Optional.empty();
        }
        unacceptable = unacceptableCharacter(kept);
        if (unacceptable.isPresent()) {
            return unacceptable;
        }
        int length = kept.codePointCount(0, kept.length());
        if (length > maxLength) {
            return Optional.of("has " + length + " characters (composed), at most " + maxLength + " are allowed");
        }
        return Optional.empty();
    }

    private static Optional<String> unacceptableCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!isAcceptable(codePoint)) {
                return Optional.of(String.format("contains the character U+%04X, which is not allowed", codePoint));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** Whether the text is acceptable as it is. */
    public static boolean isAcceptable(String text, int maxLength) {
        return refusal(text, maxLength).isEmpty();
    }

    static boolean isAcceptable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return false;
            }
            default -> {
                // fall through to the single code points below
            }
        }
        if ((codePoint & 0xFFFE) == 0xFFFE || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)) {
            return false; // non-characters
        }
        return !(codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0xFEFF
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069));
    }
}
