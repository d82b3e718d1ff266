package io.eventbank.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the JVM's {@link TestStack}: a fresh database and a real Kafka broker.
 * REST Assured calls carry the services' own token unless a test gives another {@code Authorization} header: the
 * internal APIs accept no other caller.
 * Use it with {@code @QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false)}.
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestStack.get().quarkusConfig(applicationName());
    }

    /** The service under test: {@code quarkus.application.name} of the module's application.properties. */
    private static String applicationName() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("quarkus.application.name", "");
    }

    @Override
    public void stop() {
        // the stack lives as long as the test JVM: every test class of the module shares it
    }
}
