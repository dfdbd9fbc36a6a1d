package io.taskbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the sandbox's Slack keeps: messages (ephemeral ones for one person only), each person's
 * stack of open modals and their App Home view. Every change bumps a version and tells the
 * listeners (the page's event streams), which then read a fresh {@link #snapshot}.
 */
final class Conversations {
    /** A message as the stand-in keeps it; {@code onlyFor} marks an ephemeral one. */
    record Message(String channel, String ts, Optional<String> threadTs, String user, String text, JsonNode blocks,
                   Optional<String> onlyFor, Optional<JsonNode> metadata) {
        Message withContent(String newText, JsonNode newBlocks) {
            return new Message(channel, ts, threadTs, user, newText, newBlocks, onlyFor, metadata);
        }
    }

    /** An open modal: whose it is and the view as last opened or updated. */
    record OpenView(String id, String user, JsonNode view) {}

    private final List<Message> messages = new ArrayList<>();
    private final Map<String, OpenView> views = new HashMap<>();
    private final Map<String, Deque<String>> stacks = new HashMap<>();
    private final Map<String, JsonNode> homes = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long clock;
    private long version;
    private long viewIds;

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** A new message ts, strictly increasing and close to the wall clock, as Slack's are. */
    synchronized String nextTs() {
        clock = Math.max(clock + 1, System.currentTimeMillis() * 1000);
        return (clock / 1_000_000) + "." + String.format("%06d", clock % 1_000_000);
    }

    Message post(String channel, Optional<String> threadTs, String user, String text, JsonNode blocks,
                 Optional<String> onlyFor, Optional<JsonNode> metadata) {
        Message m;
        synchronized (this) {
            m = new Message(channel, nextTs(), threadTs, user, text, blocks, onlyFor, metadata);
            messages.add(m);
        }
        changed();
        return m;
    }

    /** Replaces a message's text and blocks; false when there is no such message. */
    boolean update(String channel, String ts, String text, JsonNode blocks) {
        synchronized (this) {
            int i = indexOf(channel, ts);
            if (i < 0) {
                return false;
            }
            messages.set(i, messages.get(i).withContent(text, blocks));
        }
        changed();
        return true;
    }

    boolean delete(String channel, String ts) {
        synchronized (this) {
            int i = indexOf(channel, ts);
            if (i < 0) {
                return false;
            }
            messages.remove(i);
        }
        changed();
        return true;
    }

    synchronized Optional<Message> message(String channel, String ts) {
        int i = indexOf(channel, ts);
        return i < 0 ? Optional.empty() : Optional.of(messages.get(i));
    }

    /** Messages of {@code channel} that everyone sees, oldest first. */
    synchronized List<Message> shared(String channel) {
        return messages.stream().filter(m -> m.channel().equals(channel) && m.onlyFor().isEmpty()).toList();
    }

    private int indexOf(String channel, String ts) {
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.channel().equals(channel) && m.ts().equals(ts)) {
                return i;
            }
        }
        return -1;
    }

    /** Opens a modal on top of {@code user}'s stack ({@code push}) or as the only one. */
    OpenView open(String user, JsonNode view, boolean push) {
        OpenView opened;
        synchronized (this) {
            opened = new OpenView("V0SB" + (++viewIds), user, view);
            Deque<String> stack = stacks.computeIfAbsent(user, k -> new ArrayDeque<>());
            if (!push) {
                stack.forEach(views::remove);
                stack.clear();
            }
            stack.push(opened.id());
            views.put(opened.id(), opened);
        }
        changed();
        return opened;
    }

    Optional<OpenView> replace(String viewId, JsonNode view) {
        OpenView updated;
        synchronized (this) {
            OpenView old = views.get(viewId);
            if (old == null) {
                return Optional.empty();
            }
            updated = new OpenView(viewId, old.user(), view);
            views.put(viewId, updated);
        }
        changed();
        return Optional.of(updated);
    }

    synchronized Optional<OpenView> view(String viewId) {
        return Optional.ofNullable(views.get(viewId));
    }

    /** Closes {@code viewId}, or, with {@code all}, every modal of its owner. */
    void close(String viewId, boolean all) {
        synchronized (this) {
            OpenView v = views.get(viewId);
            if (v == null) {
                return;
            }
            Deque<String> stack = stacks.getOrDefault(v.user(), new ArrayDeque<>());
            if (all) {
                stack.forEach(views::remove);
                stack.clear();
            } else {
                stack.remove(viewId);
                views.remove(viewId);
            }
        }
        changed();
    }

    void publishHome(String user, JsonNode view) {
        synchronized (this) {
            homes.put(user, view);
        }
        changed();
    }

    synchronized Optional<JsonNode> home(String user) {
        return Optional.ofNullable(homes.get(user));
    }

    /**
     * Everything {@code user} sees: the shared messages of their conversations and their own
     * ephemerals, their top modal (if any) and their App Home.
     */
    synchronized Map<String, Object> snapshot(String user) {
        List<String> visible = Workspace.channelsOf(user).stream().map(Workspace.Channel::id).toList();
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Message m : messages) {
            if (!visible.contains(m.channel()) || m.onlyFor().isPresent() && !m.onlyFor().get().equals(user)) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("channel", m.channel());
            one.put("ts", m.ts());
            one.put("threadTs", m.threadTs().orElse(null));
            one.put("user", m.user());
            one.put("text", m.text());
            one.put("blocks", m.blocks() == null ? JsonNodeFactory.instance.arrayNode() : m.blocks());
            one.put("ephemeral", m.onlyFor().isPresent());
            shown.add(one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("messages", shown);
        Deque<String> stack = stacks.get(user);
        OpenView top = stack == null || stack.isEmpty() ? null : views.get(stack.peek());
        out.put("modal", top == null ? null : Map.of("id", top.id(), "view", top.view()));
        out.put("home", homes.get(user));
        return out;
    }

    synchronized long version() {
        return version;
    }

    private void changed() {
        synchronized (this) {
            version++;
        }
        listeners.forEach(Runnable::run);
    }
}
