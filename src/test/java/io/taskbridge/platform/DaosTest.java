package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;

/** A DAO is attached once per handle, and never shared with another handle. */
class DaosTest {
    public interface Answer {
        @SqlQuery("SELECT 42")
        int value();
    }

    @Test
    void oneAttachPerHandleAndNoneShared() {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            Answer a;
            try (Handle first = db.jdbi().open(); Handle second = db.jdbi().open()) {
                a = Daos.on(first, Answer.class);
                assertThat(Daos.on(first, Answer.class)).as("the same handle: the same DAO").isSameAs(a);
                first.useTransaction(tx -> assertThat(Daos.on(tx, Answer.class)).isSameAs(a));
                Answer b = Daos.on(second, Answer.class);
                assertThat(b).as("another handle: its own").isNotSameAs(a);
                assertThat(a.value()).isEqualTo(42);
                assertThat(b.value()).isEqualTo(42);
            }
            try (Handle third = db.jdbi().open()) {
                assertThat(Daos.on(third, Answer.class)).as("a later handle: its own again").isNotSameAs(a);
            }
        }
    }
}
