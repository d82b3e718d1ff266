package io.eventbank.gateway;

import io.eventbank.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldNotDependOnAnyOtherService() {
        ArchitectureRules.assertServiceIsIndependent("io.eventbank.gateway");
    }
}
