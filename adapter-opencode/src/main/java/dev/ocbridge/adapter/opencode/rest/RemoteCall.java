package dev.ocbridge.adapter.opencode.rest;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.error.UnavailableException;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

import java.io.IOException;
import java.util.Map;

/**
 * Runs a call and turns HTTP and IO failures into core exceptions carrying the server's own message.
 * Request headers (the password) are never part of a message.
 */
public final class RemoteCall {

    private static final int MAX_MESSAGE = 500;
    private static final JsonAdapter<Map<String, Object>> ERROR_BODY = new Moshi.Builder().build()
            .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

    private RemoteCall() {
    }

    /** The response body; {@code what} says in domain words what was being done, for the message. */
    public static <T> T execute(Call<T> call, String what) {
        Response<T> response;
        try {
            response = call.execute();
        } catch (JsonEncodingException e) {
            throw unreadable(what, e);
        } catch (IOException e) {
            throw new UnavailableException("OpenCode is unreachable while " + what + ": " + e, e);
        } catch (RuntimeException e) {
            // Moshi's JsonDataException and friends: the server answered something we cannot read.
            throw unreadable(what, e);
        }
        if (response.isSuccessful()) {
            return response.body();
        }
        throw failure(response.code(), serverMessage(response.errorBody()), what);
    }

    private static UnreadableAnswerException unreadable(String what, Exception cause) {
        String detail = cause instanceof DescribedAnswerConverterFactory.UnreadableBodyException described
                ? described.getMessage() : cause.toString();
        return new UnreadableAnswerException("OpenCode sent an unreadable answer while " + what + ": " + detail, cause);
    }

    static BridgeException failure(int code, String serverMessage, String what) {
        String detail = "OpenCode refused " + what + " (HTTP " + code + ")"
                + (serverMessage.isEmpty() ? "" : ": " + serverMessage);
        if (code == 401 || code == 403) {
            return new UnauthorizedException(detail + "; check OPENCODE_SERVER_PASSWORD");
        }
        if (code == 404) {
            return new NotFoundException(detail);
        }
        if (code >= 500 || code == 408 || code == 429) {
            return new UnavailableException(detail);
        }
        return new RejectedRequestException(detail);
    }

    /** {@code data.message} (classic routes) or {@code message} (tagged errors), else the raw body. */
    static String serverMessage(ResponseBody body) {
        if (body == null) {
            return "";
        }
        String text;
        try (body) {
            text = body.string();
        } catch (IOException e) {
            return "";
        }
        String message = text;
        try {
            Map<String, Object> json = ERROR_BODY.fromJson(text);
            if (json != null && json.get("data") instanceof Map<?, ?> data && data.get("message") instanceof String m) {
                message = m;
            } else if (json != null && json.get("message") instanceof String m) {
                message = m;
            }
        } catch (IOException | RuntimeException notJson) {
            // Not a JSON error body: the raw text is the best message there is.
        }
        message = message.strip();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }
}
