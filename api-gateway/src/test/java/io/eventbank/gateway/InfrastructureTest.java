package io.eventbank.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.eventbank.devstack.DevstackTestResource;
import io.eventbank.devstack.testing.InfrastructureContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false)
class InfrastructureTest extends InfrastructureContract {

    @Override
    protected String schema() {
        return "gateway";
    }

    /** The gateway reads no topic: its readiness does not depend on the broker. */
    @Test
    void shouldBeReadyWithoutKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", not(hasItem(containsString("Kafka"))));
    }
}
