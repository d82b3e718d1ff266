package io.eventbank.risk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.eventbank.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldNotDependOnAnyOtherService() {
        ArchitectureRules.assertServiceIsIndependent("io.eventbank.risk");
    }

    @Test
    void shouldKeepTheRulesPure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "jakarta..",
                        "io.quarkus..", "java.time.Clock")
                .because("a rule is a function of the screening, the history and the limits: the same records give"
                        + " the same verdicts, in a replay too")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.eventbank.risk.rules"));
    }

    @Test
    void shouldRunWithoutADatabase() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.axonframework.eventsourcing..")
                .because("its state is in Kafka Streams' stores, changelogged to Kafka")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.eventbank.risk"));
    }
}
