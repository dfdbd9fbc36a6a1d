package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Json;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.connector.workiva.WorkivaVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connector settings from the environment: what exists, defaults, and clear refusals. */
class ConnectorSettingsTest {

    @Test
    void nothingSetMeansNoConnections() {
        ConnectorSettings s = ConnectorSettings.from(Map.of());
        assertThat(s.connect(Json.mapper(), Clock.systemUTC())).isEmpty();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.admins()).isEmpty();
    }

    @Test
    void everyConnectionWithDefaults() {
        ConnectorSettings s = ConnectorSettings.from(Map.of("WORKIVA_CLIENT_ID", "id", "WORKIVA_CLIENT_SECRET", "very-secret",
                "AWORK_API_KEY", "aw-key", "TASKAPI_BASE_URL", "http://127.0.0.1:9/v1", "TASKAPI_TOKEN", "tok",
                "TASKBRIDGE_POLL_INTERVAL", "90", "TASKBRIDGE_ADMINS", "U1, U2"));
        assertThat(s.workiva().orElseThrow().baseUrl().toString()).isEqualTo("https://api.app.wdesk.com");
        assertThat(s.workiva().orElseThrow().version()).isEqualTo(WorkivaVersion.V2022_01_01);
        assertThat(s.awork().orElseThrow().baseUrl().toString()).isEqualTo("https://api.awork.com");
        assertThat(s.connect(Json.mapper(), Clock.systemUTC())).extracting(TaskBackend::name)
                .containsExactly("workiva", "awork", "taskapi");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.admins()).containsExactlyInAnyOrder("U1", "U2");
        assertThat(s.toString()).doesNotContain("very-secret").doesNotContain("aw-key");
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> ConnectorSettings.from(Map.of("WORKIVA_CLIENT_ID", "id")))
                .hasMessageContaining("WORKIVA_CLIENT_SECRET must be set");
        assertThatThrownBy(() -> ConnectorSettings.from(Map.of("WORKIVA_CLIENT_ID", "id", "WORKIVA_CLIENT_SECRET", "s",
                "WORKIVA_API_VERSION", "2024-01-01"))).hasMessageContaining("2022-01-01, 2026-01-01");
        assertThatThrownBy(() -> ConnectorSettings.from(Map.of("TASKBRIDGE_POLL_INTERVAL", "soon")))
                .hasMessageContaining("TASKBRIDGE_POLL_INTERVAL");
        assertThatThrownBy(() -> ConnectorSettings.from(Map.of("AWORK_API_KEY", "k", "AWORK_BASE_URL", "not a url")))
                .hasMessageContaining("AWORK_BASE_URL");
        assertThat(ConnectorSettings.from(Map.of("TASKBRIDGE_POLL_INTERVAL", "500ms")).pollInterval())
                .isEqualTo(Duration.ofMillis(500));
    }
}
