package io.taskbridge.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The sandbox's own workspace: its team id (no real workspace has it), three people in three time
 * zones, a public channel, a private one, and each person's direct messages with the bot.
 */
final class Workspace {
    static final String TEAM_ID = "T0SANDBOX";
    static final String TEAM_DOMAIN = "taskbridge-sandbox";
    static final String BOT_USER = "U0TASKBOT";
    static final String BOT_ID = "B0TASKBOT";
    static final String APP_ID = "A0SANDBOX";

    /** Someone to act as. {@code handle} is what follows {@code @} in the composer. */
    record Person(String id, String name, String handle, String tz, String title) {}

    enum Kind { PUBLIC, PRIVATE, IM }

    /** A conversation; for {@link Kind#IM} the one member is the person the bot talks to. */
    record Channel(String id, String name, Kind kind, List<String> members) {
        boolean visibleTo(String user) {
            return kind == Kind.PUBLIC || members.contains(user);
        }

        /** What Slack sends as {@code channel_name} in a slash command from here. */
        String commandName() {
            return switch (kind) {
                case PUBLIC -> name;
                case PRIVATE -> "privategroup";
                case IM -> "directmessage";
            };
        }
    }

    static final List<Person> PEOPLE = List.of(
            new Person("U01AVERY", "Avery Brooks", "avery", "America/New_York", "Finance lead"),
            new Person("U02BEA", "Bea Schmidt", "bea", "Europe/Berlin", "Controller"),
            new Person("U03CHIKA", "Chika Sato", "chika", "Asia/Tokyo", "Analyst"));

    static final List<Channel> CHANNELS = List.of(
            new Channel("C01GENERAL", "general", Kind.PUBLIC, List.of("U01AVERY", "U02BEA", "U03CHIKA")),
            new Channel("C02CLOSING", "month-end-close", Kind.PRIVATE, List.of("U01AVERY", "U02BEA")));

    private Workspace() {}

    static Optional<Person> person(String id) {
        return PEOPLE.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The bot's direct-message channel with {@code user}. */
    static String dmWith(String user) {
        return "D" + user.substring(1);
    }

    static Optional<Channel> channel(String id) {
        Optional<Channel> named = CHANNELS.stream().filter(c -> c.id().equals(id)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        return PEOPLE.stream().filter(p -> dmWith(p.id()).equals(id)).findFirst()
                .map(p -> new Channel(dmWith(p.id()), "Taskbridge", Kind.IM, List.of(p.id())));
    }

    /** The conversations {@code user} sees, their DM with the bot last. */
    static List<Channel> channelsOf(String user) {
        List<Channel> seen = new java.util.ArrayList<>(CHANNELS.stream().filter(c -> c.visibleTo(user)).toList());
        channel(dmWith(user)).ifPresent(seen::add);
        return seen;
    }
}
