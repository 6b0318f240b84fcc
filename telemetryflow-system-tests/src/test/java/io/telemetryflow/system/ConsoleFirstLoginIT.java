package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.ConsoleBrowser;
import io.telemetryflow.testsupport.DefaultTenancy;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's first sign-in of a user an administrator created with a password, in Debian's headless Chromium: the
 * sign-in asks for the user's own password before the shell opens. Screenshots in target/console-screenshots.
 */
class ConsoleFirstLoginIT extends DeployedEar {

    private static final String INITIAL = "Admin-Chosen-Console-31";
    private static final String OWN = "Console-Own-Passphrase-7";

    @Test
    void aUserWithThePasswordTheAdministratorChoseChoosesTheirOwnBeforeTheShellOpens(TestInfo test) throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String email = IamCalls.uniqueEmail("console-first");
        // placed in the default tenant as the demo users are, so the overview has a tenant to read
        String id = admin.create("/iam/users", IamCalls.user(email, INITIAL).add("firstName", "Fiona").add("lastName", "First")
                .add("tenantId", DefaultTenancy.read().tenantId())).getString("id");
        assertThat(admin.post("/iam/users/" + id + "/activate", null).statusCode()).isEqualTo(200);
        admin.create("/iam/users/" + id + "/roles", IamCalls.object().add("roleId", admin.systemRole("Viewer")));

        try (ConsoleBrowser browser = ConsoleBrowser.open(test.getTestMethod().orElseThrow().getName())) {
            browser.signIn(email, INITIAL);
            WebElement form = browser.hook("password-change-form");
            assertThat(form.getText()).contains("Choose your own password");
            assertThat(browser.hooks("user-menu")).as("no shell before the own password").isEmpty();
            browser.screenshot("password-change");

            browser.type(browser.visible(By.name("newPassword")), "Password123!");
            browser.type(browser.visible(By.name("repeatPassword")), "Password123!");
            form.submit();
            assertThat(browser.hook("sign-in-error").getText()).as("the server's reason").contains("commonly used");
            browser.screenshot("refused");

            browser.type(browser.visible(By.name("newPassword")), OWN);
            browser.type(browser.visible(By.name("repeatPassword")), OWN);
            browser.hook("password-change-form").submit();
            browser.awaitShell();
            assertThat(browser.path()).startsWith("/services");
            assertThat(browser.hooks("user-menu").get(0).getText()).contains("Fiona First");
            assertThat(browser.cookie("tf_refresh")).as("the session's cookie").isPresent();
            browser.screenshot("signed-in");
            browser.assertNoConsoleErrors("complete-password-change");
        }
        assertThat(TestEnvironment.login(email, OWN)).as("the own password signs in directly").isNotBlank();
    }
}
