package io.eventbank.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The stack every service's tests run on: a fresh database that answers, and a broker that accepts connections. */
class TestStackTest {

    @Test
    void shouldGiveAFreshDatabaseAndARunningBroker() throws IOException {
        TestStack stack = TestStack.get();

        assertTrue(stack.database().answers(), "the test database answers");
        assertTrue(stack.database().url().database().startsWith("eventbank_test_"), "a database of its own");
        try (Socket ignored = new Socket("127.0.0.1", stack.broker().port())) {
            assertTrue(stack.broker().process().isAlive());
        }
    }
}
