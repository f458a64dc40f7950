package io.aihub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * End to end in a real headless Chromium: an owner signs in, creates a budget and a key, reads the
 * secret once, calls the gateway with it, sees the spend move on the dashboard and revokes the key;
 * a viewer sees no write controls; a key's settings are edited, and several keys updated at once, with
 * the results checked through the API; the main pages fit a 390 px phone. Screenshots of each main
 * page land in target/screenshots/.
 */
@ExtendWith(RequiresChromium.class)
class UiBrowserTests extends IntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebDriver driver;
    private String orgId;

    @BeforeEach
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(RequiresChromium.BROWSER.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(RequiresChromium.DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        orgId = createOrganization(MASTER_KEY, "Acme");
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void ownerManagesBudgetAndKeyAndSeesSpendMove() throws Exception {
        signIn(member("owner"));
        assertThat(driver.getCurrentUrl()).endsWith("/ui/orgs/" + orgId);
        assertThat(text("#spend-current")).isEqualTo("$0.00");

        // A budget for the organization.
        open("/budgets");
        driver.findElement(By.id("limit")).sendKeys("25");
        driver.findElement(By.id("create-budget")).click();
        assertThat(await("#budget-limit")).isEqualTo("$25.00");
        assertThat(driver.getCurrentUrl()).contains("/budgets/view?target=org");

        // A key: the secret is shown once, with a copy button, and never again.
        open("/keys/new");
        driver.findElement(By.id("name")).sendKeys("browser key");
        driver.findElement(By.id("create-key")).click();
        String secret = await("#secret");
        assertThat(secret).startsWith("org_").hasSize(47);
        assertThat(driver.findElement(By.id("copy-secret")).isDisplayed()).isTrue();
        assertThat(driver.getPageSource()).contains("You will not see it again");
        screenshot("key-secret");
        driver.navigate().refresh();
        assertThat(driver.findElements(By.id("secret"))).isEmpty();
        assertThat(driver.findElement(By.id("secret-gone")).isDisplayed()).isTrue();
        assertThat(driver.getPageSource()).doesNotContain(secret);
        driver.findElement(By.id("to-key")).click();
        await("#key-status", "active");
        String keyUrl = driver.getCurrentUrl();

        // A real gateway call with that secret moves the spend.
        HttpResponse<String> call = chat(secret);
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        open("");
        new WebDriverWait(driver, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(300)).until(d -> {
            d.navigate().refresh();
            // The budget settles first; the usage record (top keys and models) is written just after the response.
            return !text("#spend-current").equals("$0.00") && d.findElement(By.id("top-models")).getText().contains("demo/echo");
        });
        assertThat(driver.findElement(By.id("top-models")).getText()).contains("demo/echo");
        assertThat(driver.findElement(By.id("top-keys")).getText()).contains("browser key");
        screenshot("dashboard");

        open("/budgets");
        assertThat(driver.findElement(By.id("budgets-table")).getText()).doesNotContain("$0.00 ");
        screenshot("budgets");
        open("/keys");
        assertThat(driver.findElement(By.id("keys-table")).getText()).contains("browser key").contains("active");
        screenshot("keys");
        open("/usage?range=7d&bucket=day&group=model");
        assertThat(driver.findElement(By.id("usage-groups")).getText()).contains("demo/echo");
        screenshot("usage");
        open("/organization");
        screenshot("organization");

        // Revoke with confirmation: unconfirmed is refused next to the checkbox, confirmed works.
        driver.get(keyUrl);
        driver.findElement(By.id("revoke")).click();
        assertThat(await("#err-revoke_confirm")).contains("confirm");
        driver.findElement(By.id("revoke-confirm")).click();
        driver.findElement(By.id("revoke")).click();
        await("#key-status", "revoked");
        assertThat(chat(secret).statusCode()).isEqualTo(401);
    }

    @Test
    void ownerEditsAKeysSettingsAndABadValueChangesNothing() {
        TestKey key = createApiKey(orgId, Map.of("name", "to edit", "rate_limit_per_minute", 60,
                "expires_at", "2099-01-01T12:00:00Z", "metadata", Map.of("owner", "data")));
        signIn(member("owner"));
        open("/keys/" + key.id());
        driver.findElement(By.id("edit-key")).click();
        await("#save-key");
        assertThat(driver.findElement(By.id("rate_limit_per_minute")).getDomProperty("value")).isEqualTo("60");
        type("rate_limit_per_minute", "120");
        type("tokens_per_minute", "5000");
        type("models", "demo/*");
        screenshot("key-edit");
        driver.findElement(By.id("save-key")).click();
        await("#fact-rate_limit_per_minute", "120");
        assertThat(driver.getCurrentUrl()).endsWith("/keys/" + key.id());
        JsonNode changed = keyJson(key.id());
        assertThat(changed.get("rate_limit_per_minute").asInt()).isEqualTo(120);
        assertThat(changed.get("tokens_per_minute").asInt()).isEqualTo(5000);
        assertThat(changed.get("permissions").get("models").get(0).asString()).isEqualTo("demo/*");
        // What the form did not change stays exactly as it was (the expiry is shown as a date, but not rewritten).
        assertThat(changed.get("expires_at").asString()).isEqualTo("2099-01-01T12:00:00Z");
        assertThat(changed.get("metadata").get("owner").asString()).isEqualTo("data");
        assertThat(changed.get("name").asString()).isEqualTo("to edit");

        // A negative rate limit: the service's error shows next to the field, the typed values stay, nothing changes.
        open("/keys/" + key.id() + "/edit");
        type("rate_limit_per_minute", "-5");
        type("name", "renamed meanwhile");
        driver.findElement(By.id("save-key")).click();
        assertThat(await("#err-rate_limit_per_minute")).contains("rate_limit_per_minute must be a positive integer");
        WebElement error = driver.findElement(By.id("err-rate_limit_per_minute"));
        WebElement input = driver.findElement(By.id("rate_limit_per_minute"));
        assertThat(input.getDomProperty("value")).isEqualTo("-5");
        assertThat(error.getLocation().getY()).isGreaterThan(input.getLocation().getY()); // right under its input
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("renamed meanwhile");
        screenshot("key-edit-error");
        driver.manage().window().setSize(new Dimension(390, 844));
        assertNoHorizontalOverflow("key edit with an error");
        scrollTo("#err-rate_limit_per_minute");
        screenshot("key-edit-error-390");
        JsonNode unchanged = keyJson(key.id());
        assertThat(unchanged.get("rate_limit_per_minute").asInt()).isEqualTo(120);
        assertThat(unchanged.get("name").asString()).isEqualTo("to edit");
    }

    @Test
    void batchUpdateChangesTheSelectedKeysOnly() {
        String team = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "Research"))
                .field("id");
        TestKey a = createApiKey(orgId, Map.of("name", "batch a"));
        TestKey b = createApiKey(orgId, Map.of("name", "batch b", "monthly_request_quota", 10));
        TestKey kept = createApiKey(orgId, Map.of("name", "batch kept"));
        signIn(member("owner"));
        open("/keys");
        select(a.id());
        select(b.id());
        driver.findElement(By.id("batch-update-toggle")).click();

        // A bad value first: refused as a whole, the error next to its input, the selection kept, nothing changed.
        driver.findElement(By.id("batch-rate_limit_per_minute")).sendKeys("-1");
        assertThat(driver.findElement(By.id("change-rate_limit_per_minute")).isSelected()).isTrue(); // typing ticks it
        driver.findElement(By.id("batch-update-submit")).click();
        assertThat(await("#err-rate_limit_per_minute")).startsWith("rate_limit_per_minute must be a positive integer");
        assertThat(driver.findElement(By.cssSelector("input[name=key_ids][value='" + a.id() + "']")).isSelected()).isTrue();
        assertThat(driver.findElement(By.cssSelector("input[name=key_ids][value='" + kept.id() + "']")).isSelected()).isFalse();
        screenshot("keys-batch-error");
        assertThat(keyJson(a.id()).get("rate_limit_per_minute").isNull()).isTrue();

        WebElement rate = driver.findElement(By.id("batch-rate_limit_per_minute"));
        rate.clear();
        rate.sendKeys("30");
        new Select(driver.findElement(By.id("batch-team_id"))).selectByVisibleText("Research");
        driver.findElement(By.id("change-monthly_request_quota")).click(); // ticked and empty: unlimited
        screenshot("keys-batch-update");
        driver.findElement(By.id("batch-update-submit")).click();
        assertThat(await("#batch-summary")).startsWith("2 updated, 0 failed");
        assertThat(driver.findElement(By.id("batch-results")).getText()).contains("batch a").contains("batch b");
        screenshot("keys-batch-results");
        for (TestKey k : List.of(a, b)) {
            JsonNode key = keyJson(k.id());
            assertThat(key.get("rate_limit_per_minute").asInt()).as(k.id()).isEqualTo(30);
            assertThat(key.get("team_id").asString()).as(k.id()).isEqualTo(team);
            assertThat(key.get("monthly_request_quota").isNull()).as(k.id()).isTrue();
        }
        JsonNode untouched = keyJson(kept.id());
        assertThat(untouched.get("rate_limit_per_minute").isNull()).isTrue();
        assertThat(untouched.get("team_id").isNull()).isTrue();

        driver.manage().window().setSize(new Dimension(390, 844));
        open("/keys");
        driver.findElement(By.id("batch-update-toggle")).click();
        assertNoHorizontalOverflow("keys with the batch form open");
        scrollTo("#batch-update");
        screenshot("keys-batch-390");
    }

    @Test
    void anotherOrganizationsKeyInTheEditUrlIsNotFound() {
        String otherOrg = createOrganization(MASTER_KEY, "Other");
        TestKey foreign = createApiKey(otherOrg, Map.of("name", "foreign", "rate_limit_per_minute", 5));
        signIn(member("owner"));
        open("/keys/" + foreign.id() + "/edit");
        assertThat(text("#error-status")).isEqualTo("404");
        assertThat(driver.getPageSource()).doesNotContain("foreign").doesNotContain("save-key");
        screenshot("key-edit-404");
        assertThat(keyJson(foreign.id()).get("rate_limit_per_minute").asInt()).isEqualTo(5);
    }

    @Test
    void viewerSeesNoWriteControls() {
        createApiKey(orgId, Map.of("name", "someone's key"));
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", "100"));
        signIn(member("viewer"));
        assertThat(text("#who-role")).isEqualTo("viewer");
        open("/keys");
        assertThat(driver.findElement(By.id("keys-table")).getText()).contains("someone's key");
        assertThat(driver.findElements(By.id("new-key"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("input[name=key_ids]"))).isEmpty();
        assertThat(driver.findElements(By.id("batch-update"))).isEmpty();
        assertThat(driver.findElements(By.id("batch-revoke"))).isEmpty();
        driver.findElement(By.linkText("someone's key")).click();
        assertThat(driver.findElements(By.id("revoke"))).isEmpty();
        assertThat(driver.findElements(By.id("regenerate"))).isEmpty();
        assertThat(driver.findElements(By.id("edit-key"))).isEmpty();
        String keyPage = driver.getCurrentUrl();
        driver.get(keyPage + "/edit");
        assertThat(text("#error-status")).isEqualTo("403");
        open("/budgets");
        assertThat(driver.findElements(By.id("budget-form"))).isEmpty();
        open("/budgets/view?target=org");
        assertThat(driver.findElements(By.id("budget-edit"))).isEmpty();
        assertThat(driver.findElements(By.id("send-test"))).isEmpty();
        open("/organization");
        assertThat(driver.findElements(By.id("team-form"))).isEmpty();
        assertThat(driver.findElements(By.id("member-form"))).isEmpty();
        open("/keys/new");
        assertThat(text("#error-status")).isEqualTo("403");
    }

    @Test
    void mainPagesFitAPhoneWidth() throws Exception {
        TestKey key = createApiKey(orgId, Map.of("name", "a key with a rather long name for a small screen"));
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", "100"));
        api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "Platform"));
        signIn(member("owner"));
        driver.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("", "/keys", "/keys/new", "/keys/" + key.id(), "/keys/" + key.id() + "/edit", "/budgets",
                "/budgets/view?target=org", "/usage", "/organization")) {
            open(page);
            assertNoHorizontalOverflow(page);
        }
        open("/keys/" + key.id() + "/edit");
        screenshot("key-edit-390");
        open("");
        screenshot("dashboard-390");
        open("/keys");
        screenshot("keys-390");
    }

    // ------------------------------------------------------------------ helpers

    private record Login(String email, String password) {
    }

    private Login member(String role) {
        String email = role + "-" + unique() + "@example.com";
        String id = createUser(email, "password-" + role);
        api.post("/api/v1/organizations/" + orgId + "/members", MASTER_KEY, Map.of("user_id", id, "role", role));
        return new Login(email, "password-" + role);
    }

    private void signIn(Login login) {
        driver.get(api.base() + "/ui/orgs/" + orgId);
        assertThat(driver.getCurrentUrl()).endsWith("/ui/sign-in");
        screenshot("sign-in");
        driver.findElement(By.id("email")).sendKeys(login.email());
        driver.findElement(By.id("password")).sendKeys(login.password());
        driver.findElement(By.id("sign-in")).click();
        assertThat(await("#who-email")).isEqualTo(login.email());
    }

    private void open(String path) {
        driver.get(api.base() + "/ui/orgs/" + orgId + path);
    }

    private String text(String css) {
        WebElement element = driver.findElement(By.cssSelector(css));
        return element.getText().strip();
    }

    /** The text of {@code css} once the page that has it has loaded (a click may still be navigating). */
    private String await(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).isEmpty() ? null : text(css));
    }

    private void await(String css, String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.cssSelector(css)).isEmpty() && text(css).equals(expected));
    }

    private void assertNoHorizontalOverflow(String page) {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        assertThat(scrollWidth).as("horizontal overflow on " + page).isLessThanOrEqualTo(innerWidth);
    }

    private void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.cssSelector(css)));
    }

    /** Replaces the value of the input with id {@code id}. */
    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private void select(String keyId) {
        driver.findElement(By.cssSelector("input[name=key_ids][value='" + keyId + "']")).click();
    }

    /** The key as the management API shows it (master key): what the UI did, checked from the other side. */
    private JsonNode keyJson(String keyId) {
        var response = api.get("/api/v1/api-keys/" + keyId, MASTER_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> chat(String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "demo/echo", "messages": [{"role": "user", "content": "Hello from the browser test"}]}"""))
                .timeout(Duration.ofSeconds(30)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
