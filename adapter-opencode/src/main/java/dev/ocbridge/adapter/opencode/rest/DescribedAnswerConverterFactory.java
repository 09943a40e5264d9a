package dev.ocbridge.adapter.opencode.rest;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import retrofit2.Converter;
import retrofit2.Retrofit;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Moshi's reading of a successful answer, which, when it fails, says what the server sent: its content type and,
 * when that is no JSON at all, how the body begins. "Malformed JSON at path $" alone does not tell the server's web
 * UI (its answer to a route it does not have) from a proxy's page. The beginning of a JSON body is never shown: a
 * JSON answer can hold secrets (the config holds provider keys).
 */
final class DescribedAnswerConverterFactory extends Converter.Factory {

    static final int SHOWN = 200;

    private final Converter.Factory json;

    DescribedAnswerConverterFactory(Converter.Factory json) {
        this.json = json;
    }

    @Override
    public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
        Converter<ResponseBody, ?> read = json.responseBodyConverter(type, annotations, retrofit);
        if (read == null) {
            return null;
        }
        return body -> {
            MediaType contentType = body.contentType();
            String beginning = isJson(contentType) ? "" : beginning(body.source());
            try {
                return read.convert(body);
            } catch (IOException | RuntimeException e) {
                throw new UnreadableBodyException(describe(contentType, beginning) + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
                                                          Annotation[] methodAnnotations, Retrofit retrofit) {
        return json.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
    }

    private static boolean isJson(MediaType contentType) {
        return contentType != null && contentType.subtype().toLowerCase().contains("json");
    }

    /** Reads no further than what is shown, so the converter still gets the whole body. */
    private static String beginning(BufferedSource source) throws IOException {
        source.request(SHOWN);
        long shown = Math.min(SHOWN, source.getBuffer().size());
        return source.getBuffer().snapshot((int) shown).string(StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    }

    /** A body that looks like JSON under another content type is not shown either, for the same reason. */
    private static String describe(MediaType contentType, String beginning) {
        String type = contentType == null ? "a successful answer without content type"
                : "a successful " + contentType + " answer";
        boolean looksLikeJson = beginning.startsWith("{") || beginning.startsWith("[");
        return beginning.isEmpty() || looksLikeJson ? type : type + " beginning \"" + beginning + "\"";
    }

    /** Unchecked, so that Retrofit hands it to {@link RemoteCall} as it is. */
    static final class UnreadableBodyException extends RuntimeException {
        UnreadableBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
