package io.taskbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.Config;
import io.taskbridge.Taskbridge;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The /try sandbox in a real browser, against the whole service with Slack not configured: the
 * page's commands, clicks and form submissions go signed through /slack/events to the Bolt app,
 * the store and the outbox, and come back through the stand-in Web API to the page.
 */
class SandboxBrowserTest {
    private static final String AVERY = "U01AVERY";
    private static final String BEA = "U02BEA";
    private static final String CHIKA = "U03CHIKA";
    /** The task message's status once done, as the page renders ":white_check_mark: Done". */
    private static final String DONE = "\u2705 Done";

    @TempDir
    Path temp;

    private Taskbridge service;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        service = Taskbridge.start(Config.from(Map.of("PORT", "0", "TASKBRIDGE_DB_URL", Databases.sqliteUrl(),
                "TASKBRIDGE_OUTBOX_POLL_MS", "200")), Clock.systemUTC());
        browser = Chromium.start(temp.resolve("profile"));
        // The page draws its conversation afresh on every change: an element found a moment ago may be gone.
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aTaskIsCreatedShownInEachViewersZoneDoneAndApprovedThroughThePage() throws Exception {
        open("avery", "C01GENERAL");

        command("/task add Review the Q3 report due friday 5pm");
        String ts = wait.until(d -> taskMessage(1).getAttribute("data-ts"));
        Task first = service.tasks().get(1);
        Instant due = first.dueDate().orElseThrow();
        assertThat(due.atZone(ZoneId.of("America/New_York")).getHour()).isEqualTo(17);
        assertThat(textOf(1)).contains(shown(due, "America/New_York")).contains("5:00 PM");

        actAs(CHIKA);
        assertThat(textOf(1)).contains(shown(due, "Asia/Tokyo")).doesNotContain("5:00 PM");

        actAs(AVERY);
        click(() -> taskMessage(1).findElement(By.cssSelector("button[data-action-id='task_done']")));
        wait.until(d -> messageAt(ts).getText().contains(DONE));
        assertThat(service.tasks().get(1).status()).isEqualTo(Status.DONE);
        assertThat(wait.until(d -> (Integer) taskMessages(1).size()).intValue()).as("updated in place, not posted again").isEqualTo(1);
        assertThat(wait.until(d -> (Integer) messageAt(ts).findElements(By.cssSelector("button[data-action-id='task_done']")).size()).intValue())
                .isZero();

        command("/task");
        WebElement modal = wait.until(d -> d.findElements(By.id("modal")).stream().findFirst().orElse(null));
        assertThat(modal.getText()).contains("New task");
        modal.findElement(By.id("modal-submit")).click();
        WebElement title = wait.until(d -> d.findElement(By.cssSelector(".input-block[data-block-id='title']"))
                .getAttribute("class").contains("has-error") ? d.findElement(By.cssSelector(".input-block[data-block-id='title']")) : null);
        assertThat(title.findElement(By.className("input-error")).getText()).isNotBlank();
        assertThat(service.tasks().list(io.taskbridge.task.TaskQuery.all()).size()).isEqualTo(1);
        title.findElement(By.cssSelector("input")).sendKeys("Book the offsite venue");
        browser.findElement(By.id("modal-submit")).click();
        wait.until(d -> d.findElements(By.id("modal")).isEmpty());
        assertThat(textOf(2)).contains("Book the offsite venue");

        command("/task review 2 @bea");
        wait.until(d -> textOf(2).contains("In review"));
        actAs(BEA);
        browser.findElement(By.cssSelector("#apps li[data-channel='D02BEA']")).click();
        browser.findElement(By.id("tab-home")).click();
        assertThat((String) wait.until(d -> d.findElement(By.cssSelector("#messages[data-view='home']")).getText()))
                .contains("Nothing on your App Home yet");
        browser.findElement(By.id("tab-messages")).click();
        WebElement request = wait.until(d -> d.findElements(By.cssSelector("#messages .message")).stream()
                .filter(m -> m.getText().contains("Approval for") && m.getText().contains("#2")).findFirst().orElse(null));
        String requestTs = request.getAttribute("data-ts");
        click(() -> messageAt(requestTs).findElement(By.cssSelector("button[data-action-id='approval_approve']")));
        wait.until(d -> messageAt(requestTs).getText().contains("Approved"));
        assertThat(wait.until(d -> (Integer) messageAt(requestTs).findElements(By.tagName("button")).size()).intValue()).isZero();
        assertThat(service.tasks().get(2).status()).isEqualTo(Status.DONE);

        browser.findElement(By.cssSelector("#channels li[data-channel='C01GENERAL']")).click();
        wait.until(d -> textOf(2).contains(DONE));
        actAs(AVERY);
        wait.until(d -> textOf(2).contains(DONE));
        assertThat(textOf(2)).contains("Bea Schmidt");
        screenshot();
    }

    /** How Slack shows the token's "{date_short_pretty} at {time}" to someone in {@code zone}. */
    private static String shown(Instant at, String zone) {
        ZonedDateTime local = at.atZone(ZoneId.of(zone));
        LocalDate today = LocalDate.now(ZoneId.of(zone));
        String day = local.toLocalDate().equals(today) ? "Today"
                : local.toLocalDate().equals(today.plusDays(1)) ? "Tomorrow"
                : DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).format(local);
        return day + " at " + DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH).format(local);
    }

    private void open(String handle, String channel) {
        browser.get("http://127.0.0.1:" + service.port() + "/try#" + handle + "/" + channel);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private void actAs(String user) {
        new Select(browser.findElement(By.id("as"))).selectByValue(user);
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-version") != null
                && d.findElement(By.id("zone")).getText().contains(zoneOf(user)));
    }

    private static String zoneOf(String user) {
        return switch (user) {
            case AVERY -> "America/New York";
            case BEA -> "Europe/Berlin";
            default -> "Asia/Tokyo";
        };
    }

    private void command(String text) {
        WebElement box = browser.findElement(By.id("compose"));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    private List<WebElement> taskMessages(long id) {
        return browser.findElements(By.cssSelector("#messages .message:not(.ephemeral)")).stream()
                .filter(m -> !m.findElements(By.cssSelector("[data-block-id='task:" + id + "']")).isEmpty()).toList();
    }

    private WebElement taskMessage(long id) {
        return wait.until(d -> taskMessages(id).stream().findFirst().orElse(null));
    }

    /** The task message's text as shown now (read again if the page redrew it meanwhile). */
    private String textOf(long id) {
        return wait.until(d -> taskMessage(id).getText());
    }

    private void click(java.util.function.Supplier<WebElement> button) {
        wait.until(d -> {
            button.get().click();
            return true;
        });
    }

    private WebElement messageAt(String ts) {
        return browser.findElement(By.cssSelector("#messages .message[data-ts='" + ts + "']"));
    }

    /** With -Dsandbox.screenshot=PATH the page is saved there as a PNG (the README's picture). */
    private void screenshot() throws java.io.IOException {
        String target = System.getProperty("sandbox.screenshot");
        if (target != null && !target.isBlank()) {
            Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
