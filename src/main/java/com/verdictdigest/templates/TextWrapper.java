package com.verdictdigest.templates;

/**
 * Wraps plain text to a line width at spaces, keeping each line's indentation on its continuation
 * lines. A word longer than the width (a link) is never broken: it stands alone on its line. Lines
 * holding a {@link Slot} are left alone, since their final length is only known per reader.
 */
public final class TextWrapper {
    private TextWrapper() {
    }

    public static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 20);
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            wrapLine(stripTrailing(line), width, out);
        }
        return out.toString();
    }

    private static void wrapLine(String line, int width, StringBuilder out) {
        if (line.length() <= width || line.indexOf(Slot.DELIMITER) >= 0) {
            out.append(line);
            return;
        }
        int indentEnd = 0;
        while (indentEnd < line.length() && line.charAt(indentEnd) == ' ') {
            indentEnd++;
        }
        String indent = line.substring(0, indentEnd);
        int lineLength = 0;
        boolean lineHasWord = false;
        out.append(indent);
        lineLength = indent.length();
        for (String word : line.substring(indentEnd).split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (lineHasWord && lineLength + 1 + word.length() > width) {
                out.append('\n').append(indent);
                lineLength = indent.length();
                lineHasWord = false;
            }
            if (lineHasWord) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            lineHasWord = true;
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Every line ending as CRLF. */
    public static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
