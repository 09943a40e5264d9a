package dev.ocbridge.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replaces secrets with {@code ****} in everything written through it, line by line, so that no
 * library's log line or stack trace can print a token or password.
 */
final class RedactingOutputStream extends OutputStream {
    private static final String MASK = "****";

    private final OutputStream target;
    private final List<String> secrets;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutputStream(OutputStream target, List<String> secrets) {
        this.target = target;
        this.secrets = secrets.stream().filter(secret -> secret.length() >= 4).toList();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emitLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emitLine();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emitLine() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        for (String secret : secrets) {
            text = text.replace(secret, MASK);
        }
        target.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
