package io.telemetryflow.ingest.otlp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Test helpers: the published OTLP/JSON examples in {@code shared/otlp-examples} beside the checkout, gzip, hex. */
final class OtlpExamples {

    private OtlpExamples() {
    }

    /**
     * The examples folder: Maven runs tests in the module directory, others in the repository root, so walk up from
     * user.dir until a {@code shared/otlp-examples} appears.
     */
    static Path dir() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("otlp-examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("no shared/otlp-examples in " + start + " or any parent; the OTLP/JSON examples must sit in "
                + "../shared/otlp-examples beside the project checkout");
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A gzip stream of {@code mib} MiB of zeros, made in milliseconds rather than by deflating all of them (seconds
     * per GiB): one MiB is deflated with a full flush, which makes its blocks independent of anything before them,
     * those bytes are repeated, and an empty final block plus the CRC-32/length trailer close the stream.
     */
    static byte[] gzippedZeros(int mib) {
        byte[] zeros = new byte[1024 * 1024];
        var deflater = new Deflater(Deflater.BEST_COMPRESSION, true); // raw deflate: the gzip framing is written here
        deflater.setInput(zeros);
        var block = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            block.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        byte[] oneMib = block.toByteArray();

        var crc = new CRC32();
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}); // header: deflate, no flags
        for (int i = 0; i < mib; i++) {
            out.writeBytes(oneMib);
            crc.update(zeros);
        }
        out.writeBytes(new byte[] {0x03, 0x00}); // final block, fixed Huffman codes, nothing in it
        long size = (long) mib * zeros.length;
        for (long field : new long[] {crc.getValue(), size}) { // little-endian, size modulo 2^32
            for (int shift = 0; shift < 32; shift += 8) {
                out.write((int) (field >>> shift) & 0xff);
            }
        }
        return out.toByteArray();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
