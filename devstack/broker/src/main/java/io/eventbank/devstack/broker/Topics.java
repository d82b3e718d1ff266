package io.eventbank.devstack.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads {@code config/kafka-topics.conf}: one topic a line, its name and its retention ("forever", "7d", "12h"). */
final class Topics {

    record Topic(String name, long retentionMillis) {
    }

    private Topics() {
    }

    static List<Topic> read(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Topics::parse)
                .toList();
    }

    static Topic parse(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected '<topic> <retention>' but got: " + line);
        }
        return new Topic(parts[0], retentionMillis(parts[1]));
    }

    static long retentionMillis(String retention) {
        if (retention.equals("forever")) {
            return -1;
        }
        long amount = Long.parseLong(retention.substring(0, retention.length() - 1));
        return switch (retention.charAt(retention.length() - 1)) {
            case 'd' -> Duration.ofDays(amount).toMillis();
            case 'h' -> Duration.ofHours(amount).toMillis();
            case 'm' -> Duration.ofMinutes(amount).toMillis();
            default -> throw new IllegalArgumentException("retention must be 'forever' or end in d, h or m: " + retention);
        };
    }
}
