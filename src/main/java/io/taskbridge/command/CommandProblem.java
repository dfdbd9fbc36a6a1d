package io.taskbridge.command;

/** Why a command was refused, raised inside the grammar and turned into {@code Parse.Invalid}. */
final class CommandProblem extends RuntimeException {

    private static final int SHOWN = 40;

    private final String usage;

    CommandProblem(String problem, String usage) {
        super(problem, null, false, false);
        this.usage = usage;
    }

    String usage() {
        return usage;
    }

    /** What the person typed, cut short enough to quote back. */
    static String shorten(String typed) {
        return typed.length() <= SHOWN ? typed : typed.substring(0, SHOWN) + "…";
    }
}
