package io.tilework.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the console behind a token: the login form, then POSTs carrying the CSRF token")
class LoginTest {

    static final String TOKEN = "console-test-token";

    @TempDir
    static Path dataRoot;
    static Console console;
    @RegisterExtension
    static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> console);

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(ServerSettings.embedded(dataRoot, 0).withToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @DisplayName("the page asks for the token, a wrong one is refused with the server's message, the right one lets it deploy a model")
    void login_thenDeploy_sendsTheCsrfToken() throws Exception {
        Browser browser = console.browser();
        browser.page("processes.html");
        browser.find("login");
        assertFalse(browser.driver().findElement(org.openqa.selenium.By.tagName("main")).isDisplayed(), "the page is hidden before login");
        browser.screenshot("login");

        browser.type("token", "wrong");
        browser.click("login-submit");
        String refused = browser.until(d -> {
            String text = browser.find("login-error").getText();
            return text.isBlank() ? null : text;
        }, "the login's error");
        assertFalse(refused.isBlank());

        browser.type("token", TOKEN);
        browser.click("login-submit");
        browser.find("deploy-form");
        // without the page's CSRF header, the same session's POST is refused: the page's deploy below works only because api.js sends it
        Object bare = browser.script("return fetch('/api/processes/models', "
                + "{method: 'POST', headers: {'Content-Type': 'text/yaml'}, body: 'x: 1'}).then(r => r.status)");
        assertEquals(403L, ((Number) bare).longValue());

        String yaml = Files.readString(ProcessesPageTest.EXAMPLES.resolve("review.yaml"));
        browser.script("document.getElementById('model-yaml').value = arguments[0]", yaml);
        browser.click("model-deploy");
        browser.until(d -> browser.find("deploy-result").getText().startsWith("deployed review"), "review deployed");
        JsonNode models = console.api().get("/api/processes/models");
        assertTrue(models.findValuesAsText("name").contains("review"), models.toString());
    }
}
