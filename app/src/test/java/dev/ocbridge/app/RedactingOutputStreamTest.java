package dev.ocbridge.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactingOutputStreamTest {

    @Test
    void secretsAreMaskedInEverythingPrinted() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(new RedactingOutputStream(sink, List.of("tok-secret-123")), true,
                StandardCharsets.UTF_8);

        stream.println("Authorization: Bearer tok-secret-123");
        new IllegalStateException("bad token tok-secret-123").printStackTrace(stream);
        stream.print("no newline tok-secret-123");
        stream.flush();

        String written = sink.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("tok-secret-123").contains("Bearer ****", "bad token ****",
                "no newline ****");
    }
}
