package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TASKBRIDGE_METRICS and TASKBRIDGE_METRICS_KEY: off unless asked for; a key turns them on; the key never prints. */
class MetricsSettingsTest {

    @Test
    void offUnlessAskedFor() {
        assertThat(Config.from(Map.of()).metrics().on()).isFalse();
        assertThat(Config.from(Map.of("TASKBRIDGE_METRICS", "off")).metrics().on()).isFalse();
        assertThat(Config.from(Map.of("TASKBRIDGE_METRICS", "on")).metrics().on()).isTrue();
        assertThat(Config.from(Map.of("TASKBRIDGE_METRICS", "on")).metrics().key()).isEmpty();
    }

    @Test
    void aKeyTurnsThemOnAndIsNeverPrinted() {
        Config.MetricsSettings settings = Config.from(Map.of("TASKBRIDGE_METRICS_KEY", "k-secret-1")).metrics();
        assertThat(settings.on()).isTrue();
        assertThat(settings.key()).map(Secret::value).contains("k-secret-1");
        assertThat(settings.toString()).doesNotContain("k-secret-1");
    }

    @Test
    void contradictoryOrMalformedSettingsAreRefusedByName() {
        assertThatThrownBy(() -> Config.from(Map.of("TASKBRIDGE_METRICS", "off", "TASKBRIDGE_METRICS_KEY", "k-secret-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TASKBRIDGE_METRICS_KEY")
                .hasMessageNotContaining("k-secret-2");
        assertThatThrownBy(() -> Config.from(Map.of("TASKBRIDGE_METRICS", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TASKBRIDGE_METRICS");
    }
}
