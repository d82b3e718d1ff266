package io.eventbank.gateway;

import java.util.List;
import java.util.Random;

/** Malformed request bodies and parameters: broken JSON, wrong types, huge and negative numbers, unknown fields. */
final class Fuzz {

    private static final List<String> AMOUNTS = List.of("\"-1\"", "\"0\"", "\"1.001\"", "\"1e9\"", "\"NaN\"",
            "\"99999999999999999999999\"", "12.5", "true", "null", "[]", "{}", "\"\"", "\" 1\"", "\"1,00\"",
            "\"0x10\"", "-5", "1e400");
    private static final List<String> TEXTS = List.of("\"\"", "123", "null", "[\"x\"]", "{\"a\":1}",
            "\"DE00000000000000000000\"", "\"" + "x".repeat(5000) + "\"", "\"\\u0000\"", "\"'; drop table x;--\"");
    private static final List<String> BROKEN = List.of("", "{", "}", "[", "null", "true", "\"x\"", "{\"amount\":",
            "{\"a\" 1}", "{'amount':'1'}", "\u0000\u0001", "[1,2,3]", "{\"amount\":\"1\",\"amount\":\"2\",}",
            "{\"unknown\":\"x\"}");

    private Fuzz() {
    }

    static String body(Random random, String iban) {
        return switch (random.nextInt(4)) {
            case 0 -> BROKEN.get(random.nextInt(BROKEN.size()));
            case 1 -> "{\"amount\":" + AMOUNTS.get(random.nextInt(AMOUNTS.size())) + ",\"reference\":"
                    + TEXTS.get(random.nextInt(TEXTS.size())) + "}";
            case 2 -> "{\"owner\":" + TEXTS.get(random.nextInt(TEXTS.size())) + ",\"currency\":"
                    + TEXTS.get(random.nextInt(TEXTS.size())) + ",\"extra\":1}";
            default -> "{\"debtorIban\":\"" + iban + "\",\"creditorIban\":" + TEXTS.get(random.nextInt(TEXTS.size()))
                    + ",\"amount\":" + AMOUNTS.get(random.nextInt(AMOUNTS.size())) + ",\"currency\":\"EUR\"}";
        };
    }

    static String text(Random random) {
        String[] pieces = {"%00", "..", "x", "-1", "DE", "99999999999999999999", "%E2%82%AC", "a%20b", "'", "1e5",
                "PT-1S", "2026-13-45T99:00:00Z", "ZZ", "%"};
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
