package io.eventbank.devstack.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code config/kafka-acls.conf}: one grant a line,
 * {@code <principal> <read|write|create|describe-configs> <topic|group> <name>}, a
 * name ending in {@code *} being a prefix. Plain Java, no Kafka type: devstack reads the principals from it too.
 */
public final class Grants {

    /** The broker's administrator: a super user, the only one, and no service. */
    public static final String ADMIN = "admin";

    /** What a grant allows; {@code create} and {@code describe-configs} are for Kafka Streams' own topics. */
    public enum Operation { READ, WRITE, CREATE, DESCRIBE_CONFIGS }

    public enum Resource { TOPIC, GROUP }

    public record Grant(String principal, Operation operation, Resource resource, String name, boolean prefixed) {
    }

    private Grants() {
    }

    /** The grants of the file devstack-broker carries (a copy of {@code config/kafka-acls.conf}). */
    public static List<Grant> packaged() {
        try (InputStream in = Grants.class.getResourceAsStream("kafka-acls.conf")) {
            if (in == null) {
                throw new IllegalStateException("devstack-broker carries no kafka-acls.conf: build it with ./mvnw");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Grant> parse(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Grants::grant)
                .toList();
    }

    /** Every principal the grants name, in the order they first appear. */
    public static List<String> principals(List<Grant> grants) {
        return grants.stream().map(Grant::principal).distinct().toList();
    }

    private static Grant grant(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected '<principal> <operation> <topic|group> <name>' but got: "
                    + line);
        }
        if (parts[0].equals(ADMIN) || !parts[0].matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("not a service's principal: " + parts[0]);
        }
        boolean prefixed = parts[3].endsWith("*");
        String name = prefixed ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
        if (name.isEmpty() || name.contains("*")) {
            throw new IllegalArgumentException("a name is a word, or a prefix ending in '*': " + parts[3]);
        }
        return new Grant(parts[0], value(Operation.values(), parts[1]), value(Resource.values(), parts[2]), name,
                prefixed);
    }

    private static <E extends Enum<E>> E value(E[] values, String word) {
        return Arrays.stream(values).filter(v -> v.name().equals(word.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + Arrays.toString(values)
                        + " but got: " + word));
    }
}
