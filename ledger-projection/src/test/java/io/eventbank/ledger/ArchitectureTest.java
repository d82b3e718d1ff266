package io.eventbank.ledger;

import io.eventbank.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldNotDependOnAnyOtherService() {
        ArchitectureRules.assertServiceIsIndependent("io.eventbank.ledger");
    }
}
