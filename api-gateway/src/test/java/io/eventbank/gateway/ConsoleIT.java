package io.eventbank.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventbank.devstack.testing.PlatformUnderTest;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium (Debian's chromium and chromium-driver) against the whole platform as real
 * processes: what a customer, an auditor and an operator do in it, and what a customer cannot reach. Each test keeps
 * screenshots of the pages it saw under {@code target/console-screenshots}.
 *
 * <p>Without the browser installed the tests are skipped, saying so, unless {@code EVENTBANK_REQUIRE_BROWSER} is set
 * (CI sets it, after installing them): then a missing browser fails the build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    /** axe-core, from the console's npm packages: the accessibility rules every page is checked against. */
    private static final Path AXE = Path.of("src", "main", "webui", "node_modules", "axe-core", "axe.min.js");
    private static PlatformUnderTest platform;
    private static final Map<String, String> downstream = new java.util.HashMap<>();
    private static String base;
    private static String api;

    private WebDriver browser;
    private WebDriverWait wait;
    private String test;
    private int shots;

    @BeforeAll
    static void start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("EVENTBANK_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "ConsoleIT skipped: no /usr/bin/chromium and /usr/bin/chromedriver"
                + " (apt-get install -y chromium chromium-driver)");
        deleteScreenshots();
        // the test polls the read models as fast as they answer: reads are not what it limits
        Map<String, String> settings = Map.of("EVENTBANK_GATEWAY_RATE_LIMIT_READS_PER_SECOND", "10000",
                "EVENTBANK_GATEWAY_RATE_LIMIT_READ_BURST", "10000");
        platform = PlatformUnderTest.start(settings);
        downstream.putAll(settings);
        downstream.putAll(platform.gatewayEnvironment());
        base = platform.gatewayUrl();
        api = base + "/api/v1";
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-GB");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, PATIENCE);
        test = info.getTestMethod().orElseThrow().getName();
        shots = 0;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            screenshot("last");
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void aCustomerOpensAnAccountAndSendsATransferInTheFormUntilItIsCompleted() {
        String subject = "console-" + UUID.randomUUID();
        signIn(TestTokens.customer(subject));
        shown(By.id("accounts-title"));
        screenshot("accounts-empty");
        assertAccessible("accounts");

        browser.findElement(By.id("open-owner")).sendKeys("Clara Console");
        shown(By.cssSelector("#open-bank option[value='10020030']"));
        new Select(browser.findElement(By.id("open-bank"))).selectByValue("10020030");
        browser.findElement(By.cssSelector("form[aria-labelledby=open-title] button[type=submit]")).click();
        WebElement row = shown(By.cssSelector("#accounts tbody tr"));
        String iban = row.getAttribute("data-iban");
        assertThat(iban).startsWith("DE");

        as(TestTokens.customer(subject)).contentType(ContentType.JSON).body(Map.of("amount", "100.00"))
                .post(api + "/accounts/{iban}/deposits", iban).then().statusCode(200);
        String payee = openAccount("Paul Payee", "20030040");

        go("#/transfer");
        WebElement to = shown(By.id("transfer-to"));
        to.sendKeys("DE00" + payee.substring(4));
        assertThat(shown(By.id("transfer-to-error")).getText()).contains("check digits");
        to.clear();
        to.sendKeys(payee.replaceAll("(.{4})", "$1 "));
        shown(By.id("transfer-to-ok"));
        browser.findElement(By.id("transfer-amount")).sendKeys("12,5");
        assertThat(shown(By.id("transfer-amount-error")).getText()).contains("decimal");
        browser.findElement(By.id("transfer-amount")).clear();
        browser.findElement(By.id("transfer-amount")).sendKeys("12.34");
        browser.findElement(By.id("transfer-reference")).sendKeys("console rent");
        screenshot("transfer-form");
        assertAccessible("transfer form");
        browser.findElement(By.id("transfer-send")).click();

        wait.until(ExpectedConditions.textToBe(By.id("transfer-status"), "COMPLETED"));
        assertThat(browser.findElement(By.cssSelector(".timeline")).getText()).contains("Transfer Requested",
                "Transfer Completed");
        screenshot("transfer-completed");

        go("#/accounts");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#accounts tr[data-iban='" + iban + "'] .balance"),
                "87.66 EUR"));
        go("#/accounts/" + iban);
        wait.until(ExpectedConditions.textToBe(By.id("account-balance"), "87.66 EUR"));
        shown(By.cssSelector("#statement tbody tr"));
        assertThat(browser.findElement(By.id("statement")).getText()).contains("-12.34 EUR", "console rent");
        screenshot("statement");
        assertAccessible("statement");
        assertBalance(payee, "12.34");

        // a transfer the account cannot pay: the form shows it FAILED, and why, and no money moves
        go("#/transfer");
        shown(By.id("transfer-to")).sendKeys(payee);
        browser.findElement(By.id("transfer-amount")).sendKeys("500.00");
        browser.findElement(By.id("transfer-send")).click();
        wait.until(ExpectedConditions.textToBe(By.id("transfer-status"), "FAILED"));
        assertThat(shown(By.id("transfer-failure")).getText()).contains("INSUFFICIENT_FUNDS", "funds");
        screenshot("transfer-failed");
        assertBalance(iban, "87.66");
        assertBalance(payee, "12.34");
    }

    @Test
    @Order(2)
    void anAuditorSeesATransferAppearInTheLiveStreamAndLosesNoEventWhilePaused() {
        String payer = openAccount("Ann Auditee", "10020030");
        deposit(payer, "50.00");
        String payee = openAccount("Ben Auditee", "10020030");
        signIn(TestTokens.auditor());
        shown(By.id("audit-title"));
        wait.until(ExpectedConditions.textToBe(By.id("stream-state"), "Live"));

        String live = transfer(payer, payee, "5.00", "live-" + UUID.randomUUID());
        shown(By.cssSelector("#events tr td.mono"));
        wait.until(d -> d.findElement(By.id("events")).getText().contains(live));
        screenshot("audit-live");
        assertAccessible("audit stream");

        browser.findElement(By.id("stream-pause")).click();
        wait.until(ExpectedConditions.textMatches(By.id("stream-state"), java.util.regex.Pattern.compile("Paused.*")));
        String whilePaused = transfer(payer, payee, "6.00", "paused-" + UUID.randomUUID());
        awaitFinal(whilePaused);
        assertThat(browser.findElement(By.id("events")).getText()).doesNotContain(whilePaused);
        browser.findElement(By.id("stream-resume")).click();
        wait.until(d -> d.findElement(By.id("events")).getText().contains(whilePaused));
        wait.until(ExpectedConditions.textToBe(By.id("stream-state"), "Live"));

        // the drill-down: one correlation id through every service that wrote its events
        String correlation = browser.findElement(By.xpath("//tr[td[contains(., '" + whilePaused + "')]]//a"))
                .getText();
        go("#/trace/" + correlation);
        // a transfer within one bank: account-service booked it alone, the payer's debit and the payee's credit
        wait.until(d -> d.findElement(By.cssSelector(".trace")).getText().contains("AccountCreditedEvent"));
        assertThat(browser.findElement(By.cssSelector(".trace")).getText()).contains("account-service",
                "AccountDebitedEvent").doesNotContain("transfer-saga");
        screenshot("trace");
    }

    @Test
    @Order(3)
    void anOperatorStartsAReplayAndSeesItReturnToLive() {
        String payer = openAccount("Olga Operated", "10020030");
        deposit(payer, "30.00");
        String interbank = transfer(payer, openAccount("Otto Other", "20030040"), "7.50", "to the other bank");
        awaitFinal(interbank);
        signIn(TestTokens.operator());
        shown(By.id("overview-title"));
        wait.until(d -> d.findElement(By.cssSelector(".chart .chart-summary")).getText().startsWith("last full"));
        // the risk engine's count of the payer's bank, from the event stream
        wait.until(d -> d.findElements(By.cssSelector("#risk-analytics td")).stream()
                .anyMatch(cell -> cell.getText().equals("10020030")));
        screenshot("operations");
        assertAccessible("operations");

        go("#/projections");
        By accounts = By.cssSelector("tr[data-projection=accounts]");
        int generation = Integer.parseInt(shown(accounts).findElements(By.tagName("td")).get(1).getText());
        screenshot("projections-before");
        browser.findElement(By.cssSelector("button[aria-label='Replay accounts']")).click();
        wait.until(d -> Integer.parseInt(d.findElement(accounts).findElements(By.tagName("td")).get(1).getText())
                == generation + 1);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-projection=accounts] .projection-state"),
                "LIVE"));
        screenshot("projections-after");
        assertAccessible("read models");

        go("#/verification");
        wait.until(ExpectedConditions.textToBe(By.id("verification-result"), "Every check passed."));
        screenshot("verification");
        go("#/settlements");
        wait.until(d -> d.findElement(By.id("settlements")).getText().contains("20030040"));
        wait.until(d -> d.findElement(By.cssSelector(".chart .chart-summary")).getText().contains("20030040"));
        screenshot("settlements");
        assertAccessible("settlements");
        go("#/dead-letters");
        shown(By.id("dlq-title"));
        screenshot("dead-letters");

        // an account's lifecycle: frozen, then open again
        go("#/account-actions");
        shown(By.id("action-iban")).sendKeys(payer);
        browser.findElement(By.cssSelector("form.panel button[type=submit]")).click();
        shown(By.id("freeze-reason")).sendKeys("console check");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Freeze']"))).click();
        wait.until(d -> d.findElement(By.cssSelector("main .panel .status")).getText().equals("FROZEN"));
        assertThat(as(TestTokens.operator()).get(api + "/accounts/{iban}", payer).then().extract()
                .<String>path("status")).isIn("OPEN", "FROZEN"); // the read model follows
        screenshot("account-frozen");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Unfreeze']"))).click();
        wait.until(d -> d.findElement(By.cssSelector("main .panel .status")).getText().equals("OPEN"));
        assertAccessible("account lifecycle");
    }

    @Test
    @Order(4)
    void aCustomerReachesNeitherOperatorPagesNorAnotherCustomersAccount() {
        String strangers = openAccount("Someone Else", "10020030");
        signIn(TestTokens.customer("console-nosy-" + UUID.randomUUID()));
        shown(By.id("accounts-title"));
        assertThat(browser.findElement(By.tagName("nav")).getText()).doesNotContain("Operations", "Read models",
                "Audit stream");

        go("#/projections");
        assertThat(shown(By.id("not-allowed")).getText()).isEqualTo("Not for your role");
        screenshot("not-allowed");
        // and the gateway refuses the call itself, whatever the page shows
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + " fetch('/api/v1/admin/projections', {headers: {Authorization: 'Bearer '"
                + " + sessionStorage.getItem('eventbank.token')}}).then(r => done(r.status));");
        assertThat(status).isEqualTo(403L);

        go("#/accounts/" + strangers);
        assertThat(shown(By.cssSelector(".problem")).getText()).contains("404", "UNKNOWN_ACCOUNT");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Someone Else");
        screenshot("another-customers-account");

        browser.findElement(By.id("sign-out")).click();
        shown(By.id("token"));
        go("#/accounts");
        shown(By.id("token"));
    }

    @Test
    @Order(5)
    void aCustomerSignsInThroughTheExternalIssuersLoginFlow() throws Exception {
        String subject = "oidc-" + UUID.randomUUID();
        try (StandInOpenIdProvider issuer = new StandInOpenIdProvider("eventbank-console", "customer", subject)) {
            Map<String, String> environment = new java.util.HashMap<>(downstream);
            environment.put("EVENTBANK_JWT_ISSUER", issuer.issuer());
            environment.put("EVENTBANK_CONSOLE_OIDC_CLIENT_ID", "eventbank-console");
            try (ServiceUnderTest gateway = new ServiceUnderTest("api-gateway", environment)) {
                gateway.start(Duration.ofSeconds(150));
                browser.get(gateway.baseUrl() + "/");
                WebElement login = shown(By.id("sign-in-oidc"));
                assertThat(login.getText()).contains(issuer.issuer());
                assertAccessible("sign-in");
                screenshot("sign-in-with-issuer");
                login.click();

                shown(By.id("accounts-title"));
                assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("customer");
                assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains(subject);
                assertThat(issuer.tokensIssued).hasValue(1);
                assertThat(browser.getCurrentUrl()).doesNotContain("code=");
                // the issuer's access token works on the API: the customer opens an account in the form
                browser.findElement(By.id("open-owner")).sendKeys("Olivia OpenID");
                browser.findElement(By.cssSelector("form[aria-labelledby=open-title] button[type=submit]")).click();
                shown(By.cssSelector("#accounts tbody tr"));
                screenshot("signed-in-through-issuer");
                // and this gateway, trusting that issuer, refuses the platform's own tokens
                given().header("Authorization", "Bearer " + TestTokens.customer(subject))
                        .get(gateway.baseUrl() + "/api/v1/accounts").then().statusCode(401);
            }
        }
    }

    /** No serious or critical violation of axe-core's rules (WCAG 2 A and AA: labels, contrast, names, structure). */
    private void assertAccessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        try {
            js.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("axe-core is missing: the build's npm ci installs it", e);
        }
        Object found = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
                + ".then(r => done(JSON.stringify(r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' '))"
                + ".join(', '))))).catch(e => done(JSON.stringify(['axe failed: ' + e])));");
        assertThat(String.valueOf(found)).as("accessibility of the " + page + " page").isEqualTo("[]");
    }

    private void signIn(String token) {
        browser.get(base + "/");
        WebElement field = shown(By.id("token"));
        ((JavascriptExecutor) browser).executeScript(
                "const f = arguments[0]; f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));",
                field, token);
        browser.findElement(By.id("sign-in")).click();
        shown(By.id("sign-out"));
    }

    private void go(String hash) {
        browser.get(base + "/" + hash);
    }

    private WebElement shown(By what) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(test, ++shots, name)), png);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    private static void deleteScreenshots() {
        try (var old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : java.util.stream.Stream.<Path>empty()) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();

    private static String openAccount(String owner, String bank) {
        String token = TestTokens.customer("console-" + UUID.randomUUID());
        String iban = as(token).contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "currency", "EUR", "bankCode", bank))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        owners.put(iban, token);
        return iban;
    }

    private static void deposit(String iban, String amount) {
        as(owners.get(iban)).contentType(ContentType.JSON).body(Map.of("amount", amount))
                .post(api + "/accounts/{iban}/deposits", iban).then().statusCode(200);
    }

    private static String transfer(String debtor, String creditor, String amount, String reference) {
        return as(owners.get(debtor)).contentType(ContentType.JSON).body(Map.of("debtorIban", debtor,
                "creditorIban", creditor, "amount", amount, "currency", "EUR", "reference", reference))
                .post(api + "/transfers").then().statusCode(202).extract().path("transferId");
    }

    private static void awaitFinal(String id) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String status;
        do {
            status = as(TestTokens.auditor()).queryParam("wait", "10s").get(api + "/transfers/{id}", id).then()
                    .statusCode(200).extract().path("status");
        } while (!List.of("COMPLETED", "FAILED").contains(status) && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("COMPLETED");
    }

    private static void assertBalance(String iban, String expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String balance;
        do {
            balance = as(TestTokens.auditor()).get(api + "/accounts/{iban}", iban).then().statusCode(200).extract()
                    .path("balance");
        } while (!balance.equals(expected) && System.nanoTime() < deadline);
        assertThat(balance).isEqualTo(expected);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
