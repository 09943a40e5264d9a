package dev.ocbridge.app.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mvn package} leaves a release archive with what someone who does not build from source needs. */
class ReleaseArchiveIT {
    private static final int BLOCK = 512;

    @Test
    void theArchiveHoldsTheJarTheUnitTheExampleSettingsAndTheReadme() throws IOException {
        Path archive = Path.of(System.getProperty("release.archive", "target/missing.tar.gz"));
        assertThat(archive).isRegularFile();
        String top = archive.getFileName().toString().replace(".tar.gz", "");

        assertThat(entries(archive)).contains(top + "/opencode-mattermost-bridge.jar",
                top + "/opencode-mattermost-bridge.service", top + "/opencode-mattermost-bridge.env",
                top + "/README.md", top + "/docs/operations.md");
    }

    /** The names in a (ustar or GNU) tar stream: a 512-byte header per entry, then its content in blocks. */
    private static List<String> entries(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte[] content = in.readNBytes((int) ((size + BLOCK - 1) / BLOCK * BLOCK));
                if (header[156] == 'L') {
                    longName = new String(content, 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                names.add(longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name);
                longName = null;
            }
        }
        return names;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
