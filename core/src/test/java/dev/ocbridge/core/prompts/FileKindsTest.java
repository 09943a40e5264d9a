package dev.ocbridge.core.prompts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FileKindsTest {

    @Test
    void imagesAndPdfAreKnownByTheirFirstBytes() {
        assertThat(FileKinds.typeToSend(AttachedFilesTest.PNG)).contains("image/png");
        assertThat(FileKinds.typeToSend(new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).contains("image/jpeg");
        assertThat(FileKinds.typeToSend(ascii("GIF89a...."))).contains("image/gif");
        assertThat(FileKinds.typeToSend(ascii("RIFF\0\0\0\0WEBPVP8 "))).contains("image/webp");
        assertThat(FileKinds.typeToSend(ascii("%PDF-1.7\n"))).contains("application/pdf");
    }

    @Test
    void utf8TextIsText() {
        assertThat(FileKinds.typeToSend("grüße, 你好\n".getBytes(StandardCharsets.UTF_8))).contains("text/plain");
        assertThat(FileKinds.typeToSend(new byte[0])).contains("text/plain");
    }

    @Test
    void anythingElseCannotBeRead() {
        assertThat(FileKinds.typeToSend(new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0})).isEmpty();
        assertThat(FileKinds.typeToSend(new byte[]{'a', 0, 'b'})).isEmpty();
        assertThat(FileKinds.typeToSend(new byte[]{(byte) 0xc3, (byte) 0x28})).isEmpty();
        assertThat(FileKinds.typeToSend(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).contains("text/plain");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
