package io.taskbridge.command;

import java.util.ArrayList;
import java.util.List;

/**
 * One word of a command as typed: a run of non-blank characters, a Slack escape such as
 * {@code <@U123|alice>} (kept whole), or a quoted piece of title taken literally.
 */
record Token(String text, boolean quoted) {

    private static final String OPENING_QUOTES = "\"“”„";
    private static final String CLOSING_QUOTES = "\"”“";

    /** Splits {@code text} into tokens; an opening quote without a closing one is a {@link CommandProblem}. */
    static List<Token> split(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isBlank(c)) {
                i++;
            } else if (OPENING_QUOTES.indexOf(c) >= 0) {
                int end = indexOfAny(text, CLOSING_QUOTES, i + 1);
                if (end < 0) {
                    throw new CommandProblem("The quote before “" + CommandProblem.shorten(text.substring(i + 1).strip())
                            + "” is never closed: put a closing quote after the title.", Usage.ADD);
                }
                tokens.add(new Token(collapse(text.substring(i + 1, end)), true));
                i = end + 1;
            } else if (c == '<' && text.indexOf('>', i) > 0) {
                int end = text.indexOf('>', i);
                tokens.add(new Token(text.substring(i, end + 1), false));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !isBlank(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false));
            }
        }
        return tokens;
    }

    /** Spaces, tabs, line breaks, non-breaking and other Unicode spaces. */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Whether this is the keyword {@code word} (any case, never when quoted). */
    boolean is(String word) {
        return !quoted && text.equalsIgnoreCase(word);
    }

    /** Slack escapes {@code & < >} in command text; the person typed the plain characters. */
    String plain() {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String collapse(String s) {
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isBlank(c)) {
                gap = out.length() > 0;
            } else {
                if (gap) {
                    out.append(' ');
                    gap = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
