package dev.ocbridge.adapter.opencode;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenCodeSettingsTest {

    @Test
    void thePasswordIsNeverPrinted() {
        OpenCodeSettings settings = new OpenCodeSettings(URI.create("http://127.0.0.1:4096"), "hunter2", "/p");

        assertThat(settings.toString()).doesNotContain("hunter2").contains("***");
    }

    @Test
    void anEmptyPasswordMeansNone() {
        assertThat(new OpenCodeSettings(URI.create("http://127.0.0.1:4096"), "", "/p").server().current()
                .orElseThrow().password()).isNull();
    }

    @Test
    void aServerGivenByUrlStaysPut() {
        OpenCodeSettings settings = new OpenCodeSettings(URI.create("http://127.0.0.1:4096"), null, "/p");

        assertThat(settings.server().current()).hasValueSatisfying(
                access -> assertThat(access.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:4096")));
    }

    @Test
    void theLivenessDeadlineDefaultsToThreeMissedHeartbeats() {
        assertThat(new OpenCodeSettings(URI.create("http://127.0.0.1:4096"), null, "/p").livenessDeadline())
                .isEqualTo(OpenCodeSettings.DEFAULT_LIVENESS_DEADLINE);
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> new OpenCodeSettings(URI.create("ftp://host"), null, "/p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
    }
}
