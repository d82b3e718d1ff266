package io.eventbank.devstack;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every REST Assured request of a test (a {@code @QuarkusTest}, or one that runs services as processes) the
 * services' own token, as the gateway's calls carry it,
 * unless the request has an {@code Authorization} header of its own. A test that wants no token at all sends
 * {@code Authorization: none}, which this filter takes away.
 */
public final class ServiceTokenFilter implements Filter, QuarkusTestBeforeEachCallback {

    static final String NONE = "none";
    /** Where {@link TestStack} leaves the token: the test resource and the test may have class loaders of their own. */
    public static final String PROPERTY = "eventbank.test.service-token";
    private static boolean installed;

    /** Before each {@code @QuarkusTest} method, in the test's class loader. */
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    /** Installs the filter in this class loader's REST Assured (once; later calls do nothing). */
    public static synchronized void install() {
        try {
            Class.forName("io.restassured.RestAssured", false, ServiceTokenFilter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return; // a module whose tests do not use REST Assured
        }
        if (!installed) {
            installed = true;
            RestAssured.filters(new ServiceTokenFilter());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        String given = request.getHeaders().getValue("Authorization");
        String token = System.getProperty(PROPERTY);
        if (given == null && token != null) {
            request.header("Authorization", "Bearer " + token);
        } else if (given.equals(NONE)) {
            request.removeHeader("Authorization");
        }
        return context.next(request, response);
    }
}
