package io.eventbank.devstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsTest {

    @Test
    void shouldReadNamesAndRetentionsSkippingComments(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("topics.conf");
        Files.writeString(file, "# comment\n\nbank.account.events   forever\nbank.clearing 7d\n  x.y 12h\n");

        assertEquals(List.of(
                new Topics.Topic("bank.account.events", -1),
                new Topics.Topic("bank.clearing", 7L * 24 * 3600 * 1000),
                new Topics.Topic("x.y", 12L * 3600 * 1000)), Topics.read(file));
    }

    @Test
    void shouldRefuseAMalformedLine() {
        assertThrows(IllegalArgumentException.class, () -> Topics.parse("only-a-name"));
        assertThrows(IllegalArgumentException.class, () -> Topics.parse("t 7w"));
    }

    @Test
    void shouldListEveryTopicOfTheDesignWithInfiniteRetentionForEventTopics() throws IOException {
        List<Topics.Topic> topics = Topics.read(Path.of("../../config/kafka-topics.conf"));

        List<String> names = topics.stream().map(Topics.Topic::name).toList();
        assertEquals(List.of("bank.account.events", "bank.account.commands", "bank.transfer.events", "bank.clearing",
                "bank.risk.screenings", "bank.risk.decisions", "bank.account.events.dlq", "bank.account.commands.dlq",
                "bank.transfer.events.dlq", "bank.clearing.dlq"), names);
        // the event topics are what read models replay from; the risk engine's are what it rebuilds its state from
        topics.stream().filter(t -> t.name().endsWith(".events") || t.name().startsWith("bank.risk."))
                .forEach(t -> assertEquals(-1, t.retentionMillis(), t.name()));
    }
}
