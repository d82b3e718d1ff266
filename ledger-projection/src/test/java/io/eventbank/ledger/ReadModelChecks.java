package io.eventbank.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

/**
 * The verification's checks that the read models alone decide. The comparison with account-service's balances needs
 * account-service, which these tests do not run (they write the events themselves); the platform's end-to-end tests
 * check it.
 */
public final class ReadModelChecks {

    private static final String ALL_BUT_ACCOUNT_SERVICE =
            "checks.findAll { !it.name.contains('account-service') }.ok";

    private ReadModelChecks() {
    }

    /** Every read-model check of the ledger at {@code baseUri} is ok. */
    public static void assertOk(String baseUri) {
        given().baseUri(baseUri).get("/v1/verification").then().statusCode(200)
                .body(ALL_BUT_ACCOUNT_SERVICE, everyItem(is(true)));
    }

    /** Every read-model check of the ledger under test is ok. */
    public static void assertOk() {
        given().get("/v1/verification").then().statusCode(200).body(ALL_BUT_ACCOUNT_SERVICE, everyItem(is(true)));
    }
}
