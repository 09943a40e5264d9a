package dev.ocbridge.core.inbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewSessionRequestTest {

    @Test
    void theFirstWordIsTheProjectAndTheRestTheText() {
        assertThat(NewSessionRequest.parse("shop  fix the login\nand the tests"))
                .contains(new NewSessionRequest("shop", "fix the login\nand the tests"));
    }

    @Test
    void aQuotedOrCodeProjectMayHoldSpaces() {
        assertThat(NewSessionRequest.parse("\"my shop\" fix it")).contains(new NewSessionRequest("my shop", "fix it"));
        assertThat(NewSessionRequest.parse("`/srv/my shop` fix it"))
                .contains(new NewSessionRequest("/srv/my shop", "fix it"));
    }

    @Test
    void withoutAProjectOrATextThereIsNoRequest() {
        assertThat(NewSessionRequest.parse("")).isEmpty();
        assertThat(NewSessionRequest.parse("shop")).isEmpty();
        assertThat(NewSessionRequest.parse("\"my shop fix it")).isEmpty();
        assertThat(NewSessionRequest.parse("\"\" fix it")).isEmpty();
    }
}
