package io.eventbank.account;

import io.eventbank.devstack.DevstackTestResource;
import io.eventbank.devstack.testing.InfrastructureContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false)
class InfrastructureTest extends InfrastructureContract.Messaging {

    @Override
    protected String schema() {
        return "account";
    }
}
