package io.telemetryflow.telemetry.live;

import java.util.ArrayDeque;

/**
 * The messages a socket has yet to send, bounded by count and by size (UTF-16 characters, about the bytes of mostly
 * ASCII JSON): one message is in flight at a time, the rest wait. A message that does not fit means the client reads
 * slower than its subscriptions produce; the session is then dropped instead of buffering without bound. Not
 * thread-safe: its session synchronizes.
 */
final class Outbox {

    private final int maxMessages;
    private final long maxChars;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private long chars;
    private boolean sending;

    Outbox(int maxMessages, long maxChars) {
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    /** Queues the message; false (and nothing queued) when it would exceed a bound. */
    boolean offer(String message) {
        if (waiting.size() >= maxMessages || chars + message.length() > maxChars) {
            return false;
        }
        waiting.add(message);
        chars += message.length();
        return true;
    }

    /** The next message to send when none is in flight, marking it in flight; else null. */
    String startNext() {
        if (sending || waiting.isEmpty()) {
            return null;
        }
        sending = true;
        return waiting.peek();
    }

    /** The in-flight message was sent: it leaves the outbox. */
    void sent() {
        if (!sending) {
            throw new IllegalStateException("no message in flight");
        }
        chars -= waiting.remove().length();
        sending = false;
    }

    /** Drops what waits (the session closed). */
    void clear() {
        waiting.clear();
        chars = 0;
        sending = false;
    }

    int size() {
        return waiting.size();
    }

    long chars() {
        return chars;
    }
}
