package io.telemetryflow.telemetry.live;

import java.util.function.Consumer;

/** The socket under a {@link LiveSession}: the web module's WebSocket, or a test's recorder. */
public interface LiveConnection {

    /** Sends without blocking; {@code done} receives null once sent, or the failure. */
    void sendAsync(String text, Consumer<Throwable> done);

    /** Closes with a WebSocket close code and reason, without blocking the caller. */
    void close(int code, String reason);
}
