package dev.ocbridge.adapter.opencode.rest;

import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.core.error.UnavailableException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests follow a server that moves, carry its current password, and go nowhere while there is none. */
class CurrentServerInterceptorTest {
    private static final String HEALTHY = "{\"healthy\":true,\"version\":\"1.18.33\"}";

    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final AtomicReference<ServerAccess> current = new AtomicReference<>();
    private final OpenCodeHttp http = new OpenCodeHttp(() -> Optional.ofNullable(current.get()));

    @BeforeEach
    void start() throws IOException {
        first.start();
        second.start();
    }

    @AfterEach
    void stop() {
        http.close();
        first.close();
        second.close();
    }

    @Test
    void aRequestGoesToWhereTheServerIsNowWithItsPassword() throws Exception {
        current.set(new ServerAccess(url(first), "pw-one"));
        first.enqueue(new MockResponse.Builder().body(HEALTHY).build());

        RemoteCall.execute(http.api().health(), "checking its health");

        RecordedRequest request = first.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/global/health");
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo(Credentials.basic("opencode", "pw-one", StandardCharsets.UTF_8));
    }

    @Test
    void afterTheServerMovedTheNextRequestFollowsItWithTheNewPassword() throws Exception {
        current.set(new ServerAccess(url(first), "pw-one"));
        first.enqueue(new MockResponse.Builder().body(HEALTHY).build());
        RemoteCall.execute(http.api().health(), "checking its health");

        current.set(new ServerAccess(url(second), "pw-two"));
        second.enqueue(new MockResponse.Builder().body(HEALTHY).build());
        RemoteCall.execute(http.api().health(), "checking its health");

        assertThat(second.takeRequest().getHeaders().get("Authorization"))
                .isEqualTo(Credentials.basic("opencode", "pw-two", StandardCharsets.UTF_8));
        assertThat(first.getRequestCount()).isEqualTo(1);
    }

    @Test
    void whileThereIsNoServerNothingIsSentAnywhere() throws Exception {
        current.set(null);

        assertThatThrownBy(() -> RemoteCall.execute(http.api().health(), "checking its health"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no OpenCode server");
        assertThat(first.takeRequest(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aServerWithoutPasswordGetsNoAuthorizationHeader() throws Exception {
        current.set(new ServerAccess(url(first), null));
        first.enqueue(new MockResponse.Builder().body(HEALTHY).build());

        RemoteCall.execute(http.api().health(), "checking its health");

        assertThat(first.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aBaseUrlWithAPathKeepsItsPrefix() throws Exception {
        current.set(new ServerAccess(URI.create(url(first) + "opencode"), null));
        first.enqueue(new MockResponse.Builder().body("[]").build());

        RemoteCall.execute(http.api().sessions(null), "listing sessions");

        assertThat(first.takeRequest().getUrl().encodedPath()).isEqualTo("/opencode/session");
    }

    private static URI url(MockWebServer server) {
        return server.url("/").uri();
    }
}
