package org.dhcpcluster.lease.readmodel;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Runs a DELETE limited to one batch until a batch comes back short: short transactions, no long locks. */
final class BatchedDelete {
    private BatchedDelete() {
    }

    /** {@code delete} must delete at most {@code batch} rows per run (autocommit on); returns how many went in all. */
    static long untilShort(PreparedStatement delete, int batch) throws SQLException {
        long total = 0;
        int deleted;
        do {
            deleted = delete.executeUpdate();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
