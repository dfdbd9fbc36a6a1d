package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import org.junit.jupiter.api.Test;

/** The document parses, and the validator that checks every API test's responses really refuses drift. */
class OpenApiDocumentTest {
    static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(ApiClient.openApiText()).build();
    static final String TASK = """
            {"id":"1","title":"t","description":null,"status":"TODO","priority":"MEDIUM","createdBy":"admin",
             "assigneeId":null,"dueDate":null,"warningOffset":null,"tags":[],"createdAt":"2026-11-23T12:00:00Z",
             "updatedAt":"2026-11-23T12:00:00Z"}""";

    @Test
    void aTaskAsTheServiceWritesItPasses() {
        assertThat(VALIDATOR.validateResponse("/v1/tasks/1", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(TASK).build()).getMessages())
                .isEmpty();
    }

    @Test
    void driftIsCaught() {
        String renamed = TASK.replace("\"assigneeId\"", "\"assignee\"");
        assertThat(VALIDATOR.validateResponse("/v1/tasks/1", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(renamed).build()).getMessages())
                .extracting(m -> m.getKey())
                .contains("validation.response.body.schema.additionalProperties", "validation.response.body.schema.required");
        String badError = "{\"error\":{\"code\":\"validation_error\",\"message\":\"m\"}}";
        assertThat(VALIDATOR.validateResponse("/v1/tasks", Request.Method.POST,
                SimpleResponse.Builder.status(422).withContentType("application/json").withBody(badError).build())
                .hasErrors()).isTrue();
        assertThat(VALIDATOR.validateResponse("/v1/tasks", Request.Method.POST,
                SimpleResponse.Builder.status(429).withContentType("application/json")
                        .withBody("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"m\",\"details\":{}}}").build())
                .hasErrors()).as("429 without Retry-After").isTrue();
        assertThat(VALIDATOR.validateResponse("/v1/tasks", Request.Method.GET,
                SimpleResponse.Builder.status(418).build()).hasErrors()).as("undocumented status").isTrue();
    }
}
