package com.verdictdigest.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Text rendered once for everyone, cut at its {@link Slot} markers: writing it for a reader is a
 * copy of the literal pieces with that reader's values in between, no template work at all.
 */
public final class SlottedText {
    private final String[] literals;
    private final int[] slots;
    /** The literals quoted-printable encoded, once; only for texts that go out in messages. */
    private final byte[][] encoded;

    private SlottedText(String[] literals, int[] slots, byte[][] encoded) {
        this.literals = literals;
        this.slots = slots;
        this.encoded = encoded;
    }

    public static SlottedText parse(String rendered, SlotRegistry registry) {
        List<String> literals = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < rendered.length()) {
            int open = rendered.indexOf(Slot.DELIMITER, i);
            int close = open < 0 ? -1 : rendered.indexOf(Slot.DELIMITER, open + 1);
            if (close < 0) {
                literal.append(rendered, i, rendered.length());
                break;
            }
            int id = registry.parse(rendered.substring(open + 1, close));
            if (id < 0) {
                literal.append(rendered, i, open);
                i = open + 1;
                continue;
            }
            literal.append(rendered, i, open);
            literals.add(literal.toString());
            literal.setLength(0);
            slots.add(id);
            i = close + 1;
        }
        literals.add(literal.toString());
        return new SlottedText(literals.toArray(String[]::new), slots.stream().mapToInt(Integer::intValue).toArray(), null);
    }

    /**
     * The same text with every line ending as CRLF, the canonical form of text in a MIME body
     * (RFC 2045 section 6.8): converted once per edition here, so no message needs converting.
     */
    public SlottedText withCrlf() {
        String[] converted = new String[literals.length];
        byte[][] qp = new byte[literals.length][];
        for (int i = 0; i < literals.length; i++) {
            converted[i] = TextWrapper.crlf(literals[i]);
            qp[i] = QuotedPrintable.encode(converted[i]);
        }
        return new SlottedText(converted, slots, qp);
    }

    /** Fills each slot through {@code values}, which may write anything (a value, or other slotted texts). */
    public void writeTo(StringBuilder out, SlotValues values) {
        for (int i = 0; i < slots.length; i++) {
            out.append(literals[i]);
            values.write(slots[i], out);
        }
        out.append(literals[slots.length]);
    }

    /** Writes the quoted-printable form: the literals as encoded once, each slot's value through {@code values}. */
    public void writeTo(QuotedPrintable.Sink out, EncodedSlotValues values) {
        for (int i = 0; i < slots.length; i++) {
            out.append(encoded[i]);
            values.write(slots[i], out);
        }
        out.append(encoded[slots.length]);
    }

    /** Writes one reader's value for a slot, quoted-printable encoded. */
    @FunctionalInterface
    public interface EncodedSlotValues {
        void write(int slotId, QuotedPrintable.Sink out);
    }

    /** The length of the literal pieces, for sizing buffers. */
    public int literalLength() {
        int n = 0;
        for (String s : literals) {
            n += s.length();
        }
        return n;
    }

    /** Writes one reader's value for a slot. */
    @FunctionalInterface
    public interface SlotValues {
        void write(int slotId, StringBuilder out);
    }
}
