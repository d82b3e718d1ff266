package io.eventbank.contracts;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class ContractsArchitectureTest {

    private final JavaClasses contracts = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventbank.contracts");

    @Test
    void shouldDependOnlyOnTheJdkIban4jAndAxonAnnotations() {
        classes().should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "io.eventbank.contracts..", "org.iban4j..")
                                .or(type(TargetAggregateIdentifier.class))
                                .or(type(Revision.class)))
                .because("contracts are plain records that every service reads without our frameworks (iban4j knows"
                        + " each country's IBAN layout)")
                .check(contracts);
    }
}
