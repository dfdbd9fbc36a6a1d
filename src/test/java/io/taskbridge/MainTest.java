package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Main tells Jetty the reference size so that Jetty does not start JMX to ask the JVM. */
class MainTest {

    @Test
    void compressedReferencesBelow32GigabytesOfHeap() {
        assertThat(Main.referencesPerCacheLine(256L * 1024 * 1024)).isEqualTo("16");
        assertThat(Main.referencesPerCacheLine(64L * 1024 * 1024 * 1024)).isEqualTo("8");
    }
}
