package io.telemetryflow.ingest.otlp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Passes at most {@code limit} bytes through and fails as soon as one more is read. Placed after the gzip inflater
 * it stops a gzip bomb once the limit is crossed, instead of after inflating all of it; reads are cut to the bytes
 * still allowed, so no caller ever buffers more than {@code limit + 1} bytes through it.
 */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> exceeded;
    private long count;

    BoundedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> exceeded) {
        super(in);
        this.limit = limit;
        this.exceeded = exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would let bytes past the count
    }

    /** The bytes read so far. */
    long count() {
        return count;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw exceeded.get(); // unchecked, so it passes unchanged through GZIPInputStream and readAllBytes
        }
    }
}
