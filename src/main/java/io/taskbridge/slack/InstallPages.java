package io.taskbridge.slack;

import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthInstallPageRenderer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthRedirectUriPageRenderer;

/**
 * The pages a person sees while installing: "Add to Slack", a success page that says what to do
 * next, and a failure page that says what went wrong and installs nothing.
 */
final class InstallPages implements OAuthInstallPageRenderer, OAuthRedirectUriPageRenderer {
    static final String INSTALLED = "Taskbridge is installed";
    static final String NOT_INSTALLED = "Taskbridge was not installed";

    @Override
    public String render(String authorizeUrl) {
        return page("Add Taskbridge to Slack", "<p>Taskbridge turns <code>/task</code> into tasks with reminders and "
                + "approvals.</p><p><a href=\"" + html(authorizeUrl) + "\"><img alt=\"Add to Slack\" height=\"40\" "
                + "width=\"139\" src=\"https://platform.slack-edge.com/img/add_to_slack.png\"></a></p>");
    }

    @Override
    public String renderSuccessPage(Installer installer, String completionUrl) {
        return page(INSTALLED, "<p>Taskbridge is now installed in your workspace.</p><p>Next: type <code>/task help</code> "
                + "in any channel, or <code>/task add Review the Q3 report due friday</code>. In private channels, "
                + "invite the bot first (<code>/invite @Taskbridge</code>).</p>");
    }

    @Override
    public String renderFailurePage(String installPath, String reason) {
        return page(NOT_INSTALLED, "<p>" + html(explain(reason)) + " Nothing was installed.</p>"
                + "<p><a href=\"" + InstallRoutes.INSTALL_PATH + "\">Start the installation again</a>.</p>");
    }

    /** Bolt's failure reasons, in words. */
    static String explain(String reason) {
        if (reason == null) {
            return "The installation failed.";
        }
        return switch (reason) {
            case "invalid_state" -> "This installation link is not valid: it has expired (links last ten minutes), "
                    + "was used already, or was not started from this browser.";
            case "access_denied" -> "The installation was cancelled in Slack.";
            case "invalid_code", "code_already_used" -> "Slack did not accept the installation code.";
            default -> "The installation failed (" + reason + ").";
        };
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>" + html(title) + "</h1>"
                + body + "</body></html>";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
