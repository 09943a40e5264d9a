package dev.ocbridge.core.port.out;

import java.time.Duration;

/**
 * What the bridge counts for its operators: the core reports what it does with prompts and answers, the
 * adapters report their requests, reconnects and the events they receive. Implementations must be cheap
 * and must never throw: counting may not get in the way of the work counted.
 */
public interface MetricsPort {

    /** The server on the other side of a request or stream. */
    enum Server { CHAT, AGENT }

    /** How one request to a server ended. */
    enum RequestOutcome {
        /** The server did what was asked. */
        OK,
        /** The server refused the request itself (a bad or unknown request, a refused token). */
        REFUSED,
        /** The server asked the bridge to slow down. */
        RATE_LIMITED,
        /** The server failed on its side. */
        SERVER_ERROR,
        /** No answer: the server could not be reached or the connection broke. */
        UNREACHABLE
    }

    /**
     * A person's post reached a session: the agent server accepted the prompt {@code sinceReceived} after
     * the bridge received the post.
     */
    void promptForwarded(Duration sinceReceived);

    /** A run that produced answer text finished and its text was handed to the chat. */
    void answerCompleted();

    /** The first text of an answer became visible in chat, {@code sinceArrived} after the agent sent it. */
    void firstTextShown(Duration sinceArrived);

    void postCreated();

    void postEdited();

    void requestCompleted(Server server, RequestOutcome outcome);

    /** The live event stream from {@code server} is up again after it had been up before. */
    void streamReconnected(Server server);

    /** An event arrived on a server's stream; {@code type} is the server's name for it, or "unknown". */
    void eventReceived(Server server, String type);
}
