package io.eventbank.devstack.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rules that keep the services apart: a service reads and writes its own schema and learns everything else
 * from messages (the {@code contracts} module) or HTTP, never from another service's code; its REST resources hold
 * no SQL; and a service that runs Axon names its parts but does not build Axon ({@code infrastructure}'s
 * {@code AxonRuntime} and {@code AxonBeans} do, once for all).
 */
public final class ArchitectureRules {

    /** The root package of each service module. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "io.eventbank.account", "io.eventbank.transfer", "io.eventbank.ledger", "io.eventbank.risk",
            "io.eventbank.gateway");

    private ArchitectureRules() {
    }

    /** The service whose root package is given depends on no other service, and none is on its classpath. */
    public static void assertServiceIsIndependent(String ownPackage) {
        assertThat(SERVICE_PACKAGES).contains(ownPackage);
        JavaClasses own = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ownPackage);
        assertThat(own).as("classes of " + ownPackage).isNotEmpty();
        for (String other : SERVICE_PACKAGES) {
            if (other.equals(ownPackage)) {
                continue;
            }
            noClasses().should().dependOnClassesThat().resideInAPackage(other + "..")
                    .because("services talk through contracts and HTTP only")
                    .check(own);
            JavaClasses foreign = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(other);
            assertThat(foreign).as("classes of " + other + " on the classpath of " + ownPackage).isEmpty();
        }
        noClasses().that().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("REST resources hold no SQL: queries live with the model they read")
                .allowEmptyShould(true)
                .check(own);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.config.DefaultConfigurer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.config.EventProcessingConfigurer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.eventsourcing.eventstore.EmbeddedEventStore")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.axonframework.eventsourcing.eventstore.jdbc..",
                        "org.axonframework.eventhandling.tokenstore..", "org.axonframework.common.jdbc..")
                .because("Axon is built once, in infrastructure (AxonRuntime, AxonBeans): a service names its"
                        + " aggregates, view, outbox routes and interceptors")
                .check(own);
    }
}
