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

    @jakarta.inject.Inject
    io.eventbank.gateway.config.GatewayConfig config;

    @Override
    protected String schema() {
        return "gateway";
    }

    /**
     * A read that waits holds its connection to the ledger until it answers: the pool has room for every wait the
     * gateway lets run at once, and ordinary reads beside them (with fewer, waits queued and answered 503).
     */
    @Test
    void shouldHaveAConnectionToTheLedgerForEveryWaitAndMore() {
        int pool = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.rest-client.ledger-projection.connection-pool-size", Integer.class);
        org.assertj.core.api.Assertions.assertThat(pool).isGreaterThanOrEqualTo(config.waits().total() + 50);
    }

    /** Swagger UI is a reference: every body and answer has its schema, and every operation lists its problems. */
    @Test
    void shouldDocumentEveryBodyAnswerAndProblemInItsOpenApiDocument() {
        var document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        String transfer = "paths.'/api/v1/transfers'.post";
        org.assertj.core.api.Assertions.assertThat(document.getString(transfer
                + ".requestBody.content.'application/json'.schema.$ref")).endsWith("/TransferRequest");
        org.assertj.core.api.Assertions.assertThat(document.getString(transfer
                + ".responses.'202'.content.'application/json'.schema.$ref")).endsWith("/Transfer");
        for (String status : java.util.List.of("400", "401", "403", "409", "422", "429", "503")) {
            org.assertj.core.api.Assertions.assertThat(document.getString(transfer + ".responses.'" + status
                    + "'.content.'application/problem+json'.schema.$ref")).as(status).endsWith("/Problem");
        }
        org.assertj.core.api.Assertions.assertThat(document.getMap("components.schemas.Problem.properties"))
                .containsKeys("type", "title", "status", "detail", "code", "field");
        org.assertj.core.api.Assertions.assertThat(document.getMap("components.schemas.Account.properties"))
                .containsKeys("iban", "customerId", "balance", "asOf");
        org.assertj.core.api.Assertions.assertThat(document.getString(
                "paths.'/api/v1/accounts/{iban}'.get.responses.'404'.description")).contains("unknown-account");
    }

    /**
     * A client generated from the document names its methods by the operations' ids: every operation of the public
     * API has one, short and unique ({@code requestTransfer}, not {@code apiV1TransfersPost}).
     */
    @Test
    void shouldNameEveryOperationOnce() {
        var document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.util.List<String> unnamed = new java.util.ArrayList<>();
        java.util.Map<String, java.util.Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith("/api/v1") || !(operation instanceof java.util.Map<?, ?> fields)) {
                return;
            }
            Object id = fields.get("operationId");
            if (id == null) {
                unnamed.add(method + " " + path);
            } else {
                ids.add((String) id);
            }
        }));
        org.assertj.core.api.Assertions.assertThat(unnamed).isEmpty();
        org.assertj.core.api.Assertions.assertThat(ids).hasSize(27).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z][A-Za-z]{2,30}"), "short camelCase");
    }

    /**
     * Clients are generated from the document: every schema in it is one a client meets (none left unused), and none
     * is a Java class of the gateway's making (Jackson's JsonNode with its isArray, isObject...).
     */
    @Test
    void shouldDescribeOnlyTheSchemasTheOperationsUse() {
        String text = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        java.util.Map<String, Object> schemas = io.restassured.path.json.JsonPath.from(text)
                .getMap("components.schemas");
        org.assertj.core.api.Assertions.assertThat(schemas.keySet()).noneMatch(name -> name.startsWith("JsonNode"));
        for (String name : schemas.keySet()) {
            org.assertj.core.api.Assertions.assertThat(text).as("a reference to " + name)
                    .contains("\"#/components/schemas/" + name + "\"");
        }
    }

    /**
     * A strict client refuses a value its document does not list: a transfer's status and failure, and an account's
     * status, list every code the platform has.
     */
    @Test
    void shouldListEveryCodeAnAnswerCanCarry() {
        var document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        org.assertj.core.api.Assertions.assertThat(document.getList("components.schemas.Transfer.properties"
                + ".failureReason.enum", String.class)).containsExactlyInAnyOrderElementsOf(
                        io.eventbank.contracts.transfer.TransferFailure.values().stream()
                                .map(io.eventbank.contracts.transfer.TransferFailure::name).toList());
        org.assertj.core.api.Assertions.assertThat(document.getList("components.schemas.Transfer.properties"
                + ".status.enum", String.class)).containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(io.eventbank.contracts.transfer.TransferStatus.values())
                                .map(Enum::name).toList());
        org.assertj.core.api.Assertions.assertThat(document.getList("components.schemas.Account.properties"
                + ".status.enum", String.class)).containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(io.eventbank.contracts.account.AccountStatus.values())
                                .map(Enum::name).toList());
    }

    /** The gateway reads no topic: its readiness does not depend on the broker. */
    @Test
    void shouldBeReadyWithoutKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", not(hasItem(containsString("Kafka"))));
    }
}
