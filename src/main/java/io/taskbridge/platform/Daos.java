package io.taskbridge.platform;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The SqlObjects attached to one handle, each attached once. Attaching builds a handler for every
 * method of the interface, which costs more than most of the statements it then runs (JFR on
 * {@code bench/run.sh approve}); a decision attached eight, one after the other, while the rest of
 * its group commit waited. Through this, the work of a whole batch shares one attach per DAO.
 *
 * <p>Kept in the handle's own configuration: every handle (and nothing else) gets an empty copy,
 * so a DAO is never used on another handle, and it goes when the handle does. A handle is used by
 * one thread at a time, so the map needs no lock.
 */
public final class Daos implements JdbiConfig<Daos> {
    private final Map<Class<?>, Object> attached = new HashMap<>();

    /** Jdbi makes the first one (its configuration's root); every copy starts empty. */
    public Daos() {
    }

    @Override
    public Daos createCopy() {
        return new Daos();
    }

    /** {@code type} attached to {@code handle}: the same instance for every call on that handle. */
    public static <T> T on(Handle handle, Class<T> type) {
        Map<Class<?>, Object> mine = handle.getConfig(Daos.class).attached;
        Object dao = mine.get(type);
        if (dao == null) {
            dao = handle.attach(type);
            mine.put(type, dao);
        }
        return type.cast(dao);
    }
}
