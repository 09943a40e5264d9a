package dev.ocbridge.adapter.mattermost;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MattermostSettingsTest {

    private static MattermostSettings settings(String url) {
        return new MattermostSettings(URI.create(url), null, "secret-token");
    }

    @Test
    void acceptsTheServerUrlWithoutTheApiPath() {
        MattermostSettings settings = settings("https://chat.example.com");

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://chat.example.com/api/v4/"));
    }

    @Test
    void acceptsTheServerUrlWithTheApiPathAndATrailingSlash() {
        MattermostSettings settings = settings("https://chat.example.com/mm/api/v4/");

        assertThat(settings.siteUrl()).isEqualTo(URI.create("https://chat.example.com/mm"));
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://chat.example.com/mm/api/v4/"));
    }

    @Test
    void derivesASecureWebsocketUrlFromHttps() {
        assertThat(settings("https://chat.example.com/api/v4").effectiveWebsocketUrl())
                .isEqualTo(URI.create("wss://chat.example.com/api/v4/websocket"));
    }

    @Test
    void derivesAPlainWebsocketUrlFromHttp() {
        assertThat(settings("http://localhost:8065").effectiveWebsocketUrl())
                .isEqualTo(URI.create("ws://localhost:8065/api/v4/websocket"));
    }

    @Test
    void usesAnExplicitWebsocketUrlAsGiven() {
        URI explicit = URI.create("wss://ws.example.com/custom");

        MattermostSettings settings = new MattermostSettings(URI.create("https://chat.example.com"), explicit, "t");

        assertThat(settings.effectiveWebsocketUrl()).isEqualTo(explicit);
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> settings("ftp://chat.example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesABlankToken() {
        assertThatThrownBy(() -> new MattermostSettings(URI.create("http://x"), null, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheTokenOutOfItsText() {
        assertThat(settings("http://localhost:8065").toString()).doesNotContain("secret-token");
    }
}
