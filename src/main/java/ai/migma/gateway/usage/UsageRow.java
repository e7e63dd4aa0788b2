package ai.migma.gateway.usage;

/** Counts of one key in one minute, drained from memory and on their way to the database. */
record UsageRow(String keyId, long minute, long[] counts, long lastUsedMillis) {

    long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
