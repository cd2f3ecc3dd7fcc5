package org.ssobroker.provisioning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A row to write in the same statement as a login's provisioning, for the user it provisions
 * (a token exchange's refresh token): one round trip and one commit instead of two, which on a
 * small machine is most of PostgreSQL's cost per exchange. Table and column names are code
 * constants of the caller, never input; the values are bound as parameters.
 *
 * @param userIdColumn the column that receives the provisioned user's id
 */
public record UserRowInsert(String table, List<String> columns, List<Object> values, String userIdColumn) {

    public UserRowInsert {
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException("one value per column");
        }
        columns = List.copyOf(columns);
        values = Collections.unmodifiableList(new ArrayList<>(values));   // values may be null
    }

    /** {@code insert into t (c1, c2, user) select ?, ?, o_user_id from <provisioned>}, nothing for a refused login */
    String sql(String provisioned) {
        return "insert into " + table + " (" + String.join(", ", columns) + ", " + userIdColumn + ") select "
                + "?, ".repeat(columns.size()) + "o_user_id from " + provisioned + " where o_user_id is not null";
    }
}
