package dev.ocbridge.adapter.opencode.rest;

import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.error.UnavailableException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the server's error answers (shapes from the 1.18.33 reference) become core exceptions. */
class RemoteCallTest {

    @Test
    void aClassicNotFoundBodyGivesItsMessage() {
        String message = RemoteCall.serverMessage(json(
                "{\"name\":\"NotFoundError\",\"data\":{\"message\":\"Session not found: ses_1\"}}"));

        BridgeException failure = RemoteCall.failure(404, message, "reading session ses_1");

        assertThat(failure).isInstanceOf(NotFoundException.class)
                .hasMessage("OpenCode refused reading session ses_1 (HTTP 404): Session not found: ses_1");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aTaggedErrorBodyGivesItsMessage() {
        assertThat(RemoteCall.serverMessage(json("{\"_tag\":\"PermissionNotFoundError\",\"requestID\":\"per_1\","
                + "\"message\":\"Permission request not found: per_1\"}")))
                .isEqualTo("Permission request not found: per_1");
    }

    @Test
    void anEmptyUnauthorizedBodyStillSaysWhatToCheck() {
        BridgeException failure = RemoteCall.failure(401, RemoteCall.serverMessage(json("")), "listing sessions");

        assertThat(failure).isInstanceOf(UnauthorizedException.class).hasMessageContaining("OPENCODE_SERVER_PASSWORD");
    }

    @Test
    void aBadRequestIsRejectedAndServerErrorsAreRetryable() {
        assertThat(RemoteCall.failure(400, "Expected once", "answering")).isInstanceOf(RejectedRequestException.class);
        assertThat(RemoteCall.failure(500, "Unexpected server error", "prompting"))
                .isInstanceOf(UnavailableException.class)
                .satisfies(e -> assertThat(((BridgeException) e).retryable()).isTrue());
    }

    @Test
    void aNonJsonBodyIsTakenAsItIsButShortened() {
        String message = RemoteCall.serverMessage(ResponseBody.create("x".repeat(2000), MediaType.get("text/plain")));

        assertThat(message).hasSizeLessThan(600).startsWith("xxx");
    }

    private static ResponseBody json(String body) {
        return ResponseBody.create(body, MediaType.get("application/json"));
    }
}
