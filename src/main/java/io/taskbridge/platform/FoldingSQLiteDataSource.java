package io.taskbridge.platform;

import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections whose {@code LOWER()} folds every alphabet, as PostgreSQL's does: SQLite's own
 * folds only ASCII, so a search for "überprüfung" missed "ÜBERPRÜFUNG" and a tag "Ärger" was not
 * found as "ärger". Each new connection gets {@code LOWER} replaced by Java's
 * {@code toLowerCase(Locale.ROOT)}, the folding the queries' parameters get, so the SQL stays the
 * same on both databases. Hikari creates connections through it ({@code dataSourceClassName}).
 */
public final class FoldingSQLiteDataSource extends SQLiteDataSource {

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        SQLiteConnection connection = super.getConnection(username, password);
        Function.create(connection, "lower", new Lower(), 1, Function.FLAG_DETERMINISTIC);
        return connection;
    }

    /** {@code lower(x)}: NULL stays NULL, anything else is read as text and folded. */
    static final class Lower extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String text = value_text(0);
            if (text == null) {
                result();
            } else {
                result(text.toLowerCase(Locale.ROOT));
            }
        }
    }
}
