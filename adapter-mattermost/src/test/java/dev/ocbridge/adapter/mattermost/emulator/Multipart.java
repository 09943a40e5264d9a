package dev.ocbridge.adapter.mattermost.emulator;

import okio.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader for the upload endpoint. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final ByteString CRLF_CRLF = ByteString.encodeUtf8("\r\n\r\n");

    record Part(String name, String filename, String contentType, ByteString body) {
        String text() {
            return body.utf8();
        }
    }

    private Multipart() {
    }

    static List<Part> parse(String contentType, ByteString body) {
        Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundaryMatch == null || !boundaryMatch.find()) {
            throw new ApiError(400, "api.file.upload_file.read_request.app_error", "Unable to read file or multipart data.");
        }
        ByteString delimiter = ByteString.encodeUtf8("--" + boundaryMatch.group(1));
        List<Part> parts = new ArrayList<>();
        long start = body.indexOf(delimiter);
        while (start >= 0) {
            long partStart = start + delimiter.size();
            if (body.rangeEquals((int) partStart, ByteString.encodeUtf8("--"), 0, 2)) {
                break;
            }
            partStart += 2;
            long next = body.indexOf(delimiter, (int) partStart);
            if (next < 0) {
                break;
            }
            parts.add(part(body.substring((int) partStart, (int) next - 2)));
            start = next;
        }
        return parts;
    }

    private static Part part(ByteString raw) {
        int split = (int) raw.indexOf(CRLF_CRLF);
        String headers = raw.substring(0, Math.max(split, 0)).string(StandardCharsets.UTF_8);
        ByteString content = raw.substring(split + 4);
        String name = "";
        String filename = null;
        String type = "";
        for (String header : headers.split("\r\n")) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                Matcher n = NAME.matcher(header);
                name = n.find() ? n.group(1) : "";
                Matcher f = FILENAME.matcher(header);
                filename = f.find() ? f.group(1) : null;
            } else if (lower.startsWith("content-type:")) {
                type = header.substring("content-type:".length()).trim();
            }
        }
        return new Part(name, filename, type, content);
    }
}
