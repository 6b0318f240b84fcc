package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.regex.Pattern;

/**
 * The number literals of an OTLP/JSON request that are refused before JsonFormat sees them. JsonFormat reads an
 * integer field through {@code BigDecimal}, so {@code "1e3000000"} (in a string or as a bare number) is ten bytes
 * that cost seconds to minutes of CPU before its range check fails, and a long literal costs quadratic time on
 * this JDK. OTLP's integer fields (timestamps, counts, flags, {@code asInt}, enums) therefore take plain decimal
 * integers of at most 20 digits (the largest uint64 has 20); floating-point fields keep exponents and fractions but
 * have a bounded length. Numbers in fields the schema does not know are bounded like floating-point ones.
 */
final class OtlpJsonNumbers {

    /** Digits of 18446744073709551615, the largest uint64. */
    static final int MAX_INTEGER_DIGITS = 20;
    /** Far more than any double needs (Double.toString's longest output has 24 characters). */
    static final int MAX_FLOAT_LENGTH = 32;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1," + MAX_INTEGER_DIGITS + "}");

    private OtlpJsonNumbers() {
    }

    /**
     * Checks a value of {@code field} (null for an unknown field) as written in the JSON.
     *
     * @param quoted whether the value was a JSON string; only strings of numeric fields are numbers
     * @param jsonPath where the value is, for the message
     * @throws InvalidProtocolBufferException naming the field when the literal is refused
     */
    static void check(FieldDescriptor field, String literal, boolean quoted, String jsonPath) throws InvalidProtocolBufferException {
        if (isInteger(field)) {
            if (field.getType() == FieldDescriptor.Type.ENUM && quoted) {
                return; // an enum's name, which JsonFormat looks up without arithmetic
            }
            if (literal.length() > MAX_INTEGER_DIGITS + 1 || !INTEGER.matcher(literal).matches()) {
                throw new InvalidProtocolBufferException(field.getJsonName() + " at " + jsonPath + " must be an integer of at most "
                        + MAX_INTEGER_DIGITS + " digits without fraction or exponent, got " + OtlpException.quote(literal));
            }
        } else if ((!quoted || isFloat(field)) && literal.length() > MAX_FLOAT_LENGTH) {
            String name = field == null ? "a number" : field.getJsonName();
            throw new InvalidProtocolBufferException(name + " at " + jsonPath + " must be a number of at most "
                    + MAX_FLOAT_LENGTH + " characters, got " + OtlpException.quote(literal));
        }
    }

    private static boolean isInteger(FieldDescriptor field) {
        if (field == null) {
            return false;
        }
        return switch (field.getJavaType()) {
            case INT, LONG, ENUM -> true;
            default -> false;
        };
    }

    private static boolean isFloat(FieldDescriptor field) {
        return field != null && (field.getJavaType() == FieldDescriptor.JavaType.DOUBLE
                || field.getJavaType() == FieldDescriptor.JavaType.FLOAT);
    }
}
