package dev.ocbridge.adapter.opencode.rest;

import dev.ocbridge.adapter.opencode.server.ServerAccess;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An answer the adapter cannot read says what it was, without showing JSON that may hold secrets. */
class DescribedAnswerConverterFactoryTest {

    private final MockWebServer server = new MockWebServer();
    private OpenCodeHttp http;

    @BeforeEach
    void start() throws IOException {
        server.start();
        URI url = URI.create(server.url("/").toString());
        http = new OpenCodeHttp(() -> Optional.of(new ServerAccess(url, null)));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aWebPageInsteadOfJsonIsNamedWithItsContentTypeAndBeginning() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .body("<!doctype html>\n<html lang=\"en\">" + "x".repeat(1000)).build());

        assertThatThrownBy(() -> RemoteCall.execute(http.api().projects(), "listing its projects"))
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageContaining("listing its projects")
                .hasMessageContaining("text/html")
                .hasMessageContaining("beginning \"<!doctype html> <html lang=\"en\">xxx")
                .hasMessageNotContaining("x".repeat(DescribedAnswerConverterFactory.SHOWN));
    }

    @Test
    void jsonOfAnUnexpectedShapeIsNamedWithoutItsContent() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("{\"provider\":{\"apiKey\":\"sk-secret\"}}").build());

        assertThatThrownBy(() -> RemoteCall.execute(http.api().projects(), "listing its projects"))
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageContaining("application/json")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void jsonUnderAnotherContentTypeIsNamedWithoutItsContentToo() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                .body("{\"provider\":{\"apiKey\":\"sk-secret\"}}").build());

        assertThatThrownBy(() -> RemoteCall.execute(http.api().projects(), "listing its projects"))
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageContaining("text/plain")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void aReadableAnswerIsReadWhole() {
        String worktree = "/" + "w".repeat(500);
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                .body("[{\"id\":\"p1\",\"worktree\":\"" + worktree + "\"}]").build());

        assertThat(RemoteCall.execute(http.api().projects(), "listing its projects"))
                .extracting(ProjectWire::worktree).containsExactly(worktree);
    }
}
