package dev.ocbridge.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogSetupTest {
    @Test
    void aSecretIsMaskedAlsoAsAJsonStringWritesIt() throws IOException {
        String password = "pa\"ss\\word";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (RedactingOutputStream out = new RedactingOutputStream(sink, LogSetup.withJsonForms(List.of(password)))) {
            out.write(("{\"message\":\"login with pa\\\"ss\\\\word failed\"}\n").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"login with **** failed\"}\n");
    }
}
