package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of {@link FakeSlack} for link previews and workflow steps, strict where Slack is:
 * {@code chat.unfurl} (channel and ts together, or unfurl_id and source together; unfurls a JSON map
 * of link to blocks Block Kit takes) and {@code functions.completeSuccess} / {@code completeError}
 * (only with the execution's own token, once per execution, outputs that hold every output the step
 * declares). Slack's error names: api.slack.com/methods/chat.unfurl, functions.completeSuccess.
 */
final class FakeSlackSurfaces {
    static final Set<String> METHODS = Set.of("chat.unfurl", "functions.completeSuccess", "functions.completeError");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function execution Slack started: its token, the outputs its step requires, whether it completed. */
    private record Execution(String token, Set<String> requiredOutputs, boolean completed) {}

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    void functionExecution(String executionId, String token, Set<String> requiredOutputs) {
        executions.put(executionId, new Execution(token, Set.copyOf(requiredOutputs), false));
    }

    /** The token is a running or finished execution's (xwfp-) token: Slack knows it. */
    boolean knowsToken(String token) {
        return executions.values().stream().anyMatch(e -> e.token().equals(token));
    }

    /** Whether the function execution was completed (success or error). */
    boolean completed(String executionId) {
        Execution e = executions.get(executionId);
        return e != null && e.completed();
    }

    /** The error Slack answers for this call, if any; a completion that passes marks its execution completed. */
    Optional<String> check(String method, Map<String, String> form, String token, List<String> problems,
                           java.util.function.Predicate<String> knownConversation) {
        return method.equals("chat.unfurl") ? unfurl(form, problems, knownConversation) : complete(method, form, token, problems);
    }

    private static Optional<String> unfurl(Map<String, String> form, List<String> problems,
                                           java.util.function.Predicate<String> knownConversation) {
        boolean byMessage = present(form, "channel") && present(form, "ts");
        boolean byComposer = present(form, "unfurl_id") && present(form, "source");
        if (byMessage == byComposer) {
            problems.add("give channel and ts together, or unfurl_id and source together");
            return Optional.of("invalid_arguments");
        }
        if (byComposer && !Set.of("composer", "conversations_history").contains(form.get("source"))) {
            return Optional.of("invalid_source");
        }
        if (byMessage && !knownConversation.test(form.get("channel"))) {
            return Optional.of("cannot_find_channel");
        }
        JsonNode unfurls;
        try {
            unfurls = JSON.readTree(form.getOrDefault("unfurls", ""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            unfurls = null;
        }
        if (unfurls == null || !unfurls.isObject() || unfurls.isEmpty()) {
            return Optional.of("missing_unfurls");
        }
        unfurls.fields().forEachRemaining(entry -> {
            if (!entry.getKey().startsWith("http")) {
                problems.add("unfurl key is not a URL: " + entry.getKey());
            }
            JsonNode blocks = entry.getValue().path("blocks");
            if (blocks.isMissingNode() && !entry.getValue().has("text")) {
                problems.add(entry.getKey() + ": neither blocks nor text");
            } else if (!blocks.isMissingNode()) {
                SlackRules.messageProblems(blocks).forEach(p -> problems.add(entry.getKey() + ": " + p));
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of("cannot_parse_attachment");
    }

    private Optional<String> complete(String method, Map<String, String> form, String token, List<String> problems) {
        String id = form.getOrDefault("function_execution_id", "");
        if (id.isEmpty()) {
            return Optional.of("invalid_arguments");
        }
        Execution execution = executions.get(id);
        if (execution == null) {
            return Optional.of("function_execution_not_found");
        }
        if (!execution.token().equals(token)) {
            return Optional.of("access_denied");
        }
        if (execution.completed()) {
            return Optional.of("execution_not_in_running_state");
        }
        if (method.equals("functions.completeError")) {
            if (!present(form, "error")) {
                return Optional.of("invalid_arguments");
            }
        } else {
            JsonNode outputs;
            try {
                outputs = JSON.readTree(form.getOrDefault("outputs", ""));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                outputs = null;
            }
            if (outputs == null || !outputs.isObject()) {
                return Optional.of("invalid_arguments");
            }
            for (String required : execution.requiredOutputs()) {
                if (!outputs.hasNonNull(required)) {
                    problems.add("missing required output " + required);
                }
            }
            if (!problems.isEmpty()) {
                return Optional.of("parameter_validation_failed");
            }
        }
        executions.put(id, new Execution(execution.token(), execution.requiredOutputs(), true));
        return Optional.empty();
    }

    private static boolean present(Map<String, String> form, String name) {
        String value = form.get(name);
        return value != null && !value.isBlank();
    }
}
